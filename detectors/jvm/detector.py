"""The JVM detector: Maven POMs, Gradle scripts, version catalogs and the build-tool wrappers.

Each file is read when the core hands it over (a malformed one fails on its own); manifests
and the build tool are reported at once. Dependencies and the Java version wait for
:meth:`JvmDetector.inspect_tree`, when every POM and Gradle file has been read, because they
inherit across files: a module's versions come from its parent POM's
``<dependencyManagement>`` and properties, a Gradle script's from ``gradle.properties``, the
version catalog and the scripts above it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from detectors.jvm.gradle import build_manifest, script_output, unreferenced_catalog_entries
from detectors.jvm.gradle_build import SETTINGS_SCRIPT_NAMES, read_gradle_script
from detectors.jvm.gradle_index import GradleIndex
from detectors.jvm.gradle_settings import read_gradle_settings, settings_manifest
from detectors.jvm.java_properties import read_properties
from detectors.jvm.maven import maven_tool, pom_manifest, pom_output, unreferenced_managed
from detectors.jvm.maven_model import PomIndex
from detectors.jvm.pom import Pom, read_pom
from detectors.jvm.version_catalog import CATALOG_SUFFIX, read_version_catalog
from detectors.jvm.wrappers import parse_gradle_wrapper, parse_maven_wrapper
from scanner.detector import EMPTY_OUTPUT, Detector, FileSelector, SourceFile, TreeView
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Failure,
    FailureKind,
    Technology,
)

GRADLE_SCRIPT_SUFFIXES = (".gradle", ".gradle.kts")
MAVEN_WRAPPER = "maven-wrapper.properties"
GRADLE_WRAPPER = "gradle-wrapper.properties"

_Item = TypeVar("_Item")


class JvmDetector(Detector):
    """Maven and Gradle projects: components, dependencies, plugins, Java and the build tool."""

    name = "jvm"
    description = (
        "Maven pom.xml, Gradle build/settings scripts, version catalogs and wrappers: "
        "components, dependencies, plugins, the Java version and the build tool."
    )
    tags = frozenset({"manifest", "dependencies", "jvm", "java"})
    selector = FileSelector(
        filenames=frozenset({"pom.xml", "gradle.properties"}),
        extensions=frozenset(GRADLE_SCRIPT_SUFFIXES),
        globs=(
            "**/.mvn/wrapper/" + MAVEN_WRAPPER,
            "**/gradle/wrapper/" + GRADLE_WRAPPER,
            "*" + CATALOG_SUFFIX,
        ),
    )

    def __init__(self, options: dict[str, object] | None = None) -> None:
        super().__init__(options)
        self._poms: list[Pom] = []
        self._gradle: GradleIndex | None = None

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """Read one file; report its manifest and build tool now, keep the rest for
        :meth:`inspect_tree`. Raises :class:`~scanner.errors.DetectorError` for a file that
        cannot be parsed."""
        name = file.name
        if name == "pom.xml":
            pom = read_pom(file)
            self._poms.append(pom)
            return DetectorOutput(
                manifests=(pom_manifest(file, pom),), technologies=(maven_tool(file),)
            )
        if name == MAVEN_WRAPPER:
            return parse_maven_wrapper(file)
        if name == GRADLE_WRAPPER:
            return parse_gradle_wrapper(file)
        gradle = self._gradle_index(file.detector)
        if name == "gradle.properties":
            gradle.properties[file.directory] = (file.path, read_properties(file))
            return EMPTY_OUTPUT
        if name.endswith(CATALOG_SUFFIX):
            gradle.add_catalog(read_version_catalog(file))
            return EMPTY_OUTPUT
        if name.endswith(GRADLE_SCRIPT_SUFFIXES):
            return self._gradle_script(file, gradle)
        return EMPTY_OUTPUT

    def _gradle_index(self, detector: str) -> GradleIndex:
        if self._gradle is None:
            self._gradle = GradleIndex(detector)
        return self._gradle

    def _gradle_script(self, file: SourceFile, gradle: GradleIndex) -> DetectorOutput:
        script = read_gradle_script(file)
        gradle.add_script(script)
        if file.name in SETTINGS_SCRIPT_NAMES:
            settings = read_gradle_settings(file)
            gradle.add_settings(file.directory, settings)
            found = settings_manifest(file, settings)
        elif script.is_build:
            found = build_manifest(file, script)
        else:
            return EMPTY_OUTPUT
        tool = Technology(
            "gradle", "Gradle", Category.BUILD_TOOL, (file.evidence(f"{file.name} present"),)
        )
        return DetectorOutput(manifests=(found,), technologies=(tool,))

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """Resolve and report what inherits across files: dependencies, plugins and the Java
        version of every POM and Gradle script read."""
        dependencies: list[Dependency] = []
        technologies: list[Technology] = []
        failures: list[Failure] = []

        def collect(output: DetectorOutput) -> None:
            dependencies.extend(output.dependencies)
            technologies.extend(output.technologies)
            failures.extend(output.failures)

        if self._poms:
            index = PomIndex(self._poms)
            _each(
                self._poms,
                lambda pom: collect(pom_output(index, pom, tree.detector)),
                lambda pom: pom.path,
                tree.detector,
                failures,
            )
            _each(
                [index],
                lambda i: dependencies.extend(unreferenced_managed(i, tree.detector)),
                lambda _: None,
                tree.detector,
                failures,
            )
        gradle = self._gradle
        if gradle is not None:
            scripts = sorted(gradle.scripts.values(), key=lambda s: s.path)
            _each(
                scripts,
                lambda script: collect(script_output(gradle, script)),
                lambda script: script.path,
                tree.detector,
                failures,
            )
            _each(
                [gradle],
                lambda g: dependencies.extend(unreferenced_catalog_entries(g)),
                lambda _: None,
                tree.detector,
                failures,
            )
        return DetectorOutput(
            dependencies=tuple(dependencies),
            technologies=tuple(technologies),
            failures=tuple(failures),
        )


def _each(
    items: Iterable[_Item],
    work: Callable[[_Item], None],
    path_of: Callable[[_Item], str | None],
    detector: str,
    failures: list[Failure],
) -> None:
    """Run ``work`` on each item; an unexpected error costs that item only, as a failure."""
    for item in items:
        try:
            work(item)
        except Exception as error:  # one bad file must not lose the whole tree's results
            failures.append(
                Failure(
                    FailureKind.DETECTOR_ERROR,
                    f"detector crashed: {type(error).__name__}: {error}",
                    path=path_of(item),
                    detector=detector,
                )
            )
