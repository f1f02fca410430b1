"""Images named in CI files: the shared reference parser (tested in tests/detectors/common)
plus what CI adds — variables the file defines, defaults, evidence at the line."""

from __future__ import annotations

import pytest

from detectors.ci.images import image_technology
from scanner.detector import FileContent, SourceFile

FILE = SourceFile(FileContent(".gitlab-ci.yml", b""), "ci")
DIGEST = "sha256:" + "ab" * 32


def test_technology_shape_and_evidence() -> None:
    exact = image_technology(FILE, " postgres:15.3.1 ", 7, "job 'db' service")
    assert exact is not None
    assert (exact.key, exact.name, exact.category) == ("postgres", "postgres", "container-image")
    assert (exact.version, exact.version_source, exact.version_note) == ("15.3.1", "resolved", None)
    assert exact.evidence[0].line == 7
    assert exact.evidence[0].reason == "job 'db' service: postgres:15.3.1"
    assert exact.evidence[0].detector == "ci"
    untagged = image_technology(FILE, "redis", 1, "x")
    assert untagged is not None and untagged.version is None
    assert untagged.version_note == "no tag (latest)"
    digest = image_technology(FILE, f"alpine@{DIGEST}", 1, "x")
    assert digest is not None and digest.version is None
    assert DIGEST in (digest.version_note or "")


def test_variables_are_substituted_or_noted() -> None:
    defaulted = image_technology(FILE, "python:${PY:-3.12}", 1, "x")
    assert defaulted is not None and defaulted.version == "3.12"
    assert "tag from the default of $PY" in (defaulted.version_note or "")
    known = image_technology(FILE, "$BASE:${TAG}", 1, "x", {"BASE": "node", "TAG": "20"})
    assert known is not None and (known.key, known.version) == ("node", "20")
    unknown_tag = image_technology(FILE, "node:$NODE_VERSION", 1, "x")
    assert unknown_tag is not None and unknown_tag.key == "node" and unknown_tag.version is None
    assert "NODE_VERSION" in (unknown_tag.version_note or "")


@pytest.mark.parametrize(
    "text",
    ["$CI_REGISTRY_IMAGE:latest", "${REGISTRY}/app:1", "", "two words", "a:b:c", "${UNCLOSED"],
)
def test_no_image_can_be_named(text: str) -> None:
    assert image_technology(FILE, text, 1, "x") is None
