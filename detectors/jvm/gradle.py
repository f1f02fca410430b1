"""Gradle scripts as records: dependencies, plugins and the Java version of each script,
with variables, catalog entries and plugin versions resolved across the build
(:mod:`detectors.jvm.gradle_index`); and the parsers of build and settings scripts alone.

Scopes: ``implementation``, ``api``, ``runtimeOnly`` and the like (``debugImplementation``)
are :attr:`Scope.RUNTIME`; any configuration naming tests (``testImplementation``,
``androidTestImplementation``, ``testFixturesApi``, ``kaptTest``) :attr:`Scope.TEST`;
``compileOnly``, ``annotationProcessor``, ``kapt``, ``ksp``, ``buildscript`` ``classpath``,
platforms (BOMs) and plugins :attr:`Scope.BUILD`; Spring Boot's ``developmentOnly``
:attr:`Scope.DEVELOPMENT`. Declarations in ``constraints {}`` only pin versions:
``direct=False``. A variable or catalog entry that cannot be resolved keeps the text as
written, with a ``version_note``.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.common.parsing import manifest
from detectors.jvm.gradle_build import (
    JAVA_SETTINGS,
    GradleDependency,
    GradlePlugin,
    GradleScript,
    JavaSetting,
    Value,
    derive_dependency,
    read_gradle_script,
)
from detectors.jvm.gradle_index import GradleIndex, Interpolated, ScriptValues, ancestors
from detectors.jvm.gradle_settings import read_gradle_settings, settings_manifest
from detectors.jvm.java_version import java_technology, normalize_java_version
from detectors.jvm.version_catalog import (
    Catalog,
    CatalogEntry,
    catalog_dependency,
    normalize_alias,
    plugin_marker,
)
from scanner.detector import SourceFile
from scanner.model import (
    Dependency,
    DetectorOutput,
    Ecosystem,
    Evidence,
    Failure,
    FailureKind,
    Manifest,
    Scope,
    Technology,
)

_BUILD_CONFIGURATIONS = ("compileonly", "compileonlyapi", "annotationprocessor")
_BUILD_PREFIXES = ("kapt", "ksp", "detekt", "lint", "errorprone", "coreLibraryDesugaring")
_RUNTIME_SUFFIXES = ("implementation", "api", "runtimeonly", "compile", "runtime")


class ScriptResolver(ScriptValues):
    """Turns one script into records, its values resolved within the index."""

    def __init__(self, index: GradleIndex, script: GradleScript) -> None:
        super().__init__(index, script)
        self.failures: list[str] = []

    def dependencies(self) -> list[Dependency]:
        """The script's dependencies and plugins."""
        found: list[Dependency] = []
        for declared in self.script.dependencies:
            found.extend(self._dependency(declared))
        for plugin in self.script.plugins:
            dependency = self._plugin(plugin)
            if dependency is not None:
                found.append(dependency)
        return found

    def _dependency(self, declared: GradleDependency) -> Iterator[Dependency]:
        scope = _scope(declared)
        if scope is None:
            return
        prefix = "dependency constraint" if declared.constraint else declared.configuration
        if declared.catalog is not None:
            if declared.catalog.partition(".")[0] in self.index.accessors():
                yield from self._catalog_dependencies(declared, scope, prefix)
                return
            # deps.guava, rootProject.ext.guava: a variable (often a map entry) holding one.
            declared = derive_dependency(
                declared, catalog=None, notation=Value(declared.catalog, reference=True)
            )
        if declared.parts:
            group, artifact, version = (
                self.interpolate(declared.parts[key]) if key in declared.parts else None
                for key in ("group", "name", "version")
            )
            shown = ", ".join(f"{k}: {v.written()}" for k, v in declared.parts.items())
            if declared.kotlin_module:
                shown = f"kotlin({declared.parts['name'].text.removeprefix('kotlin-')!r})"
            reason = f"{prefix} {shown}"
            if group is None or artifact is None or group.unresolved or artifact.unresolved:
                return
            yield self._record(declared, scope, group, artifact, version, reason)
            return
        assert declared.notation is not None
        notation = self.interpolate(declared.notation)
        if declared.notation.reference and notation.unresolved:
            return
        pieces = notation.value.partition("@")[0].split(":")
        if len(pieces) < 2 or not all(pieces[:2]) or "$" in pieces[0] + pieces[1]:
            return
        platform = " platform" if declared.platform else ""
        reason = f"{prefix}{platform} {declared.notation.written()}"
        if declared.notation.reference:
            reason += f" = {notation.value!r}"
        version = None
        if len(pieces) > 2 and pieces[2]:
            version = Interpolated(pieces[2], notation.unresolved, notation.used)
        group, artifact = Interpolated(pieces[0]), Interpolated(pieces[1])
        yield self._record(declared, scope, group, artifact, version, reason)

    def _record(
        self,
        declared: GradleDependency,
        scope: Scope,
        group: Interpolated,
        artifact: Interpolated,
        version: Interpolated | None,
        reason: str,
    ) -> Dependency:
        note = None
        if version is None:
            note = (
                "no version given; the Kotlin Gradle plugin sets it"
                if declared.kotlin_module
                else "no version given (a platform, BOM or plugin may manage it)"
            )
        elif version.unresolved:
            note = self._unresolved_note(version.unresolved)
        evidence = (self.evidence(reason, declared.line), *(version.used if version else ()))
        return Dependency(
            ecosystem=Ecosystem.MAVEN,
            name=f"{group.value}:{artifact.value}",
            declared=version.value if version else None,
            scope=scope,
            direct=not declared.constraint,
            evidence=evidence,
            version_note=note,
        )

    def _unresolved_note(self, names: tuple[str, ...]) -> str:
        shown = ", ".join(names)
        return f"{shown} is not defined in this script, the scripts above it or gradle.properties"

    def _catalog_dependencies(
        self, declared: GradleDependency, scope: Scope, prefix: str
    ) -> Iterator[Dependency]:
        assert declared.catalog is not None
        accessor, _, rest = declared.catalog.partition(".")
        catalog = self.index.catalog(self.script.directory, accessor)
        if catalog is None:
            self.failures.append(_no_catalog(declared.line, declared.catalog, accessor))
            return
        kind, _, alias = rest.partition(".")
        if kind == "bundles":
            aliases = catalog.bundles.get(normalize_alias(alias))
            if aliases is None:
                self._missing(declared, catalog)
                return
        elif kind in ("versions", "plugins"):
            return
        else:
            aliases = (normalize_alias(rest),)
        for key in aliases:
            entry = catalog.libraries.get(key)
            if entry is None:
                self._missing(declared, catalog)
                continue
            self.index.referenced.add((catalog.path, False, key))
            yield self._catalog_record(declared, scope, prefix, catalog, entry)

    def _catalog_record(
        self,
        declared: GradleDependency,
        scope: Scope,
        prefix: str,
        catalog: Catalog,
        entry: CatalogEntry,
    ) -> Dependency:
        platform = " platform" if declared.platform else ""
        reason = f"{prefix}{platform} {declared.catalog}"
        catalog_reason = (
            f"version catalog library {entry.alias!r} ({entry.name}{entry.version.reason})"
        )
        return Dependency(
            ecosystem=Ecosystem.MAVEN,
            name=entry.name,
            declared=entry.version.value,
            scope=scope,
            direct=not declared.constraint,
            evidence=(
                self.evidence(reason, declared.line),
                self.evidence(catalog_reason, entry.line, catalog.path),
            ),
            version_note=entry.version.note,
        )

    def _missing(self, declared: GradleDependency | GradlePlugin, catalog: Catalog) -> None:
        self.failures.append(
            f"line {declared.line}: {declared.catalog} is not in the version catalog {catalog.path}"
        )

    def _plugin(self, plugin: GradlePlugin) -> Dependency | None:
        if plugin.catalog is not None:
            return self._catalog_plugin(plugin)
        assert plugin.plugin_id is not None
        plugin_id = plugin.plugin_id
        reason = f"plugins block id {plugin_id!r}"
        evidence: list[Evidence] = []
        version: Interpolated | None = None
        if plugin.version is not None:
            version = self.interpolate(plugin.version)
            reason += f" version {plugin.version.written()}"
        else:
            found = self._plugin_version_elsewhere(plugin_id)
            if found is not None:
                version, where = found
                evidence.append(where)
        if not plugin.applied:
            reason += " (apply false)"
        note = None
        if version is None:
            note = "no version given (core plugin, or set by the build's plugin management)"
        elif version.unresolved:
            note = self._unresolved_note(version.unresolved)
        return Dependency(
            ecosystem=Ecosystem.MAVEN,
            name=plugin_marker(plugin_id),
            declared=version.value if version else None,
            scope=Scope.BUILD,
            evidence=(
                self.evidence(reason, plugin.line),
                *evidence,
                *(version.used if version else ()),
            ),
            version_note=note,
        )

    def _catalog_plugin(self, plugin: GradlePlugin) -> Dependency | None:
        assert plugin.catalog is not None
        accessor, _, rest = plugin.catalog.partition(".")
        kind, _, alias = rest.partition(".")
        if kind != "plugins":
            return None
        catalog = self.index.catalog(self.script.directory, accessor)
        if catalog is None:
            self.failures.append(_no_catalog(plugin.line, plugin.catalog, accessor))
            return None
        entry = catalog.plugins.get(normalize_alias(alias))
        if entry is None:
            self._missing(plugin, catalog)
            return None
        self.index.referenced.add((catalog.path, True, normalize_alias(alias)))
        applied = "" if plugin.applied else " (apply false)"
        catalog_reason = (
            f"version catalog plugin {entry.alias!r} ({entry.name}{entry.version.reason})"
        )
        return Dependency(
            ecosystem=Ecosystem.MAVEN,
            name=plugin_marker(entry.name),
            declared=entry.version.value,
            scope=Scope.BUILD,
            evidence=(
                self.evidence(f"plugins block alias({plugin.catalog}){applied}", plugin.line),
                self.evidence(catalog_reason, entry.line, catalog.path),
            ),
            version_note=entry.version.note,
        )

    def _plugin_version_elsewhere(self, plugin_id: str) -> tuple[Interpolated, Evidence] | None:
        """A version for a plugin requested without one: from a build script above (the
        ``apply false`` pattern) or the settings' ``pluginManagement``."""
        for directory in ancestors(self.script.directory):
            for other in self.index.scripts_in(directory):
                if other is self.script:
                    continue
                for candidate in (*other.plugins, *other.managed_plugins):
                    if candidate.plugin_id == plugin_id and candidate.version is not None:
                        version = ScriptResolver(self.index, other).interpolate(candidate.version)
                        where = (
                            "pluginManagement" if candidate in other.managed_plugins else "plugins"
                        )
                        reason = f"{where} version {candidate.version.written()} of {plugin_id!r}"
                        return version, self.evidence(reason, candidate.line, other.path)
        return None

    def java(self) -> Technology | None:
        """The Java version of the script's project: its own setting, or one a script above
        sets in ``subprojects``/``allprojects``."""
        settings = [s for s in self.script.java if s.applies_to_self]
        owner = self.script
        if not settings and self.script.is_build:
            for directory in list(ancestors(self.script.directory))[1:]:
                for other in self.index.scripts_in(directory):
                    inherited = [s for s in other.java if s.inherited]
                    if inherited:
                        settings, owner = inherited, other
                        break
                if settings:
                    break
        if not settings:
            return None
        best = min(settings, key=lambda s: JAVA_SETTINGS.index(s.label))
        return self._java_technology(best, owner)

    def _java_technology(self, setting: JavaSetting, owner: GradleScript) -> Technology:
        resolver = self if owner is self.script else ScriptResolver(self.index, owner)
        value = resolver.interpolate(setting.value)
        shown = setting.value.written()
        if not value.unresolved and normalize_java_version(value.value) != setting.value.text:
            shown += f" (Java {normalize_java_version(value.value)})"
        reason = f"{setting.label} {shown}"
        evidence = [self.evidence(reason, setting.line, owner.path), *value.used]
        if owner is not self.script:
            inherited = f"{reason}, set for subprojects in {owner.path}"
            evidence.insert(0, self.evidence(inherited, None))
        return java_technology(
            None if value.unresolved else value.value,
            tuple(evidence),
            version_note=self._unresolved_note(value.unresolved) if value.unresolved else None,
        )


