"""The Rust detector: Cargo manifests and lockfiles, with workspace inheritance.

Each Cargo.toml reports what it settles alone as soon as it is read; what needs another file
(``workspace = true`` entries, a root Cargo.lock's crates given to the members using them) is
kept and reported by :meth:`RustDetector.inspect_tree`, once every file has been seen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from detectors.rust.cargo_lock import CargoLock, cargo_technology, lock_failures, read_cargo_lock
from detectors.rust.cargo_toml import CargoManifest, read_cargo_toml
from detectors.rust.workspace import resolve_workspaces
from scanner.detector import Detector, FileSelector, SourceFile, TreeView
from scanner.model import DetectorOutput


class RustDetector(Detector):
    """Cargo packages, workspaces, dependencies and the Rust version they need."""

    name = "rust"
    description = "Cargo: Cargo.toml packages, workspaces and dependencies; Cargo.lock versions."
    tags = frozenset({"manifest", "dependencies", "rust"})
    selector = FileSelector(filenames=frozenset({"Cargo.toml", "Cargo.lock"}))

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._manifests: list[tuple[SourceFile, CargoManifest]] = []
        self._locks: list[tuple[SourceFile, CargoLock]] = []

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """A Cargo.toml's own findings, or a Cargo.lock's package manager and failed entries;
        the rest waits for :meth:`inspect_tree`. Raises :class:`DetectorError` for an empty
        Cargo.toml or invalid TOML."""
        if file.name == "Cargo.lock":
            lock = read_cargo_lock(file)
            self._locks.append((file, lock))
            return DetectorOutput(
                technologies=(cargo_technology(file),), failures=lock_failures(file, lock)
            )
        cargo = read_cargo_toml(file)
        self._manifests.append((file, cargo))
        return cargo.output

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Inherited dependencies and Rust versions; every lock's dependencies."""
        return resolve_workspaces(self._manifests, self._locks)
