"""The prepared view of a roadmap draft that the Markdown and CSV renderers display.

Every figure, ordering, label and date is decided here, so the template only lays it out.
Initiatives are shown in phase order (the phases in order, each phase's initiatives in
order), then those the plan left out of every phase (it keeps at most so many phases), in
the roadmap's order, as not scheduled. An initiative in a phase must be scheduled, one in no
phase must not be; an initiative may sit in one phase only and depend only on initiatives
the roadmap holds. :func:`build_view` raises ``ValueError`` naming any initiative that
breaks these rules, and any scheduled quarter not written like ``2027-Q1``.

Quarters become dates for the Gantt chart: a task runs from the first day of its start
quarter to the first day after its end quarter (Mermaid reads an end date as exclusive). A
task whose dependencies all end exactly when it starts, and come earlier in the chart, starts
``after`` them; any other keeps its dates, since in a Mermaid Gantt chart ``after`` only
places a bar (it draws no arrow) and would move it off its quarter. The dependency graph shows
every dependency whatever the chart does.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from scanner.debt.model import (
    DebtCategory,
    DebtItem,
    Estimate,
    Initiative,
    MilestoneCheck,
    Roadmap,
    ScheduledInitiative,
)
from scanner.model import Evidence

CATEGORY_TITLES = {
    DebtCategory.OUTDATED: "Outdated dependencies",
    DebtCategory.SECURITY: "Security risks",
    DebtCategory.FRICTION: "Developer experience",
    DebtCategory.COUPLING: "Architectural coupling",
    DebtCategory.SCALING: "Scaling bottlenecks",
}

_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_TIMES = "\N{MULTIPLICATION SIGN}"
_DASH = "\N{EN DASH}"


@dataclass(frozen=True)
class TableRow:
    phase: str
    initiative: str
    goal: str
    success_metric: str
    target_quarter: str


@dataclass(frozen=True)
class Dependency:
    title: str
    reason: str


@dataclass(frozen=True)
class Place:
    where: str
    reason: str
    detector: str


@dataclass(frozen=True)
class InitiativeView:
    """One initiative, its numbers formatted; ``key`` is its Mermaid id (``i1``, ``i2``…).
    ``phase``, the quarters and ``planned_weeks`` are empty for one not scheduled."""

    key: str
    title: str
    phase: str
    goal: str
    rationale: str
    category: str
    components: list[str]
    items: list[str]
    start_quarter: str
    end_quarter: str
    target_quarter: str
    reach: str
    reach_detail: str
    impact: str
    impact_reason: str
    confidence: str
    confidence_reason: str
    effort_weeks: str
    effort_reason: str
    score: str
    score_formula: str
    planned_weeks: str
    risk_reduction: str
    one_way: str
    depends_on: list[Dependency]
    milestone: str
    check: str
    evidence: list[Place]


@dataclass(frozen=True)
class PhaseView:
    name: str
    theme: str
    quarters: str
    initiatives: list[InitiativeView]


@dataclass(frozen=True)
class GanttTask:
    """A Gantt task: ``tags`` is ``"crit, "`` for a risk-reduction initiative, else empty;
    ``start`` a day or ``after i1 i2``; ``end`` a day (exclusive)."""

    title: str
    key: str
    tags: str
    start: str
    end: str


@dataclass(frozen=True)
class GanttSection:
    name: str
    tasks: list[GanttTask]


@dataclass(frozen=True)
class GraphNode:
    key: str
    title: str


@dataclass(frozen=True)
class GraphEdge:
    """``source`` must be done before ``target``."""

    source: str
    target: str


@dataclass(frozen=True)
class CatalogRow:
    severity: str
    title: str
    repository: str
    component: str
    version: str
    confidence: str
    where: str


@dataclass(frozen=True)
class CatalogGroup:
    title: str
    count: int
    rows: list[CatalogRow]


@dataclass(frozen=True)
class RoadmapView:
    repositories: str
    as_of: str
    generated_at: str
    start_quarter: str
    capacity_weeks: str
    buffer: str
    rows: list[TableRow]
    initiatives: list[InitiativeView]
    phases: list[PhaseView]
    unscheduled: list[InitiativeView]
    gantt: list[GanttSection]
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    catalog_count: str
    catalog: list[CatalogGroup]
    looked_for: list[str]


def build_view(roadmap: Roadmap) -> RoadmapView:
    """Prepare everything the roadmap's Markdown and CSV show (see the module's contract)."""
    placed, unplaced = _placement(roadmap)
    schedule = _schedule(roadmap, placed)
    ordered = [*placed, *unplaced]
    keys = {initiative.id: f"i{number}" for number, initiative in enumerate(ordered, start=1)}
    titles = {initiative.id: initiative.title for initiative in ordered}
    phase_names = {i: phase.name for phase in roadmap.phases for i in phase.initiatives}
    views = {
        initiative.id: _initiative_view(
            initiative,
            keys[initiative.id],
            phase_names.get(initiative.id, ""),
            schedule.get(initiative.id),
            titles,
        )
        for initiative in ordered
    }
    edges = [
        GraphEdge(keys[prerequisite], keys[initiative.id])
        for initiative in ordered
        for prerequisite in initiative.depends_on
    ]
    linked = {key for edge in edges for key in (edge.source, edge.target)}
    return RoadmapView(
        repositories=", ".join(roadmap.repositories),
        as_of=roadmap.as_of,
        generated_at=roadmap.generated_at,
        start_quarter=roadmap.start_quarter,
        capacity_weeks=number(roadmap.capacity_weeks),
        buffer=_percent(roadmap.buffer),
        rows=[
            TableRow(
                view.phase or "Not scheduled",
                view.title,
                view.goal,
                view.milestone,
                view.target_quarter or "-",
            )
            for view in views.values()
        ],
        initiatives=list(views.values()),
        phases=[
            PhaseView(
                name=phase.name,
                theme=phase.theme,
                quarters=_span(phase.start_quarter, phase.end_quarter),
                initiatives=[views[identifier] for identifier in phase.initiatives],
            )
            for phase in roadmap.phases
        ],
        unscheduled=[views[initiative.id] for initiative in unplaced],
        gantt=_gantt(roadmap, placed, keys, schedule),
        nodes=[GraphNode(view.key, view.title) for view in views.values() if view.key in linked],
        edges=edges,
        catalog_count=f"{len(roadmap.catalog)} item{'' if len(roadmap.catalog) == 1 else 's'}",
        catalog=_catalog(roadmap.catalog),
        looked_for=list(roadmap.looked_for),
    )


def number(value: float) -> str:
    """A figure for people and spreadsheets: at most two decimals, no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def quarter_start(quarter: str) -> date:
    """The first day of a quarter written ``2027-Q1``; ``ValueError`` for anything else."""
    match = _QUARTER.fullmatch(quarter)
    if match is None:
        raise ValueError(f"roadmap quarter {quarter!r} is not written like 2027-Q1")
    return date(int(match[1]), 3 * int(match[2]) - 2, 1)


