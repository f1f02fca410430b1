"""A saved scan report read back into the records of :mod:`scanner.model`.

:func:`report_from_dict` takes the document :func:`scanner.serialize.report_to_dict` writes
(the shape of ``scanner/schema/scan-report.schema.json``) and rebuilds the frozen dataclasses
by walking their fields and type hints, so that a field added to the model is read without
touching this module. The contract:

* ``schema_version`` must have the major number of :data:`scanner.serialize.SCHEMA_VERSION`;
  any other version is refused, saying which was found and which is read.
* A document of an older minor version may lack the fields added since: they take the
  model's defaults. A document of a newer minor version may hold fields this version does
  not know: they are ignored. At this version or below, an unknown field is an error.
* Anything of the wrong shape raises :class:`~scanner.errors.ConfigError` naming its JSON
  path (``scans[0].findings[3].severity``) and what was expected there.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any, TypeVar, Union

from scanner.errors import ConfigError
from scanner.model import ScanReport
from scanner.serialize import SCHEMA_VERSION

_Record = TypeVar("_Record")

_SCALARS: dict[type, str] = {
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
}


def load_report(path: Path) -> ScanReport:
    """The scan report saved as JSON at ``path``; :class:`ConfigError` naming the file when
    it cannot be read, is not JSON, or is not a scan report this version can read."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise ConfigError(f"{path}: cannot read the scan report: {reason}") from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ConfigError(
            f"{path}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ) from error
    try:
        return report_from_dict(data)
    except ConfigError as error:
        raise ConfigError(f"{path}: {error}") from error


def report_from_dict(data: Mapping[str, Any]) -> ScanReport:
    """The :class:`ScanReport` a scan report document describes (see the module's contract);
    the result compares equal to the report that was serialised."""
    if not isinstance(data, Mapping):
        raise _ShapeError("document", "an object", data)
    strict = _check_version(data.get("schema_version"))
    tool = data.get("tool")
    if not isinstance(tool, Mapping) or tool.get("name") != "stackaudit":
        raise ConfigError('tool: expected {"name": "stackaudit", "version": "..."}')
    version = _convert(tool.get("version"), str, "tool.version", strict)
    fields = {key: value for key, value in data.items() if key not in ("schema_version", "tool")}
    return _record(ScanReport, {**fields, "tool_version": version}, "", strict)


class _ShapeError(ConfigError):
    """A value of the wrong JSON type at ``path``."""

    def __init__(self, path: str, expected: str, value: object) -> None:
        super().__init__(f"{path}: expected {expected}, found {_kind(value)}")
        self.path = path
        self.expected = expected


def _check_version(found: object) -> bool:
    """Whether the document must hold only known fields (its minor version is not newer);
    :class:`ConfigError` when its major version is not the one read."""
    ours = SCHEMA_VERSION.split(".")
    theirs = found.split(".") if isinstance(found, str) else []
    if len(theirs) != 2 or not all(part.isdigit() for part in theirs) or theirs[0] != ours[0]:
        shown = "is missing" if found is None else json.dumps(found)
        raise ConfigError(
            f"schema_version {shown}: this stackaudit reads scan reports of schema version "
            f"{ours[0]}.x (it writes {SCHEMA_VERSION})"
        )
    return int(theirs[1]) <= int(ours[1])


def _record(kind: type[_Record], data: object, path: str, strict: bool) -> _Record:
    if not isinstance(data, Mapping):
        raise _ShapeError(path or "document", "an object", data)
    known = _fields(kind)
    if strict:
        unknown = sorted(str(key) for key in data if key not in known)
        if unknown:
            raise ConfigError(f"{path or 'document'}: unknown field(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, (hint, required) in known.items():
        where = f"{path}.{name}" if path else name
        if name in data:
            values[name] = _convert(data[name], hint, where, strict)
        elif required:
            raise ConfigError(f"{where}: missing")
    return kind(**values)


_FIELDS: dict[type, dict[str, tuple[Any, bool]]] = {}


def _fields(kind: type) -> dict[str, tuple[Any, bool]]:
    """A dataclass's init fields: name to (resolved type hint, whether it has no default),
    looked up once per type."""
    if kind not in _FIELDS:
        hints = typing.get_type_hints(kind)
        _FIELDS[kind] = {
            field.name: (
                hints[field.name],
                field.default is dataclasses.MISSING
                and field.default_factory is dataclasses.MISSING,
            )
            for field in dataclasses.fields(kind)
            if field.init
        }
    return _FIELDS[kind]


def _convert(value: object, hint: Any, path: str, strict: bool) -> Any:
    """``value`` as the type ``hint`` names: a dataclass, ``X | None``, ``tuple[X, ...]``,
    ``dict[K, V]``, an enum or a JSON scalar (``TypeError`` for any other hint: the model
    uses a type this reader does not know)."""
    origin = typing.get_origin(hint)
    arguments = typing.get_args(hint)
    if origin in (Union, types.UnionType) and len(arguments) == 2 and type(None) in arguments:
        (inner,) = (argument for argument in arguments if argument is not type(None))
        return _optional(value, inner, path, strict)
    if origin is tuple and len(arguments) == 2 and arguments[1] is Ellipsis:
        if not isinstance(value, list):
            raise _ShapeError(path, "an array", value)
        return tuple(
            _convert(item, arguments[0], f"{path}[{index}]", strict)
            for index, item in enumerate(value)
        )
    if origin is dict:
        if not isinstance(value, Mapping):
            raise _ShapeError(path, "an object", value)
        key_hint, value_hint = arguments
        return {
            _convert(key, key_hint, path, strict): _convert(
                item, value_hint, f"{path}.{key}", strict
            )
            for key, item in value.items()
        }
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _record(hint, value, path, strict)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return _enum(value, hint, path)
    if hint in _SCALARS:
        return _scalar(value, hint, path)
    raise TypeError(f"{path}: the model uses a type this reader does not handle: {hint!r}")


def _optional(value: object, hint: Any, path: str, strict: bool) -> Any:
    if value is None:
        return None
    try:
        return _convert(value, hint, path, strict)
    except _ShapeError as error:
        if error.path != path:
            raise
        raise _ShapeError(path, f"{error.expected} or null", value) from None


def _enum(value: object, kind: type[Enum], path: str) -> Enum:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in kind)
        raise ConfigError(f"{path}: {_kind(value)} is not one of {allowed}") from None


def _scalar(value: object, kind: type, path: str) -> object:
    if isinstance(value, bool) != (kind is bool):
        raise _ShapeError(path, _SCALARS[kind], value)
    if kind is float and isinstance(value, int):
        return float(value)
    if not isinstance(value, kind):
        raise _ShapeError(path, _SCALARS[kind], value)
    return value


def _kind(value: object) -> str:
    """What a JSON value is, for messages: ``the string "x"``, ``null``, ``an array``."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {json.dumps(value)}"
    if isinstance(value, list):
        return "an array"
    return "an object" if isinstance(value, Mapping) else type(value).__name__
