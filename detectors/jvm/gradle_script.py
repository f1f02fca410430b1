"""A tolerant reader of Gradle scripts (Groovy and Kotlin DSL), which are programs: never run,
only scanned.

:func:`tokenize` turns the text into tokens (comments dropped, string literals kept whole, so
that braces and quotes inside them cannot mislead), and :func:`statements` splits the tokens
into statements, each knowing the names of the blocks around it (``buildscript``,
``dependencies``...). Parsers then read the few statement shapes they know and skip the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Most tokens in one match; quotes, backticks and "/" that this does not take are handled by
# hand (triple quotes, ${...} templates that may nest quotes, block comments).
_TOKEN_RE = re.compile(
    r"(?P<newline>\r\n|\r|\n)"
    r"|(?P<space>[ \t\f\v]+)"
    r"|(?P<comment>//[^\r\n]*)"
    r"|(?P<string>'(?!'')(?:[^'\\\r\n]|\\.)*'|\"(?!\"\")(?:[^\"\\\r\n$]|\\.|\$(?!\{))*\")"
    r"|(?P<ident>[A-Za-z_$][A-Za-z0-9_$]*)"
    r"|(?P<number>[0-9][A-Za-z0-9_.]*)"
    r"|(?P<punct>[^\"'`/\r\n])"
)
_TRIPLE = ('"""', "'''")
# After these tokens a line break does not end the statement.
# Blocks that do not change what a statement means: control flow and anonymous closures
# (``dependencies { if (x) { implementation "a:b:1" } }`` still declares a dependency).
TRANSPARENT_BLOCKS = frozenset(
    {"", "if", "else", "for", "while", "do", "try", "catch", "finally", "when", "switch"}
)
_CONTINUES = frozenset({",", ".", "=", "+", "-", "*", "/", ":", "(", "[", "?", "&", "|", "!", "<"})


@dataclass(frozen=True, slots=True)
class Token:
    """One token. ``kind`` is ``ident``, ``string``, ``number``, ``punct`` or ``newline``;
    a string's ``text`` is its content without quotes and ``quote`` its opening quote."""

    kind: str
    text: str
    line: int
    quote: str = ""


@dataclass(frozen=True, slots=True)
class Statement:
    """The tokens of one statement, the names of its enclosing blocks (outermost first,
    without :data:`TRANSPARENT_BLOCKS`) and whether a ``{`` block follows it
    (``implementation("x") { exclude ... }``)."""

    tokens: tuple[Token, ...]
    blocks: tuple[str, ...]
    opens_block: bool

    @property
    def line(self) -> int:
        """The line of the first token."""
        return self.tokens[0].line

    @property
    def block(self) -> str:
        """The innermost enclosing block name (``""`` at the top level)."""
        return self.blocks[-1] if self.blocks else ""


def tokenize(text: str) -> list[Token]:
    """The tokens of a Groovy or Kotlin script. Never raises: anything unexpected becomes a
    one-character ``punct`` token, an unterminated string or comment runs to the end."""
    tokens: list[Token] = []
    position = 0
    line = 1
    length = len(text)
    while position < length:
        match = _TOKEN_RE.match(text, position)
        if match is not None:
            kind = match.lastgroup
            value = match.group()
            if kind == "newline":
                tokens.append(Token("newline", "\n", line))
                line += 1
            elif kind == "string":
                tokens.append(Token("string", value[1:-1], line, value[0]))
            elif kind in ("ident", "number", "punct"):
                tokens.append(Token(kind or "punct", value, line))
            position = match.end()
            continue
        # What the table leaves: block comments, "/", triple-quoted strings, strings with
        # ${...} templates or unterminated, and `backtick` names.
        char = text[position]
        if text.startswith("/*", position):
            end = text.find("*/", position + 2)
            end = length if end == -1 else end + 2
            line += _line_breaks(text[position:end])
            position = end
            continue
        if char in "\"'":
            quote = text[position : position + 3] if text.startswith(_TRIPLE, position) else char
            content, end = _string(text, position, quote)
            tokens.append(Token("string", content, line, quote))
            line += _line_breaks(text[position:end])
            position = end
            continue
        if char == "`":
            end = text.find("`", position + 1)
            if end != -1 and "\n" not in text[position:end]:
                tokens.append(Token("ident", text[position + 1 : end], line))
                position = end + 1
                continue
        tokens.append(Token("punct", char, line))
        position += 1
    return tokens


def _line_breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _string(text: str, start: int, quote: str) -> tuple[str, int]:
    """The content of the string literal at ``start`` and the index after it. In
    double-quoted strings ``${...}`` may hold braces and quotes of its own."""
    position = start + len(quote)
    length = len(text)
    interpolating = quote[0] == '"'
    while position < length:
        if text.startswith(quote, position):
            return text[start + len(quote) : position], position + len(quote)
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if len(quote) == 1 and char in "\r\n":
            return text[start + 1 : position], position
        if interpolating and text.startswith("${", position):
            position = _skip_interpolation(text, position + 2)
            continue
        position += 1
    return text[start + len(quote) :], length


