"""YAML documents with line numbers, for configuration files whose findings cite lines.

The files are composed (not constructed) with PyYAML's safe C loader when available, then turned
into plain containers that remember where each key and item starts:

* a mapping becomes a :class:`YamlMap` (a ``dict`` of ``str`` keys) with ``line`` and
  ``key_lines``;
* a sequence becomes a :class:`YamlList` with ``line`` and ``item_lines``;
* a scalar becomes its text exactly as written (``3.10`` stays ``"3.10"``, ``on`` stays
  ``"on"``), and ``null``, ``~`` or an empty value becomes ``None``.

Anchors and aliases are shared, not copied, so a file of nested aliases (the "billion laughs")
costs no more than its own size; merge keys (``<<: *defaults``, several of them, or a list) are
applied as YAML 1.1 specifies: explicit keys win over merged ones. Lines are 1-based.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, Union

from scanner.detector import SourceFile
from scanner.errors import DetectorError

if TYPE_CHECKING:
    from collections.abc import Iterator

YamlValue: TypeAlias = Union["YamlMap", "YamlList", str, None]

MAX_DEPTH = 256  # far beyond any real configuration; deeper input is refused, not recursed
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlMap(dict[str, YamlValue]):
    """A YAML mapping: its keys as written, with the line where each key starts."""

    line: int
    key_lines: dict[str, int]

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines = {}

    def line_of(self, key: str) -> int:
        """The line of ``key`` (the mapping's own line when the key is absent)."""
        return self.key_lines.get(key, self.line)

    def map_at(self, key: str) -> YamlMap | None:
        """The value of ``key`` when it is a mapping."""
        value = self.get(key)
        return value if isinstance(value, YamlMap) else None

    def list_at(self, key: str) -> YamlList | None:
        """The value of ``key`` when it is a sequence."""
        value = self.get(key)
        return value if isinstance(value, YamlList) else None

    def text_at(self, key: str) -> str | None:
        """The value of ``key`` when it is a non-empty scalar."""
        value = self.get(key)
        return value if isinstance(value, str) and value else None


class YamlList(list[YamlValue]):
    """A YAML sequence, with the line where each item starts."""

    line: int
    item_lines: list[int]

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines = []

    def items_with_lines(self) -> Iterator[tuple[YamlValue, int]]:
        """Each item with its line."""
        yield from zip(self, self.item_lines, strict=True)


def load_documents(file: SourceFile) -> list[YamlValue]:
    """Every document of the file, in order (``[]`` for a file without any).

    Raises :class:`DetectorError` for malformed YAML or nesting too deep to follow.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        nodes = list(yaml.compose_all(file.text(), Loader=loader))
    except yaml.YAMLError as error:
        raise DetectorError(f"not valid YAML: {error}") from error
    except RecursionError as error:
        raise DetectorError("YAML nested too deeply to read") from error
    converter = _Converter()
    return [converter.convert(node, 0) for node in nodes]


def load_mapping(file: SourceFile, what: str) -> YamlMap:
    """The file's one document, which must be a mapping.

    ``what`` names the format in messages. Raises :class:`DetectorError` for malformed YAML, an
    empty file, several documents, or a top level that is not a mapping.
    """
    documents = [document for document in load_documents(file) if document is not None]
    if not documents:
        raise DetectorError(f"empty {what}: no YAML document")
    if len(documents) > 1:
        raise DetectorError(f"expected one YAML document in a {what}, found {len(documents)}")
    return require_mapping(documents[0], what)


def require_mapping(document: YamlValue, what: str) -> YamlMap:
    """``document`` if it is a mapping; :class:`DetectorError` naming what it is otherwise."""
    if not isinstance(document, YamlMap):
        raise DetectorError(f"expected a mapping at the top of the {what}, found {kind(document)}")
    return document


def kind(value: YamlValue) -> str:
    """A person's name for the YAML type of ``value``."""
    if isinstance(value, YamlMap):
        return "a mapping"
    if isinstance(value, YamlList):
        return "a list"
    return "nothing" if value is None else "a scalar"


def scalars(value: YamlValue) -> list[str]:
    """A scalar as a one-item list, the non-empty scalars of a sequence, ``[]`` otherwise."""
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, YamlList):
        return [item for item in value if isinstance(item, str) and item]
    return []


def mappings(value: YamlValue) -> Iterator[tuple[YamlMap, int]]:
    """The mappings of a sequence with their lines (a lone mapping counts as one)."""
    if isinstance(value, YamlMap):
        yield value, value.line
    elif isinstance(value, YamlList):
        for item, line in value.items_with_lines():
            if isinstance(item, YamlMap):
                yield item, line


class _Converter:
    """Turns composed nodes into :class:`YamlMap`/:class:`YamlList`/``str``, converting each
    node once (aliases share the result, recursive anchors do not loop)."""

    def __init__(self) -> None:
        self._done: dict[int, YamlValue] = {}

    def convert(self, node: Any, depth: int) -> YamlValue:
        import yaml

        if id(node) in self._done:
            return self._done[id(node)]
        if depth > MAX_DEPTH:
            raise DetectorError(
                f"YAML nested more than {MAX_DEPTH} levels deep (line {node.start_mark.line + 1})"
            )
        line = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            value: YamlValue = None if node.tag == _NULL_TAG else str(node.value)
            self._done[id(node)] = value
            return value
        if isinstance(node, yaml.SequenceNode):
            sequence = YamlList(line)
            self._done[id(node)] = sequence
            for item in node.value:
                sequence.append(self.convert(item, depth + 1))
                sequence.item_lines.append(item.start_mark.line + 1)
            return sequence
        mapping = YamlMap(line)
        self._done[id(node)] = mapping
        for key, key_node, value_node in self._pairs(node, frozenset()):
            mapping[key] = self.convert(value_node, depth + 1)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def _pairs(self, node: Any, seen: frozenset[int]) -> list[tuple[str, Any, Any]]:
        """The mapping's (key, key node, value node) triples with merges applied: merged pairs
        first and explicit ones after, so that a later pair overrides an earlier one."""
        import yaml

        if id(node) in seen:
            return []
        if len(seen) > MAX_DEPTH:
            raise DetectorError(f"YAML merge keys chained more than {MAX_DEPTH} deep")
        seen = seen | {id(node)}
        merged: list[tuple[str, Any, Any]] = []
        explicit: list[tuple[str, Any, Any]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            if key_node.tag != _MERGE_TAG:
                explicit.append((str(key_node.value), key_node, value_node))
                continue
            # In a merged list the first mapping wins, so it is added last.
            sources = (
                list(reversed(value_node.value))
                if isinstance(value_node, yaml.SequenceNode)
                else [value_node]
            )
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(self._pairs(source, seen))
        return merged + explicit
