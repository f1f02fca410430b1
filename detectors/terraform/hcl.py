"""A small, strict reader of HCL native syntax: enough of it to read Terraform configurations
and dependency lock files, and honest about the rest.

What it reads: bodies of attributes (``name = expr``) and blocks (``type "label" ident { … }``,
one-line blocks included), and the literal expressions in them: strings (escapes decoded),
numbers, ``true``/``false``/``null``, tuples ``[…]`` and objects ``{ k = v, "k": v }``.
Comments (``#``, ``//``, ``/* */``) are skipped.

What it does not evaluate: references, function calls, operators, conditionals, ``for``
expressions, splats, string templates (``"${…}"``, ``"%{…}"``) and heredocs. Each of these is
still tokenised and checked for balanced brackets, so that the rest of the file is read
correctly, and it is returned as an :class:`Opaque` value carrying its source text. Nothing is
ever executed or fetched.

Every syntax error raises :class:`~scanner.errors.DetectorError` with the 1-based line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple, TypeAlias

from scanner.errors import DetectorError


@dataclass(frozen=True, slots=True)
class Opaque:
    """An expression this reader does not evaluate; ``text`` is its source, shortened."""

    text: str


Value: TypeAlias = "str | int | float | bool | list[Value] | dict[str, Value] | Opaque | None"


@dataclass(frozen=True, slots=True)
class Attribute:
    """``name = value`` at ``line`` (``None`` where the syntax gives no lines: JSON)."""

    name: str
    value: Value
    line: int | None


@dataclass(frozen=True, slots=True)
class Block:
    """``type label… { body }`` opened at ``line`` (``None`` where unknown)."""

    type: str
    labels: tuple[str, ...]
    body: Body
    line: int | None


@dataclass(frozen=True, slots=True)
class Body:
    """The attributes (by name, each name at most once) and blocks (in order) of a body."""

    attributes: dict[str, Attribute] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)

    def blocks_of(self, block_type: str) -> Iterator[Block]:
        """The blocks of one type, in file order."""
        return (block for block in self.blocks if block.type == block_type)


# Token kinds.
_IDENT = "identifier"
_STRING = "string"
_TEMPLATE = "template"
_NUMBER = "number"
_HEREDOC = "heredoc"
_PUNCT = "punctuation"
_NEWLINE = "newline"
_EOF = "end of file"


class _Token(NamedTuple):
    kind: str
    text: str
    line: int
    offset: int
    value: str = ""

    def describe(self) -> str:
        if self.kind in (_NEWLINE, _EOF):
            return self.kind
        return f"{self.kind} {_shorten(self.text)!r}"


# One alternative per token shape; tried in order at each position.
_TOKEN_RE = re.compile(
    r"""(?P<space>(?:[ \t\r\f]+|\#[^\n]*|//[^\n]*)+)
    |(?P<newline>\n)
    |(?P<quote>")
    |(?P<block_comment>/\*)
    |(?P<heredoc><<-?(?P<delimiter>[^\W\d][\w-]*)[ \t]*\r?\n)
    |(?P<bad_heredoc><<)
    |(?P<ident>[^\W\d][\w-]*)
    |(?P<number>\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)
    |(?P<punct>=>|==|!=|<=|>=|&&|\|\||\.\.\.|[{}\[\]()=,:?.*+\-/%<>!])""",
    re.X,
)
_KINDS = {"ident": _IDENT, "number": _NUMBER, "punct": _PUNCT}
_STRING_SPECIAL_RE = re.compile(r'["\\$%\n]')
_TEMPLATE_SPECIAL_RE = re.compile(r'[{}"\n]')
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}
_OPENERS = {"(": ")", "[": "]", "{": "}"}
_CLOSERS = frozenset(_OPENERS.values())
# Deeper nesting than this is no configuration a person wrote; refusing it keeps recursion
# bounded on hostile input.
MAX_DEPTH = 100
_NOT_AN_OPERAND = ("}", "]", ")", ",", "=", ":", "?", ".", "=>", "==")


def parse_hcl(text: str) -> Body:
    """The top-level body of an HCL document.

    Raises :class:`DetectorError` ("line N: …") for anything that is not HCL native syntax:
    an unterminated string, comment or heredoc, unbalanced brackets, a misplaced token, an
    attribute defined twice in one body.
    """
    return _Parser(text, _tokenize(text)).body(opened_at=None)


def _tokenize(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    append = tokens.append
    position, line, end = 0, 1, len(text)
    match_token = _TOKEN_RE.match
    while position < end:
        match = match_token(text, position)
        if match is None:
            raise DetectorError(f"line {line}: unexpected character {text[position]!r}")
        kind = match.lastgroup
        if kind == "space":
            position = match.end()
        elif kind == "newline":
            append(_Token(_NEWLINE, "\n", line, position))
            line += 1
            position += 1
        elif kind == "block_comment":
            close = text.find("*/", position + 2)
            if close == -1:
                raise DetectorError(f"line {line}: unterminated /* comment")
            line += text.count("\n", position, close)
            position = close + 2
        elif kind == "quote":
            token, position, lines = _scan_string(text, position, line)
            append(token)
            line += lines
        elif kind == "heredoc":
            closing = re.compile(rf"^[ \t]*{re.escape(match.group('delimiter'))}[ \t]*\r?$", re.M)
            found = closing.search(text, match.end())
            if found is None:
                raise DetectorError(
                    f"line {line}: heredoc {match.group('delimiter')} is never closed"
                )
            append(_Token(_HEREDOC, text[position : found.end()], line, position))
            line += text.count("\n", position, found.end())
            position = found.end()
        elif kind == "bad_heredoc":
            raise DetectorError(f"line {line}: '<<' does not start a heredoc")
        else:
            append(_Token(_KINDS[kind or ""], match.group(), line, position))
            position = match.end()
    append(_Token(_EOF, "", line, end))
    return tokens


def _scan_string(
    text: str, start: int, line: int, nesting: int = 0
) -> tuple[_Token, int, int]:
    """The quoted string at ``start``: its token, the position after it, and the number of
    newlines inside it (only a template interpolation may span lines). ``nesting`` counts
    the strings it is inside of."""
    if nesting > MAX_DEPTH:
        raise DetectorError(f"line {line}: strings nested more than {MAX_DEPTH} deep")
    pieces: list[str] = []
    templated = False
    position = start + 1
    newlines = 0
    while True:
        match = _STRING_SPECIAL_RE.search(text, position)
        if match is None or match.group() == "\n":
            raise DetectorError(f"line {line + newlines}: unterminated string")
        special = match.start()
        pieces.append(text[position:special])
        char = text[special]
        if char == '"':
            position = special + 1
            break
        if char == "\\":
            decoded, position = _escape(text, special, line + newlines)
            pieces.append(decoded)
            continue
        # "$" or "%": "$${" and "%%{" are literal; "${" and "%{" open a template sequence.
        if text.startswith(char * 2 + "{", special):
            pieces.append(char + "{")
            position = special + 3
        elif text.startswith("{", special + 1):
            templated = True
            position, lines = _skip_interpolation(text, special + 2, line + newlines, nesting)
            newlines += lines
        else:
            pieces.append(char)
            position = special + 1
    raw = text[start:position]
    if templated:
        return _Token(_TEMPLATE, raw, line, start), position, newlines
    return _Token(_STRING, raw, line, start, "".join(pieces)), position, newlines


def _escape(text: str, backslash: int, line: int) -> tuple[str, int]:
    code = text[backslash + 1 : backslash + 2]
    if code in _ESCAPES:
        return _ESCAPES[code], backslash + 2
    width = {"u": 4, "U": 8}.get(code)
    digits = text[backslash + 2 : backslash + 2 + width] if width else ""
    if width and len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
        point = int(digits, 16)
        if point <= 0x10FFFF:
            return chr(point), backslash + 2 + width
    raise DetectorError(f"line {line}: invalid escape sequence '\\{code}' in a string")


def _skip_interpolation(
    text: str, position: int, line: int, nesting: int
) -> tuple[int, int]:
    """Skip a ``${…}``/``%{…}`` sequence from just after its ``{``: returns the position after
    the matching ``}`` and the newlines crossed. Nested strings and braces are followed;
    ``nesting`` is how deep in strings the sequence is."""
    braces, newlines = 1, 0
    while True:
        match = _TEMPLATE_SPECIAL_RE.search(text, position)
        if match is None:
            raise DetectorError(f"line {line}: unterminated template sequence in a string")
        char, position = match.group(), match.end()
        if char == "{":
            braces += 1
        elif char == "}":
            braces -= 1
            if braces == 0:
                return position, newlines
        elif char == "\n":
            newlines += 1
        else:
            _, position, lines = _scan_string(text, match.start(), line + newlines, nesting + 1)
            newlines += lines


class _Parser:
    """Recursive descent over the token list; one instance per document."""

    def __init__(self, text: str, tokens: list[_Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.index = 0
        self.depth = 0

    def enter(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise DetectorError(f"line {token.line}: nested more than {MAX_DEPTH} levels deep")

    def peek(self, skip_newlines: bool = False) -> _Token:
        if skip_newlines:
            while self.tokens[self.index].kind == _NEWLINE:
                self.index += 1
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.tokens[self.index]
        if token.kind != _EOF:
            self.index += 1
        return token

    def is_punct(self, token: _Token, *texts: str) -> bool:
        return token.kind == _PUNCT and token.text in texts

    def body(self, opened_at: int | None) -> Body:
        """Items up to the closing brace of a block opened at line ``opened_at`` (consumed),
        or to the end of the document when ``opened_at`` is ``None``."""
        body = Body()
        while True:
            token = self.peek(skip_newlines=True)
            if token.kind == _EOF:
                if opened_at is not None:
                    raise DetectorError(f"line {opened_at}: block is never closed")
                return body
            if self.is_punct(token, "}"):
                if opened_at is None:
                    raise DetectorError(f"line {token.line}: '}}' without an open block")
                self.advance()
                return body
            if token.kind != _IDENT:
                raise DetectorError(
                    f"line {token.line}: expected an attribute or a block, found {token.describe()}"
                )
            self.advance()
            self.item(token, body)
            following = self.peek()
            if following.kind not in (_NEWLINE, _EOF) and not self.is_punct(following, "}"):
                raise DetectorError(
                    f"line {following.line}: expected a new line after "
                    f"{token.text!r}, found {following.describe()}"
                )

    def item(self, name: _Token, body: Body) -> None:
        token = self.peek()
        if self.is_punct(token, "="):
            self.advance()
            value = self.expression(stops=frozenset("}"), newline_ends=True)
            known = body.attributes.get(name.text)
            if known is not None:
                raise DetectorError(
                    f"line {name.line}: attribute {name.text!r} is defined twice "
                    f"(first at line {known.line})"
                )
            body.attributes[name.text] = Attribute(name.text, value, name.line)
            return
        labels: list[str] = []
        while token.kind in (_STRING, _IDENT):
            labels.append(token.value if token.kind == _STRING else token.text)
            self.advance()
            token = self.peek()
        if not self.is_punct(token, "{"):
            raise DetectorError(
                f"line {token.line}: expected '=' or a block after {name.text!r}, "
                f"found {token.describe()}"
            )
        self.advance()
        self.enter(token)
        inner = self.body(opened_at=token.line)
        self.depth -= 1
        body.blocks.append(Block(name.text, tuple(labels), inner, name.line))

    def expression(self, stops: frozenset[str], newline_ends: bool) -> Value:
        """An expression ending before a punctuation in ``stops``, the end of the document or
        (when ``newline_ends``) a new line; a literal when it is one, else :class:`Opaque`."""
        start = self.index
        value = self.literal()
        following = self.peek(skip_newlines=not newline_ends)
        if following.kind in (_NEWLINE, _EOF) or (
            following.kind == _PUNCT and following.text in stops
        ):
            return value
        self.index = start
        self.skip_expression(stops, newline_ends)
        first, last = self.tokens[start], self.tokens[self.index - 1]
        return Opaque(_shorten(self.text[first.offset : last.offset + len(last.text)]))

    def literal(self) -> Value:
        """A literal at the current token, consumed; for anything else, :class:`Opaque`
        (what it consumed, if anything, is then rewound by :meth:`expression`)."""
        token = self.advance()
        if token.kind in (_NEWLINE, _EOF) or self.is_punct(token, *_NOT_AN_OPERAND):
            raise DetectorError(f"line {token.line}: expected a value, found {token.describe()}")
        if token.kind == _STRING:
            return token.value
        if token.kind == _NUMBER:
            return float(token.text) if any(c in token.text for c in ".eE") else int(token.text)
        if token.kind == _IDENT and token.text in ("true", "false", "null"):
            return {"true": True, "false": False}.get(token.text)
        if self.is_punct(token, "[", "{") and not self.starts_for():
            self.enter(token)
            items = self.tuple_items(token) if token.text == "[" else self.object_items(token)
            self.depth -= 1
            return items
        if token.kind in (_TEMPLATE, _HEREDOC):
            return Opaque(_shorten(token.text))
        return Opaque(token.text)

    def starts_for(self) -> bool:
        token = self.peek(skip_newlines=True)
        return token.kind == _IDENT and token.text == "for"

    def tuple_items(self, opener: _Token) -> list[Value]:
        items: list[Value] = []
        while True:
            token = self.peek(skip_newlines=True)
            if self.is_punct(token, "]"):
                self.advance()
                return items
            if token.kind == _EOF:
                raise DetectorError(f"line {opener.line}: '[' is never closed")
            items.append(self.expression(stops=frozenset(",]"), newline_ends=False))
            token = self.peek(skip_newlines=True)
            if self.is_punct(token, ","):
                self.advance()
            elif token.kind == _EOF:
                raise DetectorError(f"line {opener.line}: '[' is never closed")
            elif not self.is_punct(token, "]"):
                raise DetectorError(
                    f"line {token.line}: expected ',' or ']' in a list, found {token.describe()}"
                )

    def object_items(self, opener: _Token) -> dict[str, Value]:
        items: dict[str, Value] = {}
        while True:
            token = self.peek(skip_newlines=True)
            if self.is_punct(token, "}"):
                self.advance()
                return items
            if token.kind == _EOF:
                raise DetectorError(f"line {opener.line}: '{{' is never closed")
            key = self.object_key()
            value = self.expression(stops=frozenset(",}"), newline_ends=True)
            if key is not None:
                items[key] = value
            token = self.peek()
            if self.is_punct(token, ",") or token.kind == _NEWLINE:
                self.advance()
            elif not self.is_punct(token, "}"):
                raise DetectorError(
                    f"line {token.line}: expected ',', a new line or '}}' in an object, "
                    f"found {token.describe()}"
                )

    def object_key(self) -> str | None:
        """An object key and its ``=`` or ``:``, consumed; ``None`` for a computed key."""
        start = self.index
        self.skip_expression(frozenset("=:,}"), newline_ends=True)
        separator = self.peek()
        if not self.is_punct(separator, "=", ":"):
            raise DetectorError(
                f"line {separator.line}: expected '=' or ':' after an object key, "
                f"found {separator.describe()}"
            )
        key_tokens = self.tokens[start : self.index]
        self.advance()
        if len(key_tokens) == 1 and key_tokens[0].kind in (_IDENT, _STRING):
            return key_tokens[0].value if key_tokens[0].kind == _STRING else key_tokens[0].text
        if not key_tokens:
            raise DetectorError(f"line {separator.line}: object key missing")
        return None

    def skip_expression(self, stops: frozenset[str], newline_ends: bool) -> None:
        """Consume tokens up to (not including) the end of the current expression, following
        nested brackets; raises for unbalanced ones."""
        open_stack: list[_Token] = []
        while True:
            token = self.peek()
            if token.kind == _EOF:
                if open_stack:
                    opener = open_stack[-1]
                    raise DetectorError(f"line {opener.line}: {opener.text!r} is never closed")
                return
            if not open_stack:
                if token.kind == _NEWLINE and newline_ends:
                    return
                if token.kind == _PUNCT and token.text in stops:
                    return
                if self.is_punct(token, "="):
                    raise DetectorError(
                        f"line {token.line}: unexpected '=' in an expression (a missing new line?)"
                    )
            if token.kind == _PUNCT:
                if token.text in _OPENERS:
                    open_stack.append(token)
                elif token.text in _CLOSERS:
                    if not open_stack or _OPENERS[open_stack[-1].text] != token.text:
                        raise DetectorError(f"line {token.line}: unbalanced {token.text!r}")
                    open_stack.pop()
            self.advance()


def _shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
