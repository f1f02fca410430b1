"""``pyproject.toml``: PEP 621 ``[project]``, PEP 735 ``[dependency-groups]``, PEP 518
``[build-system]``, and the tables of Poetry (see :mod:`detectors.python.pyproject_poetry`),
PDM and uv.

* ``[project] dependencies`` are runtime, ``optional-dependencies`` optional, dependency
  groups development (test for a group named test/tests/testing), ``build-system.requires``
  build; ``requires-python`` is the ``python`` runtime (declared).
* ``[tool.pdm.dev-dependencies]`` and ``[tool.uv] dev-dependencies`` are development groups;
  ``[tool.uv.workspace] members/exclude`` is a ``uv-workspace`` declaration.
* ``[tool.poetry]``, ``[tool.pdm]`` and ``[tool.uv]`` name the package manager in use.
* Every ``pyproject.toml`` is a manifest, even one that only configures tools.
"""

from __future__ import annotations

from typing import Any

from detectors.common.parsing import load_toml, manifest, string_list, string_or_none
from detectors.common.toml_lines import StringCursor, TomlLines
from detectors.python.pep508 import parse_requirement
from detectors.python.pyproject_poetry import read_poetry
from detectors.python.records import (
    Collected,
    group_scope,
    package_manager,
    python_runtime,
    requirement_dependency,
)
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import DetectorOutput, Ecosystem, Scope, WorkspaceDeclaration


def parse_pyproject(file: SourceFile) -> DetectorOutput:
    """Read one ``pyproject.toml``.

    Raises :class:`~scanner.errors.DetectorError` for a file that is empty or not TOML;
    a malformed entry (an invalid requirement, a list where a table belongs) is a failure
    of its own and the rest is kept.
    """
    document = load_toml(file)
    lines = TomlLines(file.text())
    found = Collected(file)
    project = _table(document, "project")
    tool = _table(document, "tool") or {}
    poetry = _table(tool, "poetry")
    name = string_or_none((project or {}).get("name")) or string_or_none((poetry or {}).get("name"))
    version = string_or_none((project or {}).get("version")) or string_or_none(
        (poetry or {}).get("version")
    )
    uv = _table(tool, "uv")
    found.manifests.append(
        manifest(
            file,
            Ecosystem.PYPI,
            "pyproject.toml",
            name=name,
            version=version,
            workspace=_uv_workspace(uv),
        )
    )
    if project is not None:
        _read_project(found, lines, project)
    _read_dependency_groups(found, lines, document.get("dependency-groups"))
    build = _table(document, "build-system")
    if build is not None:
        _read_list(found, lines, build.get("requires"), ("build-system", "requires"), Scope.BUILD)
    if poetry is not None:
        read_poetry(found, lines, poetry)
    _read_pdm(found, lines, _table(tool, "pdm"))
    if uv is not None:
        found.technologies.append(
            package_manager(file, "uv", "[tool.uv] table", line=lines.key_line(("tool", "uv")))
        )
        _read_list(
            found,
            lines,
            uv.get("dev-dependencies"),
            ("tool", "uv", "dev-dependencies"),
            Scope.DEVELOPMENT,
        )
    return found.output()


def _table(document: dict[str, Any], key: str) -> dict[str, Any] | None:
    value = document.get(key)
    return value if isinstance(value, dict) else None


def _read_project(found: Collected, lines: TomlLines, project: dict[str, Any]) -> None:
    requires_python = project.get("requires-python")
    if isinstance(requires_python, str) and requires_python.strip():
        found.technologies.append(
            python_runtime(
                found.file,
                requires_python,
                f"requires-python {requires_python!r}",
                line=lines.key_line(("project", "requires-python")),
            )
        )
    _read_list(found, lines, project.get("dependencies"), ("project", "dependencies"))
    optional = project.get("optional-dependencies")
    if isinstance(optional, dict):
        for extra, requirements in optional.items():
            path = ("project", "optional-dependencies", extra)
            _read_list(found, lines, requirements, path, Scope.OPTIONAL)
    elif optional is not None:
        found.fail("project.optional-dependencies is not a table")