def _skip_interpolation(text: str, position: int) -> int:
    depth = 1
    length = len(text)
    while position < length and depth:
        char = text[position]
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char in "\"'":
            _, position = _string(text, position, char)
            continue
        elif char in "\r\n":
            return position
        position += 1
    return position


def statements(tokens: list[Token]) -> list[Statement]:
    """Split ``tokens`` into statements at line ends (outside parentheses, and unless the line
    obviously continues), ``;``, ``{`` and ``}``."""
    found: list[Statement] = []
    blocks: list[str] = []
    saved_depths: list[int] = []
    current: list[Token] = []
    depth = 0
    ended = False

    def flush(opens_block: bool = False) -> None:
        nonlocal current
        if current:
            names = tuple(name for name in blocks if name not in TRANSPARENT_BLOCKS)
            found.append(Statement(tuple(current), names, opens_block))
        current = []

    for token in tokens:
        text = token.text
        if token.kind == "newline":
            if depth == 0 and current and not _continues(current[-1]):
                ended = True
            continue
        if ended:
            ended = False
            if not (token.kind == "punct" and text in ".?"):
                flush()
        if token.kind != "punct":
            current.append(token)
            continue
        if text == "{":
            name = block_name(current)
            flush(opens_block=True)
            blocks.append(name)
            saved_depths.append(depth)
            depth = 0
        elif text == "}":
            flush()
            if blocks:
                blocks.pop()
                depth = saved_depths.pop()
        elif text == ";" and depth == 0:
            flush()
        else:
            if text in "([":
                depth += 1
            elif text in ")]" and depth:
                depth -= 1
            current.append(token)
    flush()
    return found


def _continues(token: Token) -> bool:
    return token.kind == "punct" and token.text in _CONTINUES


def block_name(tokens: list[Token]) -> str:
    """The name of the block a ``{`` after ``tokens`` opens: ``dependencies {`` is
    ``dependencies``, ``configure(subprojects) {`` is ``configure``; ``""`` otherwise."""
    if not tokens:
        return ""
    last = tokens[-1]
    if last.kind == "ident":
        return last.text
    if last.kind == "punct" and last.text == ")":
        depth = 0
        for index in range(len(tokens) - 1, -1, -1):
            token = tokens[index]
            if token.kind == "punct" and token.text == ")":
                depth += 1
            elif token.kind == "punct" and token.text == "(":
                depth -= 1
                if depth == 0:
                    before = tokens[index - 1] if index else None
                    return before.text if before is not None and before.kind == "ident" else ""
    return ""


def strip_call(tokens: tuple[Token, ...] | list[Token]) -> list[Token]:
    """Arguments without one pair of enclosing parentheses: ``("a", "b")`` → ``"a", "b"``."""
    items = list(tokens)
    if (
        len(items) >= 2
        and items[0].kind == "punct"
        and items[0].text == "("
        and _matching_close(items, 0) == len(items) - 1
    ):
        return items[1:-1]
    return items


def _matching_close(tokens: list[Token], start: int) -> int:
    depth = 0
    for index in range(start, len(tokens)):
        token = tokens[index]
        if token.kind == "punct" and token.text in "([":
            depth += 1
        elif token.kind == "punct" and token.text in ")]":
            depth -= 1
            if depth == 0:
                return index
    return -1


def split_arguments(tokens: list[Token]) -> list[list[Token]]:
    """Split a comma-separated argument list at its top level."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for token in tokens:
        if token.kind == "punct" and token.text in "([":
            depth += 1
        elif token.kind == "punct" and token.text in ")]":
            depth -= 1
        if token.kind == "punct" and token.text == "," and depth == 0:
            parts.append([])
            continue
        parts[-1].append(token)
    return [part for part in parts if part]


def dotted_name(tokens: list[Token]) -> str | None:
    """``a.b.c`` when the tokens are exactly identifiers joined by dots, else ``None``. A
    trailing ``.get()`` (Kotlin providers) is dropped."""
    items = list(tokens)
    if len(items) >= 4 and [t.text for t in items[-4:]] == [".", "get", "(", ")"]:
        items = items[:-4]
    if not items or len(items) % 2 == 0:
        return None
    for index, token in enumerate(items):
        if index % 2 == 0 and token.kind != "ident":
            return None
        if index % 2 == 1 and not (token.kind == "punct" and token.text == "."):
            return None
    return "".join(token.text for token in items)


def is_punct(token: Token, text: str) -> bool:
    """Whether ``token`` is the punctuation ``text``."""
    return token.kind == "punct" and token.text == text
