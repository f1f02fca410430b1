"""Gradle version catalogs (``gradle/libs.versions.toml``, or any ``*.versions.toml`` a
settings script declares): ``[versions]``, ``[libraries]``, ``[bundles]`` and ``[plugins]``.

A catalog declares what build scripts may use (``implementation(libs.spring.core)``); it
does not add dependencies by itself. The detector reports a library where a build script
uses it; :func:`parse_version_catalog`, for a catalog alone, and the detector, for entries no
script uses, report entries with ``direct=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from detectors.common.parsing import load_toml
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Ecosystem, Evidence, Scope

_SEPARATORS_RE = re.compile(r"[-_.]")
_HEADER_RE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.\"-]+)\s*\]")
_KEY_RE = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))\s*[.=]""")
# A rich version, most telling constraint first.
_RICH_KEYS = ("strictly", "require", "prefer")
CATALOG_SUFFIX = ".versions.toml"


def normalize_alias(alias: str) -> str:
    """How Gradle matches an alias to its accessor: ``-``, ``_`` and ``.`` all separate
    segments (``spring-boot`` is ``libs.spring.boot``); case is ignored."""
    return _SEPARATORS_RE.sub(".", alias).lower()


@dataclass(frozen=True, slots=True)
class CatalogVersion:
    """A version as the catalog gives it: ``value`` (``None`` when there is none), how it was
    written (``reason``) and why there is none (``note``)."""

    value: str | None
    reason: str = ""
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """A library (``group:artifact``) or a plugin (``id``) of the catalog."""

    alias: str
    name: str
    version: CatalogVersion
    line: int | None
    plugin: bool = False


@dataclass
class Catalog:
    """One catalog file. ``accessor`` is the name scripts use (``libs`` for
    ``libs.versions.toml``); ``root`` is the build directory it serves (above ``gradle/``)."""

    path: str
    root: str
    accessor: str
    versions: dict[str, CatalogVersion] = field(default_factory=dict)
    libraries: dict[str, CatalogEntry] = field(default_factory=dict)
    plugins: dict[str, CatalogEntry] = field(default_factory=dict)
    bundles: dict[str, tuple[str, ...]] = field(default_factory=dict)


def read_version_catalog(file: SourceFile) -> Catalog:
    """Read a version catalog.

    Raises :class:`DetectorError` for a file that is not TOML or whose tables are not tables.
    """
    document = load_toml(file)
    lines = _key_lines(file.text())
    directory = file.directory
    root = directory
    if directory.rpartition("/")[2] == "gradle":
        root = directory.rpartition("/")[0] or "."
    accessor = file.name.removesuffix(CATALOG_SUFFIX)
    catalog = Catalog(path=file.path, root=root, accessor=accessor)
    sections = {}
    for section in ("versions", "libraries", "bundles", "plugins"):
        table = document.get(section, {})
        if not isinstance(table, dict):
            raise DetectorError(f"[{section}] is not a table")
        sections[section] = table
    for alias, value in sections["versions"].items():
        catalog.versions[alias] = _rich_version(value, f"version {alias!r}")
    for alias, value in sections["libraries"].items():
        entry = _library(catalog, alias, value, lines.get(("libraries", alias)))
        if entry is not None:
            catalog.libraries[normalize_alias(alias)] = entry
    for alias, value in sections["plugins"].items():
        entry = _plugin(catalog, alias, value, lines.get(("plugins", alias)))
        if entry is not None:
            catalog.plugins[normalize_alias(alias)] = entry
    for alias, value in sections["bundles"].items():
        if isinstance(value, list):
            catalog.bundles[normalize_alias(alias)] = tuple(
                normalize_alias(item) for item in value if isinstance(item, str)
            )
    return catalog


def parse_version_catalog(file: SourceFile) -> DetectorOutput:
    """A catalog alone: every library and plugin, ``direct=False`` as nothing shows which
    are used. Raises :class:`DetectorError` as :func:`read_version_catalog`."""
    catalog = read_version_catalog(file)
    return DetectorOutput(
        dependencies=tuple(
            catalog_dependency(file.detector, catalog, entry, None)
            for entry in [*catalog.libraries.values(), *catalog.plugins.values()]
        )
    )


