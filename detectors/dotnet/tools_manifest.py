"""``.config/dotnet-tools.json``: the local .NET tools of a repository (``dotnet tool
restore``), each a NuGet package at the version the manifest pins, :attr:`Scope.BUILD`."""

from __future__ import annotations

from detectors.common.parsing import load_json_object
from detectors.dotnet.json_lines import KeyLines
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Ecosystem, Scope


def parse_dotnet_tools(file: SourceFile) -> DetectorOutput:
    """A tool manifest. Raises :class:`DetectorError` for malformed JSON or ``tools`` that is
    not an object."""
    document = load_json_object(file)
    tools = document.get("tools", {})
    if not isinstance(tools, dict):
        raise DetectorError("'tools' is not an object")
    lines = KeyLines(file.text())
    start = lines.find("tools") or 0
    dependencies = []
    for name, entry in tools.items():
        version = entry.get("version") if isinstance(entry, dict) else None
        commands = entry.get("commands") if isinstance(entry, dict) else None
        shown = (
            f" (commands: {', '.join(c for c in commands if isinstance(c, str))})"
            if (isinstance(commands, list) and commands)
            else ""
        )
        valid = isinstance(version, str) and bool(version.strip())
        dependencies.append(
            Dependency(
                ecosystem=Ecosystem.NUGET,
                name=normalize_name(Ecosystem.NUGET, name),
                declared=version.strip() if valid and isinstance(version, str) else None,
                scope=Scope.BUILD,
                evidence=(
                    file.evidence(
                        f"local .NET tool {name}{shown}", lines.find(name, start, table=True)
                    ),
                ),
                version_note=None if valid else "the tool manifest gives no version",
            )
        )
    return DetectorOutput(dependencies=tuple(dependencies))
