"""A small, strict JSON5 reader (https://spec.json5.org/): JSON plus comments, trailing
commas, unquoted keys, single-quoted and multi-line strings, hexadecimal numbers, leading or
trailing decimal points, ``+``, ``Infinity`` and ``NaN``. Used for ``renovate.json5``; the
standard library has no JSON5 reader."""

from __future__ import annotations

import math
from typing import Any

from scanner.errors import DetectorError

MAX_DEPTH = 200

_ESCAPES = {
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "0": "\0",
    "'": "'",
    '"': '"',
    "\\": "\\",
    "/": "/",
}
_LINE_TERMINATORS = "\n\r\u2028\u2029"
_WHITESPACE = " \t\n\r\v\f\u00a0\ufeff\u2028\u2029"
_WORDS: dict[str, Any] = {
    "true": True,
    "false": False,
    "null": None,
    "Infinity": math.inf,
    "NaN": math.nan,
}


def loads(text: str) -> Any:
    """The value ``text`` holds. Raises :class:`DetectorError` naming the line of the first
    problem."""
    parser = _Parser(text)
    parser.skip()
    value = parser.value(0)
    parser.skip()
    if parser.position < len(text):
        parser.fail("unexpected text after the value")
    return value


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.position = 0

    def fail(self, message: str) -> None:
        line = self.text.count("\n", 0, self.position) + 1
        raise DetectorError(f"not valid JSON5: {message} at line {line}")

    def peek(self) -> str:
        return self.text[self.position : self.position + 1]

    def skip(self) -> None:
        """Whitespace and comments."""
        text = self.text
        while self.position < len(text):
            char = text[self.position]
            if char in _WHITESPACE or char.isspace():
                self.position += 1
            elif text.startswith("//", self.position):
                while self.position < len(text) and text[self.position] not in _LINE_TERMINATORS:
                    self.position += 1
            elif text.startswith("/*", self.position):
                end = text.find("*/", self.position + 2)
                if end == -1:
                    self.fail("unterminated comment")
                self.position = end + 2
            else:
                return

    def value(self, depth: int) -> Any:
        if depth > MAX_DEPTH:
            self.fail("nested too deeply")
        char = self.peek()
        if char == "{":
            return self.object(depth)
        if char == "[":
            return self.array(depth)
        if char in ("'", '"'):
            return self.string()
        if char and (char in "+-.0123456789" or char in "IN"):
            return self.number()
        word = self.identifier()
        if word in ("true", "false", "null"):
            return _WORDS[word]
        self.fail(f"unexpected {char!r}" if char else "unexpected end of text")
        return None

    def object(self, depth: int) -> dict[str, Any]:
        self.position += 1
        result: dict[str, Any] = {}
        while True:
            self.skip()
            if self.peek() == "}":
                self.position += 1
                return result
            key = self.string() if self.peek() in ("'", '"') else self.identifier()
            if not key and self.peek() not in ("'", '"'):
                self.fail("expected a key")
            self.skip()
            if self.peek() != ":":
                self.fail("expected ':'")
            self.position += 1
            self.skip()
            result[key] = self.value(depth + 1)
            self.skip()
            if self.peek() == ",":
                self.position += 1
            elif self.peek() != "}":
                self.fail("expected ',' or '}'")

    def array(self, depth: int) -> list[Any]:
        self.position += 1
        result: list[Any] = []
        while True:
            self.skip()
            if self.peek() == "]":
                self.position += 1
                return result
            result.append(self.value(depth + 1))
            self.skip()
            if self.peek() == ",":
                self.position += 1
            elif self.peek() != "]":
                self.fail("expected ',' or ']'")

    def identifier(self) -> str:
        start = self.position
        text = self.text
        while self.position < len(text):
            char = text[self.position]
            if char in "$_" or char.isalnum():
                self.position += 1
            else:
                break
        return text[start : self.position]

    def string(self) -> str:
        quote = self.text[self.position]
        self.position += 1
        pieces: list[str] = []
        text = self.text
        while True:
            if self.position >= len(text):
                self.fail("unterminated string")
            char = text[self.position]
            if char == quote:
                self.position += 1
                return "".join(pieces)
            if char in "\n\r":
                self.fail("line break inside a string")
            if char != "\\":
                pieces.append(char)
                self.position += 1
                continue
            escape = text[self.position + 1 : self.position + 2]
            self.position += 2
            if escape in _ESCAPES:
                pieces.append(_ESCAPES[escape])
            elif escape in ("x", "u"):
                size = 2 if escape == "x" else 4
                digits = text[self.position : self.position + size]
                if len(digits) != size or any(c not in "0123456789abcdefABCDEF" for c in digits):
                    self.fail(f"bad \\{escape} escape")
                pieces.append(chr(int(digits, 16)))
                self.position += size
            elif escape == "\r":
                if self.peek() == "\n":
                    self.position += 1
            elif escape in _LINE_TERMINATORS:
                pass
            elif escape == "" or escape.isdigit():
                self.fail("bad escape")
            else:
                pieces.append(escape)

    def number(self) -> int | float:
        start = self.position
        text = self.text
        sign = 1
        if text[self.position] in "+-":
            sign = -1 if text[self.position] == "-" else 1
            self.position += 1
        word = self.identifier() if self.peek() in ("I", "N") else ""
        if word in ("Infinity", "NaN"):
            return sign * _WORDS[word]  # type: ignore[no-any-return]
        if word:
            self.fail(f"unexpected {word!r}")
        if text.startswith(("0x", "0X"), self.position):
            self.position += 2
            digits = self.identifier()
            try:
                return sign * int(digits, 16)
            except ValueError:
                self.fail("bad hexadecimal number")
        while self.position < len(text) and (
            text[self.position] in "0123456789.eE"
            or (text[self.position] in "+-" and text[self.position - 1] in "eE")
        ):
            self.position += 1
        literal = text[start : self.position]
        try:
            if any(c in literal for c in ".eE") or literal.lstrip("+-") in ("",):
                return float(literal)
            return int(literal)
        except ValueError:
            self.fail(f"bad number {literal!r}")
        return 0
