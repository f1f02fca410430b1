"""The NuGet client against a local feed serving the documented V3 documents: the service
index, registration indexes with inline pages, and pages fetched by their ``@id`` (the data
files write the feed's address as ``{base}``)."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from fake_registry import FakeRegistry, Route

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.registries.nuget import (
    NuGetSource,
    pages_to_fetch,
    parse_registration,
    parse_service_index,
)

DATA = Path(__file__).parent / "data"
HIVE = "/v3/registration5-gz-semver2"
INDEX = "http://feed/v3/registration5-gz-semver2/acme/index.json"


def _document(file: str, base: str = "http://feed") -> Any:
    return json.loads((DATA / file).read_text().replace("{base}", base))


def _feed(registry: FakeRegistry) -> FakeRegistry:
    """``registry`` serving the service index, Newtonsoft.Json (one inline page) and
    WindowsAzure.Storage (an inline page and one to fetch)."""
    registry.add("/v3/index.json", _document("nuget-service-index.json", registry.url))
    registry.add(
        f"{HIVE}/newtonsoft.json/index.json",
        _document("nuget-newtonsoft.json-index.json", registry.url),
    )
    registry.add(
        f"{HIVE}/windowsazure.storage/index.json",
        _document("nuget-windowsazure.storage-index.json", registry.url),
    )
    registry.add(
        f"{HIVE}/windowsazure.storage/page/9.4.0-preview/9.4.0-preview.json",
        _document("nuget-windowsazure.storage-page.json", registry.url),
    )
    return registry


def _source(registry: FakeRegistry, timeout: float = 5.0) -> NuGetSource:
    return NuGetSource(registry.url, timeout=timeout)


def _leaf(version: str, **entry: object) -> dict[str, Any]:
    return {"@id": f"http://feed/{version}.json", "catalogEntry": {"version": version, **entry}}


def _index(*leaves: dict[str, Any]) -> dict[str, Any]:
    page = {"@id": f"{INDEX}#page", "count": len(leaves), "items": list(leaves)}
    return {"count": 1, "items": [page]}


def test_reads_an_inline_registration(fake_registry: FakeRegistry) -> None:
    history = _source(_feed(fake_registry)).history("newtonsoft.json")
    releases = {release.version: release for release in history.releases}
    assert list(releases) == ["12.0.1", "13.0.1", "13.0.2-beta1", "13.0.3"]
    assert history.url == f"{fake_registry.url}{HIVE}/newtonsoft.json/index.json"
    assert (history.ecosystem, history.source, history.status, history.dated) == (
        "nuget",
        "NuGet",
        None,
        True,
    )
    # Any number of fraction digits, as NuGet writes them.
    assert releases["13.0.1"].published == datetime(
        2021, 3, 22, 19, 51, 2, 430000, tzinfo=timezone.utc
    )
    assert releases["13.0.3"].published == datetime(
        2023, 3, 8, 7, 42, 54, 647000, tzinfo=timezone.utc
    )
    assert not releases["13.0.3"].yanked  # "listed" is absent: listed
    unlisted = releases["12.0.1"]
    assert (unlisted.yanked, unlisted.yanked_reason, unlisted.published) == (
        True,
        "unlisted",
        None,  # nuget.org's 1900-01-01 placeholder
    )


def test_pages_are_fetched_by_their_id_and_deprecation_is_read(
    fake_registry: FakeRegistry,
) -> None:
    history = _source(_feed(fake_registry)).history("windowsazure.storage")
    releases = {release.version: release for release in history.releases}
    assert list(releases) == ["9.3.2", "9.3.3", "9.4.0-preview"]
    assert releases["9.4.0-preview"].published == datetime(
        2019, 1, 15, 9, 58, 12, 123456, tzinfo=timezone.utc
    )
    message = (
        "Please note, a newer package is available which is not a continuation of this package."
    )
    assert releases["9.3.3"].deprecated == f"{message} (legacy); use Azure.Storage.Blobs"
    assert releases["9.4.0-preview"].deprecated is None
    # The newest listed stable version decides, not a newer pre-release.
    assert history.status == f"deprecated: {message} (legacy); use Azure.Storage.Blobs"
    assert history.replacement == "Azure.Storage.Blobs"
    page = f"{HIVE}/windowsazure.storage/page/9.4.0-preview/9.4.0-preview.json"
    assert fake_registry.seen[page] == 1


def test_the_service_index_is_read_once_per_source(fake_registry: FakeRegistry) -> None:
    source = _source(_feed(fake_registry))
    source.history("newtonsoft.json")
    source.history("windowsazure.storage")
    source.history("newtonsoft.json")
    assert fake_registry.seen["/v3/index.json"] == 1
    assert fake_registry.seen[f"{HIVE}/newtonsoft.json/index.json"] == 2


def test_threads_share_one_reading_of_the_service_index(fake_registry: FakeRegistry) -> None:
    _feed(fake_registry)
    fake_registry.add(
        "/v3/index.json", _document("nuget-service-index.json", fake_registry.url), delay=0.2
    )
    source = _source(fake_registry)
    with ThreadPoolExecutor(max_workers=6) as pool:
        histories = list(pool.map(source.history, ["newtonsoft.json"] * 6))
    assert {len(history.releases) for history in histories} == {4}
    assert fake_registry.seen["/v3/index.json"] == 1


def test_a_failed_service_index_is_asked_again(fake_registry: FakeRegistry) -> None:
    _feed(fake_registry)
    fake_registry.script("/v3/index.json", Route(503, b"{}"))
    source = _source(fake_registry)
    with pytest.raises(SourceUnavailable, match="answered 503"):
        source.history("newtonsoft.json")
    assert len(source.history("newtonsoft.json").releases) == 4
    assert fake_registry.seen["/v3/index.json"] == 2


@pytest.mark.parametrize(
    ("types", "chosen"),
    [
        (["RegistrationsBaseUrl", "RegistrationsBaseUrl/3.6.0", "RegistrationsBaseUrl/3.4.0"], 1),
        (["RegistrationsBaseUrl/3.0.0-rc", "RegistrationsBaseUrl/3.4.0"], 1),
        (["SearchQueryService", "RegistrationsBaseUrl"], 1),
        (["RegistrationsBaseUrl/Versioned", "PackageBaseAddress/3.0.0"], 0),
    ],
)
def test_the_registration_resource_is_chosen_by_type(types: list[str], chosen: int) -> None:
    resources = [{"@id": f"http://feed/r{i}", "@type": kind} for i, kind in enumerate(types)]
    document = {"version": "3.0.0", "resources": resources}
    assert parse_service_index(document, "http://feed/v3/index.json") == f"http://feed/r{chosen}/"


@pytest.mark.parametrize(
    "document",
    [[], {"version": "3.0.0"}, {"resources": [{"@id": "http://feed/q", "@type": "Search"}]}],
)
def test_service_indexes_of_the_wrong_shape(document: object) -> None:
    with pytest.raises(SourceUnavailable, match=re.escape("http://feed/v3/index.json")):
        parse_service_index(document, "http://feed/v3/index.json")


def test_a_feed_without_a_service_index(fake_registry: FakeRegistry) -> None:
    with pytest.raises(SourceUnavailable, match="no service index"):
        _source(fake_registry).history("newtonsoft.json")


def test_unknown_package(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct):
        _source(_feed(fake_registry)).history("no.such.package")


def test_ids_are_lower_cased_and_quoted(fake_registry: FakeRegistry) -> None:
    _feed(fake_registry)
    fake_registry.add(f"{HIVE}/acme%23lib/index.json", _index(_leaf("1.0.0")))
    assert len(_source(fake_registry).history("Acme#Lib").releases) == 1


def test_a_missing_page_is_a_broken_feed(fake_registry: FakeRegistry) -> None:
    _feed(fake_registry)
    del fake_registry.routes[f"{HIVE}/windowsazure.storage/page/9.4.0-preview/9.4.0-preview.json"]
    with pytest.raises(SourceUnavailable, match=r"page \S+ is missing"):
        _source(fake_registry).history("windowsazure.storage")


def test_a_timeout(fake_registry: FakeRegistry) -> None:
    _feed(fake_registry)
    fake_registry.add(f"{HIVE}/slow/index.json", _index(), delay=1.0)
    with pytest.raises(SourceUnavailable, match="timed out"):
        _source(fake_registry, timeout=0.2).history("slow")


@pytest.mark.parametrize(
    ("reasons", "message", "alternate", "text"),
    [
        (["Legacy"], None, None, "legacy"),
        (["criticalbugs", "LEGACY"], "Broken.", None, "Broken. (critical bugs, legacy)"),
        (["SomethingNew"], None, {"id": "Acme.Next", "range": "*"}, "other; use Acme.Next"),
        ([], "  ", {"range": "*"}, "other"),
    ],
)
def test_deprecation_text(
    reasons: list[str], message: str | None, alternate: object, text: str
) -> None:
    deprecation = {"reasons": reasons, "message": message, "alternatePackage": alternate}
    history = parse_registration(_index(_leaf("1.0.0", deprecation=deprecation)), {}, "acme", INDEX)
    assert history.releases[0].deprecated == text
    assert history.status == f"deprecated: {text}"


def test_an_unlisted_deprecated_version_does_not_deprecate_the_package() -> None:
    deprecation = {"reasons": ["CriticalBugs"]}
    index = _index(_leaf("1.0.0"), _leaf("1.1.0", listed=False, deprecation=deprecation))
    history = parse_registration(index, {}, "acme", INDEX)
    assert history.status is None
    assert history.releases[1].deprecated == "critical bugs"


def test_pages_to_fetch_are_those_without_items() -> None:
    index = {
        "count": 2,
        "items": [
            {"@id": f"{INDEX}#page/1", "items": []},
            {"@id": "http://feed/page/2.json", "lower": "2.0.0", "upper": "3.0.0"},
        ],
    }
    assert pages_to_fetch(index, INDEX) == ["http://feed/page/2.json"]


@pytest.mark.parametrize(
    ("index", "pages"),
    [
        ([], {}),
        ({"count": 1}, {}),
        ({"items": ["page"]}, {}),
        ({"items": [{"lower": "1.0.0"}]}, {}),
        ({"items": [{"@id": "http://feed/p.json"}]}, {"http://feed/p.json": {"count": 0}}),
        ({"items": [{"@id": "p", "items": [{"@id": "leaf"}]}]}, {}),
        ({"items": [{"@id": "p", "items": [{"catalogEntry": "http://feed/c.json"}]}]}, {}),
    ],
)
def test_registrations_of_the_wrong_shape(index: object, pages: dict[str, object]) -> None:
    with pytest.raises(SourceUnavailable, match=r"registration|http://feed"):
        parse_registration(index, pages, "acme", INDEX)


def test_malformed_json(fake_registry: FakeRegistry) -> None:
    _feed(fake_registry)
    fake_registry.add(f"{HIVE}/broken/index.json", b'{"count": 1, "items": [')
    with pytest.raises(SourceUnavailable, match="malformed JSON"):
        _source(fake_registry).history("broken")
