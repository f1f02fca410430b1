"""Java ``.properties`` files (the wrappers' configuration, ``gradle.properties``), read as
``java.util.Properties.load`` reads them: ``#``/``!`` comments, ``=``, ``:`` or whitespace
separators, backslash continuation lines and escapes (``\\:``, ``\\uXXXX``...)."""

from __future__ import annotations

from dataclasses import dataclass

from scanner.detector import SourceFile

_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "f": "\f"}
_SEPARATORS = "=:"
_WHITESPACE = " \t\f"


@dataclass(frozen=True, slots=True)
class PropertyEntry:
    """One property: its value and the 1-based line where its logical line starts."""

    value: str
    line: int


def read_properties(file: SourceFile) -> dict[str, PropertyEntry]:
    """The properties of ``file``, the last definition of a key winning as in Java.

    Raises :class:`~scanner.errors.DetectorError` only when the bytes are not text.
    """
    result: dict[str, PropertyEntry] = {}
    for line_number, logical in _logical_lines(file.text()):
        key, value = _split(logical)
        result[_unescape(key)] = PropertyEntry(_unescape(value), line_number)
    return result


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """Non-comment logical lines with their start line; continuations are joined."""
    found: list[tuple[int, str]] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip(_WHITESPACE)
        if not pending:
            if not line or line[0] in "#!":
                continue
            start = number
        if _ends_with_continuation(line):
            pending.append(line[:-1])
            continue
        pending.append(line)
        found.append((start, "".join(pending)))
        pending = []
    if pending:
        found.append((start, "".join(pending)))
    return found


def _ends_with_continuation(line: str) -> bool:
    backslashes = len(line) - len(line.rstrip("\\"))
    return backslashes % 2 == 1


def _split(line: str) -> tuple[str, str]:
    """Split a logical line at its first unescaped separator."""
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            index += 2
            continue
        if char in _SEPARATORS or char in _WHITESPACE:
            break
        index += 1
    key = line[:index]
    rest = line[index:].lstrip(_WHITESPACE)
    if rest and rest[0] in _SEPARATORS:
        rest = rest[1:].lstrip(_WHITESPACE)
    return key, rest


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    out: list[str] = []
    index = 0
    while index < len(text):
        char = text[index]
        if char != "\\" or index + 1 >= len(text):
            out.append(char)
            index += 1
            continue
        following = text[index + 1]
        if following == "u" and _is_hex(text[index + 2 : index + 6]):
            out.append(chr(int(text[index + 2 : index + 6], 16)))
            index += 6
            continue
        out.append(_ESCAPES.get(following, following))
        index += 2
    return "".join(out)


def _is_hex(text: str) -> bool:
    return len(text) == 4 and all(c in "0123456789abcdefABCDEF" for c in text)
