"""``Cargo.toml``: a package, its dependencies, and the workspace it may declare.

Read: ``[package]`` ``name``/``version``/``edition``/``rust-version`` (the Rust runtime,
``declared``; ``rust-version.workspace = true`` inherits ``[workspace.package]``'s),
``[dependencies]`` (``runtime``; ``optional = true`` makes it ``optional``), ``[dev-dependencies]``
(``development``), ``[build-dependencies]`` (``build``), the same tables under
``[target.'cfg(...)']`` and ``[target.<triple>]``, every entry form (``"1.0"``, ``{ version,
features, optional, path, git, branch, tag, rev, registry, package = "real-name", workspace =
true }``, ``[dependencies.name]`` tables), and ``[workspace]`` ``members``/``exclude`` (a
workspace declaration) with ``[workspace.dependencies]`` and ``[workspace.package]``, which
members inherit.

A renamed dependency (``alias = { package = "real" }``) is reported under the real crate name,
the one Cargo.lock and crates.io know. A ``path`` or ``git`` dependency keeps the version it
declares (if any) and says where it comes from in ``version_note``. A ``workspace = true``
entry is inherited from the workspace root's ``[workspace.dependencies]``: when the root is this
same file it is resolved here; otherwise it is left ``pending`` for the detector, which sees
every Cargo.toml of the tree (see :mod:`detectors.rust.workspace`).

``[patch]`` and ``[replace]`` override sources of the whole graph and are not read.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from detectors.common.parsing import load_toml, manifest, string_list, string_or_none
from detectors.common.toml_lines import TomlLines
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Evidence,
    Failure,
    FailureKind,
    Scope,
    Technology,
    WorkspaceDeclaration,
)

# The first Rust release of each edition.
_EDITION_MINIMUM = {"2015": "1.0", "2018": "1.31", "2021": "1.56", "2024": "1.85"}
# Dependency tables and their scope; the underscore spellings are Cargo's old aliases.
_TABLES: tuple[tuple[str, Scope], ...] = (
    ("dependencies", Scope.RUNTIME),
    ("dev-dependencies", Scope.DEVELOPMENT),
    ("dev_dependencies", Scope.DEVELOPMENT),
    ("build-dependencies", Scope.BUILD),
    ("build_dependencies", Scope.BUILD),
)


@dataclass(frozen=True, slots=True)
class InheritedDependency:
    """A ``name = { workspace = true, ... }`` entry whose version lives in the workspace root."""

    key: str
    entry: Mapping[str, Any]
    scope: Scope
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class CargoManifest:
    """One Cargo.toml as read on its own.

    ``output`` holds everything this file settles alone. ``pending`` are dependencies
    inherited from a workspace root in another file, ``rust_version_pending`` the evidence of
    a ``rust-version.workspace = true`` whose value is in that root. ``workspace_dependencies``
    and ``workspace_rust_version`` are what this file offers its members when it is a root.
    """

    path: str
    directory: str
    output: DetectorOutput
    package_name: str | None = None
    package_version: str | None = None
    is_workspace_root: bool = False
    workspace_path: str | None = None
    workspace_dependencies: Mapping[str, tuple[object, Evidence]] = field(default_factory=dict)
    workspace_rust_version: tuple[str, Evidence] | None = None
    pending: tuple[InheritedDependency, ...] = ()
    rust_version_pending: Evidence | None = None


def parse_cargo_toml(file: SourceFile) -> DetectorOutput:
    """The package (or virtual workspace) as a manifest, the ``cargo`` package manager, the Rust
    runtime from ``rust-version``, and one dependency per entry of every dependency table.

    Entries inherited from a workspace root in another file get no version here, and a note
    saying so (the Rust detector resolves them across files). Raises :class:`DetectorError`
    for an empty file ("empty file") or invalid TOML; an entry Cargo would reject is a
    :class:`Failure` for that entry.
    """
    cargo = read_cargo_toml(file)
    unresolved = tuple(
        unresolved_inherited(inherited, "no [workspace.dependencies] in this file")
        for inherited in cargo.pending
    )
    return DetectorOutput(
        manifests=cargo.output.manifests,
        technologies=cargo.output.technologies,
        dependencies=cargo.output.dependencies + unresolved,
        failures=cargo.output.failures,
    )


def read_cargo_toml(file: SourceFile) -> CargoManifest:
    """The Cargo.toml as a :class:`CargoManifest`. Raises :class:`DetectorError` for an empty
    file or invalid TOML."""
    document = load_toml(file)
    lines = TomlLines(file.text())
    failures: list[Failure] = []
    technologies = [
        Technology(
            "cargo", "Cargo", Category.PACKAGE_MANAGER, (file.evidence("Cargo.toml present"),)
        )
    ]

    package = _table(document, "package")
    name = string_or_none(package.get("name"))
    version = string_or_none(package.get("version"))
    rust_version_pending: Evidence | None = None
    rust_version = package.get("rust-version")
    rust_line = lines.key_line(("package", "rust-version"))
    if isinstance(rust_version, str) and rust_version:
        technologies.append(
            rust_runtime(
                file.evidence(f"package rust-version = {rust_version!r}", rust_line), rust_version
            )
        )
    elif _inherits(rust_version):
        rust_version_pending = file.evidence("package rust-version.workspace = true", rust_line)

    edition = _edition_runtime(
        package, file.evidence("package edition", lines.key_line(("package", "edition")))
    )
    if edition is not None:
        technologies.append(edition)

    workspace = _read_workspace(file, document, lines)
    technologies.extend(workspace.technologies)
    if workspace.rust_version is not None:
        rust_version_pending = None  # this file is its own root: settled there
    workspace_dependencies = workspace.dependencies

    dependencies: list[Dependency] = []
    pending: list[InheritedDependency] = []
    for table in _dependency_tables(document):
        for key, value in table.entries.items():
            line = lines.key_line((*table.path, key))
            evidence = file.evidence(f"{table.label} entry '{key}'", line)
            if isinstance(value, dict) and value.get("workspace") is True:
                inherited = InheritedDependency(key, value, table.scope, evidence)
                if key in workspace_dependencies:
                    base, base_evidence = workspace_dependencies[key]
                    found = inherit(inherited, base, base_evidence)
                    _add(found, dependencies, failures, file)
                else:
                    pending.append(inherited)
                continue
            found = dependency_entry(key, value, table.scope, (evidence,))
            _add(found, dependencies, failures, file)

    found_manifest = manifest(
        file,
        Ecosystem.CARGO,
        "Cargo.toml",
        name=name,
        version=version,
        workspace=workspace.declaration,
    )
    workspace_path = string_or_none(package.get("workspace"))
    return CargoManifest(
        path=file.path,
        directory=file.directory,
        output=DetectorOutput(
            manifests=(found_manifest,),
            technologies=tuple(technologies),
            dependencies=tuple(dependencies),
            failures=tuple(failures),
        ),
        package_name=name,
        package_version=version,
        is_workspace_root=workspace.declaration is not None,
        workspace_path=workspace_path,
        workspace_dependencies=workspace_dependencies,
        workspace_rust_version=workspace.rust_version,
        pending=tuple(pending),
        rust_version_pending=rust_version_pending,
    )


@dataclass(frozen=True, slots=True)
class _Workspace:
    """What a ``[workspace]`` table declares and offers its members (all empty without one)."""

    declaration: WorkspaceDeclaration | None = None
    dependencies: dict[str, tuple[object, Evidence]] = field(default_factory=dict)
    rust_version: tuple[str, Evidence] | None = None
    technologies: tuple[Technology, ...] = ()


def _read_workspace(file: SourceFile, document: dict[str, Any], lines: TomlLines) -> _Workspace:
    table = document.get("workspace")
    if not isinstance(table, dict):
        return _Workspace()
    declaration = WorkspaceDeclaration(
        "cargo-workspace",
        tuple(string_list(table.get("members"))),
        tuple(string_list(table.get("exclude"))),
    )
    dependencies = {}
    for key, value in _table(table, "dependencies").items():
        line = lines.key_line(("workspace", "dependencies", key))
        dependencies[key] = (value, file.evidence(f"workspace.dependencies entry '{key}'", line))
    shared = _table(table, "package")
    technologies = []
    rust_version = None
    version = string_or_none(shared.get("rust-version"))
    if version is not None:
        evidence = file.evidence(
            f"workspace.package rust-version = {version!r}",
            lines.key_line(("workspace", "package", "rust-version")),
        )
        rust_version = (version, evidence)
        technologies.append(rust_runtime(evidence, version))
    edition_line = lines.key_line(("workspace", "package", "edition"))
    edition = _edition_runtime(shared, file.evidence("workspace.package edition", edition_line))
    if edition is not None:
        technologies.append(edition)
    return _Workspace(declaration, dependencies, rust_version, tuple(technologies))


def dependency_entry(
    key: str, value: object, scope: Scope, evidence: tuple[Evidence, ...]
) -> Dependency | str:
    """One dependency entry as a :class:`Dependency`, or the reason Cargo would reject it."""
    if isinstance(value, str):
        return Dependency(
            Ecosystem.CARGO,
            normalize_name(Ecosystem.CARGO, key),
            evidence,
            declared=value,
            scope=scope,
        )
    if not isinstance(value, dict):
        return f"dependency '{key}': expected a version string or a table"
    real_name = string_or_none(value.get("package")) or key
    declared = string_or_none(value.get("version"))
    notes = []
    if real_name != key:
        notes.append(f"renamed to '{key}' in this package")
    path = string_or_none(value.get("path"))
    git = string_or_none(value.get("git"))
    registry = string_or_none(value.get("registry"))
    if git is not None:
        reference = next(
            (f"{k} {value[k]}" for k in ("tag", "branch", "rev") if isinstance(value.get(k), str)),
            "default branch",
        )
        notes.append(f"git dependency {git} ({reference})")
    elif path is not None:
        notes.append(f"path dependency {path}")
    elif registry is not None:
        notes.append(f"from registry '{registry}'")
    elif declared is None:
        return f"dependency '{key}': no version, path, git or workspace"
    if value.get("optional") is True and scope is Scope.RUNTIME:
        scope = Scope.OPTIONAL
    return Dependency(
        Ecosystem.CARGO,
        normalize_name(Ecosystem.CARGO, real_name),
        evidence,
        declared=declared,
        scope=scope,
        version_note="; ".join(notes) or None,
    )


def inherit(
    inherited: InheritedDependency, base: object, base_evidence: Evidence
) -> Dependency | str:
    """A ``workspace = true`` entry completed with the root's entry: the root gives the source
    and version, the member may add ``features`` and ``optional``."""
    if isinstance(base, str):
        base = {"version": base}
    if not isinstance(base, dict):
        return f"workspace dependency '{inherited.key}': expected a version string or a table"
    merged = {**base, "optional": inherited.entry.get("optional", False)}
    return dependency_entry(
        inherited.key, merged, inherited.scope, (inherited.evidence, base_evidence)
    )


def unresolved_inherited(inherited: InheritedDependency, why: str) -> Dependency:
    """A ``workspace = true`` entry whose root entry could not be found."""
    scope = inherited.scope
    if inherited.entry.get("optional") is True and scope is Scope.RUNTIME:
        scope = Scope.OPTIONAL
    return Dependency(
        Ecosystem.CARGO,
        normalize_name(Ecosystem.CARGO, inherited.key),
        (inherited.evidence,),
        scope=scope,
        version_note=f"inherited from the workspace root (workspace = true): {why}",
    )


def rust_runtime(evidence: Evidence, version: str) -> Technology:
    """The Rust runtime a ``rust-version`` declares (a minimum supported version)."""
    return Technology(
        "rust", "Rust", Category.RUNTIME, (evidence,), version=version, version_source="declared"
    )


def _edition_runtime(table: Mapping[str, Any], evidence: Evidence) -> Technology | None:
    """The Rust an ``edition`` needs at least, when the same table gives no ``rust-version``."""
    edition = table.get("edition")
    minimum = _EDITION_MINIMUM.get(edition) if isinstance(edition, str) else None
    if minimum is None or "rust-version" in table:
        return None
    return Technology(
        "rust",
        "Rust",
        Category.RUNTIME,
        (evidence,),
        version=minimum,
        version_source="inferred",
        version_note=f"edition {edition} needs Rust {minimum} or later; no rust-version",
    )


def _add(
    found: Dependency | str,
    dependencies: list[Dependency],
    failures: list[Failure],
    file: SourceFile,
) -> None:
    if isinstance(found, Dependency):
        dependencies.append(found)
    else:
        failures.append(Failure(FailureKind.PARSE_ERROR, found, file.path, file.detector))


@dataclass(frozen=True, slots=True)
class _DependencyTable:
    path: tuple[str, ...]  # where it is in the TOML document, for line numbers
    entries: dict[str, Any]
    label: str  # how evidence names it
    scope: Scope


def _dependency_tables(document: dict[str, Any]) -> list[_DependencyTable]:
    """Every non-empty dependency table, the target-specific ones included."""
    tables = [
        _DependencyTable((name,), _table(document, name), name, scope) for name, scope in _TABLES
    ]
    for target, body in _table(document, "target").items():
        if not isinstance(body, dict):
            continue
        for name, scope in _TABLES:
            label = f"target '{target}' {name}"
            tables.append(
                _DependencyTable(("target", target, name), _table(body, name), label, scope)
            )
    return [table for table in tables if table.entries]


def _table(document: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = document.get(key)
    return value if isinstance(value, dict) else {}


def _inherits(value: object) -> bool:
    return isinstance(value, dict) and value.get("workspace") is True