def _no_catalog(line: int, reference: str, accessor: str) -> str:
    return (
        f"line {line}: {reference} refers to version catalog {accessor!r}, which no settings "
        f"script declares and no gradle/{accessor}.versions.toml provides"
    )


def _scope(declared: GradleDependency) -> Scope | None:
    """The scope of a configuration; ``None`` for a statement that is not a declaration."""
    if declared.buildscript or declared.platform:
        return Scope.BUILD
    configuration = declared.configuration
    lowered = configuration.lower()
    if configuration == "classpath":
        return Scope.BUILD
    if "test" in lowered:
        return Scope.TEST
    if configuration == "developmentOnly":
        return Scope.DEVELOPMENT
    if lowered.endswith(_BUILD_CONFIGURATIONS) or configuration.startswith(_BUILD_PREFIXES):
        return Scope.BUILD
    if lowered.endswith(_RUNTIME_SUFFIXES):
        return Scope.RUNTIME
    # A custom configuration ("agent 'g:a:v'") holding a real notation is a dependency too.
    literal = declared.notation is not None and not declared.notation.reference
    if literal or declared.parts or declared.catalog:
        return Scope.RUNTIME
    return None


def script_output(index: GradleIndex, script: GradleScript) -> DetectorOutput:
    """What one script reports within ``index``: dependencies, plugins, the Java runtime, and
    a failure for catalog references that lead nowhere."""
    resolver = ScriptResolver(index, script)
    dependencies = resolver.dependencies()
    java = resolver.java() if script.is_build or script.java else None
    failures = tuple(
        Failure(FailureKind.PARSE_ERROR, reason, path=script.path, detector=index.detector)
        for reason in resolver.failures
    )
    return DetectorOutput(
        dependencies=tuple(dependencies),
        technologies=(java,) if java is not None else (),
        failures=failures,
    )


