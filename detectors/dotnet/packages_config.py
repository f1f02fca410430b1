"""``packages.config``: the packages of a project using NuGet's legacy format. It lists every
package installed (transitive ones too, indistinguishably) at one exact version, so each is
both declared and resolved at that version; ``developmentDependency="true"`` packages are
:attr:`Scope.BUILD`."""

from __future__ import annotations

from detectors.common.parsing import local_name
from detectors.common.xml_lines import load_xml_lines
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Ecosystem, Scope


def parse_packages_config(file: SourceFile) -> DetectorOutput:
    """A ``packages.config``. Raises :class:`DetectorError` for malformed XML or a root that
    is not ``<packages>``."""
    document = load_xml_lines(file)
    root = document.root
    if local_name(root.tag) != "packages":
        raise DetectorError(f"root element is <{local_name(root.tag)}>, not <packages>")
    dependencies = []
    for element in root:
        if not isinstance(element.tag, str) or local_name(element.tag) != "package":
            continue
        name = (element.get("id") or "").strip()
        if not name:
            continue
        version = (element.get("version") or "").strip() or None
        development = (element.get("developmentDependency") or "").lower() == "true"
        framework = element.get("targetFramework")
        details = f" (targetFramework {framework})" if framework else ""
        dependencies.append(
            Dependency(
                ecosystem=Ecosystem.NUGET,
                name=normalize_name(Ecosystem.NUGET, name),
                declared=version,
                resolved=version,
                scope=Scope.BUILD if development else Scope.RUNTIME,
                evidence=(
                    file.evidence(
                        f"packages.config package {name}{details}", document.line(element)
                    ),
                ),
                version_note=None if version else "no version attribute",
            )
        )
    return DetectorOutput(dependencies=tuple(dependencies))
