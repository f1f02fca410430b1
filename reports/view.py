"""The prepared view that human-readable reports display.

Every figure, ordering, grouping and label is decided here, so the templates only lay it out.
Every list holds every row: a report that must stay short (the Markdown one) cuts them itself.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import datetime, timezone

from scanner.debt.catalog import build_catalog
from scanner.debt.model import DebtCategory, DebtItem
from scanner.model import (
    DataSourceUse,
    Dependency,
    Evidence,
    Finding,
    PackageFreshness,
    RepositoryScan,
    ScanReport,
    Severity,
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

# The debt catalog's categories in the order a lead reads them, what can hurt first, titled
# as in the roadmap (reports.roadmap.view: not imported, as reports.roadmap imports the
# Markdown reporter, which imports this module).
DEBT_TITLES = {
    DebtCategory.SECURITY: "Security risks",
    DebtCategory.OUTDATED: "Outdated dependencies",
    DebtCategory.FRICTION: "Developer experience",
    DebtCategory.COUPLING: "Architectural coupling",
    DebtCategory.SCALING: "Scaling bottlenecks",
}
TOP_FINDINGS = 10
LANGUAGES_NAMED = 5
OWNERS_NAMED = 3


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
    """A technology at one version; ``owners`` are the owners of the components it is in."""

    name: str
    version: str
    basis: str
    components: str
    evidence: str
    owners: str


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
class Count:
    """A figure and what it counts (``critical``, ``Security risks``)."""

    label: str
    count: int


@dataclass(frozen=True)
class ScanSummary:
    """What a lead reads first about one repository, counted over everything the scan found.

    ``severities`` has every severity, most severe first, and ``debt`` every debt category in
    :data:`DEBT_TITLES` order, zeros included, so that "none" reads apart from "not shown".
    ``languages`` names the largest languages with their shares ("" when none were counted);
    ``release_day`` is the day release data was evaluated for (``None`` without release
    data) and ``release_sources`` says, per source, when its oldest answer was fetched and
    how old it was when the report was generated.
    """

    severities: list[Count]
    findings: int
    suppressed: int
    debt: list[Count]
    debt_items: int
    components: int
    dependencies: int
    languages: str
    release_day: str | None
    release_sources: list[str]


@dataclass(frozen=True)
class CatalogRow:
    severity: str
    title: str
    component: str
    where: str


@dataclass(frozen=True)
class CatalogGroup:
    """The debt items of one category, most severe first."""

    title: str
    rows: list[CatalogRow]


@dataclass(frozen=True)
class OverviewRow:
    """One repository (or, as the total, all of them) in the overview of several.

    ``severities`` counts findings per severity, most severe first; ``libyears`` is the sum
    over direct dependencies, ``-`` when none was assessed; ``reached`` is false for a target
    that could not be scanned.
    """

    name: str
    reached: bool
    severities: list[int]
    debt_items: int
    components: int
    dependencies: int
    libyears: str


@dataclass(frozen=True)
class ScanView:
    """One repository. ``technology_groups`` is the inventory; ``catalog`` has the non-empty
    debt categories only (``summary.debt`` counts all five) and ``looked_for`` says what
    the checks behind it looked for; ``top_findings`` are the :data:`TOP_FINDINGS` most
    severe findings, ``findings`` all of them."""

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
    summary: ScanSummary
    catalog: list[CatalogGroup]
    looked_for: list[str]
    top_findings: list[FindingRow]


@dataclass(frozen=True)
class ReportView:
    """The whole run; ``overview`` has a row per repository and ``overview_total`` sums them
    when there are several (empty and ``None`` for one)."""

    tool_version: str
    generated_at: str
    scans: list[ScanView]
    overview: list[OverviewRow]
    overview_total: OverviewRow | None


def build_view(report: ScanReport) -> ReportView:
    """Prepare everything the Markdown and text reports show."""
    catalogs = [build_catalog(replace(report, scans=(scan,))) for scan in report.scans]
    scans = [
        _scan_view(scan, items, looked_for, report.generated_at)
        for scan, (items, looked_for) in zip(report.scans, catalogs, strict=True)
    ]
    overview = [
        _overview_row(scan, len(items))
        for scan, (items, _) in zip(report.scans, catalogs, strict=True)
        if len(report.scans) > 1
    ]
    return ReportView(
        tool_version=report.tool_version,
        generated_at=report.generated_at,
        scans=scans,
        overview=overview,
        overview_total=_overview_total(overview) if overview else None,
    )


def _scan_view(
    scan: RepositoryScan, items: list[DebtItem], looked_for: list[str], generated_at: str
) -> ScanView:
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
        technology_groups=_technology_groups(
            scan.technologies, {c.path: c.owners for c in scan.components}
        ),
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
        findings=[_finding_row(f) for f in scan.findings],
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
        summary=_summary(scan, items, generated_at),
        catalog=_catalog(items),
        looked_for=looked_for,
        top_findings=[_finding_row(f) for f in _most_severe(scan.findings)[:TOP_FINDINGS]],
    )


def _finding_row(finding: Finding) -> FindingRow:
    return FindingRow(
        severity=finding.severity.value,
        title=finding.title,
        component=finding.component,
        advice=finding.advice,
        where=_where(finding.evidence[0]) if finding.evidence else "-",
    )


def _most_severe(findings: tuple[Finding, ...]) -> list[Finding]:
    """Most severe first; findings of one severity keep the scan's order."""
    return sorted(findings, key=lambda finding: finding.severity.rank)


