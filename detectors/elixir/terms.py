"""Elixir literals, tokenized and parsed, never evaluated: enough of Elixir's syntax to read
``mix.lock`` (a map literal) and the data in ``mix.exs``.

:func:`tokenize` knows strings (with escapes, ``#{}`` interpolation marked ``dynamic``,
``\"\"\"`` heredocs), charlists, sigils, atoms (``:name``, ``:"quoted"``), keyword keys (``name:``,
``"quoted":``), numbers, identifiers and aliases, module attributes (``@version``), ``#``
comments and punctuation; anything else is an ``other`` token. :class:`TermParser` builds Python
values from the tokens: strings are :class:`str`, atoms :class:`Atom`, tuples :class:`tuple`,
lists :class:`list` (a keyword ``key: value`` is the 2-tuple ``(Atom(key), value)``, as in
Elixir), maps :class:`Map`, numbers :class:`int`/:class:`float`, ``true``/``false``/``nil``
atoms. Anything that is not a literal raises :class:`TermError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

Kind = Literal[
    "string", "charlist", "sigil", "atom", "key", "number", "name", "attribute", "punct", "other"
]

_SIGIL_CLOSERS = {"(": ")", "[": "]", "{": "}", "<": ">", "/": "/", "|": "|", '"': '"', "'": "'"}
# Every token but strings, charlists, sigils and quoted atoms, which the tokenizer reads by
# hand; the group name is the token's kind.
_TOKEN_RE = re.compile(
    r"(?P<blank>[\s\ufeff]+)"
    r"|(?P<comment>#[^\n]*)"
    r"|(?P<atom>:[A-Za-z_][A-Za-z0-9_@]*[?!]?)"
    r"|(?P<attribute>@[A-Za-z_][A-Za-z0-9_]*[?!]?)"
    r"|(?P<number>0x[0-9A-Fa-f_]+|0b[01_]+|0o[0-7_]+|\d[\d_]*(?:\.\d[\d_]*(?:[eE][-+]?\d+)?)?)"
    r"|(?P<alias>[A-Z][A-Za-z0-9_]*(?:\.[A-Z][A-Za-z0-9_]*)*)"
    r"|(?P<key>[a-z_][A-Za-z0-9_]*[?!]?:(?!:))"
    r"|(?P<name>[a-z_][A-Za-z0-9_]*[?!]?)"
    r"|(?P<punct>%\{|=>|[{}\[\],()])"
)

_TOKEN_KINDS: dict[str, Kind] = {
    "atom": "atom",
    "attribute": "attribute",
    "number": "number",
    "alias": "name",
    "key": "key",
    "name": "name",
    "punct": "punct",
}
# The part of the match that is the token's value: no ":" or "@" sigil, no trailing ":".
_TOKEN_SLICES = {"atom": (1, None), "attribute": (1, None), "key": (0, -1)}


@dataclass(frozen=True, slots=True)
class Atom:
    """An Elixir atom (``:phoenix``), by its name without the colon."""

    name: str


@dataclass(frozen=True, slots=True)
class Map:
    """An Elixir map literal: its entries in source order, each with the line of its key."""

    entries: tuple[tuple[object, object, int], ...]


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, its value (a string's content, an atom's or key's name, the text
    of anything else), its 1-based line, and whether a string interpolates (``dynamic``)."""

    kind: Kind
    value: str
    line: int
    dynamic: bool = False


