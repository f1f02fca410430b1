"""Registry findings: how far each dependency has drifted, and what its registry says of it.

For every dependency whose ecosystem has a registry client and a version scheme, the
version in use (the lockfile's, else an exact pin, else the newest release the declared
range admits) is held against the registry's releases on the day evaluated:

* ``majors-behind`` (direct dependencies; low for one major, medium for two, high beyond)
  and ``minors-behind`` (direct, info), with libyears among the facts;
* ``action-old-major``: a GitHub Action used at an older major than its newest release;
* ``yanked`` (high for a direct dependency, medium for a transitive one): the release in
  use was withdrawn;
* ``deprecated`` (medium; high when quarantined or unpublished): the package or the release
  in use is deprecated;
* ``abandoned`` (direct, medium): no release for longer than the configured period (two
  years unless told otherwise), or the registry calls it abandoned or archived;
* ``range-excludes-supported`` (high): the declared range admits none of the releases whose
  cycle is still supported according to endoflife.date;
* ``unknown`` (direct, info): the registry could not be asked; the advice says why.

Every assessed dependency also gets a :class:`~scanner.model.PackageFreshness` record, from
which reports sum libyears (direct and transitive apart). Pre-releases never count as the
newest release unless the version in use is one; yanked releases never do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.model import Dependency, Ecosystem, Fact, Finding, PackageFreshness, Severity
from scanner.releases.lookups import LookupResult, PackageKey
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.versions import scheme_for
from scanner.releases.versions.base import ParsedVersion, VersionScheme

DEFAULT_ABANDONED_AFTER_DAYS = 730
_DAYS_PER_YEAR = 365.25


class SupportData(Protocol):
    """End-of-life data by package: which product a package (its Package URL without
    version) belongs to, and whether a release of it is in a supported cycle."""

    def label(self, purl: str) -> str | None:
        """The product's name for people, ``None`` when no end-of-life data covers it."""
        ...

    def is_supported(self, purl: str, version: str) -> bool | None:
        """Whether ``version`` is in a cycle still supported; ``None`` when unknown."""
        ...


@dataclass(frozen=True)
class FreshnessPolicy:
    """Thresholds of the registry findings."""

    abandoned_after_days: int = DEFAULT_ABANDONED_AFTER_DAYS


def wanted_versions(dependencies: Iterable[Dependency]) -> dict[PackageKey, set[str]]:
    """The packages to look up, with the versions each needs dated (resolved or pinned)."""
    wanted: dict[PackageKey, set[str]] = {}
    for dependency in dependencies:
        scheme = scheme_for(dependency.ecosystem)
        if scheme is None:
            continue
        versions = wanted.setdefault((dependency.ecosystem, dependency.name), set())
        known = dependency.resolved or (
            scheme.pinned(dependency.declared) if dependency.declared else None
        )
        if known:
            versions.add(known)
    return wanted


@dataclass(frozen=True)
class _Assessed:
    """One dependency's versions, parsed and placed among its registry's releases."""

    current: ParsedVersion
    current_from: str
    current_release: Release | None
    latest: ParsedVersion | None
    latest_release: Release | None
    majors_behind: int | None
    minors_behind: int | None
    libyears: float | None


