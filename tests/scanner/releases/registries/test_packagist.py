"""The Packagist client against a local registry serving Composer v2 metadata files in the
documented shape (``{"packages": {name: [versions]}, "minified": "composer/2.0"}``, the
versions minified as composer/metadata-minifier does)."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.registries.packagist import PackagistSource, expand, parse_metadata

DATA = Path(__file__).parent / "data"

MONOLOG: dict[str, Any] = {
    "packages": {
        "monolog/monolog": [
            {
                "name": "monolog/monolog",
                "description": "Sends your logs to files, sockets, inboxes, databases and more",
                "version": "3.5.0",
                "version_normalized": "3.5.0.0",
                "type": "library",
                "time": "2023-10-27T15:32:31+00:00",
                "require": {"php": ">=8.1", "psr/log": "^2.0 || ^3.0"},
                "suggest": {"ext-mbstring": "Allow to work properly with unicode symbols"},
            },
            {
                "version": "3.4.0",
                "version_normalized": "3.4.0.0",
                "time": "2023-06-21T08:46:11+00:00",
            },
            {
                "version": "2.9.2",
                "version_normalized": "2.9.2.0",
                "time": "2023-10-27T15:25:26+00:00",
                "require": {"php": ">=7.2", "psr/log": "^1.0.1 || ^2.0 || ^3.0"},
                "suggest": "__unset",
            },
            {
                "version": "3.0.0-RC1",
                "version_normalized": "3.0.0.0-RC1",
                "time": "2022-05-08T21:50:49+00:00",
                "require": {"php": ">=8.1", "psr/log": "^2.0 || ^3.0"},
            },
        ]
    },
    "security-advisories": [],
    "minified": "composer/2.0",
}


def _source(registry: FakeRegistry, timeout: float = 5.0) -> PackagistSource:
    return PackagistSource(registry.url, timeout=timeout)


def test_reads_a_minified_file(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/p2/monolog/monolog.json", MONOLOG)
    history = _source(fake_registry).history("monolog/monolog")
    releases = {release.version: release for release in history.releases}
    assert [release.version for release in history.releases] == [
        "3.5.0",
        "3.4.0",
        "2.9.2",
        "3.0.0-RC1",
    ]
    assert (history.ecosystem, history.source, history.status, history.replacement) == (
        "composer",
        "Packagist",
        None,
        None,
    )
    assert history.url == f"{fake_registry.url}/p2/monolog/monolog.json"
    assert releases["3.5.0"].published == datetime(2023, 10, 27, 15, 32, 31, tzinfo=timezone.utc)
    # 3.4.0 inherits 3.5.0's requirements; 2.9.2 replaces them whole.
    assert releases["3.4.0"].requires == (("php", ">=8.1"),)
    assert releases["2.9.2"].requires == (("php", ">=7.2"),)
    assert fake_registry.seen["/p2/monolog/monolog.json"] == 1


def test_expansion_inherits_replaces_and_unsets_keys() -> None:
    expanded = expand(MONOLOG["packages"]["monolog/monolog"])
    assert expanded[1]["require"] == {"php": ">=8.1", "psr/log": "^2.0 || ^3.0"}
    assert expanded[1]["suggest"] == expanded[0]["suggest"]
    assert "suggest" not in expanded[2] and "suggest" not in expanded[3]
    assert expanded[3]["description"] == expanded[0]["description"]
    assert MONOLOG["packages"]["monolog/monolog"][1] == {
        "version": "3.4.0",
        "version_normalized": "3.4.0.0",
        "time": "2023-06-21T08:46:11+00:00",
    }  # the input is left as it was


def test_expansion_matches_composers_own_example() -> None:
    # composer/metadata-minifier's tests/MetadataMinifierTest.php, minified and expanded.
    minified: list[dict[str, Any]] = [
        {
            "name": "foo/bar",
            "version": "2.0.0",
            "version_normalized": "2.0.0.0",
            "type": "library",
            "scripts": {"foo": ["bar"]},
            "license": ["MIT"],
        },
        {
            "version": "1.2.0",
            "version_normalized": "1.2.0.0",
            "license": ["GPL"],
            "homepage": "https://example.org",
            "scripts": "__unset",
        },
        {"version": "1.0.0", "version_normalized": "1.0.0.0", "homepage": "__unset"},
    ]
    common = {"name": "foo/bar", "type": "library"}
    assert expand(minified) == [
        {
            **common,
            "version": "2.0.0",
            "version_normalized": "2.0.0.0",
            "scripts": {"foo": ["bar"]},
            "license": ["MIT"],
        },
        {
            **common,
            "version": "1.2.0",
            "version_normalized": "1.2.0.0",
            "license": ["GPL"],
            "homepage": "https://example.org",
        },
        {**common, "version": "1.0.0", "version_normalized": "1.0.0.0", "license": ["GPL"]},
    ]


def test_an_abandoned_package_names_its_replacement(fake_registry: FakeRegistry) -> None:
    document = json.loads((DATA / "packagist-swiftmailer.json").read_text())
    fake_registry.add("/p2/swiftmailer/swiftmailer.json", document)
    history = _source(fake_registry).history("swiftmailer/swiftmailer")
    releases = {release.version: release for release in history.releases}
    assert (history.status, history.replacement) == ("abandoned", "symfony/mailer")
    assert releases["v5.4.12"].requires == (("php", ">=5.3.3"),)
    assert releases["v6.2.7"].published == datetime(2021, 3, 9, 12, 30, 35, tzinfo=timezone.utc)


def test_abandoned_without_a_replacement() -> None:
    document = {
        "packages": {"acme/old": [{"version": "1.0.0", "abandoned": True}]},
        "minified": "composer/2.0",
    }
    history = parse_metadata(document, "acme/old", "http://repo/p2/acme/old.json")
    assert (history.status, history.replacement) == ("abandoned", None)


def test_a_file_that_is_not_minified_is_read_as_it_is() -> None:
    document = {
        "packages": {
            "acme/lib": [
                {"version": "2.0.0", "require": {"php": "^8.1"}, "abandoned": "acme/new"},
                {"version": "1.0.0"},
            ]
        }
    }
    history = parse_metadata(document, "acme/lib", "http://repo/p2/acme/lib.json")
    assert [release.requires for release in history.releases] == [(("php", "^8.1"),), ()]
    assert history.replacement == "acme/new"


def test_the_package_key_is_matched_ignoring_case() -> None:
    document = {"packages": {"Acme/Lib": [{"version": "1.0.0"}]}}
    history = parse_metadata(document, "acme/lib", "http://repo/p2/acme/lib.json")
    assert [release.version for release in history.releases] == ["1.0.0"]


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("2023-10-27T15:32:31+00:00", datetime(2023, 10, 27, 15, 32, 31, tzinfo=timezone.utc)),
        ("2023-10-27T17:32:31+02:00", datetime(2023, 10, 27, 15, 32, 31, tzinfo=timezone.utc)),
        ("2023-10-27T15:32:31Z", datetime(2023, 10, 27, 15, 32, 31, tzinfo=timezone.utc)),
        ("2023-10-27 15:32:31", datetime(2023, 10, 27, 15, 32, 31, tzinfo=timezone.utc)),
        ("2023-10-27", datetime(2023, 10, 27, tzinfo=timezone.utc)),
        ("last Tuesday", None),
        (None, None),
    ],
)
def test_times_in_every_form_composer_allows(written: str | None, expected: datetime) -> None:
    document = {"packages": {"acme/lib": [{"version": "1.0.0", "time": written}]}}
    history = parse_metadata(document, "acme/lib", "http://repo/p2/acme/lib.json")
    assert history.releases[0].published == expected


def test_names_are_quoted_in_the_url(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/p2/acme/lib%23x.json", {"packages": {"acme/lib#x": []}})
    assert _source(fake_registry).history("acme/lib#x").releases == ()


def test_unknown_package(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct):
        _source(fake_registry).history("acme/no-such-package")


@pytest.mark.parametrize("name", ["monolog", "a/b/c", "/monolog", "monolog/"])
def test_a_name_that_is_not_vendor_package(fake_registry: FakeRegistry, name: str) -> None:
    with pytest.raises(UnknownProduct, match="not vendor/package"):
        _source(fake_registry).history(name)
    assert sum(fake_registry.seen.values()) == 0


@pytest.mark.parametrize(
    "document",
    [
        [],
        {"packages": []},
        {"packages": {"other/package": []}},
        {"packages": {"acme/lib": {"1.0.0": {}}}},
        {"packages": {"acme/lib": ["1.0.0"]}},
        {"packages": {"acme/lib": [{"time": "2020-01-01"}]}, "minified": "composer/2.0"},
    ],
)
def test_documents_of_the_wrong_shape(document: object) -> None:
    with pytest.raises(SourceUnavailable, match=re.escape("http://repo/p2/acme/lib.json")):
        parse_metadata(document, "acme/lib", "http://repo/p2/acme/lib.json")


def test_a_server_error(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/p2/monolog/monolog.json", "<html>oops</html>", status=500)
    with pytest.raises(SourceUnavailable, match="Packagist answered 500"):
        _source(fake_registry).history("monolog/monolog")


def test_malformed_json(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/p2/monolog/monolog.json", b'{"packages": {"monolog/monolog": [')
    with pytest.raises(SourceUnavailable, match="malformed JSON"):
        _source(fake_registry).history("monolog/monolog")
