"""``global.json``: the .NET SDK a repository builds with (``sdk.version``, ``rollForward``)
and the versions of MSBuild project SDKs (``msbuild-sdks``).

``sdk.version`` gives technology ``dotnet-sdk`` (``resolved`` only for an exact version with
``rollForward: disable``, since any other policy lets a later SDK build) and the ``dotnet``
runtime of its ``major.minor`` (SDK 8.0.x builds for .NET 8.0), both ``declared``.
"""

from __future__ import annotations

import re

from detectors.common.parsing import load_json_object
from detectors.dotnet.json_lines import KeyLines
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Category, Dependency, DetectorOutput, Ecosystem, Scope, Technology

_EXACT_RE = re.compile(r"[0-9]+\.[0-9]+\.[0-9]+(?:-[0-9A-Za-z.-]+)?\Z")
_MAJOR_MINOR_RE = re.compile(r"([0-9]+)\.([0-9]+)")


def parse_global_json(file: SourceFile) -> DetectorOutput:
    """A ``global.json``. Raises :class:`DetectorError` for malformed JSON or an ``sdk`` or
    ``msbuild-sdks`` that is not an object."""
    document = load_json_object(file)
    lines = KeyLines(file.text())
    technologies: list[Technology] = []
    sdk = document.get("sdk")
    if sdk is not None and not isinstance(sdk, dict):
        raise DetectorError("'sdk' is not an object")
    version = sdk.get("version") if isinstance(sdk, dict) else None
    if isinstance(version, str) and version.strip():
        technologies.extend(_sdk(file, lines, version.strip(), sdk or {}))
    pins = msbuild_sdks(file)
    dependencies = tuple(
        Dependency(
            ecosystem=Ecosystem.NUGET,
            name=normalize_name(Ecosystem.NUGET, name),
            declared=pinned,
            scope=Scope.BUILD,
            evidence=(file.evidence(f"global.json msbuild-sdks {name} {pinned}", line),),
        )
        for name, (pinned, line) in pins.items()
    )
    return DetectorOutput(technologies=tuple(technologies), dependencies=dependencies)


def msbuild_sdks(file: SourceFile) -> dict[str, tuple[str, int | None]]:
    """The ``msbuild-sdks`` pins: SDK name → (version, line)."""
    document = load_json_object(file)
    table = document.get("msbuild-sdks")
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise DetectorError("'msbuild-sdks' is not an object")
    lines = KeyLines(file.text())
    start = lines.find("msbuild-sdks") or 0
    return {
        name: (version, lines.find(name, start))
        for name, version in table.items()
        if isinstance(version, str) and version.strip()
    }


def _sdk(
    file: SourceFile, lines: KeyLines, version: str, sdk: dict[str, object]
) -> list[Technology]:
    roll_forward = sdk.get("rollForward")
    policy = f", rollForward {roll_forward}" if isinstance(roll_forward, str) else ""
    prerelease = ", allowPrerelease" if sdk.get("allowPrerelease") is True else ""
    line = lines.find("version", lines.find("sdk") or 0)
    reason = f"global.json sdk.version {version}{policy}{prerelease}"
    exact = _EXACT_RE.match(version) is not None and roll_forward == "disable"
    found = [
        Technology(
            "dotnet-sdk",
            ".NET SDK",
            Category.BUILD_TOOL,
            (file.evidence(reason, line),),
            version=version,
            version_source="resolved" if exact else "declared",
        )
    ]
    match = _MAJOR_MINOR_RE.match(version)
    if match is not None:
        runtime = f"{match.group(1)}.{match.group(2)}"
        found.append(
            Technology(
                "dotnet",
                ".NET",
                Category.RUNTIME,
                (file.evidence(f"{reason} (the .NET {runtime} SDK)", line),),
                version=runtime,
                version_source="declared",
            )
        )
    return found
