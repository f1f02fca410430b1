"""uv's ``uv.lock`` (TOML).

``version``/``revision`` are the format's; ``requires-python`` is the ``python`` runtime
(declared). Each ``[[package]]`` is a resolution (``name``, ``version``, ``source``).

The workspace's own packages (those ``[manifest] members`` names, or without a manifest the
root with ``source = { editable = "." }`` or ``{ virtual = "." }``) are the project, not
dependencies. Their ``dependencies``, ``optional-dependencies`` and ``dev-dependencies``
(and, for a root without a ``[project]``, ``[manifest.dependency-groups]`` and
``[manifest] requirements``, taken as development needs) are what the
project asked for: those packages are ``direct``. Everything reachable from a workspace
package through the lock's dependency edges (following the extras each edge asks for)
belongs to that member's component (the directory of its source path), with the scope of
the closest route: runtime, then optional, then development, then test. A package needed by
several members is reported once per member; one that no member reaches is reported for
the lockfile's own directory, not direct.
"""

from __future__ import annotations

import posixpath
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from detectors.common.parsing import load_toml
from detectors.common.toml_lines import TomlLines
from detectors.python.records import (
    Collected,
    group_scope,
    locked_dependency,
    package_manager,
    python_runtime,
)
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Ecosystem, Scope

_PASSES = (Scope.RUNTIME, Scope.OPTIONAL, Scope.DEVELOPMENT, Scope.TEST)
_LOCAL_SOURCES = ("editable", "virtual", "directory", "path")


@dataclass(slots=True)
class _Package:
    name: str
    version: str | None
    source: dict[str, Any]
    line: int | None
    table: dict[str, Any]


@dataclass(slots=True)
class _Root:
    """A workspace package (or the project-less root): its component and starting edges."""

    label: str
    component: str | None
    edges: dict[Scope, list[dict[str, Any]]] = field(default_factory=dict)


def parse_uv_lock(file: SourceFile) -> DetectorOutput:
    """Read one ``uv.lock``.

    Raises :class:`~scanner.errors.DetectorError` for a file that is empty, not TOML, or
    whose ``package`` is not an array of tables; a malformed package is a failure of its own.
    """
    document = load_toml(file)
    lines = TomlLines(file.text())
    raw_packages = document.get("package", [])
    if not isinstance(raw_packages, list):
        raise DetectorError("'package' is not an array of tables")
    manifest_table = document.get("manifest", {})
    if not isinstance(manifest_table, dict):
        raise DetectorError("'manifest' is not a table")
    found = Collected(file)
    version, revision = document.get("version"), document.get("revision")
    described = "uv.lock present"
    if isinstance(version, int):
        described += f" (version {version}" + (
            f", revision {revision})" if isinstance(revision, int) else ")"
        )
    found.technologies.append(package_manager(file, "uv", described, line=1))
    requires_python = document.get("requires-python")
    if isinstance(requires_python, str) and requires_python.strip():
        found.technologies.append(
            python_runtime(
                file,
                requires_python,
                f"uv.lock requires-python {requires_python!r}",
                line=lines.key_line(("requires-python",)),
            )
        )
    packages = _packages(found, lines, raw_packages)
    listed = manifest_table.get("members")
    members = {
        normalize_name(Ecosystem.PYPI, member)
        for member in (listed if isinstance(listed, list) else ())
        if isinstance(member, str)
    }
    workspace = [index for index, package in enumerate(packages) if _is_workspace(package, members)]
    roots = [_member_root(file.directory, packages[index]) for index in workspace]
    if not any(_source_path(packages[index]) == "." for index in workspace):
        root = _project_less_root(file.directory, manifest_table)
        if root.edges:
            roots.append(root)
    _emit(found, packages, set(workspace), roots)
    return found.output()


def _packages(found: Collected, lines: TomlLines, raw: list[Any]) -> list[_Package]:
    headers = lines.array_headers("package")
    if len(headers) != len(raw):
        headers = []
    packages = []
    for index, table in enumerate(raw):
        if not isinstance(table, dict) or not isinstance(table.get("name"), str):
            found.fail(f"package #{index + 1} is not a table with a name")
            continue
        version = table.get("version")
        if version is not None and not isinstance(version, str):
            found.fail(f"package {table['name']}: version {version!r} is not a string")
            continue
        source = table.get("source")
        packages.append(
            _Package(
                name=normalize_name(Ecosystem.PYPI, table["name"]),
                version=version,
                source=source if isinstance(source, dict) else {},
                line=headers[index] if headers else None,
                table=table,
            )
        )
    return packages


def _source_path(package: _Package) -> str | None:
    for key in _LOCAL_SOURCES:
        value = package.source.get(key)
        if isinstance(value, str):
            return value
    return None


def _is_workspace(package: _Package, members: set[str]) -> bool:
    """Whether a package is the project itself: a ``[manifest] members`` name, or without
    members the editable or virtual package at the lockfile's directory."""
    if members:
        return package.name in members
    return _source_path(package) == "." and any(
        key in package.source for key in ("editable", "virtual")
    )


