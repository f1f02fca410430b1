"""Maven ``pom.xml``: reading one POM into a :class:`Pom` record, as written.

Nothing is interpolated or inherited here; :mod:`detectors.jvm.maven` builds the effective
model from one POM (:func:`parse_pom`) or from all the POMs of a repository (the detector).
Elements under ``<profiles>`` are not read: profiles are conditional.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from detectors.common.parsing import local_name
from detectors.common.xml_lines import LinedXml, child, child_text, children, load_xml_lines
from scanner.detector import SourceFile
from scanner.errors import DetectorError

DEFAULT_PLUGIN_GROUP = "org.apache.maven.plugins"
COMPILER_PLUGIN = "maven-compiler-plugin"
# maven-compiler-plugin <configuration> elements that say which Java the build targets.
COMPILER_SETTINGS = ("release", "target", "source")


@dataclass(frozen=True, slots=True)
class Located:
    """A value and the 1-based line of the element holding it."""

    value: str
    line: int | None


@dataclass(frozen=True, slots=True)
class PomDependency:
    """A ``<dependency>``, ``<plugin>`` or ``<extension>`` as written (uninterpolated).

    ``section`` is one of ``dependencies``, ``dependencyManagement``, ``plugins``,
    ``pluginManagement``, ``plugin-dependencies`` (a dependency of the plugin ``plugin``) or
    ``extensions``.
    """

    section: str
    group: str | None
    artifact: str | None
    version: str | None
    line: int | None
    scope: str | None = None
    optional: str | None = None
    type: str | None = None
    classifier: str | None = None
    plugin: str | None = None


@dataclass(frozen=True, slots=True)
class PomParent:
    """The ``<parent>`` reference. ``relative_path`` is ``None`` when absent (Maven's default
    ``../pom.xml``) and ``""`` for an empty ``<relativePath/>`` (look in repositories only)."""

    group: str | None
    artifact: str | None
    version: str | None
    relative_path: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class Pom:
    """One POM as written."""

    path: str
    directory: str
    group: str | None
    artifact: str | None
    version: str | None
    packaging: str | None
    parent: PomParent | None
    properties: dict[str, Located]
    dependencies: tuple[PomDependency, ...]
    managed: tuple[PomDependency, ...]
    plugins: tuple[PomDependency, ...]
    managed_plugins: tuple[PomDependency, ...]
    extensions: tuple[PomDependency, ...]
    modules: tuple[str, ...]
    compiler: dict[str, Located]

    @property
    def effective_group(self) -> str | None:
        """The groupId, inherited from ``<parent>`` when not written."""
        return self.group or (self.parent.group if self.parent else None)

    @property
    def effective_version(self) -> str | None:
        """The version, inherited from ``<parent>`` when not written."""
        return self.version or (self.parent.version if self.parent else None)


def read_pom(file: SourceFile) -> Pom:
    """Read ``file`` as a POM.

    Raises :class:`DetectorError` when it is not well-formed XML or its root is not
    ``<project>``.
    """
    document = load_xml_lines(file)
    root = document.root
    if local_name(root.tag) != "project":
        raise DetectorError(f"root element is <{local_name(root.tag)}>, not <project>")
    build = child(root, "build")
    plugin_management = child(build, "pluginManagement") if build is not None else None
    plugin_elements = children(child(build, "plugins") if build is not None else None, "plugin")
    managed_plugin_elements = children(
        child(plugin_management, "plugins") if plugin_management is not None else None, "plugin"
    )
    management = child(root, "dependencyManagement")
    plugins = tuple(_dependency(document, p, "plugins") for p in plugin_elements)
    plugin_dependencies = tuple(
        _dependency(document, d, "plugin-dependencies", plugin=_plugin_name(p))
        for p in plugin_elements
        for d in children(child(p, "dependencies"), "dependency")
    )
    return Pom(
        path=file.path,
        directory=file.directory,
        group=child_text(root, "groupId"),
        artifact=child_text(root, "artifactId"),
        version=child_text(root, "version"),
        packaging=child_text(root, "packaging"),
        parent=_parent(document, child(root, "parent")),
        properties=_properties(document, child(root, "properties")),
        dependencies=tuple(
            _dependency(document, d, "dependencies")
            for d in children(child(root, "dependencies"), "dependency")
        ),
        managed=tuple(
            _dependency(document, d, "dependencyManagement")
            for d in children(
                child(management, "dependencies") if management is not None else None,
                "dependency",
            )
        ),
        plugins=plugins + plugin_dependencies,
        managed_plugins=tuple(
            _dependency(document, p, "pluginManagement") for p in managed_plugin_elements
        ),
        extensions=tuple(
            _dependency(document, e, "extensions")
            for e in children(
                child(build, "extensions") if build is not None else None, "extension"
            )
        ),
        modules=tuple(
            text
            for module in children(child(root, "modules"), "module")
            if (text := (module.text or "").strip())
        ),
        compiler=_compiler_settings(document, [*plugin_elements, *managed_plugin_elements]),
    )


def _parent(document: LinedXml, element: ElementTree.Element | None) -> PomParent | None:
    if element is None:
        return None
    relative = child(element, "relativePath")
    return PomParent(
        group=child_text(element, "groupId"),
        artifact=child_text(element, "artifactId"),
        version=child_text(element, "version"),
        relative_path=None if relative is None else (relative.text or "").strip(),
        line=document.line(element),
    )


def _properties(document: LinedXml, element: ElementTree.Element | None) -> dict[str, Located]:
    found: dict[str, Located] = {}
    if element is None:
        return found
    for entry in element:
        if isinstance(entry.tag, str):
            found[local_name(entry.tag)] = Located((entry.text or "").strip(), document.line(entry))
    return found


def _dependency(
    document: LinedXml, element: ElementTree.Element, section: str, plugin: str | None = None
) -> PomDependency:
    group = child_text(element, "groupId")
    if group is None and section in ("plugins", "pluginManagement"):
        group = DEFAULT_PLUGIN_GROUP
    return PomDependency(
        section=section,
        group=group,
        artifact=child_text(element, "artifactId"),
        version=child_text(element, "version"),
        line=document.line(element),
        scope=child_text(element, "scope"),
        optional=child_text(element, "optional"),
        type=child_text(element, "type"),
        classifier=child_text(element, "classifier"),
        plugin=plugin,
    )


def _plugin_name(element: ElementTree.Element) -> str:
    group = child_text(element, "groupId") or DEFAULT_PLUGIN_GROUP
    return f"{group}:{child_text(element, 'artifactId') or '?'}"


def _compiler_settings(
    document: LinedXml, plugins: list[ElementTree.Element]
) -> dict[str, Located]:
    """``release``/``target``/``source`` from maven-compiler-plugin's ``<configuration>``;
    ``<build><plugins>`` wins over ``<pluginManagement>`` (it comes first in ``plugins``)."""
    found: dict[str, Located] = {}
    for plugin in plugins:
        if child_text(plugin, "artifactId") != COMPILER_PLUGIN:
            continue
        configuration = child(plugin, "configuration")
        if configuration is None:
            continue
        for setting in COMPILER_SETTINGS:
            element = child(configuration, setting)
            text = child_text(configuration, setting)
            if text is not None and setting not in found:
                found[setting] = Located(text, document.line(element))
    return found
