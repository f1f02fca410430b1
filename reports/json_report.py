"""The JSON reporter: the full result in the versioned schema of ``scanner.serialize``."""

from __future__ import annotations

from reports.base import Reporter
from scanner.model import ScanReport
from scanner.serialize import report_to_json


class JsonReporter(Reporter):
    """Everything the scan found, as JSON (see docs/output-schema.md)."""

    name = "json"
    description = "the full result as JSON, in a versioned schema"
    extension = "json"

    def render(self, report: ScanReport) -> str:
        return report_to_json(report)
