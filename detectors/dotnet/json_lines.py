"""Finding the line of a JSON object key cheaply, for evidence: the first quoted key followed
by a colon at or after a given line. JSON parsers give no positions; this is a text search
over the same document, so it can only point at the line, never change what was parsed."""

from __future__ import annotations

import bisect
import json
import re


class KeyLines:
    """Line look-ups over one JSON text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def find(self, key: str, after: int | None = None, *, table: bool = False) -> int | None:
        """The 1-based line of the first ``"key":`` at or after line ``after``; with
        ``table``, only where the key's value is an object (``"key": {``)."""
        start = self._starts[after - 1] if after and after <= len(self._starts) else 0
        pattern = re.compile(re.escape(json.dumps(key)) + (r"\s*:\s*\{" if table else r"\s*:"))
        match = pattern.search(self._text, start)
        return bisect.bisect_right(self._starts, match.start()) if match else None
