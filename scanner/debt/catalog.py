"""The debt catalog: every finding of a scan as a debt item in its category.

* **Security risk**: end of life passed (no security fixes any more), yanked releases,
  committed secrets files, dependencies without a lockfile or with unpinned ranges;
* **Outdated dependencies**: end of life near, security fixes only, majors and minors
  behind, deprecated, abandoned, ranges that admit no supported release, Actions on old
  majors;
* **Developer-experience friction**: no CI, several CI systems, no tests, runtimes pinned
  differently in different places (the scan's version disagreements), CI on retired runner
  images;
* **Architectural coupling**: services sharing one database, two libraries doing one job,
  several majors of one framework;
* **Scaling bottlenecks**: a single database instance.

``unknown`` findings (data that could not be had) are not debt and stay out. A finding kind
no table here knows (a plugin's) is filed under developer-experience friction.
"""

from __future__ import annotations

from collections.abc import Iterable

from scanner.debt.model import Confidence, DebtCategory, DebtItem
from scanner.model import (
    Evidence,
    Fact,
    Finding,
    RepositoryScan,
    ScanReport,
    Severity,
    Technology,
)

KIND_CATEGORY = {
    "end-of-life": DebtCategory.SECURITY,
    "yanked": DebtCategory.SECURITY,
    "private-key": DebtCategory.SECURITY,
    "env-file-with-values": DebtCategory.SECURITY,
    "no-lockfile": DebtCategory.SECURITY,
    "unpinned-dependencies": DebtCategory.SECURITY,
    "end-of-life-soon": DebtCategory.OUTDATED,
    "security-support-only": DebtCategory.OUTDATED,
    "majors-behind": DebtCategory.OUTDATED,
    "minors-behind": DebtCategory.OUTDATED,
    "deprecated": DebtCategory.OUTDATED,
    "abandoned": DebtCategory.OUTDATED,
    "range-excludes-supported": DebtCategory.OUTDATED,
    "action-old-major": DebtCategory.OUTDATED,
    "no-ci": DebtCategory.FRICTION,
    "several-ci-systems": DebtCategory.FRICTION,
    "no-tests": DebtCategory.FRICTION,
    "version-disagreement": DebtCategory.FRICTION,
    "shared-database": DebtCategory.COUPLING,
    "duplicate-purpose": DebtCategory.COUPLING,
    "several-majors": DebtCategory.COUPLING,
    "single-database-instance": DebtCategory.SCALING,
}
NOT_DEBT = frozenset({"unknown"})
RUNNER_CATEGORY = "ci-runner"

# What each detector's checks look for, so a report can tell "nothing found" from "not
# examined"; release data and version consistency are listed by the catalog itself.
LOOKED_FOR = {
    "secrets": "committed private keys and .env files with values (by path and pattern)",
    "hygiene": (
        "components without a lockfile or with unpinned direct dependencies, repositories "
        "without CI or with several CI systems, components without tests, several majors of "
        "one framework, two libraries doing one job"
    ),
    "containers": ("services sharing one database and single database instances in Compose files"),
}


def build_catalog(report: ScanReport) -> tuple[list[DebtItem], list[str]]:
    """The debt items of every reached scan of ``report``, most severe first, and what was
    looked for."""
    items: list[DebtItem] = []
    detectors: set[str] = set()
    release_data = False
    for scan in report.scans:
        if not scan.completed:
            continue
        detectors.update(scan.detectors)
        release_data = release_data or bool(scan.release_data)
        technologies = _technology_index(scan.technologies)
        items.extend(
            _item(scan, finding, technologies)
            for finding in scan.findings
            if finding.kind not in NOT_DEBT
        )
        items.extend(_disagreement_items(scan))
    items.sort(key=lambda item: (item.severity.rank, item.category.value, item.id))
    looked_for = [text for name, text in LOOKED_FOR.items() if name in detectors]
    looked_for.append("runtimes and datastores pinned to different versions in one component")
    if release_data:
        looked_for.append(
            "end of life (endoflife.date) and drift, deprecation, yanked and abandoned "
            "packages (package registries)"
        )
    return items, looked_for


def _technology_index(technologies: Iterable[Technology]) -> dict[tuple[str, str], Technology]:
    index: dict[tuple[str, str], Technology] = {}
    for technology in technologies:
        index.setdefault((technology.key, technology.component or "."), technology)
    return index


def _item(
    scan: RepositoryScan,
    finding: Finding,
    technologies: dict[tuple[str, str], Technology],
) -> DebtItem:
    technology = technologies.get((finding.subject, finding.component))
    category = KIND_CATEGORY.get(finding.kind, DebtCategory.FRICTION)
    if technology is not None and technology.category == RUNNER_CATEGORY:
        category = DebtCategory.FRICTION
    return DebtItem(
        id=finding.id,
        category=category,
        kind=finding.kind,
        severity=finding.severity,
        title=finding.title,
        repository=scan.repository.name,
        component=finding.component,
        subject=finding.subject,
        version=finding.version,
        confidence=_confidence(finding, technology),
        facts=finding.facts,
        evidence=finding.evidence,
    )


_BY_VERSION_SOURCE = {"resolved": Confidence.RESOLVED, "declared": Confidence.DECLARED}
_BY_CURRENT = {"(resolved)": Confidence.RESOLVED, "(pinned)": Confidence.DECLARED}


def _confidence(finding: Finding, technology: Technology | None) -> Confidence:
    """Resolved, declared or inferred: from the technology's version source for end-of-life
    findings, from where the version in use came for registry findings; what a detector saw
    in the files is certain."""
    if technology is not None:
        return _BY_VERSION_SOURCE.get(technology.version_source or "", Confidence.INFERRED)
    current = next((fact.value for fact in finding.facts if fact.name == "current"), None)
    if current is None:
        return Confidence.RESOLVED
    return _BY_CURRENT.get(current.rpartition(" ")[2], Confidence.INFERRED)


def _disagreement_items(scan: RepositoryScan) -> list[DebtItem]:
    items = []
    for disagreement in scan.disagreements:
        versions = ", ".join(disagreement.versions)
        items.append(
            DebtItem(
                id=f"version-disagreement:{disagreement.key}:{disagreement.component}",
                category=DebtCategory.FRICTION,
                kind="version-disagreement",
                severity=Severity.LOW,
                title=f"{disagreement.name} is pinned to {versions} in different places",
                repository=scan.repository.name,
                component=disagreement.component,
                subject=disagreement.key,
                version=None,
                confidence=Confidence.DECLARED,
                facts=tuple(
                    Fact("pinned", f"{pin.version} ({_where(pin.evidence)})")
                    for pin in disagreement.pins
                ),
                evidence=tuple(pin.evidence for pin in disagreement.pins),
            )
        )
    return items


def _where(evidence: Evidence) -> str:
    return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path
