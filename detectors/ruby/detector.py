"""The Ruby detector: Bundler's Gemfile and Gemfile.lock (also named gems.rb, gems.locked)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from detectors.common.parsing import unread_manifests
from detectors.ruby.gemfile import parse_gemfile
from detectors.ruby.gemfile_lock import parse_gemfile_lock
from scanner.detector import Detector, FileSelector, SourceFile, TreeView
from scanner.model import DetectorOutput, Ecosystem

PARSERS: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "Gemfile": parse_gemfile,
    "gems.rb": parse_gemfile,
    "Gemfile.lock": parse_gemfile_lock,
    "gems.locked": parse_gemfile_lock,
}
_MANIFEST_KINDS = {"Gemfile": "Gemfile", "gems.rb": "gems.rb"}


class RubyDetector(Detector):
    """Bundler: the gems a Ruby project declares and locks, its Ruby and Bundler versions."""

    name = "ruby"
    description = "Bundler: Gemfile gems and groups, Gemfile.lock versions, Ruby and Bundler."
    tags = frozenset({"manifest", "dependencies", "ruby"})
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
        """A Gemfile that could not be read (binary, too large, not UTF-8) still makes its
        directory a Ruby component: its presence is a manifest, as the listing shows it."""
        return DetectorOutput(
            manifests=unread_manifests(tree, _MANIFEST_KINDS, Ecosystem.GEM, self._read)
        )
