"""The Ruby detector: Bundler's Gemfile and Gemfile.lock (also named gems.rb, gems.locked)."""

from __future__ import annotations

from collections.abc import Callable

from detectors.common.routing import RoutingDetector
from detectors.ruby.gemfile import parse_gemfile
from detectors.ruby.gemfile_lock import parse_gemfile_lock
from scanner.detector import FileSelector, SourceFile
from scanner.model import DetectorOutput, Ecosystem

PARSERS: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "Gemfile": parse_gemfile,
    "gems.rb": parse_gemfile,
    "Gemfile.lock": parse_gemfile_lock,
    "gems.locked": parse_gemfile_lock,
}
_MANIFEST_KINDS = {"Gemfile": "Gemfile", "gems.rb": "gems.rb"}


class RubyDetector(RoutingDetector):
    """Bundler: the gems a Ruby project declares and locks, its Ruby and Bundler versions."""

    name = "ruby"
    description = "Bundler: Gemfile gems and groups, Gemfile.lock versions, Ruby and Bundler."
    tags = frozenset({"manifest", "dependencies", "ruby"})
    selector = FileSelector(filenames=frozenset(PARSERS))
    parsers = PARSERS
    manifest_kinds = _MANIFEST_KINDS
    ecosystem = Ecosystem.GEM
