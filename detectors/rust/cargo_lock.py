"""``Cargo.lock``: the exact version of every crate a Cargo workspace builds.

All lockfile versions are read: v1 (no ``version`` key, ``[root]`` for the root package,
``dependencies`` written ``"name version (source)"``, checksums in ``[metadata]``), v2 (checksums
in the packages, dependencies shortened to ``"name"`` or ``"name version"`` where ambiguous), and
the explicit ``version = 3`` and ``version = 4``.

The packages without a ``source`` are the workspace's own crates (and path dependencies): they
are not dependencies. A crate a workspace crate names in its ``dependencies`` list is direct
(the lock records that the project asked for it; the lock cannot tell dev- and build-
dependencies apart, so it says ``runtime`` and the manifest's declaration decides when the two
are merged); every other crate is indirect.

An empty Cargo.lock (zero bytes, or only comments) is an empty TOML document: Cargo reads it as
a lock that pins nothing and rewrites it on the next build. It gives no dependencies and no
failure, only the ``cargo`` package manager.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Failure,
    FailureKind,
    Scope,
    Technology,
)

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_PACKAGE_HEADER_RE = re.compile(r"^[ \t]*\[\[[ \t]*package[ \t]*\]\][ \t]*(?:#[^\r\n]*)?\r?$", re.M)
_CRATES_IO_SOURCES = frozenset(
    {
        "registry+https://github.com/rust-lang/crates.io-index",
        "sparse+https://index.crates.io/",
    }
)


@dataclass(frozen=True, slots=True)
class LockedPackage:
    """One ``[[package]]`` entry; ``source`` is ``None`` for the workspace's own crates."""

    name: str
    version: str
    source: str | None
    checksum: str | None
    dependencies: tuple[str, ...]
    line: int | None


@dataclass(frozen=True, slots=True)
class CargoLock:
    """A parsed Cargo.lock: its format ``version`` (when the file does not say: 2 if its
    packages carry checksums, else 1; ``None`` for an empty file), its packages in file order,
    and the entries that could not be read."""

    version: int | None
    packages: tuple[LockedPackage, ...]
    failures: tuple[str, ...] = ()


