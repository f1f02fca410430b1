"""The npm client against a local registry serving documents built from the registry's
documented package-metadata format (the full document: versions, time, dist-tags)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.http import HttpSettings, make_session
from scanner.releases.registries.npm import NpmSource, parse_package_document

REQUEST_DOCUMENT = {
    "_id": "request",
    "name": "request",
    "dist-tags": {"latest": "2.88.2"},
    "versions": {
        "2.87.0": {"name": "request", "version": "2.87.0", "engines": {"node": ">= 4"}},
        "2.88.0": {
            "name": "request",
            "version": "2.88.0",
            "engines": {"node": ">= 4"},
            "deprecated": "request has been deprecated",
        },
        "2.88.2": {
            "name": "request",
            "version": "2.88.2",
            "engines": {"node": ">= 6"},
            "deprecated": "request has been deprecated",
        },
        "3.0.0-beta.1": {"name": "request", "version": "3.0.0-beta.1"},
    },
    "time": {
        "created": "2011-01-22T17:51:05.744Z",
        "modified": "2024-02-05T12:00:00.000Z",
        "2.87.0": "2018-05-21T16:35:48.116Z",
        "2.88.0": "2018-08-10T22:53:41.431Z",
        "2.88.2": "2020-02-11T16:38:32.133Z",
        "3.0.0-beta.1": "2020-01-01T00:00:00.000Z",
    },
}


def _source(registry: FakeRegistry, **scopes: str) -> NpmSource:
    session = make_session(HttpSettings(retries=0))
    return NpmSource(registry.url, session, timeout=5, scopes=scopes)


def test_reads_versions_times_tags_and_deprecation(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/request", REQUEST_DOCUMENT)
    history = _source(fake_registry).history("request")
    releases = {release.version: release for release in history.releases}
    assert history.latest == "2.88.2"
    assert history.status == "deprecated: request has been deprecated"
    assert releases["2.87.0"].deprecated is None
    assert releases["2.88.0"].published == datetime(2018, 8, 10, 22, 53, 41, 431000, timezone.utc)
    assert releases["2.88.2"].requires == (("node", ">= 6"),)


def test_scoped_names_are_escaped_and_may_have_their_own_registry(
    fake_registry: FakeRegistry,
) -> None:
    document = {"name": "@corp/ui", "dist-tags": {"latest": "1.0.0"}, "versions": {}, "time": {}}
    fake_registry.add("/corp-registry/@corp%2Fui", document)
    history = _source(fake_registry, **{"@corp": f"{fake_registry.url}/corp-registry/"}).history(
        "@corp/ui"
    )
    assert history.latest == "1.0.0"
    assert fake_registry.seen["/corp-registry/@corp%2Fui"] == 1


def test_an_unpublished_package() -> None:
    document = {"name": "gone", "time": {"unpublished": {"time": "2020-01-01T00:00:00Z"}}}
    history = parse_package_document(document, "gone", "http://registry/gone")
    assert history.status == "unpublished" and history.releases == ()


def test_unknown_package(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct):
        _source(fake_registry).history("no-such-package")


@pytest.mark.parametrize("document", [[], {"versions": []}, "text"])
def test_documents_of_the_wrong_shape(document: object) -> None:
    with pytest.raises(SourceUnavailable, match="http://registry/x"):
        parse_package_document(document, "x", "http://registry/x")


def test_a_dropped_connection(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/request", REQUEST_DOCUMENT, drop=True)
    with pytest.raises(SourceUnavailable, match="dropped"):
        _source(fake_registry).history("request")
