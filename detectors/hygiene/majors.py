"""One framework at several major versions: ``several-majors`` (medium).

The frameworks are the technology rules' ``framework`` technologies that a direct
dependency of a judged component carries the version of (the rules' ``dependencies``, as the
technologies detector reads them: its own output is made in the same stage and is not seen
here). A dependency's major version (its first number) is known when the version is
resolved, pinned exactly, declared as a range confined to one major (``^18.2``,
``~> 7.1``, ``>=4.2,<5``: the ecosystem's scheme admits no release of the next major), or
declared in NuGet or Go, whose resolvers take the lowest version a requirement admits
(``8.0.2`` is 8.0.2); an open range (``>=3.2``) tells no major and is left out. A finding
is made for each framework seen at two or more majors anywhere in the repository, naming
every component and version.
Runtimes pinned to different versions in one component are ``scan.disagreements``, not this.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from detectors.hygiene.records import REPOSITORY, finding, judged
from detectors.technologies.rules import Rule, choose, rule_table
from detectors.technologies.versions import clean, lowest_declared, release
from scanner.detector import Findings
from scanner.model import Dependency, Ecosystem, Evidence, Finding, Severity
from scanner.releases.versions import scheme_for

FRAMEWORK = "framework"
LOWEST_APPLICABLE = frozenset({Ecosystem.NUGET, Ecosystem.GOLANG})
"""Ecosystems whose resolvers take the lowest version a requirement admits."""


@dataclass(frozen=True, slots=True)
class _Sighting:
    """A framework at a version in a component, and where that is declared."""

    component: str
    version: str
    evidence: Evidence


def majors_findings(findings: Findings) -> Iterator[Finding]:
    """``several-majors`` for every framework used at more than one major version."""
    table = rule_table()
    seen: dict[str, tuple[Rule, dict[int, list[_Sighting]]]] = {}
    for dependency in findings.dependencies:
        component = dependency.component or REPOSITORY
        if not dependency.direct or not judged(component) or not dependency.evidence:
            continue
        claims = table.claims(f"{dependency.ecosystem}:{dependency.name}")
        version = known_version(dependency) if claims else None
        claim = choose(claims, release(version)) if version is not None else None
        if claim is None or not claim.carries_version or claim.rule.category != FRAMEWORK:
            continue
        assert version is not None
        major = release(version)
        if major is None:
            continue
        rule, by_major = seen.setdefault(claim.rule.key, (claim.rule, {}))
        by_major.setdefault(major[0], []).append(
            _Sighting(component, version, dependency.evidence[0])
        )
    for key in sorted(seen):
        rule, by_major = seen[key]
        if len(by_major) > 1:
            yield _several(findings, rule, by_major)


def known_version(dependency: Dependency) -> str | None:
    """The version whose major is certain: resolved, pinned, or the lower bound of a range
    confined to one major (see the module docstring)."""
    if dependency.resolved:
        return clean(dependency.resolved)
    scheme = scheme_for(dependency.ecosystem)
    declared = dependency.declared
    if scheme is None or not declared:
        return None
    pinned = scheme.pinned(declared)
    if pinned is not None:
        return clean(pinned)
    lowest = lowest_declared(declared)
    if dependency.ecosystem in LOWEST_APPLICABLE and "*" not in declared:
        return lowest
    leading = release(lowest)
    if lowest is None or leading is None:
        return None
    next_major = scheme.parse(f"{leading[0] + 1}.0.0")
    if next_major is None or scheme.admits(declared, next_major) is not False:
        return None
    return lowest


def _several(findings: Findings, rule: Rule, by_major: dict[int, list[_Sighting]]) -> Finding:
    majors = sorted(by_major)
    facts = [("majors", ", ".join(map(str, majors)))]
    evidence = []
    for major in majors:
        sightings = sorted(by_major[major], key=lambda s: (s.component, s.version))
        facts.append(
            (
                f"{rule.name} {major}",
                ", ".join(dict.fromkeys(f"{s.component} ({s.version})" for s in sightings)),
            )
        )
        evidence += [
            findings.evidence(f"{rule.name} {s.version}", s.evidence.path, s.evidence.line)
            for s in sightings
        ]
    return finding(
        "several-majors",
        Severity.MEDIUM,
        rule.key,
        REPOSITORY,
        title=f"{rule.name} at {len(majors)} major versions: {', '.join(map(str, majors))}",
        facts=facts,
        evidence=evidence,
        advice=(
            f"Bring every component to one major version of {rule.name}: each major in use "
            "doubles the upgrades, security patches and knowledge the team has to keep up."
        ),
    )