class TermError(ValueError):
    """Text that is not an Elixir literal, with the line where it went wrong."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line


@dataclass
class _Cursor:
    text: str
    index: int = 0
    line: int = 1
    tokens: list[Token] = field(default_factory=list)

    def advance(self, count: int) -> str:
        taken = self.text[self.index : self.index + count]
        self.line += taken.count("\n")
        self.index += count
        return taken


def tokenize(text: str) -> list[Token]:
    """The tokens of Elixir source text. Never raises: an unterminated string or sigil ends at
    the end of the text, an unknown character is an ``other`` token."""
    cursor = _Cursor(text)
    tokens = cursor.tokens
    length = len(text)
    while cursor.index < length:
        index = cursor.index
        char = text[index]
        if char in "\"'":
            _quoted(cursor, "string" if char == '"' else "charlist")
            continue
        if char == "~" and index + 1 < length and text[index + 1].isalpha():
            _sigil(cursor)
            continue
        if char == ":" and text.startswith(('"', "'"), index + 1):
            line = cursor.line
            cursor.advance(1)
            _quoted(cursor, "string")
            quoted = tokens.pop()
            tokens.append(Token("atom", quoted.value, line, quoted.dynamic))
            continue
        match = _TOKEN_RE.match(text, index)
        if match is None:
            tokens.append(Token("other", char, cursor.line))
            cursor.advance(1)
            continue
        group = match.lastgroup or "blank"
        value = match.group(0)
        if group in ("blank", "comment"):
            cursor.line += value.count("\n")
        else:
            start, stop = _TOKEN_SLICES.get(group, (0, len(value)))
            tokens.append(Token(_TOKEN_KINDS[group], value[start:stop], cursor.line))
        cursor.index = match.end()
    return tokens


def _quoted(cursor: _Cursor, kind: Kind) -> None:
    """A string or charlist (heredocs included) at the cursor; a ``"text":`` keyword key."""
    text, line = cursor.text, cursor.line
    quote = text[cursor.index]
    delimiter = quote * 3 if text.startswith(quote * 3, cursor.index) else quote
    cursor.advance(len(delimiter))
    value, dynamic = _until(cursor, delimiter, interpolate=True)
    if len(delimiter) == 3:
        value = _heredoc(value)
    if (
        kind == "string"
        and delimiter == '"'
        and text.startswith(":", cursor.index)
        and (cursor.index + 1 >= len(text) or text[cursor.index + 1].isspace())
    ):
        cursor.advance(1)
        cursor.tokens.append(Token("key", value, line, dynamic))
        return
    cursor.tokens.append(Token(kind, value, line, dynamic))


def _heredoc(value: str) -> str:
    """A heredoc's content as Elixir sees it: from the line after the opening quotes, each line
    stripped of the indentation of the closing quotes."""
    _, _, body = value.partition("\n")
    lines = body.split("\n")
    indentation = len(lines[-1]) - len(lines[-1].lstrip(" \t")) if not lines[-1].strip() else 0
    return "\n".join(line[indentation:] for line in lines[:-1]) + "\n" if len(lines) > 1 else ""


def _sigil(cursor: _Cursor) -> None:
    """A sigil (``~w(a b)a``, ``~r/x/``, ``~S\"\"\"...\"\"\"``): its content is its value."""
    text, line = cursor.text, cursor.line
    cursor.advance(1)
    while cursor.index < len(text) and text[cursor.index].isalpha():
        cursor.advance(1)
    opener = text[cursor.index : cursor.index + 1]
    if opener not in _SIGIL_CLOSERS:
        cursor.tokens.append(Token("other", "~", line))
        return
    closer = _SIGIL_CLOSERS[opener]
    if opener in "\"'" and text.startswith(opener * 3, cursor.index):
        closer = opener * 3
        cursor.advance(3)
    else:
        cursor.advance(1)
    value, dynamic = _until(cursor, closer, interpolate=False)
    while cursor.index < len(text) and text[cursor.index].isalpha():
        cursor.advance(1)  # modifiers
    cursor.tokens.append(Token("sigil", value, line, dynamic))


def _until(cursor: _Cursor, closer: str, *, interpolate: bool) -> tuple[str, bool]:
    """The content up to ``closer`` (consumed), unescaped; whether it interpolates."""
    text = cursor.text
    special = _special_pattern(closer, interpolate)
    parts: list[str] = []
    dynamic = False
    while True:
        match = special.search(text, cursor.index)
        if match is None:
            parts.append(cursor.advance(len(text) - cursor.index))
            return "".join(parts), dynamic
        parts.append(cursor.advance(match.start() - cursor.index))
        found = match.group(0)
        if found == closer:
            cursor.advance(len(closer))
            return "".join(parts), dynamic
        if found == "#{":
            dynamic = True
            parts.append(_interpolation(cursor))
        else:
            parts.append(_ESCAPES.get(found[1:], found[1:]))
            cursor.advance(len(found))


@lru_cache(maxsize=64)
def _special_pattern(closer: str, interpolate: bool) -> re.Pattern[str]:
    """What ends a run of plain content: an escape, the closer, an interpolation."""
    alternatives = [r"\\.", re.escape(closer)] + ([r"#\{"] if interpolate else [])
    return re.compile("|".join(alternatives), re.S)


def _interpolation(cursor: _Cursor) -> str:
    """``#{...}`` at the cursor, braces balanced, strings inside it skipped whole."""
    start = cursor.index
    cursor.advance(2)
    depth = 1
    text = cursor.text
    while cursor.index < len(text) and depth:
        char = text[cursor.index]
        if char in "\"'":
            cursor.advance(1)
            _until(cursor, char, interpolate=True)
            continue
        depth += {"{": 1, "}": -1}.get(char, 0)
        cursor.advance(1)
    return text[start : cursor.index]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "s": " ", "e": "\x1b", "0": "\0"}