def quarter_end(quarter: str) -> date:
    """The first day after a quarter (an exclusive end)."""
    start = quarter_start(quarter)
    if start.month == 10:
        return date(start.year + 1, 1, 1)
    return date(start.year, start.month + 3, 1)


def check_text(check: MilestoneCheck) -> str:
    """The condition a later scan is held to, in one line: ``min-version: django 5.2 or
    newer``, ``no-finding: end-of-life about python``, ``no-technology: angularjs``."""
    text = f"{check.kind}: {check.subject}"
    if check.version is not None:
        text += f" {check.version} or newer"
    if check.about is not None:
        text += f" about {check.about}"
    return text


def _placement(roadmap: Roadmap) -> tuple[list[Initiative], list[Initiative]]:
    """The initiatives in phase order, and those in no phase in the roadmap's order."""
    by_id = {initiative.id: initiative for initiative in roadmap.initiatives}
    placed = [identifier for phase in roadmap.phases for identifier in phase.initiatives]
    twice = sorted(identifier for identifier, n in Counter(placed).items() if n > 1)
    unknown = sorted(set(placed) - set(by_id))
    missing = sorted(
        {dependency for i in roadmap.initiatives for dependency in i.depends_on} - set(by_id)
    )
    for problem, identifiers in (
        ("is in more than one phase", twice),
        ("is in a phase but not among the initiatives", unknown),
        ("is depended on but not among the initiatives", missing),
    ):
        if identifiers:
            raise ValueError(f"roadmap initiative {', '.join(identifiers)} {problem}")
    unplaced = [initiative for initiative in roadmap.initiatives if initiative.id not in placed]
    return [by_id[identifier] for identifier in placed], unplaced