def _read_list(
    found: Collected,
    lines: TomlLines,
    values: object,
    path: tuple[str, ...],
    scope: Scope = Scope.RUNTIME,
    suffix: str = "",
) -> None:
    """A list of PEP 508 strings at ``path``; an invalid string is a failure of its own."""
    if values is None:
        return
    label = ".".join(path)
    if not isinstance(values, list):
        found.fail(f"{label} is not a list of requirements")
        return
    cursor = StringCursor(lines, lines.key_offset(path))
    for value in values:
        if not isinstance(value, str):
            if not (isinstance(value, dict) and "include-group" in value):
                found.fail(f"{label}: {value!r} is not a requirement string")
            continue
        line = cursor.line_of(value)
        try:
            requirement = parse_requirement(value)
        except ValueError as error:
            found.fail(f"{label} entry {value!r}: {error}")
            continue
        found.dependencies.append(
            requirement_dependency(
                found.file, requirement, f"{label} entry {value!r}{suffix}", scope=scope, line=line
            )
        )


def _read_dependency_groups(found: Collected, lines: TomlLines, groups: object) -> None:
    """PEP 735 groups. ``{include-group = "x"}`` entries must name an existing group and
    form no cycle; the included requirements are reported once, in their own group, with
    the groups that include them in the reason."""
    if groups is None:
        return
    if not isinstance(groups, dict):
        found.fail("dependency-groups is not a table")
        return
    by_name = {normalize_name(Ecosystem.PYPI, name): name for name in groups}
    includes: dict[str, set[str]] = {name: set() for name in groups}
    for name, entries in groups.items():
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict) or "include-group" not in entry:
                continue
            target = entry.get("include-group")
            known = (
                by_name.get(normalize_name(Ecosystem.PYPI, target))
                if isinstance(target, str)
                else None
            )
            if known is None:
                found.fail(f"dependency-groups.{name}: include-group {target!r} is no group")
            else:
                includes[name].add(known)
    included_by = _included_by(found, includes)
    for name, entries in groups.items():
        users = sorted(included_by.get(name, ()))
        suffix = f" (included by {', '.join(users)})" if users else ""
        _read_list(found, lines, entries, ("dependency-groups", name), group_scope(name), suffix)


def _included_by(found: Collected, includes: dict[str, set[str]]) -> dict[str, set[str]]:
    """For each group, the groups that include it directly or through others; a group that
    includes itself is a failure."""
    result: dict[str, set[str]] = {}
    for user in includes:
        seen: set[str] = set()
        pending = list(includes[user])
        while pending:
            group = pending.pop()
            if group in seen:
                continue
            seen.add(group)
            pending.extend(includes.get(group, ()))
        if user in seen:
            found.fail(f"dependency-groups.{user} includes itself (include-group cycle)")
        for group in seen - {user}:
            result.setdefault(group, set()).add(user)
    return result


def _read_pdm(found: Collected, lines: TomlLines, pdm: dict[str, Any] | None) -> None:
    if pdm is None:
        return
    found.technologies.append(
        package_manager(found.file, "pdm", "[tool.pdm] table", line=lines.key_line(("tool", "pdm")))
    )
    groups = pdm.get("dev-dependencies")
    if isinstance(groups, dict):
        for group, requirements in groups.items():
            path = ("tool", "pdm", "dev-dependencies", group)
            _read_list(found, lines, requirements, path, group_scope(group))
    elif groups is not None:
        found.fail("tool.pdm.dev-dependencies is not a table")


def _uv_workspace(uv: dict[str, Any] | None) -> WorkspaceDeclaration | None:
    workspace = _table(uv or {}, "workspace")
    if workspace is None:
        return None
    members = string_list(workspace.get("members"))
    if not members:
        return None
    return WorkspaceDeclaration(
        tool="uv-workspace",
        patterns=tuple(members),
        excludes=tuple(string_list(workspace.get("exclude"))),
    )
