"""``packages.lock.json``: NuGet's lockfile (``RestorePackagesWithLockFile``), per target
framework. ``Direct`` packages are the project's own (the range it requested is in the
evidence: the project file gives ``declared``),
``Transitive`` and ``CentralTransitive`` ones ``direct=False``; ``Project`` entries are other
projects, not packages. A package locked identically for several frameworks is one record."""

from __future__ import annotations

from detectors.common.parsing import load_json_object
from detectors.dotnet.json_lines import KeyLines
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Ecosystem


def parse_packages_lock(file: SourceFile) -> DetectorOutput:
    """A ``packages.lock.json``. Raises :class:`DetectorError` for malformed JSON or a
    ``dependencies`` table that is not an object of objects."""
    document = load_json_object(file)
    frameworks = document.get("dependencies")
    if not isinstance(frameworks, dict):
        raise DetectorError("'dependencies' is missing or not an object")
    lines = KeyLines(file.text())
    found: dict[tuple[str, str], Dependency] = {}
    for framework, packages in frameworks.items():
        if not isinstance(packages, dict):
            raise DetectorError(f"'dependencies.{framework}' is not an object")
        start = lines.find(framework, table=True) or 0
        for name, entry in packages.items():
            if not isinstance(entry, dict):
                continue
            kind = entry.get("type")
            resolved = entry.get("resolved")
            if kind == "Project" or not isinstance(resolved, str) or not resolved:
                continue
            key = (name.lower(), resolved)
            if key in found:
                continue
            requested = entry.get("requested")
            asked = f" (requested {requested})" if isinstance(requested, str) else ""
            found[key] = Dependency(
                ecosystem=Ecosystem.NUGET,
                name=normalize_name(Ecosystem.NUGET, name),
                resolved=resolved,
                direct=kind == "Direct",
                evidence=(
                    file.evidence(
                        f"packages.lock.json {framework} {kind} {name} {resolved}{asked}",
                        lines.find(name, start, table=True),
                    ),
                ),
            )
    return DetectorOutput(dependencies=tuple(found.values()))
