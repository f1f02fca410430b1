"""The prepared view that human-readable reports display.

Every figure, ordering, grouping and label is decided here, so the templates only lay it out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from scanner.model import (
    Dependency,
    Evidence,
    PackageFreshness,
    RepositoryScan,
    ScanReport,
    Technology,
)

CATEGORY_TITLES = {
    "language": "Languages",
    "runtime": "Runtimes",
    "framework": "Frameworks",
    "library": "Libraries",
    "package-manager": "Package managers",
    "build-tool": "Build tools",
    "datastore": "Datastores",
    "container-image": "Container images",
    "ci": "CI",
    "ci-runner": "CI runners",
    "ci-orb": "CI orbs",
    "infrastructure": "Infrastructure",
    "orm": "ORMs",
    "queue": "Queues",
    "cache": "Caches",
    "search": "Search",
    "observability": "Observability",
    "cloud-sdk": "Cloud SDKs",
    "auth": "Authentication",
    "payment": "Payments",
    "messaging": "Messaging",
    "service": "Services",
    "test-framework": "Test frameworks",
    "linter": "Linters",
    "tool": "Tools",
}


@dataclass(frozen=True)
class LanguageRow:
    name: str
    percent: str
    size: str
    files: int


@dataclass(frozen=True)
class ComponentRow:
    path: str
    name: str
    ecosystems: str
    manifests: str
    workspace: str
    owners: str


@dataclass(frozen=True)
class DisagreementRow:
    name: str
    component: str
    places: str


@dataclass(frozen=True)
class TechnologyRow:
    name: str
    version: str
    basis: str
    components: str
    evidence: str


@dataclass(frozen=True)
class TechnologyGroup:
    title: str
    rows: list[TechnologyRow]


@dataclass(frozen=True)
class DependencyRow:
    component: str
    ecosystem: str
    name: str
    declared: str
    resolved: str
    scope: str
    direct: str


@dataclass(frozen=True)
class FailureRow:
    path: str
    kind: str
    detector: str
    reason: str


@dataclass(frozen=True)
class FindingRow:
    severity: str
    title: str
    component: str
    advice: str
    where: str


@dataclass(frozen=True)
class DataSourceRow:
    name: str
    url: str
    as_of: str
    fetched: str | None
    problems: int


@dataclass(frozen=True)
class FreshnessSummary:
    """Libyears summed over the dependencies assessed, direct and transitive apart, and the
    direct dependencies furthest behind."""

    direct_libyears: str
    direct_count: int
    transitive_libyears: str
    transitive_count: int
    worst: list[str]


@dataclass(frozen=True)
class ScanView:
    title: str
    source: str
    revision: str
    reached: bool
    walk_summary: str
    languages: list[LanguageRow]
    components: list[ComponentRow]
    technology_groups: list[TechnologyGroup]
    dependency_summary: list[str]
    dependencies: list[DependencyRow]
    failures: list[FailureRow]
    disagreements: list[DisagreementRow]
    findings: list[FindingRow]
    suppressed: list[str]
    data_notes: list[str]
    data_sources: list[DataSourceRow]
    freshness: FreshnessSummary | None


@dataclass(frozen=True)
class ReportView:
    tool_version: str
    generated_at: str
    scans: list[ScanView]


def build_view(report: ScanReport) -> ReportView:
    """Prepare everything the Markdown and text reports show."""
    return ReportView(
        tool_version=report.tool_version,
        generated_at=report.generated_at,
        scans=[_scan_view(scan) for scan in report.scans],
    )


def _scan_view(scan: RepositoryScan) -> ScanView:
    repository = scan.repository
    revision = ""
    if repository.commit:
        revision = repository.commit[:12]
        if repository.ref:
            revision = f"{repository.ref} ({revision})"
    walk = scan.walk
    walk_summary = (
        f"{walk.files:,} files, {human_size(walk.bytes)}, read {walk.files_read:,}, "
        f"{walk.pruned_directories:,} directories pruned; {walk.mode}, {walk.seconds:.2f} s"
        if walk
        else "not scanned"
    )
    return ScanView(
        title=repository.name,
        source=repository.source,
        revision=revision,
        reached=scan.completed,
        walk_summary=walk_summary,
        languages=[
            LanguageRow(s.name, f"{s.percent:.1f}%", human_size(s.bytes), s.files)
            for s in scan.languages
        ],
        components=[
            ComponentRow(
                path=c.path,
                name=c.name,
                ecosystems=", ".join(c.ecosystems) or "-",
                manifests=", ".join(m.rpartition("/")[2] for m in c.manifests) or "-",
                workspace=_workspace_label(c.workspace_root, len(c.workspace_members)),
                owners=", ".join(c.owners) or "-",
            )
            for c in scan.components
        ],
        technology_groups=_technology_groups(scan.technologies),
        dependency_summary=_dependency_summary(scan.dependencies),
        dependencies=[
            DependencyRow(
                component=d.component or ".",
                ecosystem=d.ecosystem,
                name=d.name,
                declared=d.declared or "-",
                resolved=d.resolved or "-",
                scope=d.scope.value,
                direct="direct" if d.direct else "transitive",
            )
            for d in scan.dependencies
        ],
        failures=[
            FailureRow(f.path or "-", f.kind.value, f.detector or "-", f.reason)
            for f in scan.failures
        ],
        findings=[
            FindingRow(
                severity=f.severity.value,
                title=f.title,
                component=f.component,
                advice=f.advice,
                where=_where(f.evidence[0]) if f.evidence else "-",
            )
            for f in scan.findings
        ],
        suppressed=[
            f"{s.finding.title} — {s.suppression.reason}"
            + (f" (until {s.suppression.until})" if s.suppression.until else "")
            for s in scan.suppressed
        ],
        data_notes=[
            f"{use.name} evaluated for {use.as_of}: {problem}"
            for use in scan.release_data
            for problem in use.problems
        ],
        data_sources=[
            DataSourceRow(
                name=use.name,
                url=use.url,
                as_of=use.as_of,
                fetched=_fetched(use.oldest_answer),
                problems=len(use.problems),
            )
            for use in scan.release_data
        ],
        freshness=_freshness_summary(scan.freshness),
        disagreements=[
            DisagreementRow(
                name=d.name,
                component=d.component,
                places="; ".join(f"{pin.version} ({_where(pin.evidence)})" for pin in d.pins),
            )
            for d in scan.disagreements
        ],
    )


_WORST_SHOWN = 5


def _fetched(oldest_answer: str | None) -> str | None:
    """When the oldest answer used was fetched, to the minute; ``None`` without one."""
    if not oldest_answer:
        return None
    return oldest_answer.replace("T", " ")[:16] + " UTC"


def _freshness_summary(records: tuple[PackageFreshness, ...]) -> FreshnessSummary | None:
    if not records:
        return None
    direct = [r for r in records if r.direct and r.libyears is not None]
    transitive = [r for r in records if not r.direct and r.libyears is not None]
    worst = sorted(direct, key=lambda r: (-(r.libyears or 0.0), r.name))[:_WORST_SHOWN]
    return FreshnessSummary(
        direct_libyears=f"{sum(r.libyears or 0.0 for r in direct):.1f}",
        direct_count=len(direct),
        transitive_libyears=f"{sum(r.libyears or 0.0 for r in transitive):.1f}",
        transitive_count=len(transitive),
        worst=[
            f"{r.name} {r.current} → {r.latest} ({r.libyears:.1f} libyears, {r.component})"
            for r in worst
            if r.libyears
        ],
    )


def _where(evidence: Evidence) -> str:
    return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path


def _workspace_label(root: str | None, members: int) -> str:
    parts = []
    if members:
        parts.append(f"root of {members} member{'s' if members != 1 else ''}")
    if root is not None:
        parts.append(f"member of {root}")
    return "; ".join(parts) or "-"


def _technology_groups(technologies: tuple[Technology, ...]) -> list[TechnologyGroup]:
    merged: dict[tuple[str, str, str], list[Technology]] = defaultdict(list)
    for tech in technologies:
        merged[(tech.category, tech.name, tech.version or "")].append(tech)
    by_category: dict[str, list[TechnologyRow]] = defaultdict(list)
    for (category, name, version), group in sorted(merged.items()):
        components = sorted({tech.component or "." for tech in group})
        evidence = [ev for tech in group for ev in tech.evidence]
        basis = group[0].version_source or (group[0].version_note or "")
        by_category[category].append(
            TechnologyRow(
                name=name,
                version=version or "-",
                basis=basis or "-",
                components=_shorten(components, 3),
                evidence=_shorten(sorted({f"{ev.path}" for ev in evidence}), 2),
            )
        )
    order = list(CATEGORY_TITLES)
    return [
        TechnologyGroup(CATEGORY_TITLES.get(category, category.title()), rows)
        for category, rows in sorted(
            by_category.items(),
            key=lambda item: (order.index(item[0]) if item[0] in order else len(order), item[0]),
        )
    ]


def _dependency_summary(dependencies: tuple[Dependency, ...]) -> list[str]:
    counts = Counter((d.ecosystem, d.direct) for d in dependencies)
    lines = []
    for ecosystem in sorted({d.ecosystem for d in dependencies}):
        direct = counts[(ecosystem, True)]
        transitive = counts[(ecosystem, False)]
        text = f"{ecosystem}: {direct} direct"
        if transitive:
            text += f", {transitive} transitive"
        lines.append(text)
    return lines


def _shorten(items: list[str], keep: int) -> str:
    if len(items) <= keep:
        return ", ".join(items)
    return ", ".join(items[:keep]) + f" and {len(items) - keep} more"


def human_size(size: int) -> str:
    """A byte count for people: ``512 B``, ``1.4 KiB``, ``12.0 MiB``."""
    value = float(size)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
