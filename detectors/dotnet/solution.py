"""Visual Studio solutions: ``*.sln`` (text) and ``*.slnx`` (XML). A solution groups
projects, so it is reported as a manifest whose workspace members are the directories of the
projects it lists (solution folders, which are not projects, are left out). It names no
component: a solution's name is often arbitrary (``Everything.sln``)."""

from __future__ import annotations

import posixpath
import re

from detectors.common.parsing import local_name, manifest
from detectors.common.xml_lines import load_xml_lines
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Ecosystem, WorkspaceDeclaration

_HEADER = "Microsoft Visual Studio Solution File"
# Project("{TYPE-GUID}") = "Name", "relative\path.csproj", "{PROJECT-GUID}"
_PROJECT_RE = re.compile(
    r'^\s*Project\("\{[0-9A-Fa-f-]+\}"\)\s*=\s*"[^"]*"\s*,\s*"([^"]+)"', re.MULTILINE
)
_PROJECT_SUFFIX = "proj"


def parse_solution(file: SourceFile) -> DetectorOutput:
    """A ``.sln``. Raises :class:`DetectorError` when the solution header is missing."""
    text = file.text()
    if _HEADER not in text[:1024]:
        raise DetectorError(f"no '{_HEADER}' header")
    paths = [match.group(1) for match in _PROJECT_RE.finditer(text)]
    return _solution(file, paths)


def parse_solution_xml(file: SourceFile) -> DetectorOutput:
    """A ``.slnx``. Raises :class:`DetectorError` for malformed XML or a root that is not
    ``<Solution>``."""
    root = load_xml_lines(file).root
    if local_name(root.tag) != "Solution":
        raise DetectorError(f"root element is <{local_name(root.tag)}>, not <Solution>")
    paths = [
        element.get("Path", "")
        for element in root.iter()
        if isinstance(element.tag, str) and local_name(element.tag) == "Project"
    ]
    return _solution(file, paths)


def _solution(file: SourceFile, paths: list[str]) -> DetectorOutput:
    directories = []
    for path in paths:
        normalized = path.strip().replace("\\", "/")
        if not normalized.lower().endswith(_PROJECT_SUFFIX):
            continue
        directory = posixpath.dirname(posixpath.normpath(normalized)) or "."
        if directory != "." and not directory.startswith("../"):
            directories.append(directory)
    members = tuple(dict.fromkeys(directories))
    workspace = WorkspaceDeclaration("dotnet-solution", members) if members else None
    return DetectorOutput(manifests=(manifest(file, Ecosystem.NUGET, "sln", workspace=workspace),))
