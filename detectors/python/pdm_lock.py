"""PDM's ``pdm.lock`` (TOML).

Each ``[[package]]`` is a resolution (``name``, ``version``); its ``groups`` give the scope
(``default`` is runtime, others development or test for a test group). A package locked once
per set of extras appears several times and is reported once. ``[metadata] groups`` lists
the groups locked; ``requires_python`` (in ``[metadata]`` or its single
``[[metadata.targets]]``) is the ``python`` runtime (declared). PDM does not record which
packages the project asked for, so every entry is ``direct=False``.
"""

from __future__ import annotations

from typing import Any

from detectors.common.parsing import load_toml, string_list
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


def parse_pdm_lock(file: SourceFile) -> DetectorOutput:
    """Read one ``pdm.lock``.

    Raises :class:`~scanner.errors.DetectorError` for a file that is empty, not TOML, or
    whose ``package`` is not an array of tables; a malformed package is a failure of its own.
    """
    document = load_toml(file)
    lines = TomlLines(file.text())
    packages = document.get("package", [])
    if not isinstance(packages, list):
        raise DetectorError("'package' is not an array of tables")
    metadata = document.get("metadata", {})
    if not isinstance(metadata, dict):
        raise DetectorError("'metadata' is not a table")
    found = Collected(file)
    described = "pdm.lock present"
    lock_version = metadata.get("lock_version")
    locked_groups = string_list(metadata.get("groups"))
    if isinstance(lock_version, str):
        described += f" (lock_version {lock_version})"
    if locked_groups:
        described += f", groups {', '.join(locked_groups)}"
    found.technologies.append(package_manager(file, "pdm", described, line=1))
    requires_python, line = _requires_python(metadata, lines)
    if requires_python:
        found.technologies.append(
            python_runtime(
                file, requires_python, f"pdm.lock requires_python {requires_python!r}", line=line
            )
        )
    headers = lines.array_headers("package")
    if len(headers) != len(packages):
        headers = []
    seen: set[tuple[str, str | None]] = set()
    for index, package in enumerate(packages):
        _read_package(found, package, index, headers[index] if headers else None, seen)
    return found.output()


def _requires_python(metadata: dict[str, Any], lines: TomlLines) -> tuple[str | None, int | None]:
    value = metadata.get("requires_python")
    if isinstance(value, str) and value.strip():
        return value, lines.key_line(("metadata", "requires_python"))
    targets = metadata.get("targets")
    if isinstance(targets, list) and len(targets) == 1 and isinstance(targets[0], dict):
        value = targets[0].get("requires_python")
        if isinstance(value, str) and value.strip():
            found = lines.array_headers("metadata.targets")
            return value, found[0] if found else None
    return None, None


def _read_package(
    found: Collected,
    package: Any,
    index: int,
    line: int | None,
    seen: set[tuple[str, str | None]],
) -> None:
    if not isinstance(package, dict):
        found.fail(f"package #{index + 1} is not a table")
        return
    name, version = package.get("name"), package.get("version")
    if not isinstance(name, str) or not name.strip():
        found.fail(f"package #{index + 1} has no name")
        return
    if version is not None and not isinstance(version, str):
        found.fail(f"package {name}: version {version!r} is not a string")
        return
    # Old locks name a package locked with extras "requests[socks]".
    key = (normalize_name(Ecosystem.PYPI, name.partition("[")[0]), version)
    if key in seen:
        return
    seen.add(key)
    groups = string_list(package.get("groups"))
    if not groups or "default" in groups:
        scope = Scope.RUNTIME
    else:
        scope = min((group_scope(group) for group in groups), key=lambda s: s is Scope.TEST)
    note = None
    for source in ("git", "url", "path"):
        if isinstance(package.get(source), str):
            note = f"{source} source ({package[source]})"
            break
    described = f"pdm.lock package {key[0]}" + (f" {version}" if version else "")
    if groups:
        described += f" (groups {', '.join(groups)})"
    found.dependencies.append(
        locked_dependency(found.file, key[0], version, described, scope=scope, line=line, note=note)
    )
