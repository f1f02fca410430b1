"""``package.json``: the package, its workspaces, its dependencies, and the tools it pins
(``packageManager``, ``engines``, ``volta``).

Dependency tables: ``dependencies`` (runtime), ``devDependencies`` (development),
``optionalDependencies`` (optional), ``peerDependencies`` (peer, or optional when
``peerDependenciesMeta`` says so) and ``bundleDependencies``/``bundledDependencies`` (names
only: they add evidence to the entry of the same name, or stand alone without a range).
Specifiers are read by :mod:`detectors.javascript.specifiers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from detectors.common.parsing import manifest, split_negations, string_list, string_or_none
from detectors.javascript.documents import json_key_lines, load_json
from detectors.javascript.specifiers import classify
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Evidence,
    Scope,
    Technology,
    WorkspaceDeclaration,
)

SECTIONS: tuple[tuple[str, Scope], ...] = (
    ("dependencies", Scope.RUNTIME),
    ("devDependencies", Scope.DEVELOPMENT),
    ("optionalDependencies", Scope.OPTIONAL),
    ("peerDependencies", Scope.PEER),
)
BUNDLED_SECTIONS = ("bundleDependencies", "bundledDependencies")

# Package managers a package.json can name: key -> display name.
PACKAGE_MANAGERS = {"npm": "npm", "yarn": "Yarn", "pnpm": "pnpm", "bun": "Bun"}
NODEJS = ("nodejs", "Node.js")
_EXACT_VERSION = re.compile(r"v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)")
# Old-style engines: ["node >= 0.8"].
_ENGINE_STRING = re.compile(r"\s*([a-z]+)\s*(.*)")

Catalogs = dict[str, dict[str, str]]


@dataclass(frozen=True, slots=True)
class Declaration:
    """One entry of a dependency table, exactly as written (``specifier`` is ``None`` when it
    is not a string)."""

    name: str
    specifier: str | None
    scope: Scope


@dataclass(slots=True)
class PackageJson:
    """A ``package.json`` as read: what :func:`parse_package_json` reports (``output``), the
    declarations as written, whether ``packageManager`` names a known tool, and the catalogs
    it defines (Bun: ``catalog``/``catalogs``, top level or in ``workspaces``)."""

    output: DetectorOutput
    declarations: list[Declaration] = field(default_factory=list)
    names_package_manager: bool = False
    catalogs: Catalogs = field(default_factory=dict)


def parse_package_json(file: SourceFile) -> DetectorOutput:
    """The manifest (name, version, workspace globs), its dependencies and the tools it pins.

    Raises :class:`DetectorError` for an empty file (``"empty file"``), malformed JSON or a
    top level that is not an object.
    """
    return read_package_json(file).output


def read_package_json(file: SourceFile) -> PackageJson:
    """See :func:`parse_package_json`; also keeps what the detector needs across files."""
    document = load_json(file)
    lines = json_key_lines(file.text(), max_depth=2)
    declarations, dependencies = _dependencies(file, document, lines)
    workspace = _workspace(document.get("workspaces"))
    found = manifest(
        file,
        Ecosystem.NPM,
        "package.json",
        name=string_or_none(document.get("name")),
        version=string_or_none(document.get("version")),
        workspace=workspace,
    )
    declared_manager = _package_manager(file, document, lines)
    manager, technologies = _engines(file, document, lines, declared_manager)
    technologies += _volta(file, document, lines)
    if manager is not None:
        technologies = (manager, *technologies)
    return PackageJson(
        output=DetectorOutput(
            manifests=(found,), dependencies=tuple(dependencies), technologies=technologies
        ),
        declarations=declarations,
        names_package_manager=manager is not None,
        catalogs=_catalogs(document),
    )


def _dependencies(
    file: SourceFile, document: dict[str, Any], lines: dict[tuple[str, ...], int]
) -> tuple[list[Declaration], list[Dependency]]:
    declarations: list[Declaration] = []
    dependencies: list[Dependency] = []
    optional_peers = _optional_peers(document.get("peerDependenciesMeta"))
    for section, scope in SECTIONS:
        table = document.get(section)
        if not isinstance(table, dict):
            continue
        for name, specifier in table.items():
            if not name.strip():
                continue
            optional_peer = scope is Scope.PEER and name in optional_peers
            entry_scope = Scope.OPTIONAL if optional_peer else scope
            declarations.append(
                Declaration(name, specifier if isinstance(specifier, str) else None, entry_scope)
            )
            spec = classify(name, specifier)
            reason = f"{section} entry {name!r}"
            if entry_scope is not scope:
                reason += " (optional in peerDependenciesMeta)"
            dependencies.append(
                Dependency(
                    ecosystem=Ecosystem.NPM,
                    name=normalize_name(Ecosystem.NPM, spec.name),
                    evidence=(file.evidence(reason, line=lines.get((section, name))),),
                    declared=spec.declared,
                    scope=entry_scope,
                    version_note=spec.note,
                )
            )
    _add_bundled(file, document, lines, dependencies)
    return declarations, dependencies


def _optional_peers(meta: object) -> set[str]:
    if not isinstance(meta, dict):
        return set()
    return {
        name
        for name, value in meta.items()
        if isinstance(value, dict) and value.get("optional") is True
    }


def _add_bundled(
    file: SourceFile,
    document: dict[str, Any],
    lines: dict[tuple[str, ...], int],
    dependencies: list[Dependency],
) -> None:
    for section in BUNDLED_SECTIONS:
        for name in string_list(document.get(section)):
            evidence = file.evidence(f"{section} entry {name!r}", line=lines.get((section,)))
            normalized = normalize_name(Ecosystem.NPM, name)
            index = next((i for i, dep in enumerate(dependencies) if dep.name == normalized), None)
            if index is not None:
                known = dependencies[index]
                dependencies[index] = replace(known, evidence=(*known.evidence, evidence))
            else:
                dependencies.append(
                    Dependency(
                        ecosystem=Ecosystem.NPM,
                        name=normalized,
                        evidence=(evidence,),
                        version_note="bundled with the package; no range declared",
                    )
                )


def _workspace(value: object) -> WorkspaceDeclaration | None:
    # npm, Yarn and Bun accept a list; Yarn classic and Bun also {"packages": [...]}.
    patterns = string_list(value.get("packages") if isinstance(value, dict) else value)
    if not patterns:
        return None
    includes, excludes = split_negations(patterns)
    return WorkspaceDeclaration(tool="npm-workspaces", patterns=includes, excludes=excludes)


def _catalogs(document: dict[str, Any]) -> Catalogs:
    catalogs: Catalogs = {}
    for holder in (document, document.get("workspaces")):
        if isinstance(holder, dict):
            catalogs.update(read_catalogs(holder))
    return catalogs


def read_catalogs(holder: dict[str, Any]) -> Catalogs:
    """The ``catalog`` (named ``"default"``) and ``catalogs`` tables of a document (pnpm,
    Yarn, Bun): catalog name -> package name -> range. Anything not a string is ignored."""
    catalogs: Catalogs = {}
    default = _string_table(holder.get("catalog"))
    if default:
        catalogs["default"] = default
    named = holder.get("catalogs")
    if isinstance(named, dict):
        for catalog, table in named.items():
            entries = _string_table(table)
            if entries and isinstance(catalog, str):
                catalogs.setdefault(catalog, {}).update(entries)
    return catalogs


def _string_table(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _package_manager(
    file: SourceFile, document: dict[str, Any], lines: dict[tuple[str, ...], int]
) -> Technology | None:
    """The tool named by Corepack's ``packageManager`` field (``"pnpm@9.1.0+sha512..."``)."""
    value = string_or_none(document.get("packageManager"))
    if value is None:
        return None
    tool, _, reference = value.strip().partition("@")
    if tool not in PACKAGE_MANAGERS:
        return None
    reference = reference.split("+", 1)[0]
    exact = _EXACT_VERSION.fullmatch(reference)
    if exact:
        version, note = exact.group(1), None
    elif reference:
        version, note = None, f"packageManager names {reference!r}, not a version"
    else:
        version, note = None, "packageManager names no version"
    evidence = file.evidence(
        f"packageManager field {value.split('+', 1)[0]!r}", line=lines.get(("packageManager",))
    )
    return Technology(
        tool,
        PACKAGE_MANAGERS[tool],
        Category.PACKAGE_MANAGER,
        (evidence,),
        version=version,
        version_source="declared" if version else None,
        version_note=note,
    )


