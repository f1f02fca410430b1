"""The roadmap draft from a scan report: catalog, initiatives, estimates, plan.

``draft_roadmap(report, settings)`` is the one entry point; it reads nothing but the report
(a saved one does: see :mod:`scanner.deserialize`), so a roadmap can be drafted on a machine
without network from a scan made elsewhere.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from scanner.debt.catalog import build_catalog
from scanner.debt.initiatives import Draft, draft_initiatives
from scanner.debt.model import Estimate, Initiative, Roadmap
from scanner.debt.planning import plan, quarter_after
from scanner.debt.scoring import estimate
from scanner.debt.settings import RoadmapSettings
from scanner.model import ScanReport


def draft_roadmap(report: ScanReport, settings: RoadmapSettings | None = None) -> Roadmap:
    """The roadmap draft for ``report``."""
    settings = settings or RoadmapSettings()
    items, looked_for = build_catalog(report)
    drafts = draft_initiatives(items, report)
    estimates = {draft.id: estimate(draft, settings) for draft in drafts}
    as_of = evaluation_day(report)
    start = settings.start_quarter or quarter_after(_quarter_of(as_of), 1)
    planned = plan(drafts, estimates, start, settings)
    position = {draft_id: index for index, draft_id in enumerate(planned.order)}
    titles = {draft.id: draft.title for draft in drafts}
    initiatives = tuple(
        _initiative(draft, estimates[draft.id], draft.id in planned.risk, titles)
        for draft in sorted(drafts, key=lambda d: position[d.id])
    )
    return Roadmap(
        generated_at=datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        as_of=as_of.isoformat(),
        repositories=tuple(scan.repository.name for scan in report.scans if scan.completed),
        start_quarter=start,
        capacity_weeks=settings.capacity_weeks,
        buffer=settings.buffer,
        catalog=tuple(items),
        initiatives=initiatives,
        schedule=planned.schedule,
        phases=planned.phases,
        looked_for=tuple(looked_for),
    )


def evaluation_day(report: ScanReport) -> date:
    """The day the report's release data was evaluated for, else the day it was made."""
    for scan in report.scans:
        for use in scan.release_data:
            return date.fromisoformat(use.as_of)
    return datetime.fromisoformat(report.generated_at).date()


def _quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _initiative(draft: Draft, scored: Estimate, risk: bool, titles: dict[str, str]) -> Initiative:
    return Initiative(
        id=draft.id,
        title=draft.title,
        goal=draft.goal,
        category=draft.category,
        items=tuple(item.id for item in draft.items),
        components=tuple(sorted(draft.components)),
        estimate=scored,
        risk_reduction=risk,
        one_way=draft.one_way is not None,
        depends_on=tuple(prerequisite for prerequisite, _ in draft.depends_on),
        dependency_reasons=tuple(reason for _, reason in draft.depends_on),
        milestone=draft.milestone,
        rationale=_rationale(draft, risk, titles),
        evidence=tuple(draft.all_evidence()),
    )


def _rationale(draft: Draft, risk: bool, titles: dict[str, str]) -> str:
    """Why the initiative is there and where it stands, in a few sentences."""
    parts = []
    if draft.items:
        severities = sorted({item.severity.value for item in draft.items})
        parts.append(
            f"Resolves {len(draft.items)} debt item{'s' if len(draft.items) != 1 else ''} "
            f"({', '.join(severities)}): {draft.items[0].title}"
            + (" and more." if len(draft.items) > 1 else ".")
        )
    else:
        parts.append("A prerequisite: no finding asks for it, but an upgrade depends on it.")
    if risk:
        parts.append("It reduces risk (end of life or a security gap), so it goes early.")
    if draft.one_way:
        parts.append(f"One-way: {draft.one_way}; plan it with a rollback strategy.")
    parts.extend(
        f"Waits for '{titles.get(prerequisite, prerequisite)}': {reason}."
        for prerequisite, reason in draft.depends_on
    )
    return " ".join(parts)