def unreferenced_catalog_entries(index: GradleIndex) -> Iterator[Dependency]:
    """Catalog libraries and plugins no scanned script uses: ``direct=False``."""
    for catalog in index.catalogs.values():
        for plugin, table in ((False, catalog.libraries), (True, catalog.plugins)):
            for key, entry in table.items():
                if (catalog.path, plugin, key) not in index.referenced:
                    yield catalog_dependency(
                        index.detector, catalog, entry, "not used by any build script scanned"
                    )


def parse_gradle_build(file: SourceFile) -> DetectorOutput:
    """A ``build.gradle(.kts)`` (or another script plugin) alone: its manifest when it is a
    build script, its dependencies, plugins and Java version with only its own variables
    (the detector adds ``gradle.properties``, catalogs and the scripts above)."""
    script = read_gradle_script(file)
    index = GradleIndex(file.detector)
    index.add_script(script)
    output = script_output(index, script)
    manifests = (build_manifest(file, script),) if script.is_build else ()
    return DetectorOutput(
        manifests=manifests,
        dependencies=output.dependencies,
        technologies=output.technologies,
        failures=output.failures,
    )


def parse_gradle_settings(file: SourceFile) -> DetectorOutput:
    """A ``settings.gradle(.kts)`` alone: its manifest (root project name, included projects
    as a workspace) and the plugins it applies."""
    settings = read_gradle_settings(file)
    script = read_gradle_script(file)
    index = GradleIndex(file.detector)
    index.add_script(script)
    output = script_output(index, script)
    return DetectorOutput(
        manifests=(settings_manifest(file, settings),),
        dependencies=output.dependencies,
        failures=output.failures,
    )


def build_manifest(file: SourceFile, script: GradleScript) -> Manifest:
    """A build script as a manifest, with its top-level ``version`` when literal."""
    return manifest(file, Ecosystem.MAVEN, "gradle", version=script.version)
