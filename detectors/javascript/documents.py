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

from detectors.common.jsonc import load_object
from detectors.common.parsing import load_json_object
from scanner.detector import SourceFile
from scanner.errors import DetectorError

# A key at the start of a line; the indentation says how deep it is.
_JSON_KEY = re.compile(r'^([ \t]*)"((?:[^"\\\n]|\\.)*)"[ \t]*:', re.MULTILINE)
_YAML_KEY = re.compile(
    r"""^([ ]*)('(?:[^'\n]|'')*'|"(?:[^"\\\n]|\\.)*"|[^\s'"#\-?:,\[\]{}|>!&*%@`][^\n]*?)"""
    r"""[ \t]*:(?:[ \t\r]|$)""",
    re.MULTILINE,
)


def load_json(file: SourceFile) -> dict[str, Any]:
    """The file as a JSON object (see :func:`detectors.common.parsing.load_json_object`)."""
    return load_json_object(file)


def load_jsonc(file: SourceFile) -> dict[str, Any]:
    """The file as JSONC: JSON with ``//`` and ``/* */`` comments and trailing commas, as
    ``bun.lock`` is written (see :func:`detectors.common.jsonc.load_object`)."""
    document, _ = load_object(file.text())
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
