"""Versions from declared ranges of every ecosystem, from image tags, and their releases."""

from __future__ import annotations

import pytest

from detectors.technologies.versions import clean, lowest_declared, release, version_of_tag


@pytest.mark.parametrize(
    ("declared", "lowest"),
    [
        # PEP 440
        (">=4.2", "4.2"),
        (">=4.2,<5", "4.2"),
        (">= 4.2, < 5", "4.2"),
        ("~=4.2.0", "4.2.0"),
        ("==1.11.29", "1.11.29"),
        ("==1.11.*", "1.11"),
        ("===2.0", "2.0"),
        (">=3.8,!=3.9.0", "3.8"),
        ("<5", None),
        ("!=1.0", None),
        (">1.2", None),
        # npm, Cargo
        ("^18.2.0", "18.2.0"),
        ("~1.2.3", "1.2.3"),
        ("1.8.x", "1.8"),
        ("1.x", "1"),
        ("18.2.0", "18.2.0"),
        ("v1.2.3", "1.2.3"),
        (">=1.2.7 <1.3.0", "1.2.7"),
        ("1.2.3 - 2.3.4", "1.2.3"),
        ("^1.0.0 || ^2.0.0", "1.0.0"),
        ("^3.0.0 || ^2.5.0", "2.5.0"),
        ("^18.3.0-canary.1", "18.3.0-canary.1"),
        ("npm:@scope/real@^2.1.0", "2.1.0"),
        ("=1.2.3", "1.2.3"),
        ("*", None),
        ("", None),
        ("latest", None),
        ("workspace:*", None),
        ("file:../shared", None),
        ("git+https://github.com/o/r.git#v1.2.0", None),
        ("<2 || ^3", None),
        # RubyGems, Hex
        ("~> 7.1", "7.1"),
        ("~> 7.1.3", "7.1.3"),
        (">= 6.0, < 8", "6.0"),
        ("'>= 5.0', '< 7'", "5.0"),
        (">= 1.0.0 and < 2.0.0", "1.0.0"),
        ("~> 1.5.9 or ~> 1.6", "1.5.9"),
        # Composer
        ("^7.4|^8.0", "7.4"),
        ("^10.0", "10.0"),
        ("10.*", "10"),
        ("^1.0@dev", "1.0"),
        ("dev-main", None),
        ("1.0.x-dev", "1.0"),
        ("v2.1.0", "2.1.0"),
        # Maven, NuGet
        ("[1.0,2.0)", "1.0"),
        ("[1.2.3]", "1.2.3"),
        ("[1.0,)", "1.0"),
        ("(1.0,2.0]", None),
        ("(,1.0]", None),
        ("[1.0,2.0),[3.0,4.0)", "1.0"),
        ("1.*", "1"),
        ("${spring.version}", None),
        ("RELEASE", None),
        ("1.0-SNAPSHOT", "1.0-SNAPSHOT"),
        # Go
        ("v0.0.0-20210101000000-abcdef123456", "0.0.0-20210101000000-abcdef123456"),
    ],
)
def test_lowest_version_a_declared_range_admits(declared: str, lowest: str | None) -> None:
    assert lowest_declared(declared) == lowest


@pytest.mark.parametrize(
    ("tag", "version"),
    [
        ("15.3-bullseye", "15.3"),
        ("8-alpine", "8"),
        ("7.17.3", "7.17.3"),
        ("3.8-slim", "3.8"),
        ("v2.10", "2.10"),
        ("17.0.8_7-jre", "17.0.8"),
        ("3.9.11-management", "3.9.11"),
        ("2022-latest", "2022"),
        ("1.25.3-alpine3.18", "1.25.3"),
        ("latest", None),
        ("stable-alpine", None),
        ("jammy", None),
        ("pg16", None),
        ("RELEASE.2023-09-04T19-57-37Z", None),
    ],
)
def test_an_image_tag_gives_its_leading_release(tag: str, version: str | None) -> None:
    assert version_of_tag(tag) == version


def test_release_is_the_leading_numbers_and_clean_tidies_a_version() -> None:
    assert release("4.2.11") == (4, 2, 11)
    assert release("v1.9.1") == (1, 9, 1)
    assert release("8-alpine") == (8,)
    assert release("latest") is None
    assert release(None) is None
    assert clean("v6.3.1") == "6.3.1"
    assert clean("4.2.0rc1") == "4.2.0rc1"
    assert clean("1.2.x") == "1.2"
    assert clean("dev-main") is None


@pytest.mark.parametrize(
    ("tag", "key", "version"),
    [
        ("jammy", "ubuntu", "22.04"),
        ("focal-20240123", "ubuntu", "20.04"),
        ("bookworm-slim", "debian", "12"),
        ("jammy", "debian", None),
        ("22.04", "ubuntu", "22.04"),
        ("latest", "ubuntu", None),
    ],
)
def test_os_codename_tags(tag: str, key: str, version: str | None) -> None:
    assert version_of_tag(tag, key) == version
