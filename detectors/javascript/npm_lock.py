"""``package-lock.json`` and ``npm-shrinkwrap.json``.

* lockfileVersion 2 and 3: the ``packages`` map, keyed by install path
  (``node_modules/a``, ``node_modules/a/node_modules/b``, ``packages/x/node_modules/c``).
  ``""`` is the root package and keys without ``node_modules/`` are workspace members (their
  ``node_modules/<name>`` entries are ``link: true``): their ``dependencies``,
  ``devDependencies``, ``optionalDependencies`` and ``peerDependencies`` are what the project
  asks for, found where Node.js would find them (the asking package's ``node_modules``, then
  each directory up). ``dev``, ``optional``, ``devOptional`` and ``peer`` flags give the scope
  of everything else.
* lockfileVersion 1: nested ``dependencies`` objects (``version``, ``requires``, ``dev``,
  ``optional``). The root's own declarations are not recorded; the top-level entries are
  what its ``package.json`` declarations resolve to (:attr:`Lockfile.top_level`).
"""

from __future__ import annotations

from typing import Any

from detectors.javascript.documents import json_key_lines, load_json
from detectors.javascript.lockfile import (
    DEPENDENCY_SECTIONS,
    DirectAsk,
    LockedPackage,
    Lockfile,
    lockfile_output,
)
from detectors.javascript.specifiers import split_name
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Scope

NODE_MODULES = "node_modules/"


def parse_npm_lock(file: SourceFile) -> DetectorOutput:
    """One dependency per package and version (see
    :func:`~detectors.javascript.lockfile.lockfile_output`).

    Raises :class:`DetectorError` for an empty or malformed file, a missing or non-integer
    ``lockfileVersion``, or a ``packages``/``dependencies`` member that is not an object.
    """
    return lockfile_output(file, read_npm_lock(file))


def read_npm_lock(file: SourceFile) -> Lockfile:
    """The lockfile as read; see the module documentation for what each version gives."""
    document = load_json(file)
    version = document.get("lockfileVersion")
    if version is None:
        raise DetectorError("no lockfileVersion: not an npm lockfile")
    if not isinstance(version, int) or isinstance(version, bool):
        raise DetectorError(f"lockfileVersion {version!r} is not a number")
    kind = f"{file.name} v{version}"
    packages = document.get("packages")
    if packages is not None:
        if not isinstance(packages, dict):
            raise DetectorError("'packages' is not an object")
        lines = json_key_lines(file.text(), max_depth=2)
        return _read_packages(kind, packages, lines)
    dependencies = document.get("dependencies", {})
    if not isinstance(dependencies, dict):
        raise DetectorError("'dependencies' is not an object")
    return _read_v1(kind, dependencies, json_key_lines(file.text()))


def _scope(entry: dict[str, Any]) -> Scope:
    if entry.get("dev") is True:
        return Scope.DEVELOPMENT
    if entry.get("optional") is True or entry.get("devOptional") is True:
        return Scope.OPTIONAL
    if entry.get("peer") is True:
        return Scope.PEER
    return Scope.RUNTIME


def _note(version: str | None, resolved: object) -> str | None:
    if version is None:
        return "no version recorded"
    if isinstance(resolved, str) and resolved.startswith(("git", "file:", "github:")):
        return f"not from a registry: {resolved[:80]}"
    return None


# lockfileVersion 2 and 3 -----------------------------------------------------------------


def _read_packages(
    kind: str, packages: dict[str, Any], lines: dict[tuple[str, ...], int]
) -> Lockfile:
    lock = Lockfile(format=kind)
    installed: dict[str, LockedPackage | None] = {}
    askers: list[tuple[str, dict[str, Any]]] = []
    for path, entry in packages.items():
        if not isinstance(entry, dict):
            continue
        if not path.startswith(NODE_MODULES) and f"/{NODE_MODULES}" not in path:
            if not entry.get("extraneous"):
                askers.append((path or ".", entry))
            continue
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            name = path.rpartition(NODE_MODULES)[2]
        if entry.get("link") is True:
            installed[path] = None  # a workspace member or linked directory: the project's own
            lock.local_names.add(name)
            continue
        version = entry.get("version")
        version = version if isinstance(version, str) and version else None
        package = LockedPackage(
            name,
            version,
            lines.get(("packages", path)),
            _scope(entry),
            _note(version, entry.get("resolved")),
        )
        installed[path] = package
        lock.packages.append(package)
    for directory, entry in askers:
        for section, scope in DEPENDENCY_SECTIONS:
            table = entry.get(section)
            if not isinstance(table, dict):
                continue
            for name in table:
                found = _find_installed(installed, directory, name)
                if found is not None:
                    lock.asks.append(DirectAsk(directory, found, scope))
    return lock


def _find_installed(
    installed: dict[str, LockedPackage | None], directory: str, name: str
) -> LockedPackage | None:
    """The package ``name`` as Node.js resolves it from ``directory``: its own
    ``node_modules``, then each parent directory's."""
    base = "" if directory == "." else directory
    while True:
        path = f"{base}/{NODE_MODULES}{name}" if base else f"{NODE_MODULES}{name}"
        if path in installed:
            return installed[path]
        if not base:
            return None
        base = base.rpartition("/")[0]


# lockfileVersion 1 -----------------------------------------------------------------------


def _read_v1(
    kind: str, dependencies: dict[str, Any], lines: dict[tuple[str, ...], int]
) -> Lockfile:
    lock = Lockfile(format=kind, records_asks=False)
    # Iteratively, depth first, so that hostile nesting cannot exhaust the stack.
    pending: list[tuple[tuple[str, ...], dict[str, Any]]] = [(("dependencies",), dependencies)]
    while pending:
        path, table = pending.pop()
        for folder, entry in table.items():
            if not isinstance(entry, dict):
                continue
            package = _v1_package(folder, entry, lines.get((*path, folder)))
            if (package.note or "").startswith("not from a registry: file:"):
                lock.local_names.add(package.name)
            lock.packages.append(package)
            if len(path) == 1:
                lock.top_level[folder] = package
            nested = entry.get("dependencies")
            if isinstance(nested, dict) and nested:
                pending.append(((*path, folder, "dependencies"), nested))
    lock.packages.sort(key=lambda package: package.line or 0)
    return lock


def _v1_package(folder: str, entry: dict[str, Any], line: int | None) -> LockedPackage:
    name = folder
    version = entry.get("version")
    version = version if isinstance(version, str) and version else None
    if version is not None and version.startswith("npm:"):
        # An alias: "version": "npm:real-name@1.2.3".
        target, exact = split_name(version[len("npm:") :])
        name, version = target or folder, exact or None
    resolved = entry.get("resolved")
    if version is not None and version.startswith(("git", "file:", "github:", "http")):
        return LockedPackage(name, None, line, _scope(entry), f"not from a registry: {version}")
    return LockedPackage(name, version, line, _scope(entry), _note(version, resolved))
