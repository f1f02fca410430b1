"""Reading line-based version files: meaningful lines, and failures for single lines.

Line-based formats follow one policy: a line that cannot be read is a
:class:`~scanner.model.Failure` (``"line N: …"``) and the rest of the file is still reported;
a file with nothing readable raises :class:`~scanner.errors.DetectorError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from scanner.detector import SourceFile
from scanner.model import Failure, FailureKind

_COMMENT_RE = re.compile(r"(?:^|\s)#.*")


def content_lines(text: str) -> Iterator[tuple[int, str]]:
    """The 1-based number and stripped content of each line that is not blank once a ``#``
    comment (at the start of the line or after white space) is removed. CRLF and a BOM
    (already consumed by the decoder) are handled."""
    for number, line in enumerate(text.splitlines(), start=1):
        content = _COMMENT_RE.sub("", line).strip()
        if content:
            yield number, content


def line_failure(file: SourceFile, line: int, reason: str) -> Failure:
    """A parse failure for one line of ``file``; the rest of the file is still read."""
    return Failure(FailureKind.PARSE_ERROR, f"line {line}: {reason}", file.path, file.detector)


_TOML_HEADER_RE = re.compile(r"\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?\Z")
_TOML_KEY_RE = re.compile(r"""\s*("[^"]*"|'[^']*'|[A-Za-z0-9_.:@/+-]+)\s*=""")


def toml_key_lines(text: str, table: str) -> dict[str, int]:
    """The 1-based line of each key assigned directly in ``[table]`` of a TOML document
    (quotes removed from quoted keys); cheap, for evidence only: the document itself is read
    with a real TOML parser."""
    found: dict[str, int] = {}
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        header = _TOML_HEADER_RE.match(line)
        if header is not None:
            current = header.group(1).replace('"', "").replace("'", "").replace(" ", "")
            continue
        if current != table:
            continue
        key = _TOML_KEY_RE.match(line)
        if key is not None:
            found.setdefault(key.group(1).strip("\"'"), number)
    return found
