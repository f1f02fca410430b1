"""Loading the documents JavaScript tools write: JSON, JSONC (``bun.lock``) and YAML, each
turned into a :class:`DetectorError` with a reason when it cannot be read; and the 1-based
lines of their keys, for evidence.

Lines are found from indentation, in one pass of one regular expression over the text: exact
for the indented files every package manager writes, and simply absent (``None``) for keys
that share a line with others (minified JSON, YAML flow mappings).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from scanner.detector import SourceFile
from scanner.errors import DetectorError

# A key at the start of a line; the indentation says how deep it is.
_JSON_KEY = re.compile(r'^([ \t]*)"((?:[^"\\\n]|\\.)*)"[ \t]*:', re.MULTILINE)
_YAML_KEY = re.compile(
    r"""^([ ]*)('(?:[^'\n]|'')*'|"(?:[^"\\\n]|\\.)*"|[^\s'"#\-?:,\[\]{}|>!&*%@`][^\n]*?)"""
    r"""[ \t]*:(?:[ \t\r]|$)""",
    re.MULTILINE,
)
# JSONC: strings are kept whole so that nothing inside one is taken for a comment or a comma.
_JSONC_COMMENTS = re.compile(r'"(?:[^"\\\n]|\\.)*"|//[^\n]*|/\*[\s\S]*?\*/')
_JSONC_TRAILING_COMMAS = re.compile(r'"(?:[^"\\\n]|\\.)*"|,(\s*[\]}])')


def load_json(file: SourceFile) -> dict[str, Any]:
    """The file as a JSON object.

    Raises :class:`DetectorError` for an empty file (``"empty file"``), malformed JSON (with
    the line), nesting too deep to read, or a top level that is not an object.
    """
    return _decode_json(file.text())


def load_jsonc(file: SourceFile) -> dict[str, Any]:
    """The file as JSONC: JSON with ``//`` and ``/* */`` comments and trailing commas, as
    ``bun.lock`` is written. Comments are dropped (keeping their line breaks, so that error
    lines stay true) and trailing commas removed, outside strings only.

    Raises :class:`DetectorError` as :func:`load_json` does.
    """
    text = file.text()
    if "/" in text:
        text = _JSONC_COMMENTS.sub(_drop_comment, text)
    text = _JSONC_TRAILING_COMMAS.sub(_drop_trailing_comma, text)
    return _decode_json(text)


def _drop_comment(match: re.Match[str]) -> str:
    token = match.group(0)
    return token if token.startswith('"') else "\n" * token.count("\n")


def _drop_trailing_comma(match: re.Match[str]) -> str:
    closing = match.group(1)
    return match.group(0) if closing is None else closing


def _decode_json(text: str) -> dict[str, Any]:
    if not text.strip():
        raise DetectorError("empty file")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DetectorError(f"not valid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError as error:
        raise DetectorError("not readable: JSON nested too deeply") from error
    if not isinstance(document, dict):
        raise DetectorError(f"expected a JSON object, found {type(document).__name__}")
    return document


def load_yaml_mapping(file: SourceFile, *, empty_ok: bool = False) -> dict[str, Any]:
    """The file as a YAML mapping whose scalars are all kept as strings (no implicit typing:
    ``version: 1.10`` stays ``"1.10"``, ``dev: true`` is ``"true"``), loaded safely (nothing is
    constructed from tags).

    An empty document is ``{}`` when ``empty_ok``; otherwise, and for malformed YAML or a top
    level that is not a mapping, raises :class:`DetectorError`.
    """
    import yaml

    loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
    text = file.text()
    try:
        document = yaml.load(text, Loader=loader)
    except yaml.YAMLError as error:
        raise DetectorError(f"not valid YAML: {error}") from error
    except RecursionError as error:
        raise DetectorError("not readable: YAML nested too deeply") from error
    if document is None or document == "":
        if empty_ok:
            return {}
        raise DetectorError("empty file")
    if not isinstance(document, dict):
        raise DetectorError(f"expected a mapping at the top level, found {_yaml_kind(document)}")
    return document


def _yaml_kind(document: object) -> str:
    return "a list" if isinstance(document, list) else "a scalar"


def json_key_lines(text: str, max_depth: int = 64) -> dict[tuple[str, ...], int]:
    """The 1-based line of the first occurrence of each key path (``("dependencies",
    "react")``) down to ``max_depth`` keys, for JSON whose keys begin their lines."""
    return _key_lines(text, _JSON_KEY, max_depth, _unquote_json)


def yaml_key_lines(text: str, max_depth: int = 64) -> dict[tuple[str, ...], int]:
    """The 1-based line of the first occurrence of each key path of a block-style YAML
    mapping, down to ``max_depth`` keys; quoted keys are unquoted."""
    return _key_lines(text, _YAML_KEY, max_depth, _unquote_yaml)


def _key_lines(
    text: str, pattern: re.Pattern[str], max_depth: int, unquote: Callable[[str], str]
) -> dict[tuple[str, ...], int]:
    lines: dict[tuple[str, ...], int] = {}
    # The indentation of each depth seen so far, and the key open at each depth.
    indents: list[int] = []
    keys: list[str] = []
    line, last = 1, 0
    for match in pattern.finditer(text):
        indent = len(match.group(1))
        while indents and indents[-1] > indent:
            indents.pop()
            keys.pop()
        if indents and indents[-1] == indent:
            keys.pop()
        else:
            indents.append(indent)
        depth = len(indents)
        if depth > max_depth:
            keys.append("")
            continue
        key = unquote(match.group(2))
        keys.append(key)
        start = match.start()
        line += text.count("\n", last, start)
        last = start
        lines.setdefault(tuple(keys), line)
    return lines


def _unquote_json(raw: str) -> str:
    if "\\" not in raw:
        return raw
    try:
        value = json.loads(f'"{raw}"')
    except ValueError:
        return raw
    return value if isinstance(value, str) else raw


def _unquote_yaml(raw: str) -> str:
    if raw.startswith("'"):
        return raw[1:-1].replace("''", "'")
    if raw.startswith('"'):
        return _unquote_json(raw[1:-1])
    return raw
