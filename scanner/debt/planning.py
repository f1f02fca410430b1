"""Ordering initiatives into phases and quarters.

* **Themes**: Foundation (risk reduction: past end of life, security gaps), Scale
  (upgrades, replacements, coupling and scaling), Velocity (everyday friction and routine
  updates). A prerequisite takes the earliest theme of the initiatives waiting on it, and
  their urgency.
* **Order**: dependencies first; among initiatives that are ready, one waiting on the
  initiative just planned goes next (a chain is finished before another is started), then
  the most urgent (risk reduction, most severe), then the one that unblocks the most, then
  the highest RICE score.
* **Phases**: each theme's initiatives in that order, at most ``max_per_phase`` a phase
  (a theme with more gets a "continued" phase), at most ``max_phases`` phases; a phase of
  one initiative joins its neighbour. What does not fit stays unscheduled.
* **Quarters**: initiatives take the team's capacity one after the other from the start
  quarter, each its effort plus the buffer.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from scanner.debt.initiatives import Draft
from scanner.debt.model import DebtCategory, Estimate, Phase, ScheduledInitiative
from scanner.debt.settings import RoadmapSettings

RISK_KINDS = frozenset(
    {"end-of-life", "yanked", "private-key", "env-file-with-values", "range-excludes-supported"}
)
THEMES = (
    ("Foundation", "Close end-of-life and security gaps first"),
    ("Scale", "Modernise frameworks and data, and loosen coupling"),
    ("Velocity", "Remove friction from everyday work"),
)
_SCALE_WORK = frozenset(
    {"runtime-upgrade", "framework-upgrade", "datastore-upgrade", "technology-upgrade",
     "replacement", "library-upgrade", "decoupling", "consolidation", "scaling"}
)  # fmt: skip


def reduces_risk(draft: Draft) -> bool:
    """Whether ``draft`` closes an end-of-life or security gap."""
    return any(
        item.kind in RISK_KINDS
        or (item.category is DebtCategory.SECURITY and item.severity.rank <= 1)
        for item in draft.items
    )


def theme_of(draft: Draft) -> int:
    """The index in :data:`THEMES` of ``draft``'s own theme."""
    if reduces_risk(draft):
        return 0
    if draft.category in (DebtCategory.COUPLING, DebtCategory.SCALING) or (
        draft.work in _SCALE_WORK and draft.work != "library-upgrade"
    ):
        return 1
    return 1 if draft.work == "library-upgrade" and draft.majors else 2


@dataclass(frozen=True)
class Plan:
    """The order, phases and schedule of a set of initiatives."""

    order: tuple[str, ...]
    phases: tuple[Phase, ...]
    schedule: tuple[ScheduledInitiative, ...]
    risk: frozenset[str]


def plan(
    drafts: Sequence[Draft],
    estimates: Mapping[str, Estimate],
    start_quarter: str,
    settings: RoadmapSettings,
) -> Plan:
    """Order ``drafts`` (by id in ``estimates``), cut the order into phases and place it
    in quarters from ``start_quarter``."""
    by_id = {draft.id: draft for draft in drafts}
    dependents: dict[str, list[str]] = {draft.id: [] for draft in drafts}
    for draft in drafts:
        for prerequisite, _ in draft.depends_on:
            if prerequisite in dependents:
                dependents[prerequisite].append(draft.id)
    themes = {draft.id: theme_of(draft) for draft in drafts}
    urgency = {draft.id: (0 if reduces_risk(draft) else 1, draft.severity.rank) for draft in drafts}
    for draft_id in _prerequisites_first(by_id, dependents):
        for dependent in dependents[draft_id]:
            themes[draft_id] = min(themes[draft_id], themes[dependent])
            urgency[draft_id] = min(urgency[draft_id], urgency[dependent])
    order = _order(by_id, dependents, themes, urgency, estimates)
    phases = _phases(order, themes, settings)
    scheduled, phase_records = _schedule(phases, estimates, start_quarter, settings)
    risk = frozenset(draft_id for draft_id, (level, _) in urgency.items() if level == 0)
    return Plan(tuple(order), phase_records, scheduled, risk)


def _prerequisites_first(
    by_id: Mapping[str, Draft], dependents: Mapping[str, list[str]]
) -> list[str]:
    """Every id, each after all initiatives that wait on it (reverse topological order),
    so that inherited themes flow down whole chains."""
    seen: set[str] = set()
    result: list[str] = []

    def visit(draft_id: str) -> None:
        if draft_id in seen:
            return
        seen.add(draft_id)
        for dependent in dependents[draft_id]:
            visit(dependent)
        result.append(draft_id)

    for draft_id in by_id:
        visit(draft_id)
    return result


