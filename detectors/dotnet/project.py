"""MSBuild project files (``*.csproj``, ``*.fsproj``, ``*.vbproj``): a component named
after the file, its packages, tools, SDKs and target frameworks."""

from __future__ import annotations

from detectors.common.parsing import manifest
from detectors.dotnet.msbuild import MsbuildDocument, read_msbuild
from detectors.dotnet.projects import DotnetIndex, project_output
from scanner.detector import SourceFile
from scanner.model import Category, DetectorOutput, Ecosystem, Manifest, Technology


def parse_msbuild_project(file: SourceFile) -> DetectorOutput:
    """A project alone, without the ``Directory.*.props`` above it (the detector adds them).

    Raises :class:`~scanner.errors.DetectorError` for malformed XML or a root that is not
    ``<Project>``.
    """
    document = read_msbuild(file)
    index = DotnetIndex(file.detector, projects={document.path: document})
    output = project_output(index, document)
    return DetectorOutput(
        manifests=(project_manifest(file, document),),
        technologies=(msbuild_tool(file), *output.technologies),
        dependencies=output.dependencies,
    )


def project_manifest(file: SourceFile, document: MsbuildDocument) -> Manifest:
    """The manifest of a project: named after the file (``Web.csproj`` is ``Web``)."""
    return manifest(file, Ecosystem.NUGET, "msbuild", name=document.stem)


def msbuild_tool(file: SourceFile) -> Technology:
    """The ``msbuild`` build tool a project implies."""
    return Technology(
        "msbuild", "MSBuild", Category.BUILD_TOOL, (file.evidence(f"{file.name} present"),)
    )
