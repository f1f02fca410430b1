"""Registry findings from package histories: drift, libyears, withdrawn and abandoned
packages, Actions on old majors, and ranges that exclude every supported release."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.model import Dependency, Evidence, Finding, Severity
from scanner.releases.freshness import FreshnessAssessor, FreshnessPolicy, wanted_versions
from scanner.releases.lookups import LookupResult, PackageKey
from scanner.releases.packages import PackageHistory, Release

AS_OF = date(2026, 11, 24)
EVIDENCE = (Evidence("package.json", "javascript", "dependency", 3),)


def day(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


def history(ecosystem: str, name: str, *releases: Release, **extra: object) -> PackageHistory:
    return PackageHistory(
        ecosystem,
        name,
        releases,
        "Test registry",
        f"http://registry/{name}",
        **extra,  # type: ignore[arg-type]
    )


def dependency(
    name: str,
    resolved: str | None = None,
    declared: str | None = None,
    ecosystem: str = "npm",
    direct: bool = True,
    purl: str | None = None,
) -> Dependency:
    return Dependency(
        ecosystem=ecosystem, name=name, evidence=EVIDENCE, declared=declared,
        resolved=resolved, direct=direct, component=".", purl=purl,
    )  # fmt: skip


LEFTPAD = history(
    "npm",
    "left-pad",
    Release("1.0.0", day("2019-01-10")),
    Release("1.1.0", day("2019-06-10")),
    Release("1.2.0", day("2020-01-10")),
    Release("2.0.0", day("2021-01-10")),
    Release("3.0.0", day("2022-01-10")),
    Release("4.0.0", day("2025-01-10")),
    Release("4.1.0", day("2026-01-10")),
    Release("5.0.0-beta.1", day("2026-06-01")),
)


def assess(
    dependencies: list[Dependency],
    histories: dict[PackageKey, LookupResult],
    **kwargs: object,
) -> tuple[list[Finding], list[object]]:
    findings, records = FreshnessAssessor(histories, AS_OF, **kwargs).assess(dependencies)  # type: ignore[arg-type]
    return findings, list(records)


def kinds(findings: list[Finding]) -> dict[str, Finding]:
    return {finding.kind: finding for finding in findings}


def test_majors_behind_with_libyears_and_no_pre_release_as_latest() -> None:
    findings, records = assess(
        [dependency("left-pad", "1.1.0", "^1.1.0")], {("npm", "left-pad"): LEFTPAD}
    )
    found = kinds(findings)
    assert set(found) == {"majors-behind"}
    majors = found["majors-behind"]
    assert majors.severity is Severity.HIGH and majors.id == "majors-behind:npm/left-pad:1.1.0:."
    assert "3 major versions behind 4.1.0" in majors.title
    facts = dict((fact.name, fact.value) for fact in majors.facts)
    assert facts["latest"] == "4.1.0" and facts["current"] == "1.1.0 (resolved)"
    assert facts["libyears"] == "6.59"  # 2019-06-10 to 2026-01-10
    (record,) = records
    assert record.latest == "4.1.0" and record.majors_behind == 3  # type: ignore[attr-defined]
    assert record.libyears == pytest.approx(6.59)  # type: ignore[attr-defined]
    assert majors.evidence == EVIDENCE


def test_a_pre_release_user_is_compared_with_pre_releases() -> None:
    _, records = assess([dependency("left-pad", "5.0.0-beta.1")], {("npm", "left-pad"): LEFTPAD})
    (record,) = records
    assert record.latest == "5.0.0-beta.1" and record.majors_behind == 0  # type: ignore[attr-defined]


def test_minors_behind_is_info_and_up_to_date_gives_nothing() -> None:
    findings, _ = assess([dependency("left-pad", "4.0.0")], {("npm", "left-pad"): LEFTPAD})
    (finding,) = findings
    assert (finding.kind, finding.severity) == ("minors-behind", Severity.INFO)
    assert assess([dependency("left-pad", "4.1.0")], {("npm", "left-pad"): LEFTPAD})[0] == []


def test_transitive_dependencies_are_measured_but_not_reported_as_drift() -> None:
    findings, records = assess(
        [dependency("left-pad", "1.0.0", direct=False)], {("npm", "left-pad"): LEFTPAD}
    )
    assert findings == [] and records[0].direct is False  # type: ignore[attr-defined]


def test_libyears_are_never_negative() -> None:
    backport = history(
        "npm", "lib", Release("1.0.9", day("2026-03-01")), Release("2.0.0", day("2025-01-01"))
    )
    _, records = assess([dependency("lib", "1.0.9")], {("npm", "lib"): backport})
    assert records[0].libyears == 0.0  # type: ignore[attr-defined]


def test_only_a_range_declared_assesses_the_newest_release_it_admits() -> None:
    findings, records = assess(
        [dependency("left-pad", declared="^1.0.0")], {("npm", "left-pad"): LEFTPAD}
    )
    (record,) = records
    assert (record.current, record.current_from) == ("1.2.0", "newest the range admits")  # type: ignore[attr-defined]
    assert kinds(findings)["majors-behind"].version == "1.2.0"


def test_yanked_release_in_use_and_yanked_releases_are_never_latest() -> None:
    urllib3 = history(
        "pypi",
        "urllib3",
        Release("1.24.3", day("2019-05-01")),
        Release("1.25", day("2019-04-22"), yanked=True, yanked_reason="Broken release"),
        Release("1.26.0", day("2020-11-10"), yanked=True),
    )
    findings, records = assess(
        [dependency("urllib3", "1.25", ecosystem="pypi")], {("pypi", "urllib3"): urllib3}
    )
    yanked = kinds(findings)["yanked"]
    assert yanked.severity is Severity.HIGH and "Broken release" in yanked.title
    assert records[0].latest == "1.25"  # type: ignore[attr-defined]


def test_rubygems_versions_missing_from_the_list_were_yanked() -> None:
    rack = history("gem", "rack", Release("2.2.8", day("2023-07-31")))
    findings, _ = assess([dependency("rack", "2.2.3.1", ecosystem="gem")], {("gem", "rack"): rack})
    assert kinds(findings)["yanked"].title == "rack 2.2.3.1 is no longer listed by Test registry"


def test_deprecated_package_and_deprecated_release() -> None:
    request = history(
        "npm",
        "request",
        Release("2.88.0", day("2018-08-10"), deprecated="request has been deprecated"),
        Release("2.88.2", day("2020-02-11"), deprecated="request has been deprecated"),
        latest="2.88.2",
        status="deprecated: request has been deprecated",
    )
    findings, _ = assess(
        [dependency("request", "2.88.2"), dependency("request", "2.88.0", direct=False)],
        {("npm", "request"): request},
    )
    severities = sorted(
        (f.kind, f.severity.value, f.version) for f in findings if f.kind == "deprecated"
    )
    assert severities == [("deprecated", "low", "2.88.0"), ("deprecated", "medium", "2.88.2")]
    only_release = history(
        "npm", "lib", Release("1.0.0", day("2025-01-01"), deprecated="critical bug, use 1.0.1"),
        Release("1.0.1", day("2025-02-01")),
    )  # fmt: skip
    findings, _ = assess([dependency("lib", "1.0.0")], {("npm", "lib"): only_release})
    assert "critical bug" in kinds(findings)["deprecated"].title


def test_abandoned_after_two_years_or_when_the_registry_says_so() -> None:
    old = history("npm", "old", Release("1.0.0", day("2020-01-01")))
    findings, _ = assess([dependency("old", "1.0.0")], {("npm", "old"): old})
    abandoned = kinds(findings)["abandoned"]
    assert "no release for 6.9 years" in abandoned.title
    findings, _ = assess(
        [dependency("old", "1.0.0")],
        {("npm", "old"): old},
        policy=FreshnessPolicy(abandoned_after_days=3000),
    )
    assert findings == []
    archived = history(
        "composer", "acme/lib", Release("1.0.0", day("2026-01-01")),
        status="abandoned", replacement="acme/new-lib",
    )  # fmt: skip
    findings, _ = assess(
        [dependency("acme/lib", "1.0.0", ecosystem="composer")],
        {("composer", "acme/lib"): archived},
    )
    assert "acme/new-lib" in kinds(findings)["abandoned"].advice


def test_an_action_on_an_old_major() -> None:
    checkout = history(
        "githubactions",
        "actions/checkout",
        Release("v2.7.0", day("2023-03-01")),
        Release("v3.6.0", day("2023-08-24")),
        Release("v4.2.2", day("2024-10-23")),
        Release("v5.0.0", day("2025-08-11")),
    )
    findings, _ = assess(
        [dependency("actions/checkout", declared="v2", ecosystem="githubactions")],
        {("githubactions", "actions/checkout"): checkout},
    )
    (finding,) = findings
    assert finding.kind == "action-old-major" and finding.severity is Severity.HIGH
    assert finding.title == "actions/checkout@v2 is 3 major versions behind v5.0.0"
    assert "actions/checkout@v5" in finding.advice


class FakeSupport:
    """Django's supported cycles on the day evaluated: 4.2 and 5.2."""

    def label(self, purl: str) -> str | None:
        return "Django" if purl == "pkg:pypi/django" else None

    def is_supported(self, purl: str, version: str) -> bool | None:
        return version.startswith(("4.2", "5.2"))


