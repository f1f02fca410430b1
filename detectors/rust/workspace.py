"""What one Cargo file cannot settle alone: inheritance from the workspace root, and the
members a root Cargo.lock resolves for.

* A member's ``name = { workspace = true }`` takes its version and source from the root's
  ``[workspace.dependencies]``, and ``rust-version.workspace = true`` the root's
  ``[workspace.package] rust-version``. The root is the Cargo.toml that ``package.workspace``
  points to, else the nearest one above the member (or the member itself) with a
  ``[workspace]`` table, as Cargo searches.
* A Cargo.lock's workspace crates (packages without a source) are matched by name (and version,
  when the manifest states one) to the Cargo.toml files at or below the lock's directory; each
  such crate's direct dependencies are given to that crate's component.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import replace

from detectors.rust.cargo_lock import CargoLock, lock_dependencies
from detectors.rust.cargo_toml import (
    CargoManifest,
    inherit,
    rust_runtime,
    unresolved_inherited,
)
from scanner.detector import SourceFile
from scanner.model import Dependency, DetectorOutput, Failure, FailureKind, Technology


def resolve_workspaces(
    manifests: Sequence[tuple[SourceFile, CargoManifest]],
    locks: Sequence[tuple[SourceFile, CargoLock]],
) -> DetectorOutput:
    """The inherited dependencies and Rust versions of every member, and the dependencies of
    every lock, given to the components they belong to."""
    by_directory = {cargo.directory: cargo for _, cargo in manifests}
    dependencies: list[Dependency] = []
    technologies: list[Technology] = []
    failures: list[Failure] = []
    for file, cargo in manifests:
        if not cargo.pending and cargo.rust_version_pending is None:
            continue
        root = _workspace_root(cargo, by_directory)
        for inherited in cargo.pending:
            if root is None:
                dependencies.append(unresolved_inherited(inherited, "no workspace root found"))
                continue
            base = root.workspace_dependencies.get(inherited.key)
            if base is None:
                why = f"no '{inherited.key}' in [workspace.dependencies] of {root.path}"
                dependencies.append(unresolved_inherited(inherited, why))
                continue
            found = inherit(inherited, base[0], base[1])
            if isinstance(found, Dependency):
                dependencies.append(found)
            else:
                failures.append(Failure(FailureKind.PARSE_ERROR, found, root.path, file.detector))
        pending_rust = cargo.rust_version_pending
        if pending_rust is not None and root is not None and root.workspace_rust_version:
            version, root_evidence = root.workspace_rust_version
            technology = rust_runtime(pending_rust, version)
            technologies.append(replace(technology, evidence=(pending_rust, root_evidence)))
    for file, lock in locks:
        owners = _lock_owners(file.directory, lock, manifests)
        dependencies.extend(lock_dependencies(file, lock, owners))
    return DetectorOutput(
        technologies=tuple(technologies),
        dependencies=tuple(dependencies),
        failures=tuple(failures),
    )


def _workspace_root(
    cargo: CargoManifest, by_directory: dict[str, CargoManifest]
) -> CargoManifest | None:
    if cargo.workspace_path is not None:
        target = posixpath.normpath(posixpath.join(cargo.directory, cargo.workspace_path))
        return by_directory.get("." if target in ("", ".") else target)
    if cargo.is_workspace_root:
        return cargo
    directory = cargo.directory
    while directory != ".":
        directory = directory.rpartition("/")[0] or "."
        candidate = by_directory.get(directory)
        if candidate is not None and candidate.is_workspace_root:
            return candidate
    return None


def _lock_owners(
    lock_directory: str,
    lock: CargoLock,
    manifests: Sequence[tuple[SourceFile, CargoManifest]],
) -> dict[str, str | None]:
    """``"name version"`` of each workspace crate of the lock → its Cargo.toml's directory
    (the one of that version, else the only one of that name, at or below the lock), or
    ``None`` for a crate whose Cargo.toml files all lie outside the lock's directory."""
    prefix = "" if lock_directory == "." else lock_directory + "/"
    owners: dict[str, str | None] = {}
    for package in lock.packages:
        if package.source is not None:
            continue
        named = [cargo for _, cargo in manifests if cargo.package_name == package.name]
        inside = [
            c for c in named if c.directory == lock_directory or c.directory.startswith(prefix)
        ]
        exact = [c for c in inside if c.package_version in (None, package.version)]
        key = f"{package.name} {package.version}"
        if len(exact) == 1 or len(inside) == 1:
            owners[key] = (exact or inside)[0].directory
        elif named and not inside:
            owners[key] = None
    return owners
