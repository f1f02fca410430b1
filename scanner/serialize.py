"""The scan result as a JSON document of a versioned, documented shape.

The shape is described by ``scanner/schema/scan-report.schema.json`` (JSON Schema 2020-12) and
in ``docs/output-schema.md``. ``SCHEMA_VERSION`` follows semantic versioning: a new optional
field bumps the minor version, anything that can break a reader bumps the major.
"""

from __future__ import annotations

import dataclasses
import json
from enum import Enum
from pathlib import Path
from typing import Any

from scanner.model import ScanReport

SCHEMA_VERSION = "1.2"
SCHEMA_PATH = Path(__file__).parent / "schema" / "scan-report.schema.json"


def report_to_dict(report: ScanReport) -> dict[str, Any]:
    """The report as plain JSON-compatible data: every field present, ``None`` as null."""
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "stackaudit", "version": report.tool_version},
        "generated_at": report.generated_at,
        "detectors": [_plain(info) for info in report.detectors],
        "scans": [_plain(scan) for scan in report.scans],
    }


def report_to_json(report: ScanReport) -> str:
    """The report as indented JSON text with a trailing newline."""
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"


def _plain(value: Any) -> Any:
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, ``None`` for any other type (looked up once)."""
    if kind not in _FIELD_NAMES:
        is_record = dataclasses.is_dataclass(kind)
        _FIELD_NAMES[kind] = (
            tuple(field.name for field in dataclasses.fields(kind)) if is_record else None
        )
    return _FIELD_NAMES[kind]
