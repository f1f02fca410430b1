"""A detector whose files each go to one parser chosen by base name, and that remembers which
manifests it was given, so that one it never received still forms a component."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from detectors.common.parsing import unread_manifests
from scanner.detector import Detector, SourceFile, TreeView
from scanner.model import DetectorOutput

Parser = Callable[[SourceFile], DetectorOutput]


class RoutingDetector(Detector):
    """Subclasses set ``parsers`` (base name -> parser), ``manifest_kinds`` (base name ->
    manifest kind, for the manifests among those files) and ``ecosystem``; their selector
    should be the names of ``parsers``."""

    parsers: ClassVar[Mapping[str, Parser]]
    manifest_kinds: ClassVar[Mapping[str, str]]
    ecosystem: ClassVar[str]

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._read: set[str] = set()

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """The output of the file's parser; :class:`DetectorError` when it cannot be read."""
        output = self.parsers[file.name](file)
        self._read.add(file.path)
        return output

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """A manifest that could not be read (binary, too large, not text, not parseable)
        still makes its directory a component: the file list shows it is there."""
        return DetectorOutput(
            manifests=unread_manifests(tree, self.manifest_kinds, self.ecosystem, self._read)
        )