def catalog_dependency(
    detector: str, catalog: Catalog, entry: CatalogEntry, note: str | None
) -> Dependency:
    """An entry reported from the catalog itself (no script uses it): ``direct=False``;
    libraries are :attr:`Scope.RUNTIME` as nothing says otherwise, plugins
    :attr:`Scope.BUILD`."""
    kind = "plugin" if entry.plugin else "library"
    reason = f"version catalog {kind} {entry.alias!r} ({entry.name}{entry.version.reason})"
    if note:
        reason += f": {note}"
    return Dependency(
        ecosystem=Ecosystem.MAVEN,
        name=plugin_marker(entry.name) if entry.plugin else entry.name,
        declared=entry.version.value,
        direct=False,
        scope=Scope.BUILD if entry.plugin else Scope.RUNTIME,
        evidence=(Evidence(catalog.path, detector, reason, entry.line),),
        version_note=entry.version.note,
    )


def plugin_marker(plugin_id: str) -> str:
    """The Maven coordinates of a Gradle plugin's marker artifact: ``id:id.gradle.plugin``."""
    return f"{plugin_id}:{plugin_id}.gradle.plugin"


def _library(catalog: Catalog, alias: str, value: Any, line: int | None) -> CatalogEntry | None:
    if isinstance(value, str):
        parts = value.split(":")
        if len(parts) < 2 or not parts[0] or not parts[1]:
            return None
        version = (
            CatalogVersion(parts[2], f" {parts[2]}")
            if len(parts) > 2 and parts[2]
            else CatalogVersion(None, "", "no version in the catalog")
        )
        return CatalogEntry(alias, f"{parts[0]}:{parts[1]}", version, line)
    if not isinstance(value, dict):
        return None
    module = value.get("module")
    if isinstance(module, str) and ":" in module:
        name = module
    elif isinstance(value.get("group"), str) and isinstance(value.get("name"), str):
        name = f"{value['group']}:{value['name']}"
    else:
        return None
    return CatalogEntry(alias, name, _entry_version(catalog, value.get("version")), line)


def _plugin(catalog: Catalog, alias: str, value: Any, line: int | None) -> CatalogEntry | None:
    if isinstance(value, str):
        plugin_id, _, version = value.partition(":")
        if not plugin_id:
            return None
        found = (
            CatalogVersion(version, f" {version}")
            if version
            else CatalogVersion(None, "", "no version in the catalog")
        )
        return CatalogEntry(alias, plugin_id, found, line, plugin=True)
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        return None
    return CatalogEntry(
        alias, value["id"], _entry_version(catalog, value.get("version")), line, plugin=True
    )


def _entry_version(catalog: Catalog, value: Any) -> CatalogVersion:
    if value is None:
        return CatalogVersion(None, "", "no version in the catalog (a platform may set it)")
    if isinstance(value, dict) and isinstance(value.get("ref"), str):
        reference = value["ref"]
        found = catalog.versions.get(reference)
        if found is None:
            return CatalogVersion(
                None, "", f"version.ref {reference!r} is not in the catalog's [versions]"
            )
        return CatalogVersion(
            found.value, f" version.ref {reference!r} ={found.reason}", found.note
        )
    return _rich_version(value, "")


def _rich_version(value: Any, label: str) -> CatalogVersion:
    if isinstance(value, str):
        return CatalogVersion(value, f" {value}")
    if isinstance(value, dict):
        for key in _RICH_KEYS:
            if isinstance(value.get(key), str):
                return CatalogVersion(value[key], f" {key} {value[key]}")
    return CatalogVersion(None, "", f"{label or 'version'} gives no usable version".strip())


def _key_lines(text: str) -> dict[tuple[str, str], int]:
    """Where each top-level key of each table starts (1-based), for evidence lines."""
    found: dict[tuple[str, str], int] = {}
    section = ""
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER_RE.match(line)
        if header is not None:
            section, _, key = header.group(1).strip().partition(".")
            if key:
                # [libraries.name] is a table of its own: the entry starts at its header.
                found.setdefault((section, key.strip('"')), number)
                section = ""
            continue
        key = _KEY_RE.match(line)
        if key is not None and section:
            name = key.group(1) or key.group(2) or key.group(3)
            found.setdefault((section, name), number)
    return found
