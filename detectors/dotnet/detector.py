"""The .NET detector: MSBuild projects and the props files above them, ``global.json``,
``packages.config``, ``packages.lock.json``, local tool manifests and solutions.

Files that stand alone are reported when read. A project's packages and target frameworks
wait for :meth:`DotnetDetector.inspect_tree`, when every ``Directory.Build.props``,
``Directory.Packages.props`` and ``global.json`` is known: a project's properties, central
package versions and SDK versions come from them.
"""

from __future__ import annotations

from collections.abc import Callable

from detectors.dotnet.global_json import msbuild_sdks, parse_global_json
from detectors.dotnet.msbuild import BUILD_PROPS, PACKAGES_PROPS, read_msbuild
from detectors.dotnet.packages_config import parse_packages_config
from detectors.dotnet.packages_lock import parse_packages_lock
from detectors.dotnet.project import msbuild_tool, project_manifest
from detectors.dotnet.projects import DotnetIndex, PinnedSdk, project_output, props_output
from detectors.dotnet.solution import parse_solution, parse_solution_xml
from detectors.dotnet.tools_manifest import parse_dotnet_tools
from scanner.detector import EMPTY_OUTPUT, Detector, FileSelector, SourceFile, TreeView
from scanner.model import Dependency, DetectorOutput, Failure, FailureKind, Technology

PROJECT_EXTENSIONS = (".csproj", ".fsproj", ".vbproj")
_STANDALONE: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "packages.config": parse_packages_config,
    "packages.lock.json": parse_packages_lock,
    "dotnet-tools.json": parse_dotnet_tools,
}


class DotnetDetector(Detector):
    """.NET projects: components, NuGet packages, SDKs, tools and target frameworks."""

    name = "dotnet"
    description = (
        "MSBuild projects (*.csproj, *.fsproj, *.vbproj), Directory.Build.props, "
        "Directory.Packages.props, global.json, packages.config, packages.lock.json, "
        "dotnet-tools.json and solutions: components, NuGet packages, the .NET SDK and runtime."
    )
    tags = frozenset({"manifest", "dependencies", "dotnet"})
    selector = FileSelector(
        filenames=frozenset({BUILD_PROPS, PACKAGES_PROPS, "global.json", *_STANDALONE}),
        extensions=frozenset({*PROJECT_EXTENSIONS, ".sln", ".slnx"}),
    )

    def __init__(self, options: dict[str, object] | None = None) -> None:
        super().__init__(options)
        self._index: DotnetIndex | None = None

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """Read one file; report what it holds on its own now, keep projects and props for
        :meth:`inspect_tree`. Raises :class:`~scanner.errors.DetectorError` for a file that
        cannot be parsed."""
        name = file.name
        lowered = name.lower()
        index = self._state(file.detector)
        if lowered.endswith(PROJECT_EXTENSIONS):
            document = read_msbuild(file)
            index.projects[file.path] = document
            return DetectorOutput(
                manifests=(project_manifest(file, document),), technologies=(msbuild_tool(file),)
            )
        if name == BUILD_PROPS:
            index.build_props[file.directory] = read_msbuild(file)
            return EMPTY_OUTPUT
        if name == PACKAGES_PROPS:
            index.packages_props[file.directory] = read_msbuild(file)
            return EMPTY_OUTPUT
        if name == "global.json":
            output = parse_global_json(file)
            index.msbuild_sdks[file.directory] = {
                sdk.lower(): PinnedSdk(version, file.path, line)
                for sdk, (version, line) in msbuild_sdks(file).items()
            }
            return output
        if lowered.endswith(".sln"):
            return parse_solution(file)
        if lowered.endswith(".slnx"):
            return parse_solution_xml(file)
        parse = _STANDALONE.get(name)
        return parse(file) if parse is not None else EMPTY_OUTPUT

    def _state(self, detector: str) -> DotnetIndex:
        if self._index is None:
            self._index = DotnetIndex(detector)
        return self._index

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Resolve every project against the props files and ``global.json`` above it and
        report its packages, SDKs and runtimes; then what the props files declare."""
        index = self._index
        if index is None:
            return EMPTY_OUTPUT
        dependencies: list[Dependency] = []
        technologies: list[Technology] = []
        failures: list[Failure] = []
        for path, project in sorted(index.projects.items()):
            try:
                output = project_output(index, project)
            except Exception as error:  # one project must not lose every other's results
                failures.append(_crash(error, path, tree.detector))
                continue
            dependencies.extend(output.dependencies)
            technologies.extend(output.technologies)
        try:
            dependencies.extend(props_output(index))
        except Exception as error:
            failures.append(_crash(error, None, tree.detector))
        return DetectorOutput(
            dependencies=tuple(dependencies),
            technologies=tuple(technologies),
            failures=tuple(failures),
        )


def _crash(error: Exception, path: str | None, detector: str) -> Failure:
    return Failure(
        FailureKind.DETECTOR_ERROR,
        f"detector crashed: {type(error).__name__}: {error}",
        path=path,
        detector=detector,
    )
