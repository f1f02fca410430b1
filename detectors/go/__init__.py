"""The Go detector: ``go.mod``, ``go.sum`` and ``go.work``."""
