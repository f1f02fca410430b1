"""``.env`` files, the variables Compose interpolates into the compose file beside them.

``KEY=value`` lines, an optional ``export`` before the key, ``#`` comments (inline ones
after whitespace in unquoted values), single-quoted values taken literally, double-quoted
values with ``\\n``/``\\t``/``\\"``/``\\\\`` escapes and possibly several lines, and references
to variables defined above. Lines that are none of these are skipped, as nothing else in a
``.env`` matters here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from detectors.common.images import UNRESOLVED
from detectors.common.interpolation import InterpolationError, interpolate

_ASSIGNMENT_RE = re.compile(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)\Z")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}


@dataclass(frozen=True, slots=True)
class DotenvEntry:
    """One assignment as written: the variable, its value before escapes and references are
    processed, the 1-based line it starts on, and how the value was quoted (``'``, ``"`` or
    ``""`` for none)."""

    name: str
    value: str
    line: int
    quote: str


def dotenv_entries(text: str) -> Iterator[DotenvEntry]:
    """The assignments of a ``.env`` file in order, a double-quoted value running over
    several lines until its closing quote."""
    lines = text.replace("\r\n", "\n").split("\n")
    index = 0
    while index < len(lines):
        match = _ASSIGNMENT_RE.match(lines[index])
        index += 1
        if match is None:
            continue
        name, raw, line = match.group(1), match.group(2), index
        if raw.startswith('"'):
            body = raw[1:]
            while _closing_quote(body) < 0 and index < len(lines):
                body += "\n" + lines[index]
                index += 1
            end = _closing_quote(body)
            yield DotenvEntry(name, body[:end] if end >= 0 else body, line, '"')
        elif raw.startswith("'"):
            end = raw.find("'", 1)
            yield DotenvEntry(name, raw[1:end] if end > 0 else raw[1:], line, "'")
        else:
            yield DotenvEntry(name, re.split(r"\s+#", raw, maxsplit=1)[0].strip(), line, "")


def parse_dotenv(text: str) -> dict[str, str]:
    """The variables of a ``.env`` file. A value that refers to a variable not defined
    above it is left out, as its value is unknown."""
    variables: dict[str, str] = {}
    for entry in dotenv_entries(text):
        value, quoted = entry.value, entry.quote == '"'
        if entry.quote != "'" and "$" in value:
            try:
                result = interpolate(value, variables.get, escape="\\" if quoted else "$")
            except InterpolationError:
                continue
            if not result.resolved or UNRESOLVED in result.text:
                continue
            value = result.text
        variables[entry.name] = _unescape(value) if quoted else value
    return variables


def _closing_quote(body: str) -> int:
    index = 0
    while index < len(body):
        if body[index] == "\\":
            index += 2
            continue
        if body[index] == '"':
            return index
        index += 1
    return -1


def _unescape(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), "\\" + m.group(1)), body)
