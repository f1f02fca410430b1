"""The roadmap draft as JSON, in the shape of ``scanner/schema/roadmap.schema.json``."""

from __future__ import annotations

from scanner.debt.model import Roadmap
from scanner.debt.serialize import roadmap_to_json


def render_json(roadmap: Roadmap) -> str:
    """The roadmap as indented JSON text with a trailing newline (see
    :func:`scanner.debt.serialize.roadmap_to_dict`)."""
    return roadmap_to_json(roadmap)
