"""Renderers of scan results (JSON, Markdown, terminal text), registered through the
``stackaudit.reporters`` entry-point group, and their Jinja2 templates."""