DJANGO = history(
    "pypi",
    "django",
    Release("1.11.29", day("2020-03-04")),
    Release("4.2.16", day("2024-09-03")),
    Release("5.2.8", day("2025-11-05")),
)


def test_a_range_that_admits_no_supported_release() -> None:
    legacy = dependency("django", declared="<2", ecosystem="pypi", purl="pkg:pypi/django")
    findings, _ = assess([legacy], {("pypi", "django"): DJANGO}, supported=FakeSupport())
    excluded = kinds(findings)["range-excludes-supported"]
    assert excluded.severity is Severity.HIGH
    assert excluded.title == "django <2 admits no Django release that is still supported"
    modern = dependency("django", declared=">=4.2", ecosystem="pypi", purl="pkg:pypi/django")
    findings, _ = assess([modern], {("pypi", "django"): DJANGO}, supported=FakeSupport())
    assert "range-excludes-supported" not in kinds(findings)


def test_unreachable_registries_give_unknown_findings_for_direct_dependencies() -> None:
    down = SourceUnavailable("npm registry unreachable at http://127.0.0.1:9: connection refused")
    findings, records = assess(
        [dependency("left-pad", "1.0.0"), dependency("right-pad", "1.0.0", direct=False)],
        {("npm", "left-pad"): down, ("npm", "right-pad"): down},
    )
    (finding,) = findings
    assert finding.kind == "unknown" and finding.advice.startswith("source unreachable: npm")
    assert records == []
    findings, _ = assess(
        [dependency("private", "1.0.0")], {("npm", "private"): UnknownProduct("no")}
    )
    assert findings == []


def test_wanted_versions_are_the_resolved_or_pinned_ones() -> None:
    wanted = wanted_versions(
        [
            dependency("a", "1.0.0", "^1.0.0"),
            dependency("a", "1.2.0"),
            dependency("b", declared="2.0.0"),
            dependency("c", declared="^3.0.0"),
            dependency("x", "1.0", ecosystem="no-such-ecosystem"),
        ]
    )
    assert wanted == {
        ("npm", "a"): {"1.0.0", "1.2.0"},
        ("npm", "b"): {"2.0.0"},
        ("npm", "c"): set(),
    }


def test_the_newest_release_says_which_runtime_it_needs() -> None:
    django = history(
        "pypi",
        "django",
        Release("3.2.25", day("2024-03-04"), requires=(("python", ">=3.6"),)),
        Release("5.2.8", day("2025-11-05"), requires=(("python", ">=3.10"),)),
    )
    findings, _ = assess(
        [dependency("django", "3.2.25", ecosystem="pypi")], {("pypi", "django"): django}
    )
    facts = [(fact.name, fact.value) for fact in kinds(findings)["majors-behind"].facts]
    assert ("upgrade requires", "python 3.10") in facts
