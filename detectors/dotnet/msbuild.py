"""MSBuild files (projects, ``Directory.Build.props``, ``Directory.Packages.props``): reading
them as written, and evaluating properties the way MSBuild's first pass does, as far as a
scan without MSBuild can.

Evaluation is in document order across the files a project implicitly imports
(``Directory.Build.props``, then ``Directory.Packages.props``, then the project itself); a
props file that imports the next one up with ``GetPathOfFileAbove`` brings that one in
before itself. ``$(Name)`` references are expanded against the values defined so far. Conditions are
not evaluated: an unconditional definition always applies, a conditional one only when
nothing has defined the property yet (and the record says so). Property functions
(``$([MSBuild]::...)``) are left as written.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field

from detectors.common.parsing import local_name
from detectors.common.xml_lines import LinedXml, load_xml_lines
from scanner.detector import SourceFile
from scanner.errors import DetectorError

_REFERENCE_RE = re.compile(r"\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")
# The item types read; everything else (Compile, None, Content...) is skipped.
ITEM_TYPES = frozenset(
    {
        "packagereference",
        "packageversion",
        "globalpackagereference",
        "projectreference",
        "dotnetclitoolreference",
    }
)
_MAX_LENGTH = 4096
BUILD_PROPS = "Directory.Build.props"
PACKAGES_PROPS = "Directory.Packages.props"


@dataclass(frozen=True, slots=True)
class PropertyDefinition:
    """``<Name>value</Name>`` in a ``<PropertyGroup>``; ``condition`` is the element's or its
    group's ``Condition``."""

    name: str
    value: str
    line: int | None
    condition: str | None


@dataclass(frozen=True, slots=True)
class ImportAbove:
    """An ``<Import>`` of the same-named file in a directory above
    (``$([MSBuild]::GetPathOfFileAbove('Directory.Build.props', ...))``)."""

    file_name: str
    line: int | None


@dataclass(frozen=True, slots=True)
class Item:
    """An item of one of :data:`ITEM_TYPES`: ``Include``/``Update`` and its metadata
    (attributes and child elements, names lower-cased), as written."""

    type: str
    include: str | None
    update: str | None
    metadata: dict[str, str]
    line: int | None
    condition: str | None

    def get(self, name: str) -> str | None:
        """Metadata by case-insensitive name, ``None`` when absent or blank."""
        value = self.metadata.get(name.lower())
        return value if value else None


@dataclass(frozen=True, slots=True)
class Sdk:
    """A project SDK (``Sdk="Name/Version"``, ``<Sdk Name Version/>``, ``<Import Sdk=...>``)."""

    name: str
    version: str | None
    line: int | None


@dataclass(frozen=True, slots=True)
class MsbuildDocument:
    """One MSBuild file as written; ``events`` keeps property definitions and imports in
    document order."""

    path: str
    directory: str
    name: str
    sdks: tuple[Sdk, ...]
    events: tuple[PropertyDefinition | ImportAbove, ...]
    items: tuple[Item, ...]

    @property
    def stem(self) -> str:
        """The file name without its extension (a project's default name)."""
        return self.name.rpartition(".")[0] or self.name


def read_msbuild(file: SourceFile) -> MsbuildDocument:
    """Read an MSBuild file.

    Raises :class:`DetectorError` when it is not well-formed XML or its root is not
    ``<Project>``.
    """
    document = load_xml_lines(file)
    root = document.root
    if local_name(root.tag) != "Project":
        raise DetectorError(f"root element is <{local_name(root.tag)}>, not <Project>")
    sdks = list(_sdk_attribute(root.get("Sdk"), document.line(root)))
    events: list[PropertyDefinition | ImportAbove] = []
    items: list[Item] = []
    for element in root:
        if not isinstance(element.tag, str):
            continue
        tag = local_name(element.tag)
        if tag == "PropertyGroup":
            events.extend(_properties(document, element))
        elif tag == "ItemGroup":
            items.extend(_items(document, element))
        elif tag == "Sdk" and element.get("Name"):
            sdks.append(
                Sdk(element.get("Name", ""), element.get("Version"), document.line(element))
            )
        elif tag == "Import":
            if element.get("Sdk"):
                sdks.extend(_sdk_attribute(element.get("Sdk"), document.line(element)))
            above = _import_above(element.get("Project", ""), document.line(element))
            if above is not None:
                events.append(above)
    return MsbuildDocument(
        path=file.path,
        directory=file.directory,
        name=file.name,
        sdks=tuple(dict.fromkeys(sdks)),
        events=tuple(events),
        items=tuple(items),
    )


def _sdk_attribute(value: str | None, line: int | None) -> list[Sdk]:
    """``Sdk="Microsoft.NET.Sdk.Web"`` or ``Sdk="A/1.0;B"``."""
    found = []
    for part in (value or "").split(";"):
        name, _, version = part.strip().partition("/")
        if name.strip():
            found.append(Sdk(name.strip(), version.strip() or None, line))
    return found


