"""Holding a later scan to a roadmap's milestones.

A :class:`~scanner.debt.model.MilestoneCheck` is evaluated against a scan report:

* ``min-version``: every versioned technology ``subject`` (a technology key), or every
  dependency ``subject`` (``ecosystem/package``), is at ``version`` or newer. Technologies
  compare by release numbers (``3.12`` < ``3.13.1``), packages by their ecosystem's scheme;
  what has no readable version does not count.
* ``no-finding``: no finding of kind ``subject`` (``*`` for any kind) whose subject matches
  ``about`` (globs, comma-separated; any subject when absent); version disagreements count
  as findings of kind ``version-disagreement``.
* ``no-technology``: no technology with key ``subject``, or no dependency
  ``ecosystem/package``.
"""

from __future__ import annotations

from collections.abc import Iterator
from fnmatch import fnmatchcase

from scanner.debt.model import MilestoneCheck
from scanner.model import RepositoryScan, ScanReport
from scanner.releases.cycles import release_numbers
from scanner.releases.versions import scheme_for

CHECK_KINDS = frozenset({"min-version", "no-finding", "no-technology"})


def evaluate(check: MilestoneCheck, report: ScanReport) -> bool:
    """Whether ``report`` meets ``check``; :class:`ValueError` for a check of an unknown
    kind or without the version it needs."""
    scans = [scan for scan in report.scans if scan.completed]
    if check.kind == "min-version":
        if check.version is None:
            raise ValueError(f"min-version check of {check.subject} has no version")
        return all(_at_least(check, scan) for scan in scans)
    if check.kind == "no-finding":
        return not any(_matches(check, kind, subject) for kind, subject in _findings(scans))
    if check.kind == "no-technology":
        return not any(_uses(check.subject, scan) for scan in scans)
    raise ValueError(f"unknown milestone check {check.kind!r}")


def _findings(scans: list[RepositoryScan]) -> Iterator[tuple[str, str]]:
    """``(kind, subject)`` of every finding, version disagreements counted as findings of
    kind ``version-disagreement`` (the debt catalog files them so)."""
    for scan in scans:
        for finding in scan.findings:
            yield finding.kind, finding.subject
        for disagreement in scan.disagreements:
            yield "version-disagreement", disagreement.key


def _matches(check: MilestoneCheck, kind: str, subject: str) -> bool:
    if check.subject not in ("*", kind):
        return False
    if check.about is None:
        return True
    return any(fnmatchcase(subject, pattern.strip()) for pattern in check.about.split(","))


def _uses(subject: str, scan: RepositoryScan) -> bool:
    if "/" in subject:
        ecosystem, _, name = subject.partition("/")
        return any(d.ecosystem == ecosystem and d.name == name for d in scan.dependencies)
    return any(technology.key == subject for technology in scan.technologies)


def _at_least(check: MilestoneCheck, scan: RepositoryScan) -> bool:
    assert check.version is not None
    if "/" in check.subject:
        ecosystem, _, name = check.subject.partition("/")
        scheme = scheme_for(ecosystem)
        target = scheme.parse(check.version) if scheme else None
        if scheme is None or target is None:
            return True
        for dependency in scan.dependencies:
            if dependency.ecosystem != ecosystem or dependency.name != name:
                continue
            text = dependency.resolved or (
                scheme.pinned(dependency.declared) if dependency.declared else None
            )
            version = scheme.parse(text) if text else None
            if version is not None and version < target:
                return False
        return True
    wanted = release_numbers(check.version)
    if wanted is None:
        return True
    for technology in scan.technologies:
        if technology.key != check.subject or technology.version is None:
            continue
        numbers = release_numbers(technology.version)
        if numbers is not None and numbers < wanted:
            return False
    return True
