"""The documentation stays true to the code."""

from __future__ import annotations

import json
import re

import pytest
from helpers import REPO_ROOT

from scanner.cli import main
from scanner.serialize import SCHEMA_PATH, SCHEMA_VERSION

DOCS = REPO_ROOT / "docs"


def test_detector_table_matches_the_installed_plugins(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["detectors", "--markdown"]) == 0
    generated = capsys.readouterr().out
    text = (DOCS / "detectors.md").read_text()
    documented = re.search(
        r"<!-- detectors-table:start -->\n(.*?)<!-- detectors-table:end -->", text, re.S
    )
    assert documented is not None, "docs/detectors.md lost its generated table markers"
    assert documented.group(1) == generated, (
        "docs/detectors.md is out of date: regenerate the table with "
        "`stackaudit detectors --markdown`"
    )


def test_output_schema_doc_names_the_schema_version() -> None:
    assert f'`schema_version` is `"{SCHEMA_VERSION}"`' in (DOCS / "output-schema.md").read_text()


def test_every_schema_field_is_documented() -> None:
    """Each property the JSON Schema defines is mentioned in docs/output-schema.md."""
    schema = json.loads(SCHEMA_PATH.read_text())
    text = (DOCS / "output-schema.md").read_text()
    names = set(schema["properties"])
    for definition in schema["$defs"].values():
        names |= set(definition.get("properties", {}))
    missing = sorted(name for name in names if f"`{name}`" not in text)
    assert missing == []