def _component(lock_directory: str, relative: str | None) -> str | None:
    if relative is None or relative.startswith("/"):
        return None
    base = "" if lock_directory == "." else lock_directory + "/"
    joined = posixpath.normpath(base + relative) if relative not in ("", ".") else lock_directory
    if joined == ".." or joined.startswith("../"):
        return None
    return joined


def _edge_list(value: object) -> list[dict[str, Any]]:
    return [edge for edge in value if isinstance(edge, dict)] if isinstance(value, list) else []


def _member_root(lock_directory: str, package: _Package) -> _Root:
    root = _Root(
        f"workspace member {package.name}", _component(lock_directory, _source_path(package))
    )
    root.edges[Scope.RUNTIME] = _edge_list(package.table.get("dependencies"))
    optional = package.table.get("optional-dependencies")
    if isinstance(optional, dict):
        root.edges[Scope.OPTIONAL] = [e for v in optional.values() for e in _edge_list(v)]
    _add_groups(root, package.table.get("dev-dependencies"))
    return root


def _project_less_root(lock_directory: str, manifest_table: dict[str, Any]) -> _Root:
    """The root of a workspace without a ``[project]``: its dependency groups, and the
    ``[manifest] requirements`` older uv versions record for its ``dev-dependencies``."""
    root = _Root("workspace root", lock_directory)
    _add_groups(root, manifest_table.get("dependency-groups"))
    requirements = _edge_list(manifest_table.get("requirements"))
    if requirements:
        root.edges.setdefault(Scope.DEVELOPMENT, []).extend(requirements)
    return root


def _add_groups(root: _Root, groups: object) -> None:
    if not isinstance(groups, dict):
        return
    for group, edges in groups.items():
        root.edges.setdefault(group_scope(group), []).extend(_edge_list(edges))


def _targets(
    by_name: dict[str, list[int]], packages: list[_Package], edge: dict[str, Any]
) -> Iterable[tuple[int, tuple[str, ...]]]:
    """The packages an edge leads to (every fork of the name unless the edge pins a
    version), with the extras it asks for."""
    name = edge.get("name")
    if not isinstance(name, str):
        return ()
    extras = edge.get("extra", [])
    wanted = tuple(e for e in extras if isinstance(e, str)) if isinstance(extras, list) else ()
    candidates = by_name.get(normalize_name(Ecosystem.PYPI, name), [])
    version = edge.get("version")
    if isinstance(version, str):
        candidates = [i for i in candidates if packages[i].version == version] or candidates
    return [(index, wanted) for index in candidates]


def _reach(
    packages: list[_Package], by_name: dict[str, list[int]], root: _Root
) -> tuple[dict[int, Scope], set[int]]:
    """Scope of every package the root reaches, and the ones it asks for directly."""
    scopes: dict[int, Scope] = {}
    direct: set[int] = set()
    visited: set[tuple[int, str | None]] = set()
    for scope in _PASSES:
        queue: deque[tuple[int, tuple[str, ...]]] = deque()
        for edge in root.edges.get(scope, ()):
            for index, extras in _targets(by_name, packages, edge):
                direct.add(index)
                queue.append((index, extras))
        while queue:
            index, extras = queue.popleft()
            states = [(index, None), *((index, extra) for extra in extras)]
            fresh = [state for state in states if state not in visited]
            if not fresh:
                continue
            visited.update(fresh)
            scopes.setdefault(index, scope)
            table = packages[index].table
            for _, extra in fresh:
                if extra is None:
                    edges = _edge_list(table.get("dependencies"))
                else:
                    optional = table.get("optional-dependencies")
                    edges = _edge_list(optional.get(extra) if isinstance(optional, dict) else None)
                for edge in edges:
                    queue.extend(_targets(by_name, packages, edge))
    return scopes, direct


def _emit(
    found: Collected, packages: list[_Package], workspace: set[int], roots: list[_Root]
) -> None:
    by_name: dict[str, list[int]] = {}
    for index, package in enumerate(packages):
        by_name.setdefault(package.name, []).append(index)
    reached: set[int] = set()
    for root in roots:
        scopes, direct = _reach(packages, by_name, root)
        for index in sorted(scopes):
            if index in workspace:
                continue
            reached.add(index)
            is_direct = index in direct
            relation = "required by" if is_direct else "needed through"
            _append(
                found,
                packages[index],
                f"{relation} {root.label}",
                scopes[index],
                is_direct,
                root.component,
            )
    for index, package in enumerate(packages):
        if index not in workspace and index not in reached:
            _append(found, package, None, Scope.RUNTIME, False, None)


def _append(
    found: Collected,
    package: _Package,
    relation: str | None,
    scope: Scope,
    direct: bool,
    component: str | None,
) -> None:
    reason = f"uv.lock package {package.name}"
    if package.version:
        reason += f" {package.version}"
    if relation:
        reason += f" ({relation})"
    note = None
    kind = next((k for k in ("git", "url", *_LOCAL_SOURCES) if k in package.source), None)
    if kind is not None:
        note = f"{kind} source ({package.source[kind]})"
    found.dependencies.append(
        locked_dependency(
            found.file,
            package.name,
            package.version,
            reason,
            scope=scope,
            line=package.line,
            direct=direct,
            note=note,
            component=component,
        )
    )
