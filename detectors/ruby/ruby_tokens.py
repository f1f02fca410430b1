"""A tolerant tokenizer for the Ruby of Gemfiles: literals, words and punctuation, never
evaluated.

Only what Gemfile statements are made of is understood: strings (``'...'``, ``"..."``; a
double-quoted string with ``#{...}`` interpolation is marked dynamic), symbols (``:name``,
``:"name"``), ``%w[...]``/``%i[...]`` word lists, keyword keys (``group:``) and old-style
``:key =>`` pairs, words, and punctuation. Anything else becomes an ``other`` token; a ``#``
outside a string ends the line. Nothing here raises on odd input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["string", "symbol", "words", "key", "word", "punct", "other"]

_WORD_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*[?!]?")
_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?!:)")
_SYMBOL_RE = re.compile(r":([A-Za-z_][A-Za-z0-9_]*[?!=]?)")
_PERCENT_RE = re.compile(r"%([wWiI])([\[({<|!/])")
_HASH_ARROW_RE = re.compile(r"\s*=>")
_CLOSERS = {"[": "]", "(": ")", "{": "}", "<": ">"}


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its ``kind`` and ``value`` (a string's or symbol's content, a word list's
    words joined by spaces, a key without its colon, the text of anything else).
    ``dynamic`` marks a string with interpolation, whose value is not known."""

    kind: Kind
    value: str
    dynamic: bool = False


def tokenize(line: str) -> list[Token]:
    """The tokens of one (logical) line of Ruby."""
    tokens: list[Token] = []
    i, length = 0, len(line)
    while i < length:
        char = line[i]
        if char.isspace():
            i += 1
        elif char == "#":
            break
        elif char in "'\"":
            value, dynamic, i = _string(line, i)
            tokens.append(Token("string", value, dynamic))
        elif char == ":" and i + 1 < length and line[i + 1] in "'\"":
            value, dynamic, i = _string(line, i + 1)
            i = _arrow_key(line, i, tokens, Token("symbol", value, dynamic))
        elif char == ":" and (symbol := _SYMBOL_RE.match(line, i)) and not _after_word(line, i):
            i = _arrow_key(line, symbol.end(), tokens, Token("symbol", symbol.group(1)))
        elif char == "%" and (percent := _PERCENT_RE.match(line, i)):
            opener = percent.group(2)
            closer = _CLOSERS.get(opener, opener)
            end = line.find(closer, percent.end())
            end = length if end == -1 else end
            tokens.append(Token("words", " ".join(line[percent.end() : end].split())))
            i = end + 1
        elif key := _KEY_RE.match(line, i):
            tokens.append(Token("key", key.group(1)))
            i = key.end()
        elif word := _WORD_RE.match(line, i):
            tokens.append(Token("word", word.group(0)))
            i = word.end()
        elif char in "()[]{},|":
            tokens.append(Token("punct", char))
            i += 1
        else:
            start = i
            while i < length and not line[i].isspace() and line[i] not in "()[]{},|'\"#":
                i += 1
            tokens.append(Token("other", line[start:i] or char))
            i = max(i, start + 1)
    return tokens


def _string(line: str, start: int) -> tuple[str, bool, int]:
    """A quoted string at ``start``: its content, whether it interpolates, the index after it
    (the end of the line for an unterminated string)."""
    quote = line[start]
    i = start + 1
    parts: list[str] = []
    dynamic = False
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line):
            parts.append(line[i + 1])
            i += 2
            continue
        if char == quote:
            return "".join(parts), dynamic, i + 1
        if quote == '"' and line.startswith("#{", i):
            dynamic = True
        parts.append(char)
        i += 1
    return "".join(parts), dynamic, len(line)


def _arrow_key(line: str, index: int, tokens: list[Token], symbol: Token) -> int:
    """``:key => value`` is the keyword ``key:``; a plain symbol otherwise."""
    arrow = _HASH_ARROW_RE.match(line, index)
    if arrow:
        tokens.append(Token("key", symbol.value))
        return arrow.end()
    tokens.append(symbol)
    return index


def _after_word(line: str, index: int) -> bool:
    """Whether the colon at ``index`` ends a word (``a ? b :c`` aside, ``Foo::Bar``)."""
    return index > 0 and (line[index - 1].isalnum() or line[index - 1] in "_:")