def read_cargo_lock(file: SourceFile) -> CargoLock:
    """The Cargo.lock's packages. Raises :class:`DetectorError` for invalid TOML or a
    ``package`` key that is not an array of tables; a package without a name or version is
    listed in ``failures`` and skipped."""
    text = file.text()
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DetectorError(f"not valid TOML: {error}") from error
    if not document:
        return CargoLock(None, ())
    version = document.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool):
        raise DetectorError(f"lockfile version is {version!r}, not a number")
    entries = document.get("package", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise DetectorError("'package' is not an array of tables")
    header_lines = [text.count("\n", 0, m.start()) + 1 for m in _PACKAGE_HEADER_RE.finditer(text)]
    if len(header_lines) != len(entries):
        header_lines = []
    root = document.get("root")
    if isinstance(root, dict):  # lockfile v1 of old Cargo: the root package has its own table
        entries = [root, *entries]
        header_lines = [0, *header_lines] if header_lines else []
    packages = []
    failures = []
    for index, entry in enumerate(entries):
        line = header_lines[index] or None if header_lines else None
        name, package_version = entry.get("name"), entry.get("version")
        if not isinstance(name, str) or not name or not isinstance(package_version, str):
            where = f"line {line}: " if line else ""
            failures.append(f"{where}package entry without a name and version, skipped")
            continue
        source = entry.get("source")
        checksum = entry.get("checksum")
        dependencies = entry.get("dependencies", [])
        packages.append(
            LockedPackage(
                name=name,
                version=package_version,
                source=source if isinstance(source, str) else None,
                checksum=checksum if isinstance(checksum, str) else None,
                dependencies=tuple(d for d in dependencies if isinstance(d, str))
                if isinstance(dependencies, list)
                else (),
                line=line,
            )
        )
    if "version" not in document and any(p.checksum for p in packages):
        version = 2  # v2 wrote no version, but moved the checksums into the packages
    return CargoLock(version, tuple(packages), tuple(failures))


def parse_cargo_lock(file: SourceFile) -> DetectorOutput:
    """One resolved dependency per locked crate that is not the workspace's own (see the
    module's docstring), the ``cargo`` package manager, and a :class:`Failure` per unreadable
    entry. Every crate a workspace crate depends on is direct. Raises :class:`DetectorError` as
    :func:`read_cargo_lock`."""
    lock = read_cargo_lock(file)
    return DetectorOutput(
        technologies=(cargo_technology(file),),
        dependencies=lock_dependencies(file, lock, {}),
        failures=lock_failures(file, lock),
    )


def cargo_technology(file: SourceFile) -> Technology:
    """The ``cargo`` package manager, seen in a Cargo.lock."""
    return Technology(
        "cargo", "Cargo", Category.PACKAGE_MANAGER, (file.evidence("Cargo.lock present"),)
    )


def lock_failures(file: SourceFile, lock: CargoLock) -> tuple[Failure, ...]:
    """A :class:`Failure` for each entry of the lock that could not be read."""
    return tuple(
        Failure(FailureKind.PARSE_ERROR, reason, file.path, file.detector)
        for reason in lock.failures
    )


def lock_dependencies(
    file: SourceFile, lock: CargoLock, owners: Mapping[str, str | None]
) -> tuple[Dependency, ...]:
    """The dependencies of ``lock``.

    ``owners`` maps ``"name version"`` of a workspace crate (a package without source) to the
    directory of its Cargo.toml: the component its direct dependencies are given to, one record
    per component using a crate. A crate mapped to ``None`` is a path dependency from outside
    the lock's workspace, whose dependencies are not direct. A crate missing from ``owners``
    counts as the workspace's own, with no component (the core then gives the lockfile's).
    """
    packages = lock.packages
    by_name: dict[str, list[LockedPackage]] = defaultdict(list)
    for package in packages:
        by_name[package.name].append(package)
    # For each locked crate with a source (by position): the components of the crates using it.
    users: dict[int, list[str | None]] = defaultdict(list)
    position = {id(package): index for index, package in enumerate(packages)}
    for package in packages:
        key = f"{package.name} {package.version}"
        if package.source is not None or (key in owners and owners[key] is None):
            continue
        component = owners.get(key)
        for reference in package.dependencies:
            target = _resolve(reference, by_name)
            if target is not None and target.source is not None:
                found = users[position[id(target)]]
                if component not in found:
                    found.append(component)

    dependencies = []
    for index, package in enumerate(packages):
        if package.source is None:
            continue
        evidence = (
            file.evidence(f"Cargo.lock package {package.name} {package.version}", package.line),
        )
        note = _source_note(package.source)
        name = normalize_name(Ecosystem.CARGO, package.name)
        components = users.get(index)
        for component in components or [None]:
            dependencies.append(
                Dependency(
                    Ecosystem.CARGO,
                    name,
                    evidence,
                    resolved=package.version,
                    direct=components is not None,
                    scope=Scope.RUNTIME,
                    version_note=note,
                    component=component,
                )
            )
    return tuple(dependencies)


def _resolve(reference: str, by_name: Mapping[str, list[LockedPackage]]) -> LockedPackage | None:
    """The package a ``dependencies`` entry names: ``"name"``, ``"name version"`` or
    ``"name version (source)"``."""
    parts = reference.split(" ", 2)
    candidates = by_name.get(parts[0], [])
    if len(parts) >= 2:
        candidates = [c for c in candidates if c.version == parts[1]]
    if len(parts) == 3:
        source = parts[2].strip("()")
        candidates = [c for c in candidates if c.source == source] or candidates
    return candidates[0] if len(candidates) == 1 else None


def _source_note(source: str) -> str | None:
    """Where a crate comes from, when it is not crates.io."""
    if source in _CRATES_IO_SOURCES:
        return None
    kind, _, location = source.partition("+")
    if kind == "git":
        url, _, commit = location.partition("#")
        return f"git {url} at {commit}" if commit else f"git {url}"
    if kind in ("registry", "sparse"):
        return f"registry {location}"
    return f"source {source}"