def _schedule(roadmap: Roadmap, placed: list[Initiative]) -> dict[str, ScheduledInitiative]:
    """The schedule entry of each initiative in a phase (and of no other)."""
    schedule = {entry.initiative: entry for entry in roadmap.schedule}
    phased = {initiative.id for initiative in placed}
    for problem, identifiers in (
        ("is in a phase but not scheduled", sorted(phased - set(schedule))),
        ("is scheduled but in no phase", sorted(set(schedule) - phased)),
    ):
        if identifiers:
            raise ValueError(f"roadmap initiative {', '.join(identifiers)} {problem}")
    return schedule


def _initiative_view(
    initiative: Initiative,
    key: str,
    phase: str,
    scheduled: ScheduledInitiative | None,
    titles: dict[str, str],
) -> InitiativeView:
    """The initiative's view; its phase, quarters and planned weeks are empty when it is not
    scheduled."""
    estimate = initiative.estimate
    return InitiativeView(
        key=key,
        title=initiative.title,
        phase=phase,
        goal=initiative.goal,
        rationale=initiative.rationale,
        category=CATEGORY_TITLES[initiative.category],
        components=list(initiative.components),
        items=list(initiative.items),
        start_quarter=scheduled.start_quarter if scheduled else "",
        end_quarter=scheduled.end_quarter if scheduled else "",
        target_quarter=_span(scheduled.start_quarter, scheduled.end_quarter) if scheduled else "",
        reach=str(estimate.reach),
        reach_detail=estimate.reach_detail,
        impact=number(estimate.impact),
        impact_reason=estimate.impact_reason,
        confidence=number(estimate.confidence),
        confidence_reason=estimate.confidence_reason,
        effort_weeks=number(estimate.effort_weeks),
        effort_reason=estimate.effort_reason,
        score=number(estimate.score),
        score_formula=_formula(estimate),
        planned_weeks=number(scheduled.planned_weeks) if scheduled else "",
        risk_reduction="yes" if initiative.risk_reduction else "no",
        one_way="yes" if initiative.one_way else "no",
        depends_on=[
            Dependency(titles[identifier], reason)
            for identifier, reason in zip(
                initiative.depends_on, initiative.dependency_reasons, strict=True
            )
        ],
        milestone=initiative.milestone.text,
        check=check_text(initiative.milestone.check),
        evidence=[_place(evidence) for evidence in initiative.evidence],
    )


def _gantt(
    roadmap: Roadmap,
    placed: list[Initiative],
    keys: dict[str, str],
    schedule: dict[str, ScheduledInitiative],
) -> list[GanttSection]:
    by_id = {initiative.id: initiative for initiative in placed}
    ends = {i.id: quarter_end(schedule[i.id].end_quarter) for i in placed}
    shown: set[str] = set()
    sections = []
    for phase in roadmap.phases:
        tasks = []
        for identifier in phase.initiatives:
            initiative = by_id[identifier]
            start = quarter_start(schedule[identifier].start_quarter)
            prerequisites = initiative.depends_on
            follows = (
                bool(prerequisites)
                and set(prerequisites) <= shown
                and max(ends[p] for p in prerequisites) == start
            )
            tasks.append(
                GanttTask(
                    title=initiative.title.strip() or initiative.id,
                    key=keys[identifier],
                    tags="crit, " if initiative.risk_reduction else "",
                    start=(
                        "after " + " ".join(keys[p] for p in prerequisites)
                        if follows
                        else start.isoformat()
                    ),
                    end=ends[identifier].isoformat(),
                )
            )
            shown.add(identifier)
        if tasks:
            sections.append(GanttSection(phase.name, tasks))
    return sections


def _catalog(items: tuple[DebtItem, ...]) -> list[CatalogGroup]:
    groups = []
    for category, title in CATEGORY_TITLES.items():
        rows = [
            CatalogRow(
                severity=item.severity.value,
                title=item.title,
                repository=item.repository,
                component=item.component,
                version=item.version or "-",
                confidence=item.confidence.value,
                where=_place(item.evidence[0]).where if item.evidence else "-",
            )
            for item in sorted(items, key=lambda item: item.severity.rank)
            if item.category is category
        ]
        groups.append(CatalogGroup(title, len(rows), rows))
    return groups


def _place(evidence: Evidence) -> Place:
    where = f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path
    return Place(where, evidence.reason, evidence.detector)


def _formula(estimate: Estimate) -> str:
    return (
        f"{estimate.reach} {_TIMES} {number(estimate.impact)} {_TIMES} "
        f"{number(estimate.confidence)} ÷ {number(estimate.effort_weeks)}"
    )


def _span(start: str, end: str) -> str:
    return end if start == end else f"{start}{_DASH}{end}"


def _percent(share: float) -> str:
    return f"{number(share * 100)}%"
