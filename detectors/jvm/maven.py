"""Maven ``pom.xml``: what each POM reports, within the effective model of
:mod:`detectors.jvm.maven_model` (in-repository parents, properties and management).

What is reported for each POM, and with which scope:

* ``<dependencies>``: ``compile`` and ``runtime`` are :attr:`Scope.RUNTIME` (``optional``
  ones :attr:`Scope.OPTIONAL`), ``test`` is :attr:`Scope.TEST`; ``provided`` and ``system``
  are :attr:`Scope.BUILD`: needed to compile, supplied by the environment, never packaged
  (Gradle's ``compileOnly``). A dependency without a version takes the one managed in the POM
  or its in-repository parents (evidence shows both places).
* The ``<parent>`` and ``import``-scoped BOMs of ``<dependencyManagement>`` are
  :attr:`Scope.BUILD`: they shape the build and align versions (``spring-boot-starter-parent
  2.7.5`` is how a project states its Spring Boot version); none of their code ships.
* ``<build><plugins>``, their ``<dependencies>`` and ``<extensions>``: :attr:`Scope.BUILD`.
* A managed entry (dependency or plugin) that no POM of the repository declares is reported
  by the POM managing it with ``direct=False``: it pins the version of a transitive
  dependency.
* Inherited ``<dependencies>`` are reported once, by the POM declaring them.
* The ``java`` runtime from maven-compiler-plugin's ``release``/``target``/``source``, the
  ``maven.compiler.release``/``target``/``source`` properties or ``java.version``, in that
  order, inherited by modules.
"""

from __future__ import annotations

from collections.abc import Iterator

from detectors.common.parsing import manifest
from detectors.jvm.java_version import describe, java_technology
from detectors.jvm.maven_model import Effective, Interpolated, Managed, PomIndex
from detectors.jvm.pom import Located, Pom, PomDependency, read_pom
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Evidence,
    Manifest,
    Scope,
    Technology,
    WorkspaceDeclaration,
)

# Java version sources, most authoritative first: (compiler setting, property).
_JAVA_SOURCES = (
    ("release", "maven.compiler.release"),
    ("target", "maven.compiler.target"),
    ("source", "maven.compiler.source"),
    (None, "java.version"),
)


def parse_pom(file: SourceFile) -> DetectorOutput:
    """A ``pom.xml`` on its own: its manifest, dependencies, plugins and Java version, with
    properties and management resolved within this file only (the detector resolves them
    across the repository's POMs).

    Raises :class:`~scanner.errors.DetectorError` for a malformed POM.
    """
    pom = read_pom(file)
    index = PomIndex([pom])
    output = pom_output(index, pom, file.detector)
    return DetectorOutput(
        manifests=(pom_manifest(file, pom),),
        dependencies=output.dependencies + tuple(unreferenced_managed(index, file.detector)),
        technologies=output.technologies,
    )


def pom_manifest(file: SourceFile, pom: Pom) -> Manifest:
    """The manifest of a POM: its artifactId, version and ``<modules>``."""
    effective = PomIndex([pom]).effective(pom)
    version = pom.effective_version
    workspace = WorkspaceDeclaration("maven-modules", pom.modules) if pom.modules else None
    return manifest(
        file,
        Ecosystem.MAVEN,
        "pom.xml",
        name=pom.artifact,
        version=effective.interpolate(version).value if version else None,
        workspace=workspace,
    )


def pom_output(index: PomIndex, pom: Pom, detector: str) -> DetectorOutput:
    """The dependencies and the Java runtime of ``pom`` within ``index``."""
    effective = index.effective(pom)
    reporter = _Reporter(effective, detector)
    dependencies = list(reporter.parent())
    for entry in pom.dependencies:
        dependencies.extend(reporter.dependency(entry, managed=True))
    for entry in pom.managed:
        if _is_import(entry):
            dependencies.extend(reporter.dependency(entry))
    for entry in pom.plugins + pom.extensions:
        dependencies.extend(reporter.dependency(entry, managed=entry.section == "plugins"))
    java = reporter.java()
    return DetectorOutput(
        dependencies=tuple(dependencies), technologies=(java,) if java is not None else ()
    )


def unreferenced_managed(index: PomIndex, detector: str) -> Iterator[Dependency]:
    """Managed dependencies and plugins that no POM of ``index`` uses, reported by the POM
    that manages them with ``direct=False``."""
    for pom in index.poms.values():
        if not pom.managed and not pom.managed_plugins:
            continue
        reporter = _Reporter(index.effective(pom), detector)
        for plugins, entries in ((False, pom.managed), (True, pom.managed_plugins)):
            used = {
                key
                for other in index.descendants(pom)
                for key in index.effective(other).declared_names(plugins)
            }
            for entry in entries:
                if not plugins and _is_import(entry):
                    continue
                key = reporter.effective.key(entry)
                if key is None or (key[0], key[1]) in used:
                    continue
                yield from reporter.dependency(entry, unreferenced=True)


