"""Line numbers for values of a TOML document, which :mod:`tomllib` does not report.

Found by searching the text for table headers, keys and string literals, cheaply and on
demand; a miss is ``None`` (evidence without a line), never an error.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

_ANY_HEADER = re.compile(r"^[ \t]*\[", re.MULTILINE)


def _part(name: str) -> str:
    escaped = re.escape(name)
    return f"(?:{escaped}|\"{escaped}\"|'{escaped}')"


def _dotted(path: Sequence[str]) -> str:
    return r"[ \t]*\.[ \t]*".join(_part(name) for name in path)


class TomlLines:
    """Locates headers, keys and strings of one TOML text by 1-based line number."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts: list[int] | None = None

    def line_at(self, offset: int) -> int:
        """The 1-based line holding character ``offset``."""
        if self._starts is None:
            self._starts = [0] + [m.end() for m in re.finditer(r"\n", self._text)]
        return bisect_right(self._starts, offset)

    def array_headers(self, name: str) -> list[int]:
        """The lines of every ``[[name]]`` header, in order."""
        pattern = re.compile(rf"^[ \t]*\[\[[ \t]*{_dotted(name.split('.'))}[ \t]*\]\]", re.M)
        return [self.line_at(match.start()) for match in pattern.finditer(self._text)]

    def key_offset(self, path: Sequence[str]) -> int | None:
        """Where the key at ``path`` is written: ``("project", "dependencies")`` finds
        ``dependencies =`` under ``[project]``, or ``project.dependencies =`` at the top, or
        the ``[project.dependencies]`` header itself; a dotted key that starts with it
        (``dependencies.extra = ...``) defines it too."""
        for split in range(len(path), -1, -1):
            table, key = path[:split], path[split:]
            start, end = self._table_span(table)
            if start is None:
                continue
            if not key:
                return start
            pattern = re.compile(
                rf"^[ \t]*{_dotted(key)}(?:[ \t]*\.[^=\n]*)?[ \t]*=", re.MULTILINE
            )
            match = pattern.search(self._text, start, end)
            if match is not None:
                return match.start()
        # A table known only through its sub-tables: [tool.uv.workspace] for ("tool", "uv").
        prefix = re.compile(rf"^[ \t]*\[\[?[ \t]*{_dotted(path)}[ \t]*\.", re.MULTILINE)
        match = prefix.search(self._text)
        return match.start() if match is not None else None

    def key_line(self, path: Sequence[str]) -> int | None:
        """The line of :meth:`key_offset`, or ``None``."""
        offset = self.key_offset(path)
        return None if offset is None else self.line_at(offset)

    def string_offset(self, value: str, start: int) -> int | None:
        """Where the string literal ``value`` (quoted either way) first appears at or after
        ``start``."""
        found = [
            offset
            for quote in ('"', "'")
            if (offset := self._text.find(f"{quote}{value}{quote}", start)) != -1
        ]
        return min(found) if found else None

    def _table_span(self, table: Sequence[str]) -> tuple[int | None, int]:
        """The text span of the table ``table`` (the whole text before the first header for
        the root table)."""
        if not table:
            first = _ANY_HEADER.search(self._text)
            return 0, first.start() if first else len(self._text)
        header = re.compile(rf"^[ \t]*\[[ \t]*{_dotted(table)}[ \t]*\][ \t]*(?:#.*)?$", re.M)
        match = header.search(self._text)
        if match is None:
            return None, 0
        following = _ANY_HEADER.search(self._text, match.end())
        return match.start(), following.start() if following else len(self._text)


class StringCursor:
    """Successive lines of string literals inside one array: each lookup starts after the
    previous match, so repeated values get their own lines."""

    def __init__(self, lines: TomlLines, start: int | None) -> None:
        self._lines = lines
        self._position = start

    def line_of(self, value: str) -> int | None:
        """The line of the next literal ``value``, or ``None`` when it cannot be found."""
        if self._position is None:
            return None
        offset = self._lines.string_offset(value, self._position)
        if offset is None:
            return None
        self._position = offset + len(value) + 2
        return self._lines.line_at(offset)
