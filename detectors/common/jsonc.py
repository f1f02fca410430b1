"""JSON with comments (JSONC), as dev container and VS Code files are written: ``//`` and
``/* */`` comments and trailing commas are tolerated.

Comments and trailing commas are blanked out with spaces (newlines kept), so that offsets and
line numbers in the cleaned text are those of the file.
"""

from __future__ import annotations

import json
import re
from typing import Any

from scanner.errors import DetectorError

_STRING = r'"(?:[^"\\\n]|\\.)*"'
_COMMENT_RE = re.compile(_STRING + r"|//[^\n]*|/\*[\s\S]*?\*/")
_TRAILING_COMMA_RE = re.compile(_STRING + r"|,(?=\s*[}\]])")


def clean(text: str) -> str:
    """``text`` with comments and trailing commas replaced by spaces (newlines kept)."""

    def blank_comment(match: re.Match[str]) -> str:
        token = match.group()
        if token.startswith('"'):
            return token
        return re.sub(r"[^\n]", " ", token)

    def blank_comma(match: re.Match[str]) -> str:
        token = match.group()
        return token if token.startswith('"') else " "

    return _TRAILING_COMMA_RE.sub(blank_comma, _COMMENT_RE.sub(blank_comment, text))


def load_object(text: str) -> tuple[dict[str, Any], str]:
    """The JSONC object in ``text`` and the cleaned text (for :func:`line_of_key`).

    Numbers with a fraction are kept as their text (``"3.10"``, not ``3.1``). Raises
    :class:`DetectorError` for an empty or malformed file, or one that is not an object.
    """
    cleaned = clean(text)
    if not cleaned.strip():
        raise DetectorError("empty file")
    try:
        document = json.loads(cleaned, parse_float=str)
    except json.JSONDecodeError as error:
        raise DetectorError(f"not valid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError as error:
        raise DetectorError("not readable: nested too deeply") from error
    if not isinstance(document, dict):
        raise DetectorError(f"expected a JSON object, found {type(document).__name__}")
    return document, cleaned


def line_of_key(cleaned: str, key: str) -> int | None:
    """The line of the first ``"key":`` in the cleaned text, ``None`` when absent."""
    match = re.search(re.escape(json.dumps(key, ensure_ascii=False)) + r"\s*:", cleaned)
    return cleaned.count("\n", 0, match.start()) + 1 if match else None
