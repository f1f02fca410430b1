"""The prepared view of the HTML report: what each section lists and what each chart plots.

It adds to :func:`reports.view.build_view` (shared with the Markdown and text reports) what
only the HTML page shows: counts by severity, the release-data sources and their age, the
inventory with owners, findings with their facts and evidence, dependency freshness and the
three charts, already drawn (see :mod:`reports.charts`). Every string here is plain text:
the template escapes it. Only the charts are markup.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from reports.charts import Bar, Span, eol_timeline, languages_chart, libyears_chart
from reports.view import CATEGORY_TITLES, ScanView, build_view, data_age
from scanner.model import (
    DataSourceUse,
    Evidence,
    Fact,
    Finding,
    PackageFreshness,
    RepositoryScan,
    ScanReport,
    Severity,
    Technology,
)

MAX_LANGUAGE_BARS = 12
MAX_COMPONENT_BARS = 15
WORST_OFFENDERS = 10


@dataclass(frozen=True)
class SeverityCount:
    severity: str
    count: int


@dataclass(frozen=True)
class SourceRow:
    """A release-data source: ``age`` says how old its oldest answer was at the scan."""

    name: str
    url: str
    as_of: str
    age: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class InventoryRow:
    name: str
    version: str
    components: str
    owners: str


@dataclass(frozen=True)
class InventoryGroup:
    title: str
    rows: list[InventoryRow]


@dataclass(frozen=True)
class FindingDetail:
    """A finding as the findings tables show it; ``evidence`` is one line per evidence."""

    id: str
    severity: str
    kind: str
    title: str
    component: str
    version: str
    advice: str
    where: str
    facts: tuple[Fact, ...]
    evidence: list[str]


@dataclass(frozen=True)
class SuppressedDetail:
    finding: FindingDetail
    pattern: str
    reason: str
    until: str


@dataclass(frozen=True)
class FreshnessRow:
    package: str
    component: str
    kind: str
    current: str
    latest: str
    libyears: str
    majors_behind: str


@dataclass(frozen=True)
class FreshnessView:
    """What the base view's :class:`~reports.view.FreshnessSummary` (libyears summed) does
    not say: how many packages were assessed, how many of them have no known libyears, and
    the packages furthest behind, direct or transitive, most libyears first."""

    assessed: int
    unknown: int
    worst: list[FreshnessRow]


@dataclass(frozen=True)
class Charts:
    """The three charts, drawn, each ``None`` when it has nothing to plot; ``unplotted``
    names release cycles whose end of life has no date (endoflife.date publishes none, or
    only whether it has passed)."""

    languages: Markup | None
    eol_timeline: Markup | None
    unplotted: list[str]
    libyears: Markup | None


@dataclass(frozen=True)
class HtmlScanView:
    """One repository's part of the page; ``anchor`` is its element id."""

    anchor: str
    base: ScanView
    severity_counts: list[SeverityCount]
    sources: list[SourceRow]
    inventory: list[InventoryGroup]
    findings: list[FindingDetail]
    suppressed: list[SuppressedDetail]
    freshness: FreshnessView
    charts: Charts


@dataclass(frozen=True)
class HtmlReportView:
    tool_version: str
    generated_at: str
    scans: list[HtmlScanView]


def build_html_view(report: ScanReport) -> HtmlReportView:
    """Prepare everything the HTML report shows, for ``report``'s repositories in order."""
    base = build_view(report)
    return HtmlReportView(
        tool_version=report.tool_version,
        generated_at=report.generated_at,
        scans=[
            _scan_view(f"repository-{index}", scan, scan_view, report.generated_at)
            for index, (scan, scan_view) in enumerate(
                zip(report.scans, base.scans, strict=True), start=1
            )
        ],
    )


def _scan_view(
    anchor: str, scan: RepositoryScan, base: ScanView, generated_at: str
) -> HtmlScanView:
    counts = Counter(finding.severity for finding in scan.findings)
    spans, unplotted = end_of_life_spans(scan)
    return HtmlScanView(
        anchor=anchor,
        base=base,
        severity_counts=[SeverityCount(s.value, counts[s]) for s in Severity],
        sources=[_source_row(use, generated_at) for use in scan.release_data],
        inventory=_inventory(scan),
        findings=[
            _finding_detail(f)
            for f in sorted(scan.findings, key=lambda f: (f.severity.rank, f.component, f.title))
        ],
        suppressed=[
            SuppressedDetail(
                _finding_detail(s.finding),
                s.suppression.id,
                s.suppression.reason,
                s.suppression.until or "-",
            )
            for s in scan.suppressed
        ],
        freshness=_freshness(scan.freshness),
        charts=Charts(
            languages=languages_chart(language_bars(scan)),
            eol_timeline=eol_timeline(spans),
            unplotted=unplotted,
            libyears=libyears_chart(libyears_bars(scan.freshness)),
        ),
    )


def language_bars(scan: RepositoryScan) -> list[Bar]:
    """One bar per language in its colour, largest share first; past
    :data:`MAX_LANGUAGE_BARS`, the rest summed into one bar in the chart's own colour."""
    shares = sorted(scan.languages, key=lambda s: (-s.percent, s.name))
    bars = [
        Bar(
            s.name,
            s.percent,
            f"{s.percent:.1f}%",
            f"{s.name}: {s.percent:.1f}%, {s.files} file{'s' if s.files != 1 else ''}",
            s.color,
        )
        for s in shares[:MAX_LANGUAGE_BARS]
    ]
    rest = shares[MAX_LANGUAGE_BARS:]
    if rest:
        percent = sum(s.percent for s in rest)
        names = ", ".join(s.name for s in rest)
        bars.append(Bar(f"{len(rest)} others", percent, f"{percent:.1f}%", names))
    return bars