class FreshnessAssessor:
    """Turns dependencies and their registries' histories into findings and freshness
    records, as of ``as_of``."""

    def __init__(
        self,
        histories: Mapping[PackageKey, LookupResult],
        as_of: date,
        policy: FreshnessPolicy | None = None,
        supported: SupportData | None = None,
    ) -> None:
        self.histories = histories
        self.as_of = as_of
        self.policy = policy or FreshnessPolicy()
        self.supported = supported

    def assess(
        self, dependencies: Iterable[Dependency]
    ) -> tuple[list[Finding], list[PackageFreshness]]:
        """The findings and freshness records of ``dependencies`` (each once per component)."""
        findings: list[Finding] = []
        records: list[PackageFreshness] = []
        seen: set[tuple[str, str, str | None, str | None, str]] = set()
        for dependency in dependencies:
            identity = (
                dependency.ecosystem, dependency.name, dependency.resolved,
                dependency.declared, dependency.component or ".",
            )  # fmt: skip
            if identity in seen:
                continue
            seen.add(identity)
            result = self.histories.get((dependency.ecosystem, dependency.name))
            scheme = scheme_for(dependency.ecosystem)
            if result is None or scheme is None:
                continue
            if isinstance(result, (SourceUnavailable, UnknownProduct)):
                if dependency.direct and isinstance(result, SourceUnavailable):
                    findings.append(_unknown(dependency, str(result)))
                continue
            found, record = self._assess_one(dependency, scheme, result)
            findings.extend(found)
            if record is not None:
                records.append(record)
        return findings, records

    def _assess_one(
        self, dependency: Dependency, scheme: VersionScheme, history: PackageHistory
    ) -> tuple[list[Finding], PackageFreshness | None]:
        parsed = _parse_releases(scheme, history)
        assessed = _place(dependency, scheme, history, parsed)
        findings: list[Finding] = []
        record = None
        if assessed is not None:
            record = _record(dependency, history, assessed)
            findings.extend(self._drift(dependency, history, assessed))
            findings.extend(self._withdrawn(dependency, history, assessed))
        findings.extend(self._status(dependency, history, parsed))
        range_finding = self._range(dependency, scheme, history, parsed)
        if range_finding is not None:
            findings.append(range_finding)
        return findings, record

    def _drift(
        self, dependency: Dependency, history: PackageHistory, assessed: _Assessed
    ) -> list[Finding]:
        if not dependency.direct or assessed.latest is None:
            return []
        current, latest = assessed.current, assessed.latest
        facts = self._facts(dependency, history, assessed)
        majors = assessed.majors_behind or 0
        if dependency.ecosystem == Ecosystem.GITHUB_ACTIONS and majors:
            used = dependency.declared or current.text
            return [
                self._finding(
                    "action-old-major", _severity_for_majors(majors), dependency, current.text,
                    f"{dependency.name}@{used} is {majors} major version"
                    f"{'s' if majors > 1 else ''} behind {latest.text}",
                    f"Use {dependency.name}@v{latest.major} (check its release notes for "
                    "changed inputs).",
                    facts,
                )
            ]  # fmt: skip
        if majors:
            return [
                self._finding(
                    "majors-behind", _severity_for_majors(majors), dependency, current.text,
                    f"{dependency.name} {current.text} is {majors} major version"
                    f"{'s' if majors > 1 else ''} behind {latest.text}",
                    f"Upgrade {dependency.name} to {latest.text}; a major version may break "
                    "compatibility, so read its changelog first.",
                    facts,
                )
            ]  # fmt: skip
        minors = assessed.minors_behind or 0
        if minors and dependency.ecosystem != Ecosystem.GITHUB_ACTIONS:
            return [
                self._finding(
                    "minors-behind", Severity.INFO, dependency, current.text,
                    f"{dependency.name} {current.text} is {minors} minor version"
                    f"{'s' if minors > 1 else ''} behind {latest.text}",
                    f"Upgrade {dependency.name} to {latest.text}.",
                    facts,
                )
            ]  # fmt: skip
        return []

    def _withdrawn(
        self, dependency: Dependency, history: PackageHistory, assessed: _Assessed
    ) -> list[Finding]:
        release, current = assessed.current_release, assessed.current
        facts = self._facts(dependency, history, assessed)
        severity = Severity.HIGH if dependency.direct else Severity.MEDIUM
        target = f" Move to {assessed.latest.text}." if assessed.latest else ""
        if release is not None and release.yanked:
            reason = f": {release.yanked_reason}" if release.yanked_reason else ""
            return [
                self._finding(
                    "yanked", severity, dependency, current.text,
                    f"{dependency.name} {current.text} was yanked from {history.source}{reason}",
                    "A yanked release was withdrawn by its authors." + target,
                    facts,
                )
            ]  # fmt: skip
        if (
            release is None
            and dependency.ecosystem == Ecosystem.GEM
            and assessed.current_from == "resolved"
            and history.releases
        ):
            return [
                self._finding(
                    "yanked", severity, dependency, current.text,
                    f"{dependency.name} {current.text} is no longer listed by {history.source}",
                    "RubyGems drops yanked versions from its list: this one was most likely "
                    "yanked." + target,
                    facts,
                )
            ]  # fmt: skip
        if release is not None and release.deprecated and not history.status:
            return [
                self._finding(
                    "deprecated", Severity.MEDIUM if dependency.direct else Severity.LOW,
                    dependency, current.text,
                    f"{dependency.name} {current.text} is deprecated: {release.deprecated}",
                    "Its authors deprecated this release." + target,
                    facts,
                )
            ]  # fmt: skip
        return []

    def _status(
        self,
        dependency: Dependency,
        history: PackageHistory,
        parsed: list[tuple[ParsedVersion, Release]],
    ) -> list[Finding]:
        version = dependency.resolved or dependency.declared
        base_facts = [
            Fact("source", f"{history.source} ({history.url})"),
            Fact("evaluated for", self.as_of.isoformat()),
        ]
        replacement = (
            f" Its registry names {history.replacement} as the replacement."
            if (history.replacement)
            else ""
        )
        status = (history.status or "").strip()
        word = status.split(":", 1)[0].strip().lower()
        if word in {"deprecated", "quarantined", "unpublished"}:
            severity = Severity.MEDIUM if word == "deprecated" else Severity.HIGH
            if not dependency.direct:
                severity = Severity.LOW if word == "deprecated" else Severity.MEDIUM
            return [
                self._finding(
                    "deprecated", severity, dependency, version,
                    f"{dependency.name} is {status} on {history.source}",
                    "Plan a move to a maintained package." + replacement,
                    base_facts,
                )
            ]  # fmt: skip
        if not dependency.direct:
            return []
        if word in {"abandoned", "archived"}:
            return [
                self._finding(
                    "abandoned", Severity.MEDIUM, dependency, version,
                    f"{dependency.name} is {word} on {history.source}",
                    "Its maintainers no longer work on it: plan a replacement." + replacement,
                    base_facts,
                )
            ]  # fmt: skip
        if history.dated:
            newest = _newest_publication(release for _, release in parsed)
        else:
            tagged = history.release(history.latest) if history.latest else None
            newest = tagged.published if tagged else None
        if newest is None:
            return []
        idle = (self.as_of - newest.date()).days
        if idle <= self.policy.abandoned_after_days:
            return []
        return [
            self._finding(
                "abandoned", Severity.MEDIUM, dependency, version,
                f"{dependency.name} has had no release for {idle / _DAYS_PER_YEAR:.1f} years",
                "Check whether it is still maintained, and who would fix a vulnerability.",
                [
                    Fact("last release", newest.date().isoformat()),
                    Fact("abandoned after", f"{self.policy.abandoned_after_days} days"),
                    *base_facts,
                ],
            )
        ]  # fmt: skip

    def _range(
        self,
        dependency: Dependency,
        scheme: VersionScheme,
        history: PackageHistory,
        parsed: list[tuple[ParsedVersion, Release]],
    ) -> Finding | None:
        declared = dependency.declared
        if (
            self.supported is None
            or not dependency.direct
            or not declared
            or dependency.purl is None
            or scheme.pinned(declared) is not None
        ):
            return None
        purl = dependency.purl.split("@", 1)[0]
        label = self.supported.label(purl)
        if label is None:
            return None
        supported = [
            version
            for version, release in parsed
            if not version.prerelease
            and not release.yanked
            and self.supported.is_supported(purl, version.text)
        ]
        if not supported:
            return None
        verdicts = [scheme.admits(declared, version) for version in supported]
        if any(verdict is None for verdict in verdicts) or any(verdicts):
            return None
        newest = max(supported)
        return self._finding(
            "range-excludes-supported", Severity.HIGH, dependency, declared,
            f"{dependency.name} {declared} admits no {label} release that is still supported",
            f"Widen the requirement to admit {newest.text} (the newest supported release) "
            "and upgrade.",
            [
                Fact("declared", declared),
                Fact("newest supported release", newest.text),
                Fact("source", f"{history.source} and endoflife.date"),
                Fact("evaluated for", self.as_of.isoformat()),
            ],
        )  # fmt: skip

    def _facts(
        self, dependency: Dependency, history: PackageHistory, assessed: _Assessed
    ) -> list[Fact]:
        facts = [Fact("current", f"{assessed.current.text} ({assessed.current_from})")]
        if dependency.declared and dependency.declared != assessed.current.text:
            facts.append(Fact("declared", dependency.declared))
        if assessed.latest is not None:
            facts.append(Fact("latest", assessed.latest.text))
        facts.append(Fact("current released", _day(assessed.current_release)))
        facts.append(Fact("latest released", _day(assessed.latest_release)))
        if assessed.libyears is not None:
            facts.append(Fact("libyears", f"{assessed.libyears:.2f}"))
        if assessed.majors_behind is not None:
            facts.append(Fact("majors behind", str(assessed.majors_behind)))
        if assessed.minors_behind is not None:
            facts.append(Fact("minors behind", str(assessed.minors_behind)))
        if assessed.latest_release is not None:
            facts.extend(
                Fact("upgrade requires", f"{runtime} {version}")
                for runtime, version in runtime_minimums(assessed.latest_release.requires)
            )
        facts.append(Fact("source", f"{history.source} ({history.url})"))
        facts.append(Fact("evaluated for", self.as_of.isoformat()))
        return facts

    def _finding(
        self,
        kind: str,
        severity: Severity,
        dependency: Dependency,
        version: str | None,
        title: str,
        advice: str,
        facts: list[Fact],
    ) -> Finding:
        component = dependency.component or "."
        subject = f"{dependency.ecosystem}/{dependency.name}"
        return Finding(
            id=f"{kind}:{subject}:{version or ''}:{component}",
            kind=kind,
            severity=severity,
            title=title,
            subject=subject,
            version=version,
            component=component,
            facts=tuple(facts),
            evidence=dependency.evidence,
            advice=advice,
        )


