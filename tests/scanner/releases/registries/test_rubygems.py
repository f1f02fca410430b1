"""The RubyGems.org client against a local registry serving version lists in the shape the
RubyGems.org API guide documents for ``GET /api/v1/versions/[GEM NAME].json``."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.registries.rubygems import RubyGemsSource, parse_versions

PATH = "/api/v1/versions/sample_gem.json"


def _version(number: str, created: str, **fields: Any) -> dict[str, Any]:
    return {
        "authors": "Sample Authors",
        "built_at": created[:10] + "T00:00:00.000Z",
        "created_at": created,
        "description": "A sample gem",
        "downloads_count": 1234,
        "metadata": {},
        "number": number,
        "summary": "A sample gem",
        "platform": "ruby",
        "rubygems_version": ">= 0",
        "ruby_version": None,
        "prerelease": False,
        "licenses": ["MIT"],
        "requirements": [],
        "sha": "0" * 64,
        **fields,
    }


VERSIONS = [
    _version(
        "1.16.0",
        "2023-12-27T17:00:12.345Z",
        platform="x86_64-linux",
        ruby_version=">= 3.0, < 3.4.dev",
    ),
    _version("1.16.0", "2023-12-27T17:02:00.000Z", ruby_version=">= 3.0.0"),
    _version("1.16.0", "2023-12-27T16:59:59.999Z", platform="java", ruby_version=">= 3.0, < 3.4"),
    _version("1.16.0.rc1", "2023-12-01T10:00:00.000Z", prerelease=True, ruby_version=">= 3.0.0"),
    _version("1.15.5", "2023-11-17T18:00:00.000Z", ruby_version=">= 2.7.0"),
    _version("1.0.0", "2009-02-01T01:02:03.000Z", ruby_version=">= 0"),
    _version("0.9.0", "2008-10-30T00:00:00.000Z"),
]


def test_one_release_per_number_dated_by_its_first_file(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, VERSIONS)
    history = RubyGemsSource(fake_registry.url).history("sample_gem")
    releases = {release.version: release for release in history.releases}
    assert history.ecosystem == "gem"
    assert history.source == "RubyGems.org"
    assert history.dated
    assert history.latest is None
    assert set(releases) == {"1.16.0", "1.16.0.rc1", "1.15.5", "1.0.0", "0.9.0"}
    assert releases["1.16.0"].published == datetime(
        2023, 12, 27, 16, 59, 59, 999000, tzinfo=timezone.utc
    )
    # The pure-Ruby gem's requirement, not a platform gem's.
    assert releases["1.16.0"].requires == (("ruby", ">= 3.0.0"),)
    assert releases["1.15.5"].requires == (("ruby", ">= 2.7.0"),)
    assert releases["1.0.0"].requires == ()
    assert releases["0.9.0"].requires == ()
    assert not any(release.yanked for release in history.releases)
    assert fake_registry.seen == {PATH: 1}


def test_a_platform_gem_speaks_when_there_is_no_pure_ruby_one() -> None:
    history = parse_versions(
        [_version("2.0.0", "2024-01-01T00:00:00.000Z", platform="java", ruby_version=">= 3.1")],
        "sample_gem",
        "u",
    )
    assert history.releases[0].requires == (("ruby", ">= 3.1"),)


def test_unknown_gem(fake_registry: FakeRegistry) -> None:
    fake_registry.add(
        "/api/v1/versions/missing.json",
        "This rubygem could not be found.",
        status=404,
        content_type="text/plain",
    )
    with pytest.raises(UnknownProduct, match=r"RubyGems\.org has no"):
        RubyGemsSource(fake_registry.url).history("missing")


@pytest.mark.parametrize(
    "document",
    [
        {"name": "sample_gem", "version": "1.16.0"},
        [{"created_at": "2023-12-27T17:00:00.000Z"}],
        ["1.16.0"],
    ],
)
def test_a_document_of_another_shape(fake_registry: FakeRegistry, document: object) -> None:
    fake_registry.add(PATH, document)
    with pytest.raises(SourceUnavailable, match=PATH):
        RubyGemsSource(fake_registry.url).history("sample_gem")


def test_undated_files_leave_the_history_partly_dated() -> None:
    history = parse_versions([_version("1.0.0", "")], "sample_gem", "u")
    assert history.releases[0].published is None
    assert not history.dated


def test_a_connection_dropped_mid_answer(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, VERSIONS * 20, drop=True)
    with pytest.raises(SourceUnavailable, match="dropped"):
        RubyGemsSource(fake_registry.url).history("sample_gem")


def test_server_error(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, "<html>We're sorry</html>", status=503, content_type="text/html")
    with pytest.raises(SourceUnavailable, match="answered 503"):
        RubyGemsSource(fake_registry.url).history("sample_gem")


def test_malformed_json(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, b'[{"number": "1.16.0", ')
    with pytest.raises(SourceUnavailable, match="malformed JSON"):
        RubyGemsSource(fake_registry.url).history("sample_gem")


def test_timeout(fake_registry: FakeRegistry) -> None:
    fake_registry.add(PATH, VERSIONS, delay=0.5)
    with pytest.raises(SourceUnavailable, match="timed out"):
        RubyGemsSource(fake_registry.url, timeout=0.1).history("sample_gem")
