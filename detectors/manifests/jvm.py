"""JVM manifests: Maven ``pom.xml`` (with ``<modules>``) and Gradle build and settings
scripts (with ``include`` of subprojects)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from detectors.common.parsing import manifest
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Ecosystem, WorkspaceDeclaration

# include 'a', ':b:c'  |  include("a", ":b")  |  include(":x")
_GRADLE_INCLUDE_RE = re.compile(r"^\s*include\s*\(?\s*((?:['\"][^'\"]+['\"]\s*,?\s*)+)", re.M)
_QUOTED_RE = re.compile(r"['\"]([^'\"]+)['\"]")
_GRADLE_ROOT_NAME_RE = re.compile(r"rootProject\.name\s*=\s*['\"]([^'\"]+)['\"]")


def parse_pom(file: SourceFile) -> DetectorOutput:
    """A ``pom.xml``: artifactId, version and the ``<modules>`` it aggregates."""
    try:
        root = ElementTree.fromstring(file.data)
    except ElementTree.ParseError as error:
        raise DetectorError(f"not well-formed XML: {error}") from error
    if _local(root.tag) != "project":
        raise DetectorError(f"root element is <{_local(root.tag)}>, not <project>")
    children = {_local(child.tag): child for child in root}
    modules = []
    if "modules" in children:
        modules = [
            (child.text or "").strip()
            for child in children["modules"]
            if _local(child.tag) == "module" and (child.text or "").strip()
        ]
    workspace = WorkspaceDeclaration("maven-modules", tuple(modules)) if modules else None
    return DetectorOutput(
        manifests=(
            manifest(
                file,
                Ecosystem.MAVEN,
                "pom.xml",
                name=_text(children.get("artifactId")),
                version=_text(children.get("version")),
                workspace=workspace,
            ),
        )
    )


def parse_gradle_build(file: SourceFile) -> DetectorOutput:
    """A ``build.gradle`` or ``build.gradle.kts``: a Gradle project."""
    return DetectorOutput(manifests=(manifest(file, Ecosystem.MAVEN, "gradle"),))


def parse_gradle_settings(file: SourceFile) -> DetectorOutput:
    """A ``settings.gradle(.kts)``: the root project's name and its included subprojects."""
    text = file.text()
    projects = []
    for match in _GRADLE_INCLUDE_RE.finditer(text):
        for project in _QUOTED_RE.findall(match.group(1)):
            projects.append(project.strip(":").replace(":", "/"))
    name = _GRADLE_ROOT_NAME_RE.search(text)
    workspace = (
        WorkspaceDeclaration("gradle-include", tuple(p for p in projects if p))
        if projects
        else None
    )
    return DetectorOutput(
        manifests=(
            manifest(
                file,
                Ecosystem.MAVEN,
                "gradle-settings",
                name=name.group(1) if name else None,
                workspace=workspace,
            ),
        )
    )


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _text(element: ElementTree.Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None
