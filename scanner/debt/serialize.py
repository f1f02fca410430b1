"""The roadmap draft as a JSON document of a versioned, documented shape.

The shape is described by ``scanner/schema/roadmap.schema.json`` (JSON Schema 2020-12) and in
``docs/roadmap.md``. ``SCHEMA_VERSION`` is the roadmap's own, apart from the scan report's; it
follows the same rule: a new optional field bumps the minor version, anything that can break
a reader bumps the major.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from pathlib import Path
from typing import Any

from scanner.debt.model import Roadmap

SCHEMA_VERSION = "1.0"
SCHEMA_PATH = Path(__file__).parent.parent / "schema" / "roadmap.schema.json"


def roadmap_to_dict(roadmap: Roadmap) -> dict[str, Any]:
    """The roadmap as plain JSON-compatible data: ``schema_version`` first, then every field
    of :class:`Roadmap` under its own name, records as objects, tuples as arrays, enums as
    their values and ``None`` as null."""
    return {"schema_version": SCHEMA_VERSION, **_record(roadmap)}


def roadmap_to_json(roadmap: Roadmap) -> str:
    """The roadmap as indented JSON text with a trailing newline."""
    return json.dumps(roadmap_to_dict(roadmap), indent=2, ensure_ascii=False) + "\n"


def _record(record: Any) -> dict[str, Any]:
    return {field.name: _plain(getattr(record, field.name)) for field in dataclasses.fields(record)}


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _record(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
