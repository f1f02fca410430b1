"""Line numbers in Composer's JSON files, which :mod:`json` does not give.

Cheap, best-effort text searches that never affect what is parsed: the first line of
``"key":`` after the opening of a top-level section (``"require": {``), and the line of each
``{"name": "vendor/package"`` that opens a package object of composer.lock.
"""

from __future__ import annotations

import json
import re

_PACKAGE_OPEN_RE = re.compile(r'\{\s*"name"\s*:\s*"((?:[^"\\]|\\.)*)"')


def line_at(text: str, index: int) -> int:
    """The 1-based line of a character index."""
    return text.count("\n", 0, index) + 1


class SectionLines:
    """The lines of the keys of one top-level object section, looked up on demand."""

    def __init__(self, text: str, section: str) -> None:
        self._text = text
        match = re.search(rf"{re.escape(json.dumps(section, ensure_ascii=False))}\s*:\s*\{{", text)
        self._start = match.end() if match else -1

    def line(self, key: str) -> int | None:
        """The line of ``"key":`` within the section, or ``None`` when it cannot be found."""
        if self._start < 0:
            return None
        match = re.compile(rf"{re.escape(json.dumps(key, ensure_ascii=False))}\s*:").search(
            self._text, self._start
        )
        return line_at(self._text, match.start()) if match else None


def package_lines(text: str) -> dict[str, int]:
    """The line where each package object of a composer.lock opens, by package name (the first
    such object of a name; ``name`` is the first key Composer writes)."""
    lines: dict[str, int] = {}
    line, position = 1, 0
    for match in _PACKAGE_OPEN_RE.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.setdefault(match.group(1), line)
    return lines