def libyears_bars(freshness: Iterable[PackageFreshness]) -> list[Bar]:
    """One bar per component: the libyears of its direct dependencies whose libyears are
    known, summed; most first. Past :data:`MAX_COMPONENT_BARS`, the rest summed into one."""
    sums: dict[str, float] = defaultdict(float)
    packages: Counter[str] = Counter()
    for package in freshness:
        if package.direct and package.libyears is not None:
            sums[package.component] += package.libyears
            packages[package.component] += 1
    ranked = sorted(sums, key=lambda component: (-sums[component], component))
    bars = [
        Bar(
            c,
            sums[c],
            f"{sums[c]:.1f} y",
            f"{c}: {sums[c]:.2f} libyears over {packages[c]} direct "
            + ("dependency" if packages[c] == 1 else "dependencies"),
        )
        for c in ranked[:MAX_COMPONENT_BARS]
    ]
    rest = ranked[MAX_COMPONENT_BARS:]
    if rest:
        total = sum(sums[c] for c in rest)
        bars.append(Bar(f"{len(rest)} others", total, f"{total:.1f} y", ", ".join(rest)))
    return bars


def end_of_life_spans(scan: RepositoryScan) -> tuple[list[Span], list[str]]:
    """The release cycles to plot, soonest end of life first, and the labels of cycles
    that have no end-of-life date.

    Findings in force and suppressed ones alike are read: any finding with a ``cycle`` fact
    (see :mod:`scanner.releases.assess`). Its ``end of life`` and ``evaluated for`` facts
    must be days to be plotted; ``active support until`` splits the bar when it is one. The
    same cycle in several components is one bar.
    """
    names = {tech.key: tech.name for tech in scan.technologies}
    merged: dict[tuple[str, str, date, date | None, date, str], list[str]] = defaultdict(list)
    unplotted: dict[str, None] = {}
    for finding in (*scan.findings, *(s.finding for s in scan.suppressed)):
        facts = {fact.name: fact.value for fact in finding.facts}
        if "cycle" not in facts:
            continue
        name = names.get(finding.subject, finding.subject)
        end = _day(facts.get("end of life"))
        evaluated = _day(facts.get("evaluated for"))
        if end is None or evaluated is None:
            eol = facts.get("end of life", "not published")
            unplotted[f"{name} {facts['cycle']} (end of life: {eol})"] = None
            continue
        active = _day(facts.get("active support until"))
        key = (name, facts["cycle"], end, active, evaluated, finding.severity.value)
        merged[key].append(finding.component)
    spans = [
        Span(
            # a cycle may read "3.8 (approximate: ...)": the bar's label keeps "3.8"
            label=f"{name} {cycle.split(' (', 1)[0]}",
            end_of_life=end,
            active_until=active,
            evaluated_for=evaluated,
            severity=severity,
            note=(
                f"{name} {cycle}: active support until "
                f"{active.isoformat() if active else 'unknown'}, end of life {end.isoformat()}; "
                f"in {', '.join(sorted(set(components)))}"
            ),
        )
        for (name, cycle, end, active, evaluated, severity), components in merged.items()
    ]
    spans.sort(key=lambda span: (span.end_of_life, span.label))
    return spans, list(unplotted)


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _source_row(use: DataSourceUse, generated_at: str) -> SourceRow:
    age = "no answer used"
    if use.oldest_answer:
        age = f"{use.oldest_answer} ({data_age(use.oldest_answer, generated_at)})"
    return SourceRow(use.name, use.url, use.as_of, age, use.problems)


def _inventory(scan: RepositoryScan) -> list[InventoryGroup]:
    owners = {component.path: component.owners for component in scan.components}
    merged: dict[tuple[str, str, str], list[Technology]] = defaultdict(list)
    for tech in scan.technologies:
        merged[(tech.category, tech.name, tech.version or "")].append(tech)
    groups: dict[str, list[InventoryRow]] = defaultdict(list)
    for (category, name, version), techs in sorted(merged.items()):
        components = sorted({tech.component or "." for tech in techs})
        who = sorted({owner for c in components for owner in owners.get(c, ())})
        groups[category].append(
            InventoryRow(name, version or "-", ", ".join(components), ", ".join(who) or "-")
        )
    order = list(CATEGORY_TITLES)
    return [
        InventoryGroup(CATEGORY_TITLES.get(category, category.title()), groups[category])
        for category in sorted(
            groups, key=lambda c: (order.index(c) if c in order else len(order), c)
        )
    ]


def _finding_detail(finding: Finding) -> FindingDetail:
    return FindingDetail(
        id=finding.id,
        severity=finding.severity.value,
        kind=finding.kind,
        title=finding.title,
        component=finding.component,
        version=finding.version or "-",
        advice=finding.advice,
        where=_where(finding.evidence[0]) if finding.evidence else "-",
        facts=finding.facts,
        evidence=[f"{_where(e)}: {e.reason} ({e.detector})" for e in finding.evidence],
    )


def _where(evidence: Evidence) -> str:
    return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path


def _freshness(freshness: tuple[PackageFreshness, ...]) -> FreshnessView:
    known = [(p, p.libyears) for p in freshness if p.libyears is not None]
    known.sort(key=lambda pair: (-pair[1], pair[0].ecosystem, pair[0].name))
    return FreshnessView(
        assessed=len(freshness),
        unknown=len(freshness) - len(known),
        worst=[
            FreshnessRow(
                package=f"{p.ecosystem}/{p.name}",
                component=p.component,
                kind="direct" if p.direct else "transitive",
                current=p.current,
                latest=p.latest or "-",
                libyears=f"{years:.2f}",
                majors_behind="-" if p.majors_behind is None else str(p.majors_behind),
            )
            for p, years in known[:WORST_OFFENDERS]
        ],
    )
