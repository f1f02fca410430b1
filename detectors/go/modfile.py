"""The syntax shared by ``go.mod`` and ``go.work``: lines of tokens, ``verb ( ... )`` blocks.

This follows the grammar of ``golang.org/x/mod/modfile``: a statement is a verb and its
arguments on one line; ``verb (`` opens a block whose lines are statements of that verb, ``)``
closes it. Tokens are separated by white space; ``"..."`` strings are interpreted (Go escapes),
`` `...` `` strings are raw; ``//`` starts a comment that runs to the end of the line (Go keeps
it, as ``// indirect`` means something). ``/* */`` comments are not allowed. The punctuation
``( ) [ ] ,`` is a token of its own (``retract [v1.0.0, v1.1.0]``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scanner.errors import DetectorError

_PUNCTUATION = "()[],"
_SIMPLE_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
}
_GO_VERSION_RE = re.compile(r"^[1-9]\d*(?:\.(?:0|[1-9]\d*)){1,2}(?:[a-z]+\d+)?$")
_TOOLCHAIN_RE = re.compile(r"^go([1-9]\d*(?:\.\d+){1,2}(?:[a-z]+\d+)?)(?:[-+].*)?$")
_RELEASE_NUMBERS_RE = re.compile(r"\d+(?:\.\d+)*")
_WINDOWS_DRIVE_RE = re.compile(r"[A-Za-z]:[\\/]")
_ESCAPE_RE = re.compile(r"\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0-7]{3}|.)")


@dataclass(frozen=True, slots=True)
class Statement:
    """One directive: ``verb`` and its argument tokens, the 1-based ``line``, and the text of
    its ``//`` comment (without the slashes, stripped; ``""`` when there is none)."""

    verb: str
    args: tuple[str, ...]
    line: int
    comment: str = ""


def parse_statements(text: str) -> list[Statement]:
    """Every statement of a ``go.mod``/``go.work`` text, blocks flattened, in file order.

    Raises :class:`DetectorError` for what Go itself rejects as syntax: an unterminated
    string, a ``/* */`` comment, a block opened and never closed, a stray parenthesis.
    """
    statements: list[Statement] = []
    block_verb: str | None = None
    block_line = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        tokens, comment = _tokenize(raw, number)
        if block_verb is not None:
            if tokens == [")"]:
                block_verb = None
            elif tokens:
                _check_no_parentheses(tokens, number)
                statements.append(Statement(block_verb, tuple(tokens), number, comment))
            continue
        if not tokens:
            continue
        if tokens[-1] == "(" and len(tokens) == 2:
            block_verb, block_line = tokens[0], number
            _check_no_parentheses(tokens[:1], number)
            continue
        if len(tokens) == 3 and tokens[1:] == ["(", ")"]:
            continue  # an empty block, ``require ()``
        _check_no_parentheses(tokens, number)
        statements.append(Statement(tokens[0], tuple(tokens[1:]), number, comment))
    if block_verb is not None:
        raise DetectorError(f"line {block_line}: '{block_verb} (' block is never closed")
    return statements


def _check_no_parentheses(tokens: list[str], number: int) -> None:
    for token in tokens:
        if token in ("(", ")"):
            raise DetectorError(f"line {number}: unexpected '{token}'")


def _tokenize(line: str, number: int) -> tuple[list[str], str]:
    """The tokens of one line and its comment text."""
    tokens: list[str] = []
    length = len(line)
    i = 0
    while i < length:
        char = line[i]
        if char.isspace() or char == "\ufeff":
            i += 1
        elif line.startswith("//", i):
            return tokens, line[i + 2 :].strip()
        elif line.startswith("/*", i):
            raise DetectorError(f"line {number}: go.mod files must use // comments, not /* */")
        elif char in _PUNCTUATION:
            tokens.append(char)
            i += 1
        elif char == '"':
            value, i = _interpreted_string(line, i, number)
            tokens.append(value)
        elif char == "`":
            end = line.find("`", i + 1)
            if end == -1:
                raise DetectorError(f"line {number}: unterminated raw string")
            tokens.append(line[i + 1 : end])
            i = end + 1
        else:
            start = i
            while (
                i < length
                and not line[i].isspace()
                and line[i] not in _PUNCTUATION
                and line[i] not in '"`'
                and not line.startswith("//", i)
            ):
                i += 1
            tokens.append(line[start:i])
    return tokens, ""


def _interpreted_string(line: str, start: int, number: int) -> tuple[str, int]:
    """A ``"..."`` string starting at ``start``: its value and the index after it."""
    i = start + 1
    while i < len(line):
        if line[i] == "\\":
            i += 2
            continue
        if line[i] == '"':
            return _ESCAPE_RE.sub(_unescape, line[start + 1 : i]), i + 1
        i += 1
    raise DetectorError(f"line {number}: unterminated string")


def _unescape(match: re.Match[str]) -> str:
    escape = match.group(0)[1:]
    if escape in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[escape]
    if escape[0] in "xuU":
        return chr(int(escape[1:], 16))
    if escape.isdigit():
        return chr(int(escape, 8))
    return match.group(0)


def is_local_path(path: str) -> bool:
    """Whether a ``replace`` target is a directory rather than a module path (Go's rule:
    it starts with ``./``, ``../`` or ``/``, their Windows forms, or a drive letter)."""
    return (
        path in (".", "..")
        or path.startswith(("./", "../", "/", ".\\", "..\\", "\\"))
        or _WINDOWS_DRIVE_RE.match(path) is not None
    )


def go_version(token: str) -> str | None:
    """A Go release as written after ``go`` (``1.22``, ``1.22.3``, ``1.21rc1``), or ``None``
    when the token is not one."""
    return token if _GO_VERSION_RE.match(token) else None


def toolchain_version(token: str) -> str | None:
    """The Go release a ``toolchain`` name pins (``go1.22.3`` → ``1.22.3``, ``go1.22.3-custom``
    → ``1.22.3``), or ``None`` for ``default`` and anything that is not a Go release."""
    match = _TOOLCHAIN_RE.match(token)
    return match.group(1) if match else None


def release_numbers(version: str) -> tuple[int, ...]:
    """The numbers of a Go release without its pre-release (``1.21rc1`` → ``(1, 21)``)."""
    match = _RELEASE_NUMBERS_RE.match(version)
    return tuple(int(part) for part in match.group(0).split(".")) if match else ()
