"""Loading manifest formats safely: every problem becomes a :class:`DetectorError` saying
what is wrong, never a crash; and building the records the manifest parsers report."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Collection, Mapping
from typing import Any

from scanner.detector import SourceFile, TreeView
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Manifest, WorkspaceDeclaration

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib


def manifest(
    file: SourceFile,
    ecosystem: str,
    kind: str,
    *,
    name: str | None = None,
    version: str | None = None,
    workspace: WorkspaceDeclaration | None = None,
    directory: str | None = None,
) -> Manifest:
    """A manifest record for ``file``, with evidence naming its kind."""
    return Manifest(
        path=file.path,
        directory=directory or file.directory,
        ecosystem=ecosystem,
        kind=kind,
        evidence=file.evidence(f"{kind} manifest"),
        name=name,
        version=version,
        workspace=workspace,
    )


def load_json_object(file: SourceFile) -> dict[str, Any]:
    """The file as a JSON object; :class:`DetectorError` for an empty or malformed file."""
    text = file.text()
    if not text.strip():
        raise DetectorError("empty file")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DetectorError(f"not valid JSON: {error.msg} at line {error.lineno}") from error
    except RecursionError as error:
        raise DetectorError("not readable: nested too deeply") from error
    if not isinstance(document, dict):
        raise DetectorError(f"expected a JSON object, found {type(document).__name__}")
    return document


def load_yaml(file: SourceFile) -> Any:
    """The file as YAML (safe loader: no tags that build objects); :class:`DetectorError` for a
    malformed file. An empty document is ``None``."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.load(file.text(), Loader=loader)
    except yaml.YAMLError as error:
        raise DetectorError(f"not valid YAML: {error}") from error
    except RecursionError as error:
        raise DetectorError("not readable: nested too deeply") from error


def load_xml(file: SourceFile) -> ElementTree.Element:
    """The file's XML root element; :class:`DetectorError` for a malformed file.

    Entities are not expanded beyond the expat parser's built-in limits, and no external
    resource is ever fetched (ElementTree resolves none).
    """
    try:
        return ElementTree.fromstring(file.data)
    except ElementTree.ParseError as error:
        raise DetectorError(f"not well-formed XML: {error}") from error


def local_name(tag: str) -> str:
    """An XML tag without its ``{namespace}``."""
    return tag.rpartition("}")[2]


def load_toml(file: SourceFile) -> dict[str, Any]:
    """The file as a TOML document; :class:`DetectorError` for an empty or malformed file."""
    text = file.text()
    if not text.strip():
        raise DetectorError("empty file")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DetectorError(f"not valid TOML: {error}") from error


def string_or_none(value: object) -> str | None:
    """``value`` when it is a non-empty string, else ``None`` (manifests are untrusted)."""
    return value if isinstance(value, str) and value else None


def string_list(value: object) -> list[str]:
    """The strings of a list, ignoring anything else; ``[]`` for a non-list."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, str)]


def split_negations(patterns: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split workspace globs into includes and ``!``-prefixed excludes."""
    includes = tuple(p for p in patterns if not p.startswith("!"))
    excludes = tuple(p[1:] for p in patterns if p.startswith("!"))
    return includes, excludes


def presence_parser(ecosystem: str, kind: str) -> Callable[[SourceFile], DetectorOutput]:
    """A parser for a manifest whose presence is all that is read of it (yet)."""

    def parse(file: SourceFile) -> DetectorOutput:
        return DetectorOutput(manifests=(manifest(file, ecosystem, kind),))

    return parse


def unread_manifests(
    tree: TreeView, kinds: Mapping[str, str], ecosystem: str, read: Collection[str]
) -> tuple[Manifest, ...]:
    """Manifests for the files of ``tree`` whose base name ``kinds`` maps to a manifest kind
    but that the detector never received (binary, too large, not text): their directory is
    a component all the same, as the file list shows."""
    return tuple(
        Manifest(
            path=entry.path,
            directory=entry.path.rpartition("/")[0] or ".",
            ecosystem=ecosystem,
            kind=kinds[entry.name],
            evidence=tree.evidence(f"{entry.name} present (content not read)", entry.path),
        )
        for entry in tree.entries
        if entry.name in kinds and not entry.symlink and entry.path not in read
    )
