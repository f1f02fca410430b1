"""The crates.io client against a local registry serving crate documents in the shape the
crates.io OpenAPI description gives for ``GET /api/v1/crates/{name}``."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.http import HttpSettings, make_session
from scanner.releases.registries.crates import CratesSource, parse_crate

DATA = Path(__file__).parent / "data"
PATH = "/api/v1/crates/sample-crate"


def _document() -> Any:
    return json.loads((DATA / "crates-sample-crate.json").read_text())


def test_reads_versions_yanks_rust_versions_and_latest(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, _document())
    history = CratesSource(fake_registry.url).history("sample-crate", wanted=["1.0.0"])
    releases = {release.version: release for release in history.releases}
    assert history.ecosystem == "cargo"
    assert history.source == "crates.io"
    assert history.latest == "1.2.0"
    assert history.dated
    assert history.status is None
    assert set(releases) == {"2.0.0-beta.1", "1.2.0", "1.1.0", "1.0.0"}
    assert releases["1.2.0"].published == datetime(2023, 11, 20, 9, 30, 0, 500000, timezone.utc)
    assert releases["1.2.0"].requires == (("rust", "1.70"),)
    assert releases["1.1.0"].yanked
    assert releases["1.1.0"].yanked_reason == "Security vulnerability"
    assert releases["1.0.0"].requires == ()
    assert releases["1.0.0"].published == datetime(2021, 5, 1, 8, 0, tzinfo=timezone.utc)
    assert not releases["1.0.0"].yanked
    assert fake_registry.seen == {f"{PATH}?include=versions": 1}


def test_works_through_the_shared_cached_session(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, _document())
    source = CratesSource(fake_registry.url, make_session(HttpSettings(retries=0)), timeout=5)
    assert source.history("sample-crate").latest == "1.2.0"
    assert source.history("sample-crate").latest == "1.2.0"
    assert fake_registry.seen[f"{PATH}?include=versions"] == 1


def test_default_version_stands_in_for_a_missing_max_stable_version() -> None:
    document = _document()
    del document["crate"]["max_stable_version"]
    assert parse_crate(document, "sample-crate", "u").latest == "1.2.0"
    document["crate"]["default_version"] = None
    assert parse_crate(document, "sample-crate", "u").latest is None


def test_unknown_crate(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct, match=r"crates\.io has no"):
        CratesSource(fake_registry.url).history("no-such-crate")


@pytest.mark.parametrize(
    "document",
    [
        {"errors": [{"detail": "Not Found"}]},
        {"crate": {"name": "sample-crate"}, "versions": None},
        {"crate": {"name": "sample-crate"}, "versions": [{"created_at": "2024-01-01T00:00:00Z"}]},
        ["sample-crate"],
    ],
)
def test_a_document_of_another_shape(fake_registry: FakeRegistry, document: object) -> None:
    fake_registry.add(PATH, document)
    with pytest.raises(SourceUnavailable, match=f"{PATH}"):
        CratesSource(fake_registry.url).history("sample-crate")


def test_unreadable_times_leave_the_release_undated() -> None:
    document = _document()
    document["versions"][0]["created_at"] = "yesterday"
    history = parse_crate(document, "sample-crate", "u")
    release = history.release("2.0.0-beta.1")
    assert release is not None
    assert release.published is None
    assert not history.dated


def test_server_error(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, "<html>oops</html>", status=500, content_type="text/html")
    with pytest.raises(SourceUnavailable, match="answered 500"):
        CratesSource(fake_registry.url).history("sample-crate")


def test_malformed_json(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, b'{"crate": {"name": "sample-crate"}, "versions": [')
    with pytest.raises(SourceUnavailable, match="malformed JSON"):
        CratesSource(fake_registry.url).history("sample-crate")


def test_timeout(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, _document(), delay=0.5)
    with pytest.raises(SourceUnavailable, match="timed out"):
        CratesSource(fake_registry.url, timeout=0.1).history("sample-crate")


def test_names_are_quoted(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct):
        CratesSource(fake_registry.url).history("../secrets")
    assert list(fake_registry.seen) == ["/api/v1/crates/..%2Fsecrets?include=versions"]