def _engines(
    file: SourceFile,
    document: dict[str, Any],
    lines: dict[tuple[str, ...], int],
    manager: Technology | None,
) -> tuple[Technology | None, tuple[Technology, ...]]:
    """``engines.node`` → Node.js; ``engines.npm``/``yarn``/``pnpm``/``bun`` → that tool with
    the range as its declared version. When ``packageManager`` already names the tool, the
    range becomes a note (and evidence) on that technology instead, so the tool is reported
    once with its exact version. Returns the (possibly noted) manager and the others."""
    technologies: list[Technology] = []
    for engine, requirement in _engine_pairs(document.get("engines")):
        evidence = file.evidence(
            f"engines.{engine} {requirement!r}", line=lines.get(("engines", engine))
        )
        if engine == "node":
            key, name = NODEJS
            category = Category.RUNTIME
        elif engine in PACKAGE_MANAGERS:
            key, name, category = engine, PACKAGE_MANAGERS[engine], Category.PACKAGE_MANAGER
        else:
            continue
        if manager is not None and manager.key == key:
            note = f"engines.{engine} requires {requirement!r}"
            if manager.version_note:
                note = f"{manager.version_note}; {note}"
            manager = replace(manager, evidence=(*manager.evidence, evidence), version_note=note)
            continue
        technologies.append(
            Technology(
                key, name, category, (evidence,), version=requirement, version_source="declared"
            )
        )
    return manager, tuple(technologies)


def _engine_pairs(engines: object) -> list[tuple[str, str]]:
    if isinstance(engines, dict):
        return [
            (engine, requirement.strip())
            for engine, requirement in engines.items()
            if isinstance(requirement, str) and requirement.strip()
        ]
    pairs = []
    for item in string_list(engines):
        match = _ENGINE_STRING.fullmatch(item)
        if match and match.group(2).strip():
            pairs.append((match.group(1), match.group(2).strip()))
    return pairs


def _volta(
    file: SourceFile, document: dict[str, Any], lines: dict[tuple[str, ...], int]
) -> tuple[Technology, ...]:
    """Volta pins exact versions of Node.js and the package manager in ``volta``."""
    volta = document.get("volta")
    if not isinstance(volta, dict):
        return ()
    technologies = []
    for tool, version in volta.items():
        if not isinstance(version, str) or not version.strip():
            continue
        if tool == "node":
            key, name, category = *NODEJS, Category.RUNTIME
        elif tool in PACKAGE_MANAGERS:
            key, name, category = tool, PACKAGE_MANAGERS[tool], Category.PACKAGE_MANAGER
        else:
            continue
        exact = _EXACT_VERSION.fullmatch(version.strip())
        evidence: Evidence = file.evidence(
            f"volta.{tool} {version.strip()!r}", line=lines.get(("volta", tool))
        )
        technologies.append(
            Technology(
                key,
                name,
                category,
                (evidence,),
                version=exact.group(1) if exact else version.strip(),
                version_source="resolved" if exact else "declared",
            )
        )
    return tuple(technologies)