_ABOVE_RE = re.compile(
    r"GetPathOfFileAbove\(\s*['\"]?([^'\")]+?)['\"]?\s*[,)]|"
    r"GetDirectoryNameOfFileAbove\([^,]*,\s*['\"]?([^'\")]+?)['\"]?\s*\)",
    re.IGNORECASE,
)


def _import_above(project: str, line: int | None) -> ImportAbove | None:
    match = _ABOVE_RE.search(project)
    if match is None:
        return None
    name = (match.group(1) or match.group(2) or "").strip()
    return ImportAbove(name, line) if name in (BUILD_PROPS, PACKAGES_PROPS) else None


def _properties(document: LinedXml, group: ElementTree.Element) -> list[PropertyDefinition]:
    group_condition = group.get("Condition")
    found = []
    for element in group:
        if not isinstance(element.tag, str):
            continue
        condition = element.get("Condition") or group_condition
        found.append(
            PropertyDefinition(
                name=local_name(element.tag),
                value=(element.text or "").strip(),
                line=document.line(element),
                condition=condition,
            )
        )
    return found


def _items(document: LinedXml, group: ElementTree.Element) -> list[Item]:
    group_condition = group.get("Condition")
    found = []
    for element in group:
        if not isinstance(element.tag, str):
            continue
        item_type = local_name(element.tag)
        if item_type.lower() not in ITEM_TYPES:
            continue
        metadata = {
            key.lower(): value.strip()
            for key, value in element.attrib.items()
            if key not in ("Include", "Update", "Condition", "Remove")
        }
        for child in element:
            if isinstance(child.tag, str):
                metadata[local_name(child.tag).lower()] = (child.text or "").strip()
        found.append(
            Item(
                type=item_type.lower(),
                include=(element.get("Include") or "").strip() or None,
                update=(element.get("Update") or "").strip() or None,
                metadata=metadata,
                line=document.line(element),
                condition=element.get("Condition") or group_condition,
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class Evaluated:
    """A property's value after evaluation, where it was defined, whether only a conditional
    definition set it, and what of its value could not be expanded."""

    value: str
    definition: PropertyDefinition
    path: str
    conditional: bool
    unresolved: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Expanded:
    """A string with ``$(...)`` expanded; ``unresolved`` lists what was left as written
    (``$(Name)`` references, or a note of a property function)."""

    value: str
    unresolved: tuple[str, ...] = ()


@dataclass
class Evaluation:
    """The properties of one evaluation (a project with its implicit imports)."""

    values: dict[str, Evaluated] = field(default_factory=dict)
    reserved: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> Evaluated | None:
        """A property by case-insensitive name."""
        return self.values.get(name.lower())

    def text(self, name: str) -> str | None:
        """A property's value; ``None`` when undefined or empty."""
        found = self.get(name)
        return found.value if found is not None and found.value else None

    def flag(self, name: str) -> bool:
        """Whether a boolean property is ``true``."""
        return (self.text(name) or "").strip().lower() == "true"

    def expand(self, text: str) -> Expanded:
        """``text`` with every ``$(Name)`` that has a value replaced by it."""
        if "$(" not in text:
            return Expanded(text)
        unresolved: list[str] = []

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            found = self.values.get(name.lower())
            if found is not None:
                unresolved.extend(found.unresolved)
                return found.value
            reserved = self.reserved.get(name.lower())
            if reserved is not None:
                return reserved
            unresolved.append(match.group(0))
            return match.group(0)

        value = _REFERENCE_RE.sub(replace, text)
        if len(value) > _MAX_LENGTH:
            # Properties doubling one another grow exponentially; untrusted input stops here.
            return Expanded(text, ("a value too long to expand",))
        if "$([" in value:
            unresolved.append("a property function $([...])")
        return Expanded(value, tuple(dict.fromkeys(unresolved)))

    def define(self, definition: PropertyDefinition, path: str) -> None:
        """Apply one definition in evaluation order."""
        key = definition.name.lower()
        conditional = definition.condition is not None
        if conditional and key in self.values:
            return
        expanded = self.expand(definition.value)
        self.values[key] = Evaluated(
            expanded.value, definition, path, conditional, expanded.unresolved
        )


def evaluate(chain: list[MsbuildDocument], reserved: dict[str, str] | None = None) -> Evaluation:
    """Evaluate the properties of ``chain``, files in import order (outermost props first,
    the project last); ``reserved`` gives MSBuild's own properties (``MSBuildProjectName``)."""
    evaluation = Evaluation(reserved={k.lower(): v for k, v in (reserved or {}).items()})
    for document in chain:
        for event in document.events:
            if isinstance(event, PropertyDefinition):
                evaluation.define(event, document.path)
    return evaluation
