"""CI coverage of the repository: ``no-ci`` and ``several-ci-systems``.

The CI systems are the ``ci`` technologies the ci detector reports (GitHub Actions, GitLab
CI, CircleCI, Travis CI, Azure Pipelines, Bitbucket Pipelines, Jenkins, Woodpecker, Cloud
Build), wherever in the repository it found them.

* ``no-ci`` (medium): the repository has source code (:mod:`detectors.hygiene.layout`), no
  CI system was reported, and no file that a CI system reads is in the tree at all (the ci
  detector's own file patterns, Dependabot, Renovate and pre-commit aside), so that a
  deselected ci detector or a CI file that failed to parse does not pass for no CI.
* ``several-ci-systems`` (low): two or more CI systems; each with the files that show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import cache

from detectors.ci import dependabot, pre_commit, renovate
from detectors.ci.detector import FORMATS
from detectors.hygiene.records import REPOSITORY, finding
from scanner.detector import FileEntry, Findings
from scanner.globs import compile_globs
from scanner.model import Category, Finding, Severity, Technology

_AUTOMATION = (dependabot.parse_dependabot, renovate.parse_renovate, pre_commit.parse_pre_commit)
_MAX_LISTED = 10


@cache
def _ci_files() -> re.Pattern[str] | None:
    """One pattern for every file a CI system reads."""
    return compile_globs(
        (glob for form in FORMATS if form.parse not in _AUTOMATION for glob in form.globs),
        descendants=False,
    )


def ci_findings(
    findings: Findings, entries: Sequence[FileEntry], has_code: bool
) -> Iterator[Finding]:
    """``no-ci`` or ``several-ci-systems`` for the repository, if either applies."""
    systems: dict[str, list[Technology]] = {}
    for technology in findings.technologies:
        if technology.category == Category.CI:
            systems.setdefault(technology.key, []).append(technology)
    if not systems:
        pattern = _ci_files()
        if has_code and not (pattern and any(pattern.match(e.path) for e in entries)):
            yield _no_ci(findings)
    elif len(systems) > 1:
        yield _several(findings, systems)


def _no_ci(findings: Findings) -> Finding:
    return finding(
        "no-ci",
        Severity.MEDIUM,
        "ci",
        REPOSITORY,
        title="No CI system builds or tests this repository",
        facts=[("CI systems", "none found")],
        evidence=[findings.evidence("source code, and no CI configuration in the tree")],
        advice=(
            "Add a CI pipeline that builds the code and runs its tests on every change, so "
            "that breakage is caught before it is merged rather than by the next person."
        ),
    )


def _several(findings: Findings, systems: dict[str, list[Technology]]) -> Finding:
    names = {key: technologies[0].name for key, technologies in systems.items()}
    keys = sorted(names, key=names.__getitem__)
    listed = ", ".join(names[key] for key in keys)
    return finding(
        "several-ci-systems",
        Severity.LOW,
        "ci",
        REPOSITORY,
        title=f"{len(systems)} CI systems: {listed}",
        facts=[("CI systems", listed)]
        + [(names[key], ", ".join(_paths(systems[key]))) for key in keys],
        evidence=[
            findings.evidence(f"{names[key]} configuration", path)
            for key in keys
            for path in _paths(systems[key])
        ],
        advice=(
            "Settle on one CI system: pipelines kept in two places drift apart, and every "
            "change to the build has to be made, and debugged, twice."
        ),
    )


def _paths(technologies: Iterable[Technology]) -> list[str]:
    paths = dict.fromkeys(e.path for t in technologies for e in t.evidence)
    return sorted(paths)[:_MAX_LISTED]
