"""The Markdown reporter: a summary that reads well on GitHub (tables, folded details)."""

from __future__ import annotations

import re

from reports.base import Reporter
from reports.templating import render_template
from reports.view import build_view
from scanner.model import ScanReport

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def markdown_text(value: object) -> str:
    """Text safe in a Markdown table cell: special characters escaped, one line."""
    text = " ".join(str(value).split())
    return _SPECIAL.sub(r"\\\1", text)


class MarkdownReporter(Reporter):
    """Languages, components, technologies, dependencies and what could not be read."""

    name = "markdown"
    description = "a Markdown summary for people (GitHub issues, wikis)"
    extension = "md"

    def render(self, report: ScanReport) -> str:
        text = render_template("scan.md.j2", {"md": markdown_text}, view=build_view(report))
        return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
