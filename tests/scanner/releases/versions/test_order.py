"""Every scheme orders versions the way its ecosystem documents: each table runs from oldest
to newest, versions in one tuple being equal (same key, same hash)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from scanner.releases.versions import scheme_for

Table = list[str | tuple[str, ...]]

ORDERS: list[tuple[str, str, Table]] = [
    (
        "pypi",
        "PEP 440 summary of suffixes",
        [
            "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
            "1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1",
            ("1.0", "1", "1.0.0", "v1.0"), "1.0+abc.5", "1.0+abc.7", "1.0+5",
            "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "2026.3", "1!0.1",
        ],
    ),
    (
        "npm",
        "SemVer 2.0.0 section 11",
        [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", ("1.0.0", "v1.0.0", "1.0.0+build.5"), "1.0.1",
            "1.2.0", "1.10.0", "2.0.0-0", "2.0.0",
        ],
    ),
    (
        "cargo",
        "SemVer with build metadata ignored",
        [
            "0.9.0", ("0.11.1", "0.11.1+wasi-snapshot-preview1"), "0.11.2",
            "1.0.0-alpha.1", "1.0.0-beta", "1.0.0", "1.0.4+wasi-0.2.12",
            "2.0.16+zstd.1.5.7", "22.0.1",
        ],
    ),
    (
        "golang",
        "pseudo-versions by timestamp, below the release they lead to",
        [
            "v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20200101000000-aaaaaaaaaaaa",
            "v0.1.0", "v1.2.3", "v1.2.4-0.20191109021931-daa7c04131f5",
            "v1.2.4-0.20200101000000-0123456789ab", "v1.2.4-alpha",
            "v1.2.4-pre.0.20191109021931-daa7c04131f5", "v1.2.4",
            ("v2", "v2.0", "v2.0.0", "v2.0.0+incompatible"), "v2.1.4+incompatible", "v29.7.2",
        ],
    ),
    (
        "githubactions",
        "tags read as loose SemVer",
        [
            "v1.0.0-beta.1", ("v1", "1", "v1.0", "v1.0.0", "1.0.0"), "v1.0.1", "v1.2", "v2",
            "v4", "v4.1", "v4.1.2", "v10",
        ],
    ),
    (
        "maven",
        "ComparableVersionTest VERSIONS_QUALIFIER (Maven 3.9)",
        [
            "1-alpha2snapshot", "1-alpha2", "1-alpha-123", "1-beta-2", "1-beta123", "1-m2",
            "1-m11", "1-rc", "1-cr2", "1-rc123", "1-SNAPSHOT", "1", "1-sp", "1-sp2", "1-sp123",
            "1-abc", "1-def", "1-pom-1", "1-1-snapshot", "1-1", "1-2", "1-123",
        ],
    ),
    (
        "maven",
        "ComparableVersionTest VERSIONS_NUMBER (Maven 3.9)",
        [
            "2.0", "2.0.a", "2-1", "2.0.2", "2.0.123", "2.1.0", "2.1-a", "2.1b", "2.1-c",
            "2.1-1", "2.1.0.1", "2.2", "2.123", "11.a2", "11.a11", "11.b2", "11.b11", "11.m2",
            "11.m11", "11", "11.a", "11b", "11c", "11m",
        ],
    ),
    (
        "maven",
        "qualifiers and release aliases as written in POMs",
        [
            "1.0-alpha-1-SNAPSHOT", "1.0-alpha-1", "1.0-alpha-2", "1.0-beta-1", "1.0-M1",
            ("1.0-RC1", "1.0-cr1", "1.0.RC1"), "1.0-SNAPSHOT",
            ("1.0", "1", "1.0.0", "1.0.0.RELEASE", "1.0.Final", "1-ga", "1.0-0"), "1.0-sp1",
            "1.0-1", "1.0.1", "2.7.5", "2.7.18", "4.38.61", "4.38.61.ALL", "31.1",
            "31.1-android", "31.1-jre",
        ],
    ),
    (
        "gem",
        "Gem::Version: letters make pre-releases, trailing zeros ignored",
        [
            "0.9", "1.0.a", "1.0.a.2", "1.0.a9", "1.0.a10", "1.0.b1", "1.0.0-rc1", "1.0.rc1",
            ("1.0", "1", "1.0.0", "1.0.0.0"), "1.0.0.1", "1.0.1", "1.10", "2.0",
        ],
    ),
    (
        "composer",
        "dev < alpha < beta < RC < stable < patch",
        [
            "1.0.0-dev", "1.0.0-alpha", "1.0.0-alpha2", "1.0.0-beta", "1.0.0-beta2-dev",
            ("1.0.0-beta2", "1.0.0-b2", "v1.0.0-BETA2", "1.0.0beta2"), "1.0.0-beta.3",
            "1.0.0-RC1", ("1.0.0", "1.0", "v1.0.0", "1.0.0.0", "1.0.0-stable"),
            ("1.0.0-patch1", "1.0.0-p1", "1.0.0-pl1"), "1.0.1", "1.0.x-dev", "1.1.0", "2.0.0.1",
        ],
    ),
    (
        "nuget",
        "SemVer 2.0.0 with four numbers and labels in any case",
        [
            "1.0.0-alpha", ("1.0.0-Alpha.1", "1.0.0-alpha.1"), "1.0.0-alpha.beta",
            "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-RC.1",
            ("1.0.0", "1.0", "1", "1.0.0.0", "1.0.0+metadata"), "1.0.0.1", "1.0.1",
            ("1.1.2", "1.01.2"), "2.0.0",
        ],
    ),
]  # fmt: skip


def _groups(table: Table) -> list[tuple[str, ...]]:
    return [entry if isinstance(entry, tuple) else (entry,) for entry in table]


@pytest.mark.parametrize(
    ("ecosystem", "table"),
    [
        pytest.param(ecosystem, table, id=f"{ecosystem}: {what}")
        for ecosystem, what, table in ORDERS
    ],
)
def test_versions_sort_in_the_documented_order(ecosystem: str, table: Table) -> None:
    scheme = scheme_for(ecosystem)
    assert scheme is not None
    groups = _groups(table)
    rank = {text: index for index, group in enumerate(groups) for text in group}
    parsed = {text: scheme.parse(text) for text in rank}
    assert [text for text, version in parsed.items() if version is None] == []
    versions = {text: version for text, version in parsed.items() if version is not None}

    for shuffled in (list(rank)[::-1], list(rank)[1::2] + list(rank)[::2]):
        ordered = sorted(shuffled, key=versions.__getitem__)
        assert [rank[text] for text in ordered] == sorted(rank.values()), ordered

    for lower, higher in pairwise(groups):
        assert versions[lower[-1]] < versions[higher[0]], (lower[-1], higher[0])
    for group in groups:
        first = versions[group[0]]
        for text in group[1:]:
            assert versions[text] == first and hash(versions[text]) == hash(first), text


def test_maven_order_stays_total_where_maven_is_not_transitive() -> None:
    """Maven says ``1.0.alpha < 1 < 1-sp`` but also ``1.0.alpha > 1-sp``; the key keeps the
    first two and so sorts ``1.0.alpha`` first, and sorting never fails."""
    maven = scheme_for("maven")
    assert maven is not None
    texts = ["1-sp", "1.0.alpha", "1"]
    ordered = sorted(texts, key=lambda text: maven.parse(text) or pytest.fail(text))
    assert ordered == ["1.0.alpha", "1", "1-sp"]
