"""The HTML reporter: one self-contained page, with inline SVG charts, to open or to print.

The page loads nothing: its style sheet is inline, it has no script, font, image or link to
fetch, and a Content-Security-Policy meta tag forbids any (``default-src 'none'``). It
follows the reader's light or dark preference and prints without the navigation.

Names, paths and versions come from the scanned repositories, so the template is rendered
with autoescaping on: every value is escaped, except the charts, which
:mod:`reports.charts` builds from escaped parts.
"""

from __future__ import annotations

from functools import lru_cache

import jinja2

from reports.base import Reporter
from reports.html_view import build_html_view
from scanner.model import ScanReport


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("reports", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


class HtmlReporter(Reporter):
    """Summary, inventory, findings, freshness and failures of each repository, with charts
    of its languages, its release cycles' ends of life and its dependencies' libyears."""

    name = "html"
    description = "a self-contained HTML page with charts, to open in a browser or print"
    extension = "html"

    def render(self, report: ScanReport) -> str:
        page = _environment().get_template("scan.html.j2").render(view=build_html_view(report))
        return page.rstrip("\n") + "\n"
