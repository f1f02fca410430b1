"""YAML loading that remembers where scalars were written.

Strings come back as :class:`LinedStr`, integers and floats as :class:`LinedInt` and
:class:`LinedFloat` (which also keep the text as written, so that a tag ``1.10`` is not read
as ``1.1``); each knows its 1-based line. Anchors, aliases and merge keys (``<<: *x``) are
resolved as YAML defines them, a merged value keeping the line where it was written. No tag
ever builds an object: tags the safe loader does not know (Compose's ``!reset`` and
``!override``, or ``!!python/object``) are read as the plain node beneath them.
"""

from __future__ import annotations

import functools
from typing import Any

from scanner.errors import DetectorError


class LinedStr(str):
    """A YAML string and the line it starts on."""

    line: int


class LinedInt(int):
    """A YAML integer, its text as written and its line."""

    raw: str
    line: int


class LinedFloat(float):
    """A YAML float, its text as written and its line."""

    raw: str
    line: int


def load_documents(text: str) -> list[Any]:
    """Every document of ``text``, in order (``None`` for an empty one).

    Raises :class:`DetectorError` naming the line for malformed YAML.
    """
    import yaml

    try:
        return list(yaml.load_all(text, Loader=_loader()))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = error.problem or error.context or "malformed"
        raise DetectorError(f"not valid YAML{where}: {problem}") from error
    except yaml.YAMLError as error:
        raise DetectorError(f"not valid YAML: {error}") from error
    except RecursionError as error:
        raise DetectorError("not readable YAML: nested too deeply") from error


def load_single(text: str) -> Any:
    """The first document of ``text`` (``None`` when there is none); see
    :func:`load_documents`."""
    documents = load_documents(text)
    return documents[0] if documents else None


def scalar_text(value: object) -> str | None:
    """A scalar as text as written: strings as they are, numbers as written; ``None`` for
    anything else (booleans, nulls, collections)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (LinedInt, LinedFloat)):
        return value.raw
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def line_of(value: object) -> int | None:
    """The line a scalar was written on, when the loader recorded it."""
    line = getattr(value, "line", None)
    return line if isinstance(line, int) else None


@functools.cache
def _loader() -> type:
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class Loader(base):  # type: ignore[misc, valid-type]
        pass

    def construct_str(loader: Any, node: Any) -> LinedStr:
        value = LinedStr(loader.construct_scalar(node))
        value.line = node.start_mark.line + 1
        return value

    def construct_int(loader: Any, node: Any) -> int:
        number = LinedInt(loader.construct_yaml_int(node))
        number.raw, number.line = str(node.value), node.start_mark.line + 1
        return number

    def construct_float(loader: Any, node: Any) -> float:
        number = LinedFloat(loader.construct_yaml_float(node))
        number.raw, number.line = str(node.value), node.start_mark.line + 1
        return number

    def construct_unknown(loader: Any, node: Any) -> Any:
        if isinstance(node, yaml.MappingNode):
            return loader.construct_mapping(node, deep=True)
        if isinstance(node, yaml.SequenceNode):
            return loader.construct_sequence(node, deep=True)
        return construct_str(loader, node)

    Loader.add_constructor("tag:yaml.org,2002:str", construct_str)
    Loader.add_constructor("tag:yaml.org,2002:int", construct_int)
    Loader.add_constructor("tag:yaml.org,2002:float", construct_float)
    Loader.add_constructor(None, construct_unknown)
    return Loader
