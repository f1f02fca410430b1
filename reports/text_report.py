"""The terminal summary: what ``stackaudit scan`` prints when no format is asked for."""

from __future__ import annotations

from collections.abc import Sequence

from reports.base import Reporter
from reports.view import ScanView, build_view
from scanner.model import ScanReport

MAX_COMPONENTS = 25
MAX_FAILURES = 25


class TextReporter(Reporter):
    """A readable summary in plain text, sized for a terminal."""

    name = "text"
    description = "a plain-text summary for the terminal (the default)"
    extension = "txt"

    def render(self, report: ScanReport) -> str:
        view = build_view(report)
        blocks = [_scan_block(scan) for scan in view.scans]
        return "\n\n".join(blocks) + "\n"


def _scan_block(scan: ScanView) -> str:
    lines = [f"{scan.title}  ({scan.source}{' @ ' + scan.revision if scan.revision else ''})"]
    lines.append(f"  {scan.walk_summary}")
    if scan.languages:
        lines.append("")
        lines.append("Languages")
        lines += _table([(r.name, r.percent, r.size, f"{r.files} files") for r in scan.languages])
    if scan.components:
        lines.append("")
        lines.append(f"Components ({len(scan.components)})")
        rows = [(r.path, r.name, r.ecosystems, r.workspace, r.owners) for r in scan.components]
        lines += _table(rows[:MAX_COMPONENTS])
        if len(rows) > MAX_COMPONENTS:
            lines.append(f"  ... and {len(rows) - MAX_COMPONENTS} more (see --format json)")
    for group in scan.technology_groups:
        lines.append("")
        lines.append(group.title)
        lines += _table([(r.name, r.version, r.basis, r.components) for r in group.rows])
    if scan.findings:
        lines.append("")
        lines.append(f"Findings ({len(scan.findings)})")
        lines += _table([(r.severity, r.title, r.component) for r in scan.findings])
    if scan.suppressed:
        lines.append(f"  suppressed: {len(scan.suppressed)} (see --format json)")
    for note in scan.data_notes:
        lines.append(f"  note: {note}")
    if scan.data_sources:
        sources = ", ".join(
            f"{r.name} ({f'data from {r.fetched}' if r.fetched else 'no answer'})"
            for r in scan.data_sources
        )
        lines.append(f"  release data for {scan.data_sources[0].as_of}: {sources}")
    if scan.freshness is not None:
        summary = scan.freshness
        lines.append("")
        lines.append(
            f"Libyears: {summary.direct_libyears} direct ({summary.direct_count} packages), "
            f"{summary.transitive_libyears} transitive ({summary.transitive_count} packages)"
        )
        lines += [f"  {line}" for line in summary.worst]
    if scan.disagreements:
        lines.append("")
        lines.append("Versions that disagree")
        lines += _table([(r.name, r.component, r.places) for r in scan.disagreements])
    if scan.dependency_summary:
        lines.append("")
        lines.append(f"Dependencies ({len(scan.dependencies)})")
        lines += [f"  {line}" for line in scan.dependency_summary]
    if scan.failures:
        lines.append("")
        lines.append(f"Not read ({len(scan.failures)})")
        failures = [(r.path, r.kind, r.reason) for r in scan.failures]
        lines += _table(failures[:MAX_FAILURES])
        if len(failures) > MAX_FAILURES:
            lines.append(f"  ... and {len(failures) - MAX_FAILURES} more (see --format json)")
    return "\n".join(lines)


def _table(rows: Sequence[Sequence[str]]) -> list[str]:
    if not rows:
        return []
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        lines.append(("  " + "  ".join(cells)).rstrip())
    return lines
