"""Pipenv's ``Pipfile`` (TOML).

``[packages]`` are runtime, ``[dev-packages]`` development, any other package category
(Pipenv's custom categories) development, or test for one named test/tests/testing. A
package is a constraint string kept as written (``"*"``, ``">=1.2"``, ``"==1.2.3"``; only
``Pipfile.lock`` resolves versions) or a table (``{version = ..., extras = [...],
markers = ..., index = ...}``, PEP 508 environment keys such as
``sys_platform = "== 'linux'"``; ``git``, ``path``, ``file``
sources carry no version). ``[requires] python_version`` is the ``python`` runtime
(declared), ``python_full_version`` an exact one (resolved).
"""

from __future__ import annotations

from typing import Any

from detectors.common.parsing import load_toml, manifest
from detectors.common.toml_lines import TomlLines
from detectors.python.records import Collected, group_scope, package_manager, python_runtime
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import Dependency, DetectorOutput, Ecosystem, Scope

# Tables of a Pipfile that are not package categories.
_NOT_CATEGORIES = frozenset({"source", "requires", "scripts", "pipenv", "pipfile"})
_SOURCES = ("git", "hg", "svn", "bzr", "path", "file")
_MARKER_KEYS = (
    "markers",
    "os_name",
    "sys_platform",
    "platform_machine",
    "platform_python_implementation",
    "platform_release",
    "platform_system",
    "platform_version",
    "python_version",
    "python_full_version",
    "implementation_name",
    "implementation_version",
)


def parse_pipfile(file: SourceFile) -> DetectorOutput:
    """Read one ``Pipfile``.

    Raises :class:`~scanner.errors.DetectorError` for a file that is empty or not TOML; a
    malformed package entry is a failure of its own.
    """
    document = load_toml(file)
    lines = TomlLines(file.text())
    found = Collected(file)
    found.manifests.append(manifest(file, Ecosystem.PYPI, "Pipfile"))
    found.technologies.append(package_manager(file, "pipenv", "Pipfile present", line=1))
    requires = document.get("requires")
    if isinstance(requires, dict):
        for key, exact in (("python_version", False), ("python_full_version", True)):
            value = requires.get(key)
            if isinstance(value, str) and value.strip():
                found.technologies.append(
                    python_runtime(
                        file,
                        value,
                        f"[requires] {key} {value!r}",
                        exact=exact,
                        line=lines.key_line(("requires", key)),
                    )
                )
    for category, packages in document.items():
        if category in _NOT_CATEGORIES or not isinstance(packages, dict):
            continue
        if category == "packages":
            scope = Scope.RUNTIME
        elif category == "dev-packages":
            scope = Scope.DEVELOPMENT
        else:
            scope = group_scope(category)
        for key, spec in packages.items():
            dependency = _dependency(found, lines, category, key, spec, scope)
            if dependency is not None:
                found.dependencies.append(dependency)
    return found.output()


def _dependency(
    found: Collected, lines: TomlLines, category: str, key: str, spec: Any, scope: Scope
) -> Dependency | None:
    reason = f"[{category}] {key}"
    note = None
    if isinstance(spec, str):
        version: str | None = spec.strip()
        reason += f" = {spec!r}"
    elif isinstance(spec, dict):
        raw = spec.get("version")
        if raw is not None and not isinstance(raw, str):
            found.fail(f"[{category}] {key}: version {raw!r} is not a string")
            return None
        version = raw.strip() if raw else None
        details = [f"{k} {spec[k]!r}" for k in ("version", "extras", *_MARKER_KEYS) if k in spec]
        source = next((k for k in _SOURCES if isinstance(spec.get(k), str)), None)
        if source == "path" and spec["path"].strip().rstrip("/") in (".", ""):
            return None  # the project itself, installed into its own environment
        if source is not None:
            ref = f"@{spec['ref']}" if isinstance(spec.get("ref"), str) else ""
            note = f"{source} dependency ({spec[source]}{ref})"
            details.append(note)
        if spec.get("editable") is True:
            details.append("editable")
        if details:
            reason += f" ({', '.join(details)})"
    else:
        found.fail(f"[{category}] {key}: {spec!r} is neither a constraint nor a table")
        return None
    return Dependency(
        ecosystem=Ecosystem.PYPI,
        name=normalize_name(Ecosystem.PYPI, key),
        evidence=(found.file.evidence(reason, line=lines.key_line((category, key))),),
        declared=version or None,
        scope=scope,
        version_note=note if note or version else "no version constraint",
    )
