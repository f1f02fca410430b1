"""The roadmap draft as CSV: one row per initiative, in phase order, for spreadsheets;
an initiative left out of every phase comes last, its phase, quarters and planned weeks empty.

Titles, goals and milestones come from the scanned repositories, so every cell goes through
the CSV report's formula guard (:func:`reports.csv_report.spreadsheet_safe`). Lists (the
initiatives depended on, by title, and the debt item ids) are joined with ``"; "``.
"""

from __future__ import annotations

import csv
import io

from reports.csv_report import spreadsheet_safe
from reports.roadmap.view import InitiativeView, build_view
from scanner.debt.model import Roadmap

COLUMNS = (
    "phase",
    "initiative",
    "goal",
    "success metric",
    "target quarter",
    "start quarter",
    "end quarter",
    "reach",
    "impact",
    "confidence",
    "effort weeks",
    "planned weeks",
    "score",
    "risk reduction",
    "one way",
    "depends on",
    "items",
)


def render_csv(roadmap: Roadmap) -> str:
    """The roadmap as CSV text: a header of :data:`COLUMNS`, then one row per initiative;
    every cell quoted, lines ending in ``"\\n"``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(COLUMNS)
    for initiative in build_view(roadmap).initiatives:
        writer.writerow([spreadsheet_safe(cell) for cell in _row(initiative)])
    return buffer.getvalue()


def _row(initiative: InitiativeView) -> tuple[str, ...]:
    return (
        initiative.phase,
        initiative.title,
        initiative.goal,
        initiative.milestone,
        initiative.target_quarter,
        initiative.start_quarter,
        initiative.end_quarter,
        initiative.reach,
        initiative.impact,
        initiative.confidence,
        initiative.effort_weeks,
        initiative.planned_weeks,
        initiative.score,
        initiative.risk_reduction,
        initiative.one_way,
        "; ".join(dependency.title for dependency in initiative.depends_on),
        "; ".join(initiative.items),
    )
