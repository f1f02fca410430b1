"""The Elixir detector: Mix's mix.exs and mix.lock."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from detectors.common.parsing import unread_manifests
from detectors.elixir.mix_exs import parse_mix_exs
from detectors.elixir.mix_lock import parse_mix_lock
from scanner.detector import Detector, FileSelector, SourceFile, TreeView
from scanner.model import DetectorOutput, Ecosystem

PARSERS: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "mix.exs": parse_mix_exs,
    "mix.lock": parse_mix_lock,
}


class ElixirDetector(Detector):
    """Mix: the dependencies an Elixir project declares and locks, its Elixir version."""

    name = "elixir"
    description = "Mix: mix.exs project, Elixir version and deps; mix.lock versions."
    tags = frozenset({"manifest", "dependencies", "elixir"})
    selector = FileSelector(filenames=frozenset(PARSERS))

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._read: set[str] = set()

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """The output of the file's parser; :class:`DetectorError` when it cannot be read."""
        output = PARSERS[file.name](file)
        self._read.add(file.path)
        return output

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """A mix.exs that could not be read (binary, too large, not UTF-8) still makes its
        directory a Mix component: its presence is a manifest, as the listing shows it."""
        return DetectorOutput(
            manifests=unread_manifests(tree, {"mix.exs": "mix.exs"}, Ecosystem.HEX, self._read)
        )
