"""Poetry's tables in ``pyproject.toml``: ``[tool.poetry.dependencies]`` (with ``python``),
``[tool.poetry.group.<name>.dependencies]`` and the legacy ``[tool.poetry.dev-dependencies]``.

A dependency is a constraint string kept as written (``^2.13.0``, ``~1.2``, ``>=1,<2``,
``*``, or Poetry's exact pin ``2.0.1``: ``poetry.lock`` resolves versions), a
table (``{version = ..., extras = [...], optional = true, markers = "..."}``; ``git``,
``path``, ``url`` and ``file`` sources have no version), or a list of such tables for
different environments, each reported on its own. ``python`` is the runtime, not a package.
"""

from __future__ import annotations

from typing import Any

from detectors.common.toml_lines import TomlLines
from detectors.python.records import Collected, group_scope, package_manager, python_runtime
from scanner.ecosystems import normalize_name
from scanner.model import Dependency, Ecosystem, Scope

_SOURCES = ("git", "path", "url", "file")
_DETAIL_KEYS = ("extras", "markers", "python", "platform", "source")


def read_poetry(found: Collected, lines: TomlLines, poetry: dict[str, Any]) -> None:
    """Add the package manager, the runtime and the dependencies of a ``[tool.poetry]``
    table to ``found``."""
    found.technologies.append(
        package_manager(
            found.file, "poetry", "[tool.poetry] table", line=lines.key_line(("tool", "poetry"))
        )
    )
    _read_table(found, lines, poetry.get("dependencies"), ("dependencies",), Scope.RUNTIME)
    _read_table(
        found, lines, poetry.get("dev-dependencies"), ("dev-dependencies",), Scope.DEVELOPMENT
    )
    groups = poetry.get("group")
    if groups is None:
        return
    if not isinstance(groups, dict):
        found.fail("tool.poetry.group is not a table")
        return
    for name, group in groups.items():
        if not isinstance(group, dict):
            found.fail(f"tool.poetry.group.{name} is not a table")
            continue
        scope = Scope.RUNTIME if name == "main" else group_scope(name)
        _read_table(found, lines, group.get("dependencies"), ("group", name, "dependencies"), scope)


def _read_table(
    found: Collected, lines: TomlLines, table: object, path: tuple[str, ...], scope: Scope
) -> None:
    if table is None:
        return
    label = ".".join(("tool", "poetry", *path))
    if not isinstance(table, dict):
        found.fail(f"{label} is not a table")
        return
    for key, value in table.items():
        line = lines.key_line(("tool", "poetry", *path, key))
        if key.lower() == "python" and scope is Scope.RUNTIME:
            version = value.get("version") if isinstance(value, dict) else value
            if isinstance(version, str) and version.strip():
                found.technologies.append(
                    python_runtime(found.file, version, f"{label} python {version!r}", line=line)
                )
            continue
        specs = value if isinstance(value, list) else [value]
        for spec in specs:
            dependency = _dependency(found, key, spec, label, scope, line)
            if dependency is not None:
                found.dependencies.append(dependency)


def _dependency(
    found: Collected, key: str, spec: object, label: str, scope: Scope, line: int | None
) -> Dependency | None:
    name = normalize_name(Ecosystem.PYPI, key)
    reason = f"{label} entry {key!r}"
    if isinstance(spec, str):
        return _declared(found, name, spec, f"{reason} = {spec!r}", scope, line, None)
    if not isinstance(spec, dict):
        found.fail(f"{label}.{key}: {spec!r} is neither a constraint nor a table")
        return None
    details = [f"{k} {spec[k]!r}" for k in _DETAIL_KEYS if k in spec]
    if spec.get("optional") is True and scope is Scope.RUNTIME:
        scope = Scope.OPTIONAL
    source = next((k for k in _SOURCES if isinstance(spec.get(k), str)), None)
    if source is not None:
        reference = next(
            (f"@{spec[k]}" for k in ("tag", "rev", "branch") if isinstance(spec.get(k), str)), ""
        )
        reason = f"{reason} ({source} {spec[source]}{reference})"
        note = f"{source} dependency ({spec[source]}{reference})"
        return _declared(found, name, None, reason, scope, line, note)
    version = spec.get("version")
    if version is not None and not isinstance(version, str):
        found.fail(f"{label}.{key}: version {version!r} is not a string")
        return None
    if version:
        details.insert(0, f"version {version!r}")
    if details:
        reason = f"{reason} ({', '.join(details)})"
    return _declared(found, name, version or None, reason, scope, line, None)


def _declared(
    found: Collected,
    name: str,
    constraint: str | None,
    reason: str,
    scope: Scope,
    line: int | None,
    note: str | None,
) -> Dependency:
    constraint = constraint.strip() if constraint is not None else None
    return Dependency(
        ecosystem=Ecosystem.PYPI,
        name=name,
        evidence=(found.file.evidence(reason, line=line),),
        declared=constraint or None,
        scope=scope,
        version_note=note if note or constraint else "no version constraint",
    )