# What registries call the platform a release needs, by the runtime's technology key.
_PLATFORM_RUNTIMES = {"python": "python", "node": "nodejs", "rust": "rust", "ruby": "ruby",
                      "php": "php"}  # fmt: skip
_LOWER_BOUND = re.compile(r"(?:>=|\^|~=|~>|>|=)?\s*v?(\d+(?:\.\d+)*)")


def runtime_minimums(requires: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """``(runtime key, oldest version)`` from a release's platform requirements
    (``("python", ">=3.10")`` is ``("python", "3.10")``, ``("node", "^18 || >=20")`` is
    ``("nodejs", "18")``): the lowest version any alternative admits; requirements without
    a lower bound are left out."""
    found = []
    for what, requirement in requires:
        runtime = _PLATFORM_RUNTIMES.get(what.lower())
        if runtime is None:
            continue
        bounds = [
            match.group(1)
            for part in re.split(r"\|\||,", requirement)
            if (match := _LOWER_BOUND.match(part.strip()))
            and not part.strip().startswith(("<", "!"))
        ]
        if bounds:
            lowest = min(bounds, key=lambda text: tuple(int(p) for p in text.split(".")))
            found.append((runtime, lowest))
    return found


def _parse_releases(
    scheme: VersionScheme, history: PackageHistory
) -> list[tuple[ParsedVersion, Release]]:
    parsed = []
    for release in history.releases:
        version = scheme.parse(release.version)
        if version is not None:
            parsed.append((version, release))
    return parsed


def _place(
    dependency: Dependency,
    scheme: VersionScheme,
    history: PackageHistory,
    parsed: list[tuple[ParsedVersion, Release]],
) -> _Assessed | None:
    """Where the dependency's version stands among the releases; ``None`` when no version
    in use can be told."""
    found = _current(dependency, scheme, parsed)
    if found is None:
        return None
    current, current_from = found
    by_key = {version.key: release for version, release in parsed}
    current_release = history.release(current.text) or by_key.get(current.key)
    pool = [
        version
        for version, release in parsed
        if not release.yanked and (current.prerelease or not version.prerelease)
    ]
    latest = _latest(scheme, history, pool, current)
    latest_release = by_key.get(latest.key) if latest is not None else None
    majors = minors = None
    if latest is not None and current.major is not None:
        majors = len(
            {
                v.major
                for v in pool
                if v.major is not None and current.major < v.major <= _major(latest)
            }
        )
        if majors == 0 and current.minor is not None and latest.major == current.major:
            minors = len(
                {
                    v.minor
                    for v in pool
                    if v.major == current.major
                    and v.minor is not None
                    and current.minor < v.minor <= (latest.minor or 0)
                }
            )
    return _Assessed(
        current=current,
        current_from=current_from,
        current_release=current_release,
        latest=latest,
        latest_release=latest_release,
        majors_behind=majors,
        minors_behind=minors,
        libyears=_libyears(current_release, latest_release),
    )


def _major(version: ParsedVersion) -> int:
    return version.major if version.major is not None else 0


def _current(
    dependency: Dependency,
    scheme: VersionScheme,
    parsed: list[tuple[ParsedVersion, Release]],
) -> tuple[ParsedVersion, str] | None:
    """The version in use and where it comes from."""
    if dependency.resolved:
        resolved = scheme.parse(dependency.resolved)
        return (resolved, "resolved") if resolved is not None else None
    declared = dependency.declared
    if not declared:
        return None
    pinned = scheme.pinned(declared)
    if pinned is not None:
        version = scheme.parse(pinned)
        return (version, "pinned") if version is not None else None
    admitted = [
        version
        for version, release in parsed
        if not release.yanked and not version.prerelease and scheme.admits(declared, version)
    ]
    return (max(admitted), "newest the range admits") if admitted else None


def _latest(
    scheme: VersionScheme,
    history: PackageHistory,
    pool: list[ParsedVersion],
    current: ParsedVersion,
) -> ParsedVersion | None:
    """The newest release of ``pool``, or the registry's own latest when it names one that
    belongs to the pool; never older than the version in use."""
    tagged = scheme.parse(history.latest) if history.latest else None
    if tagged is not None and any(version.key == tagged.key for version in pool):
        newest = tagged
    elif pool:
        newest = max(pool)
    else:
        return None
    return current if current > newest else newest


def _libyears(current: Release | None, latest: Release | None) -> float | None:
    if current is None or latest is None or not current.published or not latest.published:
        return None
    days = (latest.published - current.published).total_seconds() / 86400
    return round(max(0.0, days / _DAYS_PER_YEAR), 2)


def _newest_publication(releases: Iterable[Release]) -> datetime | None:
    times = [release.published for release in releases if release.published is not None]
    return max(times) if times else None


def _record(
    dependency: Dependency, history: PackageHistory, assessed: _Assessed
) -> PackageFreshness:
    return PackageFreshness(
        ecosystem=dependency.ecosystem,
        name=dependency.name,
        component=dependency.component or ".",
        direct=dependency.direct,
        scope=dependency.scope,
        current=assessed.current.text,
        current_from=assessed.current_from,
        latest=assessed.latest.text if assessed.latest else None,
        current_published=_day_or_none(assessed.current_release),
        latest_published=_day_or_none(assessed.latest_release),
        libyears=assessed.libyears,
        majors_behind=assessed.majors_behind,
        minors_behind=assessed.minors_behind,
        source=history.source,
    )


def _severity_for_majors(majors: int) -> Severity:
    if majors >= 3:
        return Severity.HIGH
    return Severity.MEDIUM if majors == 2 else Severity.LOW


def _day(release: Release | None) -> str:
    return _day_or_none(release) or "unknown"


def _day_or_none(release: Release | None) -> str | None:
    if release is None or release.published is None:
        return None
    return release.published.date().isoformat()


def _unknown(dependency: Dependency, reason: str) -> Finding:
    component = dependency.component or "."
    subject = f"{dependency.ecosystem}/{dependency.name}"
    version = dependency.resolved or dependency.declared
    return Finding(
        id=f"unknown:{subject}:{version or ''}:{component}",
        kind="unknown",
        severity=Severity.INFO,
        title=f"{dependency.name}: registry data unknown",
        subject=subject,
        version=version,
        component=component,
        facts=(Fact("version", version or "unknown"),),
        evidence=dependency.evidence,
        advice=f"source unreachable: {reason}",
    )
