"""XML documents with the line of every element, for evidence that points at a line.

:func:`detectors.common.parsing.load_xml` gives no line numbers; this builds the same
``ElementTree`` (tags as ``{namespace}local``) through expat directly, recording where each
element starts. Documents that declare entities are refused outright, so no entity expansion
(billion laughs) and no external resource can ever be involved. Used by the Maven and MSBuild
parsers.
"""

from __future__ import annotations

import codecs
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from xml.parsers import expat

from scanner.detector import SourceFile
from scanner.errors import DetectorError


@dataclass(frozen=True, slots=True)
class LinedXml:
    """A parsed document: its root element and the 1-based start line of every element."""

    root: ElementTree.Element
    lines: dict[ElementTree.Element, int]

    def line(self, element: ElementTree.Element | None) -> int | None:
        """The line where ``element`` starts, ``None`` for no element."""
        return None if element is None else self.lines.get(element)


class _EntityDeclared(Exception):
    """Raised from the expat handler when the document declares an entity."""


def _qualified(name: str) -> str:
    # expat reports "uri}local" with namespace_separator="}"; ElementTree writes "{uri}local".
    return "{" + name if "}" in name else name


def load_xml_lines(file: SourceFile) -> LinedXml:
    """Parse ``file`` as XML, keeping element lines.

    Raises :class:`DetectorError` for an empty file, a document that is not well-formed, or one
    that declares entities (``<!ENTITY ...>``), which no manifest needs.
    """
    data = file.data
    if not data.strip():
        raise DetectorError("empty file")
    # Maven and MSBuild accept blank lines before the XML declaration; expat does not.
    offset = 0
    body = data.removeprefix(codecs.BOM_UTF8)
    stripped = body.lstrip(b" \t\r\n")
    if stripped is not body and stripped.startswith(b"<?xml"):
        offset = body[: len(body) - len(stripped)].count(b"\n")
        data = stripped
    builder = ElementTree.TreeBuilder()
    lines: dict[ElementTree.Element, int] = {}
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def start(tag: str, attributes: dict[str, str]) -> None:
        qualified = {_qualified(key): value for key, value in attributes.items()}
        element = builder.start(_qualified(tag), qualified)
        lines[element] = parser.CurrentLineNumber + offset

    def end(tag: str) -> None:
        builder.end(_qualified(tag))

    def entity(*_: object) -> None:
        raise _EntityDeclared

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.EntityDeclHandler = entity
    try:
        parser.Parse(data, True)
    except _EntityDeclared:
        raise DetectorError("XML entity declarations are not accepted") from None
    except expat.ExpatError as error:
        message = expat.ErrorString(error.code) if error.code else str(error)
        raise DetectorError(
            f"not well-formed XML: {message}: line {error.lineno + offset}, column {error.offset}"
        ) from error
    root = builder.close()
    return LinedXml(root=root, lines=lines)


def child(element: ElementTree.Element, name: str) -> ElementTree.Element | None:
    """The first child of ``element`` whose local name is ``name``."""
    for candidate in element:
        if isinstance(candidate.tag, str) and candidate.tag.rpartition("}")[2] == name:
            return candidate
    return None


def children(element: ElementTree.Element | None, name: str) -> list[ElementTree.Element]:
    """Every child of ``element`` whose local name is ``name`` (``[]`` for no element)."""
    if element is None:
        return []
    return [
        candidate
        for candidate in element
        if isinstance(candidate.tag, str) and candidate.tag.rpartition("}")[2] == name
    ]


def text_of(element: ElementTree.Element | None) -> str | None:
    """The stripped text of ``element``; ``None`` when absent or blank."""
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def child_text(element: ElementTree.Element, name: str) -> str | None:
    """The stripped text of the first child named ``name``."""
    return text_of(child(element, name))
