"""The CSV reporter: one row per finding, for spreadsheets and quick filtering.

Suppressed findings are rows too, their ``suppressed`` cell holding the suppression's reason
(empty for a finding in force). Names and paths come from the scanned repositories, so any
cell a spreadsheet could take for a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is written with a leading ``'``.
"""

from __future__ import annotations

import csv
import io

from reports.base import Reporter
from scanner.model import Evidence, Finding, ScanReport, Suppression

COLUMNS = (
    "repository",
    "component",
    "severity",
    "kind",
    "subject",
    "version",
    "title",
    "advice",
    "evidence",
    "facts",
    "suppressed",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class CsvReporter(Reporter):
    """Findings as CSV, one row each, suppressed ones included."""

    name = "csv"
    description = "findings as CSV, one row each, for spreadsheets"
    extension = "csv"

    def render(self, report: ScanReport) -> str:
        # "\n" line ends, since the CLI writes text files, which turn them into the platform's
        # own; every cell quoted, since the csv module quotes a lone "\r" only when it is part
        # of the line end.
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
        writer.writerow(COLUMNS)
        for scan in report.scans:
            entries: list[tuple[Finding, Suppression | None]] = [
                (finding, None) for finding in scan.findings
            ]
            entries += [(s.finding, s.suppression) for s in scan.suppressed]
            for finding, suppression in entries:
                row = finding_row(scan.repository.name, finding, suppression)
                writer.writerow([spreadsheet_safe(cell) for cell in row])
        return buffer.getvalue()


def finding_row(
    repository: str, finding: Finding, suppression: Suppression | None
) -> tuple[str, ...]:
    """The cells of one finding, in the order of :data:`COLUMNS`, not yet made safe."""
    suppressed = ""
    if suppression is not None:
        suppressed = suppression.reason
        if suppression.until:
            suppressed += f" (until {suppression.until})"
    return (
        repository,
        finding.component,
        finding.severity.value,
        finding.kind,
        finding.subject,
        finding.version or "",
        finding.title,
        finding.advice,
        "; ".join(_where(evidence) for evidence in finding.evidence),
        "; ".join(f"{fact.name}={fact.value}" for fact in finding.facts),
        suppressed,
    )


def spreadsheet_safe(cell: str) -> str:
    """``cell`` with a leading ``'`` when a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _where(evidence: Evidence) -> str:
    return f"{evidence.path}:{evidence.line}" if evidence.line else evidence.path
