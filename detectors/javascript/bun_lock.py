"""``bun.lock``, Bun's text lockfile (JSONC: comments and trailing commas allowed).

``workspaces`` maps each workspace directory (``""`` for the root) to its name and dependency
tables: what the project asks for. ``packages`` maps an install path to an array whose first
element is ``"name@version"``: ``"react"`` is the hoisted copy, ``"parent/react"`` one nested
under ``parent`` (a package or a workspace, by name). ``name@workspace:dir`` entries are the
workspaces themselves, not dependencies. A dependency of a workspace is looked up as
``<workspace name>/<dependency>`` and then ``<dependency>``.

The scope of packages the workspaces do not ask for directly is found from the graph:
reachable from runtime dependencies is runtime, otherwise from development ones development.
"""

from __future__ import annotations

from typing import Any

from detectors.javascript.documents import json_key_lines, load_jsonc
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

_LOCAL = ("workspace:", "link:", "root:")
_GRAPH_SECTIONS = ("dependencies", "optionalDependencies", "peerDependencies")


def parse_bun_lock(file: SourceFile) -> DetectorOutput:
    """One dependency per package and version (see
    :func:`~detectors.javascript.lockfile.lockfile_output`).

    Raises :class:`DetectorError` for an empty or malformed file, a missing
    ``lockfileVersion`` or a ``packages``/``workspaces`` member that is not an object.
    """
    return lockfile_output(file, read_bun_lock(file))


def read_bun_lock(file: SourceFile) -> Lockfile:
    """The lockfile as read; see the module documentation."""
    document = load_jsonc(file)
    version = document.get("lockfileVersion")
    if version is None:
        raise DetectorError("no lockfileVersion: not a bun.lock")
    packages = _object(document, "packages")
    workspaces = _object(document, "workspaces")
    lines = json_key_lines(file.text(), max_depth=2)
    lock = Lockfile(format=f"bun.lock v{version}")
    installed: dict[str, LockedPackage | None] = {}
    graph: dict[str, dict[str, Any]] = {}
    for key, value in packages.items():
        if not isinstance(value, list) or not value or not isinstance(value[0], str):
            continue
        name, reference = split_name(value[0])
        if not name or reference.startswith(_LOCAL):
            installed[key] = None
            if name:
                lock.local_names.add(name)
            continue
        exact = reference if reference and ":" not in reference and "/" not in reference else None
        note = None if exact else f"not from a registry: {reference[:80] or value[0]}"
        package = LockedPackage(name, exact, lines.get(("packages", key)), note=note)
        installed[key] = package
        lock.packages.append(package)
        meta = value[2] if len(value) > 2 and isinstance(value[2], dict) else None
        if meta is None and len(value) > 1 and isinstance(value[1], dict):
            meta = value[1]  # git and tarball entries have no registry element
        graph[key] = meta or {}
    roots: dict[Scope, list[str]] = {Scope.RUNTIME: [], Scope.DEVELOPMENT: []}
    for directory, workspace in workspaces.items():
        if not isinstance(workspace, dict):
            continue
        owner = workspace.get("name") if isinstance(workspace.get("name"), str) else ""
        for section, scope in DEPENDENCY_SECTIONS:
            table = workspace.get(section)
            if not isinstance(table, dict):
                continue
            for name in table:
                found = _lookup(installed, f"{owner}/{name}" if owner else name)
                asked = installed[found] if found is not None else None
                if found is not None and asked is not None:
                    lock.asks.append(DirectAsk(directory or ".", asked, scope))
                    group = Scope.DEVELOPMENT if scope is Scope.DEVELOPMENT else Scope.RUNTIME
                    roots[group].append(found)
    _scopes_from_graph(lock, installed, graph, roots)
    return lock


def _object(document: dict[str, Any], key: str) -> dict[str, Any]:
    value = document.get(key, {})
    if not isinstance(value, dict):
        raise DetectorError(f"{key!r} is not an object")
    return value


def _segments(key: str) -> list[str]:
    """An install path's package names: ``"a/@s/b/c"`` → ``["a", "@s/b", "c"]``."""
    parts = key.split("/")
    names: list[str] = []
    index = 0
    while index < len(parts):
        if parts[index].startswith("@") and index + 1 < len(parts):
            names.append(f"{parts[index]}/{parts[index + 1]}")
            index += 2
        else:
            names.append(parts[index])
            index += 1
    return names


def _lookup(installed: dict[str, LockedPackage | None], key: str) -> str | None:
    """The install path Bun resolves ``key`` (``parent/…/name``) to: the same path, then
    with each parent dropped from the innermost, as Node.js walks up ``node_modules``."""
    names = _segments(key)
    for depth in range(len(names) - 1, -1, -1):
        candidate = "/".join([*names[:depth], names[-1]])
        if candidate in installed:
            return candidate
    return None


def _scopes_from_graph(
    lock: Lockfile,
    installed: dict[str, LockedPackage | None],
    graph: dict[str, dict[str, Any]],
    roots: dict[Scope, list[str]],
) -> None:
    reached: dict[Scope, set[int]] = {}
    for scope, keys in roots.items():
        seen: set[str] = set()
        pending = list(keys)
        while pending:
            key = pending.pop()
            if key in seen:
                continue
            seen.add(key)
            for section in _GRAPH_SECTIONS:
                table = graph.get(key, {}).get(section)
                if not isinstance(table, dict):
                    continue
                for name in table:
                    child = _lookup(installed, f"{key}/{name}")
                    if child is not None and installed[child] is not None:
                        pending.append(child)
        reached[scope] = {id(installed[key]) for key in seen}
    runtime, development = reached[Scope.RUNTIME], reached[Scope.DEVELOPMENT]
    if not development - runtime:
        return
    lock.packages = [
        LockedPackage(p.name, p.version, p.line, Scope.DEVELOPMENT, p.note)
        if id(p) in development and id(p) not in runtime
        else p
        for p in lock.packages
    ]
