"""Pipenv's ``Pipfile.lock`` (JSON).

``default`` packages are runtime, ``develop`` development, other categories (Pipenv's custom
ones) development or test; each entry's ``version`` (``"==1.2.3"``) is the resolution, its
``markers`` go into the evidence, a VCS or path entry has no version and says so. The lock
does not record which packages the ``Pipfile`` asked for, so every entry is
``direct=False``; the core merges them with the ``Pipfile``'s declarations.
``_meta.requires`` gives the ``python`` runtime, ``_meta.pipfile-spec`` the format version.
"""

from __future__ import annotations

import json
from typing import Any

from detectors.common.parsing import load_json_object
from detectors.python.records import (
    Collected,
    group_scope,
    locked_dependency,
    package_manager,
    python_runtime,
)
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Scope

_SOURCES = ("git", "hg", "svn", "bzr", "path", "file")


def parse_pipfile_lock(file: SourceFile) -> DetectorOutput:
    """Read one ``Pipfile.lock``.

    Raises :class:`~scanner.errors.DetectorError` for a file that is not a JSON object or
    whose ``_meta`` is not an object; a malformed package entry is a failure of its own.
    """
    document = load_json_object(file)
    meta = document.get("_meta", {})
    if not isinstance(meta, dict):
        raise DetectorError("_meta is not an object")
    text = file.text()
    found = Collected(file)
    spec = meta.get("pipfile-spec")
    suffix = f" (pipfile-spec {spec})" if isinstance(spec, int | str) else ""
    found.technologies.append(
        package_manager(file, "pipenv", f"Pipfile.lock present{suffix}", line=1)
    )
    requires = meta.get("requires")
    if isinstance(requires, dict):
        for key, exact in (("python_version", False), ("python_full_version", True)):
            value = requires.get(key)
            if isinstance(value, str) and value.strip():
                found.technologies.append(
                    python_runtime(
                        file,
                        value,
                        f"_meta.requires.{key} {value!r}",
                        exact=exact,
                        line=_line_of(text, f'"{key}":', 0),
                    )
                )
    for category, packages in document.items():
        if category == "_meta":
            continue
        if not isinstance(packages, dict):
            found.fail(f"{category!r} is not an object of packages")
            continue
        scope = (
            Scope.RUNTIME
            if category == "default"
            else Scope.DEVELOPMENT
            if category == "develop"
            else group_scope(category)
        )
        start = max(text.find(json.dumps(category) + ":"), 0)
        for name, entry in packages.items():
            _read_entry(found, text, start, category, name, entry, scope)
    return found.output()


def _read_entry(
    found: Collected,
    text: str,
    start: int,
    category: str,
    name: str,
    entry: Any,
    scope: Scope,
) -> None:
    if not isinstance(entry, dict):
        found.fail(f"{category}.{name} is not an object")
        return
    version = entry.get("version")
    if version is not None and not isinstance(version, str):
        found.fail(f"{category}.{name}: version {version!r} is not a string")
        return
    resolved = version.strip().removeprefix("===").removeprefix("==").strip() if version else None
    note = None
    source = next((k for k in _SOURCES if isinstance(entry.get(k), str)), None)
    if source is not None:
        ref = f"@{entry['ref']}" if isinstance(entry.get("ref"), str) else ""
        note = f"{source} dependency ({entry[source]}{ref})"
    reason = f"Pipfile.lock {category} package {name}"
    if resolved:
        reason += f" {resolved}"
    markers = entry.get("markers")
    if isinstance(markers, str) and markers:
        reason += f" (markers {markers!r})"
    found.dependencies.append(
        locked_dependency(
            found.file,
            name,
            resolved,
            reason,
            scope=scope,
            line=_line_of(text, json.dumps(name) + ": {", start),
            note=note,
        )
    )


def _line_of(text: str, needle: str, start: int) -> int | None:
    offset = text.find(needle, start)
    return None if offset == -1 else text.count("\n", 0, offset) + 1
