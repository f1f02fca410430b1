"""The Simple-API client against a local index serving a recorded (trimmed) JSON page, an
HTML page, and failures."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.http import HttpSettings, make_session
from scanner.releases.registries.pypi import PyPISource

DATA = Path(__file__).parent / "data"
JSON_TYPE = "application/vnd.pypi.simple.v1+json"


def _source(registry: FakeRegistry) -> PyPISource:
    session = make_session(HttpSettings(retries=0))
    return PyPISource(f"{registry.url}/simple", session, timeout=5)


def test_reads_versions_times_and_yanked_flags(fake_registry: FakeRegistry) -> None:
    fake_registry.add(
        "/simple/urllib3/", (DATA / "pypi-urllib3.json").read_bytes(), content_type=JSON_TYPE
    )
    history = _source(fake_registry).history("urllib3")
    releases = {release.version: release for release in history.releases}
    assert set(releases) == {
        "1.24.3", "1.25", "1.25.1", "1.26.20", "2.0.0a1", "2.0.0", "2.2.3", "2.8.0",
    }  # fmt: skip
    assert releases["1.25"].yanked and releases["1.25"].yanked_reason == "Broken release"
    assert not releases["1.26.20"].yanked
    assert releases["1.24.3"].published == datetime(2019, 5, 2, 15, 37, 44, 733782, timezone.utc)
    assert ("python", ">=3.8") in releases["2.2.3"].requires
    assert history.dated and history.status is None


def test_names_are_normalised_in_the_url(fake_registry: FakeRegistry) -> None:
    page = {"meta": {"api-version": "1.1"}, "name": "zope-interface", "files": []}
    fake_registry.add("/simple/zope-interface/", page, content_type=JSON_TYPE)
    assert _source(fake_registry).history("Zope.Interface").releases == ()


def test_an_html_only_index_gives_undated_releases(fake_registry: FakeRegistry) -> None:
    html = (
        "<!DOCTYPE html><html><body>"
        '<a href="../../p/demo-1.0.tar.gz#sha256=00">demo-1.0.tar.gz</a>'
        '<a href="../../p/demo-1.1-py3-none-any.whl" data-yanked="bad">'
        "demo-1.1-py3-none-any.whl</a></body></html>"
    )
    fake_registry.add("/simple/demo/", html, content_type="text/html")
    history = _source(fake_registry).history("demo")
    releases = {release.version: release for release in history.releases}
    assert set(releases) == {"1.0", "1.1"} and releases["1.1"].yanked
    assert not history.dated and releases["1.0"].published is None


def test_a_project_status_is_the_package_status(fake_registry: FakeRegistry) -> None:
    page = {
        "meta": {"api-version": "1.4", "project-status": "deprecated"},
        "project-status": {"status": "deprecated", "reason": "use demo2"},
        "name": "demo",
        "files": [],
    }
    fake_registry.add("/simple/demo/", page, content_type="application/vnd.pypi.simple.v1+json")
    status = _source(fake_registry).history("demo").status
    assert status is not None and status.startswith("deprecated")


def test_unknown_project(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct):
        _source(fake_registry).history("no-such-project")


@pytest.mark.parametrize(
    ("body", "content_type", "message"),
    [
        (b'{"files": [', JSON_TYPE, "malformed JSON"),
        (json.dumps({"files": "nope"}).encode(), JSON_TYPE, "not a project page"),
        (b"%PDF-1.4", "application/pdf", "not a project page"),
    ],
)
def test_documents_that_are_not_project_pages(
    fake_registry: FakeRegistry, body: bytes, content_type: str, message: str
) -> None:
    fake_registry.add("/simple/demo/", body, content_type=content_type)
    with pytest.raises(SourceUnavailable, match=message):
        _source(fake_registry).history("demo")