def _order(
    by_id: Mapping[str, Draft],
    dependents: Mapping[str, list[str]],
    themes: Mapping[str, int],
    urgency: Mapping[str, tuple[int, int]],
    estimates: Mapping[str, Estimate],
) -> list[str]:
    waiting = {
        draft_id: {p for p, _ in draft.depends_on if p in by_id}
        for draft_id, draft in by_id.items()
    }
    unblocks = {draft_id: len(_downstream(draft_id, dependents)) for draft_id in by_id}
    order: list[str] = []
    last: str | None = None
    while waiting:
        ready = [draft_id for draft_id, needs in waiting.items() if not needs]
        if not ready:  # a cycle: take the rest by priority, dependencies notwithstanding
            ready = list(waiting)
        chained = set(dependents[last]) if last is not None else set()
        chosen = min(
            ready,
            key=lambda draft_id: (
                themes[draft_id],
                draft_id not in chained,
                *urgency[draft_id],
                -unblocks[draft_id],
                -estimates[draft_id].score,
                draft_id,
            ),
        )
        order.append(chosen)
        last = chosen
        del waiting[chosen]
        for needs in waiting.values():
            needs.discard(chosen)
    return order


def _downstream(draft_id: str, dependents: Mapping[str, list[str]]) -> set[str]:
    """Every initiative that waits on ``draft_id``, directly or through others."""
    found: set[str] = set()
    stack = list(dependents[draft_id])
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(dependents[current])
    return found


def _phases(
    order: Sequence[str], themes: Mapping[str, int], settings: RoadmapSettings
) -> list[tuple[str, str, list[str]]]:
    """``(name, theme, initiatives)`` of each phase, in order."""
    chunks: list[tuple[str, str, list[str]]] = []
    for index, (name, theme) in enumerate(THEMES):
        members = [draft_id for draft_id in order if themes[draft_id] == index]
        for start in range(0, len(members), settings.max_per_phase):
            label = name if start == 0 else f"{name}, continued"
            chunks.append((label, theme, members[start : start + settings.max_per_phase]))
    merged: list[tuple[str, str, list[str]]] = []
    for chunk in chunks:
        if merged and len(chunk[2]) == 1 and len(merged[-1][2]) < settings.max_per_phase:
            merged[-1][2].extend(chunk[2])
        elif merged and len(merged[-1][2]) == 1 and len(chunk[2]) < settings.max_per_phase:
            merged[-1] = (chunk[0], chunk[1], merged[-1][2] + chunk[2])
        else:
            merged.append(chunk)
    return merged[: settings.max_phases]


def _schedule(
    phases: Sequence[tuple[str, str, list[str]]],
    estimates: Mapping[str, Estimate],
    start_quarter: str,
    settings: RoadmapSettings,
) -> tuple[tuple[ScheduledInitiative, ...], tuple[Phase, ...]]:
    scheduled: list[ScheduledInitiative] = []
    records: list[Phase] = []
    cursor = 0.0
    capacity = max(settings.capacity_weeks, 0.1)
    for name, theme, members in phases:
        first = last = None
        for draft_id in members:
            planned = round(estimates[draft_id].effort_weeks * (1 + settings.buffer), 2)
            begin = quarter_after(start_quarter, math.floor(cursor / capacity))
            cursor += planned
            end = quarter_after(start_quarter, math.ceil(cursor / capacity) - 1)
            scheduled.append(ScheduledInitiative(draft_id, name, begin, end, planned))
            first = first or begin
            last = end
        if first and last:
            records.append(Phase(name, theme, first, last, tuple(members)))
    return tuple(scheduled), tuple(records)


def quarter_after(quarter: str, count: int) -> str:
    """The quarter ``count`` quarters after ``quarter`` (``"2027-Q1"``, 5 → ``"2028-Q2"``)."""
    year, number = parse_quarter(quarter)
    index = year * 4 + (number - 1) + max(count, 0)
    return f"{index // 4}-Q{index % 4 + 1}"


def parse_quarter(quarter: str) -> tuple[int, int]:
    """``(year, quarter number)`` of ``"2027-Q1"``; :class:`ValueError` for anything else."""
    year, separator, number = quarter.strip().upper().partition("-Q")
    if not separator or not year.isdigit() or number not in {"1", "2", "3", "4"}:
        raise ValueError(f"{quarter!r} is not a quarter such as 2027-Q1")
    return int(year), int(number)