class TermParser:
    """Builds literal values from tokens; :meth:`value` reads one at the current position."""

    def __init__(self, tokens: list[Token], start: int = 0) -> None:
        self.tokens = tokens
        self.position = start

    def peek(self) -> Token | None:
        """The current token, or ``None`` at the end."""
        return self.tokens[self.position] if self.position < len(self.tokens) else None

    def expect(self, kind: Kind, value: str | None = None) -> Token:
        """Consume the current token, which must be of ``kind`` (and ``value``)."""
        token = self.peek()
        if token is None or token.kind != kind or (value is not None and token.value != value):
            wanted = value or kind
            raise TermError(f"expected {wanted!r}, found {_describe(token)}", self._line(token))
        self.position += 1
        return token

    def value(self) -> object:
        """One literal: string, atom, number, tuple, list or map. Raises :class:`TermError`
        for anything else."""
        token = self.peek()
        if token is None:
            raise TermError("unexpected end of text", self._line(None))
        if token.kind in ("string", "charlist"):
            self.position += 1
            if token.dynamic:
                raise TermError("interpolated string", token.line)
            return token.value
        if token.kind == "atom":
            self.position += 1
            return Atom(token.value)
        if token.kind == "number":
            self.position += 1
            cleaned = token.value.replace("_", "")
            if cleaned[:2] in ("0x", "0b", "0o"):
                return int(cleaned, 0)
            return float(cleaned) if "." in cleaned else int(cleaned)
        if token.kind == "name" and token.value in ("true", "false", "nil"):
            self.position += 1
            return Atom(token.value)
        if token.kind == "punct" and token.value == "{":
            return tuple(self._sequence("{", "}"))
        if token.kind == "punct" and token.value == "[":
            return self._sequence("[", "]")
        if token.kind == "punct" and token.value == "%{":
            return self._map()
        raise TermError(f"not a literal: {_describe(token)}", token.line)

    def _sequence(self, opener: str, closer: str) -> list[object]:
        """Comma-separated values up to ``closer``; a trailing comma is allowed, and keyword
        pairs (``key: value``) become ``(Atom(key), value)``."""
        self.expect("punct", opener)
        items: list[object] = []
        while True:
            token = self.peek()
            if token is not None and token.kind == "punct" and token.value == closer:
                self.position += 1
                return items
            if token is not None and token.kind == "key":
                self.position += 1
                items.append((Atom(token.value), self.value()))
            else:
                items.append(self.value())
            token = self.peek()
            if token is None:
                raise TermError(f"{opener!r} is never closed", self._line(None))
            if token.kind == "punct" and token.value == ",":
                self.position += 1
            elif token.kind != "punct" or token.value != closer:
                raise TermError(
                    f"expected ',' or {closer!r}, found {_describe(token)}", self._line(token)
                )

    def _map(self) -> Map:
        self.expect("punct", "%{")
        entries: list[tuple[object, object, int]] = []
        while True:
            token = self.peek()
            if token is None:
                raise TermError("map is never closed", self._line(None))
            if token.kind == "punct" and token.value == "}":
                self.position += 1
                return Map(tuple(entries))
            if token.kind == "key":
                self.position += 1
                key: object = Atom(token.value)
            else:
                key = self.value()
                self.expect("punct", "=>")
            entries.append((key, self.value(), token.line))
            token = self.peek()
            if token is None:
                raise TermError("map is never closed", self._line(None))
            if token.kind == "punct" and token.value == ",":
                self.position += 1
            elif token.kind != "punct" or token.value != "}":
                raise TermError(
                    f"expected ',' or '}}', found {_describe(token)}", self._line(token)
                )

    def _line(self, token: Token | None) -> int:
        if token is not None:
            return token.line
        return self.tokens[-1].line if self.tokens else 1


def _describe(token: Token | None) -> str:
    return "the end of the text" if token is None else f"{token.value!r}"
