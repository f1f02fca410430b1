"""Technical debt: the catalog built from a scan's findings, the initiatives that resolve it,
their scores and lenses, and the roadmap draft that orders them into phases and quarters."""