class _Reporter:
    """Turns the entries of one POM into records."""

    def __init__(self, effective: Effective, detector: str) -> None:
        self.effective = effective
        self.pom = effective.pom
        self.detector = detector

    def evidence(self, reason: str, line: int | None, pom: Pom | None = None) -> Evidence:
        return Evidence(
            path=(pom or self.pom).path, detector=self.detector, reason=reason, line=line
        )

    def parent(self) -> Iterator[Dependency]:
        parent = self.pom.parent
        if parent is None or not parent.group or not parent.artifact:
            return
        name = normalize_name(Ecosystem.MAVEN, f"{parent.group}:{parent.artifact}")
        version = self.effective.interpolate(parent.version) if parent.version else None
        yield Dependency(
            ecosystem=Ecosystem.MAVEN,
            name=name,
            declared=version.value if version else None,
            scope=Scope.BUILD,
            evidence=(self.evidence(f"parent POM {name}", parent.line),),
            version_note=self._note(version, "the <parent> gives no version"),
        )

    def dependency(
        self,
        entry: PomDependency,
        *,
        managed: bool = False,
        unreferenced: bool = False,
    ) -> Iterator[Dependency]:
        key = self.effective.key(entry)
        if key is None:
            return
        name = normalize_name(Ecosystem.MAVEN, f"{key[0]}:{key[1]}")
        details = self._details(entry)
        evidence: list[Evidence] = []
        version: Interpolated | None = None
        missing = "no version given"
        if entry.version:
            version = self.effective.interpolate(entry.version)
            if version.used:
                details.append(f"version {entry.version} = {version.value}")
        elif managed and (found := self._managed(entry, key)) is not None:
            assert found.entry.version is not None
            version = self.effective.interpolate(found.entry.version)
            shown = found.entry.version
            if version.used:
                shown = f"{shown} = {version.value}"
            where = "" if found.owner is self.pom else f" of {found.owner.path}"
            evidence.append(
                self.evidence(
                    f"version {shown} managed in <{_MANAGEMENT[entry.section]}>{where}",
                    found.entry.line,
                    found.owner,
                )
            )
        else:
            missing = self._unmanaged_note()
        shown_details = f" ({'; '.join(details)})" if details else ""
        reason = f"{_label(entry)} {name}{shown_details}"
        if unreferenced:
            reason += ": managed, but no POM in this repository declares it"
        evidence.insert(0, self.evidence(reason, entry.line))
        yield Dependency(
            ecosystem=Ecosystem.MAVEN,
            name=name,
            declared=version.value if version else None,
            scope=_scope(entry),
            direct=not unreferenced,
            evidence=tuple(evidence),
            version_note=self._note(version, missing),
        )

    def _managed(self, entry: PomDependency, key: tuple[str, str, str, str]) -> Managed | None:
        return self.effective.find_managed(key, plugins=entry.section == "plugins")

    def _details(self, entry: PomDependency) -> list[str]:
        parts = []
        if entry.plugin:
            parts.append(f"of plugin {entry.plugin}")
        if entry.scope:
            parts.append(f"scope {entry.scope}")
        if (entry.optional or "").lower() == "true":
            parts.append("optional")
        if entry.type and entry.type != "jar":
            parts.append(f"type {entry.type}")
        if entry.classifier:
            parts.append(f"classifier {entry.classifier}")
        return parts

    def _note(self, version: Interpolated | None, missing: str) -> str | None:
        if version is None:
            return missing
        if version.unresolved:
            return self.effective.unresolved_note(version.unresolved)
        return None

    def _unmanaged_note(self) -> str:
        outside = self.effective.external_parent
        imports = [
            f"{entry.group}:{entry.artifact}"
            for pom in self.effective.chain
            for entry in pom.managed
            if _is_import(entry)
        ]
        if outside:
            return f"no version given; managed by parent {outside}, outside this repository"
        if imports:
            return f"no version given; managed by imported BOM {', '.join(imports)}"
        return "no version given and none managed in this repository"

    def java(self) -> Technology | None:
        """The Java version the build targets, from the nearest POM that sets one."""
        for pom in self.effective.chain:
            for setting, property_name in _JAVA_SOURCES:
                located = pom.compiler.get(setting) if setting else None
                label = f"maven-compiler-plugin <{setting}>"
                if located is None:
                    located = pom.properties.get(property_name)
                    label = property_name
                if located is None or not located.value:
                    continue
                return self._java_technology(pom, label, located)
        return None

    def _java_technology(self, owner: Pom, label: str, located: Located) -> Technology:
        version = self.effective.interpolate(located.value)
        shown = describe(version.value) if not version.unresolved else located.value
        reason = f"{label} {shown}"
        evidence = [self.evidence(reason, located.line, owner)]
        if owner is not self.pom:
            inherited = f"{reason}, inherited from {owner.artifact or owner.path} ({owner.path})"
            evidence.insert(0, self.evidence(inherited, None))
        return java_technology(
            None if version.unresolved else version.value,
            tuple(evidence),
            version_note=self.effective.unresolved_note(version.unresolved)
            if version.unresolved
            else None,
        )


def _label(entry: PomDependency) -> str:
    if entry.section == "dependencyManagement" and _is_import(entry):
        return "imported BOM"
    return _SECTION_LABELS[entry.section]


def _is_import(entry: PomDependency) -> bool:
    return (entry.scope or "").strip().lower() == "import"


_SECTION_LABELS = {
    "dependencies": "dependency",
    "dependencyManagement": "managed dependency",
    "plugins": "build plugin",
    "pluginManagement": "managed plugin",
    "plugin-dependencies": "plugin dependency",
    "extensions": "build extension",
}
_MANAGEMENT = {"dependencies": "dependencyManagement", "plugins": "pluginManagement"}


def _scope(entry: PomDependency) -> Scope:
    if entry.section not in ("dependencies", "dependencyManagement") or _is_import(entry):
        return Scope.BUILD
    scope = (entry.scope or "compile").strip().lower()
    if scope == "test":
        return Scope.TEST
    if scope in ("provided", "system", "import"):
        return Scope.BUILD
    if (entry.optional or "").strip().lower() == "true":
        return Scope.OPTIONAL
    return Scope.RUNTIME


def maven_tool(file: SourceFile) -> Technology:
    """The ``maven`` build tool a POM implies (its version comes from the wrapper)."""
    return Technology("maven", "Maven", Category.BUILD_TOOL, (file.evidence("pom.xml present"),))
