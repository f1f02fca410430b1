"""docs/roadmap.md stays true to the roadmap's JSON Schema and CSV columns."""

from __future__ import annotations

import json

from helpers import REPO_ROOT

from reports.roadmap.csv_writer import COLUMNS
from scanner.debt.serialize import SCHEMA_PATH, SCHEMA_VERSION

DOC = REPO_ROOT / "docs" / "roadmap.md"


def test_every_schema_field_is_documented() -> None:
    """Each property the roadmap's JSON Schema defines is mentioned in docs/roadmap.md."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    text = DOC.read_text(encoding="utf-8")
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names |= set(definition.get("properties", {}))
    missing = sorted(name for name in names if f"`{name}`" not in text)
    assert missing == []


def test_the_doc_names_the_schema_version() -> None:
    assert f'`schema_version` is `"{SCHEMA_VERSION}"`' in DOC.read_text(encoding="utf-8")


def test_every_csv_column_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert [column for column in COLUMNS if f"\n| {column} | " not in text] == []
