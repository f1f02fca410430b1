"""``Directory.Build.props`` and ``Directory.Packages.props``: MSBuild files every project
below them imports. Their properties (``TargetFramework``, ``ManagePackageVersionsCentrally``,
version variables) and ``PackageVersion`` items are applied to those projects by the detector
(:mod:`detectors.dotnet.projects`); on their own they report what they declare for everyone:
``GlobalPackageReference`` and ``PackageReference`` items, and, with transitive pinning,
central versions no project is known to use (``direct=False``)."""

from __future__ import annotations

from detectors.dotnet.msbuild import read_msbuild
from detectors.dotnet.projects import DotnetIndex, props_output
from scanner.detector import SourceFile
from scanner.model import DetectorOutput


def parse_directory_build_props(file: SourceFile) -> DetectorOutput:
    """A ``Directory.Build.props`` alone. Raises :class:`~scanner.errors.DetectorError` for
    malformed XML or a root that is not ``<Project>``."""
    document = read_msbuild(file)
    index = DotnetIndex(file.detector, build_props={document.directory: document})
    return DetectorOutput(dependencies=tuple(props_output(index)))


def parse_directory_packages_props(file: SourceFile) -> DetectorOutput:
    """A ``Directory.Packages.props`` alone. Raises :class:`~scanner.errors.DetectorError`
    for malformed XML or a root that is not ``<Project>``."""
    document = read_msbuild(file)
    index = DotnetIndex(file.detector, packages_props={document.directory: document})
    return DetectorOutput(dependencies=tuple(props_output(index)))
