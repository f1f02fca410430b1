"""The interface every reporter plugin implements."""

from __future__ import annotations

from typing import ClassVar

from scanner.model import ScanReport


class Reporter:
    """Turns a scan report into text.

    ``name`` is what ``--format`` takes; ``extension`` names the file written when several
    formats go to one output directory (``stackaudit.<extension>``). ``render`` must not
    print, write files or reach the network: the CLI decides where the text goes.
    """

    name: ClassVar[str]
    description: ClassVar[str] = ""
    extension: ClassVar[str]

    def render(self, report: ScanReport) -> str:
        """The whole report as text, ending with a newline."""
        raise NotImplementedError