def _summary(scan: RepositoryScan, items: list[DebtItem], generated_at: str) -> ScanSummary:
    severities = Counter(finding.severity for finding in scan.findings)
    categories = Counter(item.category for item in items)
    languages = sorted(scan.languages, key=lambda share: (-share.percent, share.name))
    return ScanSummary(
        severities=[Count(severity.value, severities[severity]) for severity in Severity],
        findings=len(scan.findings),
        suppressed=len(scan.suppressed),
        debt=[Count(title, categories[category]) for category, title in DEBT_TITLES.items()],
        debt_items=len(items),
        components=len(scan.components),
        dependencies=len(scan.dependencies),
        languages=_shorten(
            [f"{share.name} {share.percent:.1f}%" for share in languages], LANGUAGES_NAMED
        ),
        release_day=scan.release_data[0].as_of if scan.release_data else None,
        release_sources=[_source_age(use, generated_at) for use in scan.release_data],
    )


def _catalog(items: list[DebtItem]) -> list[CatalogGroup]:
    groups = []
    for category, title in DEBT_TITLES.items():
        rows = [
            CatalogRow(
                severity=item.severity.value,
                title=item.title,
                component=item.component,
                where=_where(item.evidence[0]) if item.evidence else "-",
            )
            for item in items
            if item.category is category
        ]
        if rows:
            groups.append(CatalogGroup(title, rows))
    return groups


def _overview_row(scan: RepositoryScan, debt_items: int) -> OverviewRow:
    severities = Counter(finding.severity for finding in scan.findings)
    direct = [r.libyears for r in scan.freshness if r.direct and r.libyears is not None]
    return OverviewRow(
        name=scan.repository.name,
        reached=scan.completed,
        severities=[severities[severity] for severity in Severity],
        debt_items=debt_items,
        components=len(scan.components),
        dependencies=len(scan.dependencies),
        libyears=f"{sum(direct):.1f}" if direct else "-",
    )


def _overview_total(rows: list[OverviewRow]) -> OverviewRow:
    assessed = [float(row.libyears) for row in rows if row.libyears != "-"]
    return OverviewRow(
        name=f"All {len(rows)} repositories",
        reached=any(row.reached for row in rows),
        severities=[sum(counts) for counts in zip(*(row.severities for row in rows), strict=True)],
        debt_items=sum(row.debt_items for row in rows),
        components=sum(row.components for row in rows),
        dependencies=sum(row.dependencies for row in rows),
        libyears=f"{sum(assessed):.1f}" if assessed else "-",
    )


def _source_age(use: DataSourceUse, generated_at: str) -> str:
    if not use.oldest_answer:
        return f"{use.name}: no answer used"
    fetched = _fetched(use.oldest_answer)
    return f"{use.name}: data from {fetched}, {data_age(use.oldest_answer, generated_at)}"


def data_age(fetched: str, generated_at: str) -> str:
    """How old an answer fetched at ``fetched`` was when the report was generated (both ISO
    times, UTC when they carry no offset): ``under an hour old``, ``5 hours old``, ``3 days
    old``; ``age unknown`` when a time does not parse."""
    try:
        seconds = (_utc(generated_at) - _utc(fetched)).total_seconds()
    except ValueError:
        return "age unknown"
    hours = int(max(seconds, 0) // 3600)
    if hours < 1:
        return "under an hour old"
    if hours < 48:
        return f"{hours} hour{'s' if hours != 1 else ''} old"
    return f"{hours // 24} days old"


def _utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


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


def _technology_groups(
    technologies: tuple[Technology, ...], owners: dict[str, tuple[str, ...]]
) -> list[TechnologyGroup]:
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
                owners=_shorten(
                    sorted({owner for c in components for owner in owners.get(c, ())}),
                    OWNERS_NAMED,
                )
                or "-",
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
