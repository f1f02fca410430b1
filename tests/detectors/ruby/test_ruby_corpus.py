"""The Ruby detector on every Gemfile.lock of the corpus (needs ../shared/corpus), with counts
checked by simpler means than the parser's."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from helpers import inventory, require_corpus, scan_with

from detectors.ruby.detector import RubyDetector
from detectors.ruby.gemfile_lock import parse_gemfile_lock
from scanner.detector import FileContent, SourceFile
from scanner.model import FailureKind, RepositoryScan


def corpus_files(kind: str) -> list[Path]:
    return [require_corpus() / folder / path for folder, path, _ in inventory(kind)]


def source(path: Path) -> SourceFile:
    return SourceFile(FileContent(path.name, path.read_bytes()), "ruby")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, RubyDetector)


def test_every_corpus_gemfile_lock_parses_with_every_gem() -> None:
    files = corpus_files("gemfile-lock")
    assert len(files) == 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        output = parse_gemfile_lock(source(path))
        assert output.failures == (), path
        # Locked gems: 4-space lines "name (version[-platform])", platforms folded.
        locked = set(re.findall(r"^    (\S+) \(([^-)]+)", text, re.M))
        section = text.split("\nDEPENDENCIES\n")[1].split("\n\n")[0]
        direct = {line.split()[0].rstrip("!") for line in section.splitlines()}
        resolved = {(d.name, d.resolved) for d in output.dependencies if d.resolved}
        assert resolved == locked, path
        assert {d.name for d in output.dependencies if d.direct} == direct, path
        assert len(output.dependencies) == len(locked) + len(direct - {n for n, _ in locked})


def test_maybe_rails_and_ruby(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("maybe-finance__maybe"))
    # The corpus did not copy the Gemfile (a sparse file of NUL bytes): still a manifest.
    assert [(c.path, c.manifests) for c in result.components] == [(".", ("Gemfile",))]
    assert [(f.path, f.kind) for f in result.failures] == [("Gemfile", FailureKind.BINARY)]
    deps = {d.name: d for d in result.dependencies}
    rails = deps["rails"]
    assert (rails.declared, rails.resolved, rails.direct) == ("~> 7.2.2", "7.2.2.1", True)
    assert rails.resolved.startswith("7.2.")
    assert deps["actionpack"].direct is False
    assert deps["lucide-rails"].version_note.startswith("git https://github.com/maybe-finance")  # type: ignore[union-attr]
    technologies = {(t.key, t.version, t.version_source) for t in result.technologies}
    assert ("ruby", "3.4.4", "resolved") in technologies
    assert ("bundler", "2.6.9", "resolved") in technologies


def test_opentelemetry_demo_gemfile_locks(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("open-telemetry__opentelemetry-demo"))
    by_component = {(d.component, d.name): d for d in result.dependencies}
    sinatra = by_component[("src/email", "sinatra")]
    assert (sinatra.declared, sinatra.resolved, sinatra.direct) == ("~> 4.2", "4.2.1", True)
    protobuf = by_component[("src/email", "google-protobuf")]
    assert protobuf.resolved == "4.35.1"  # locked for four platforms, one dependency
    cocoapods = by_component[("src/react-native-app", "cocoapods")]
    assert (cocoapods.declared, cocoapods.resolved) == ("= 1.17.0", "1.17.0")
    technologies = {(t.component, t.key, t.version) for t in result.technologies}
    assert ("src/react-native-app", "ruby", "4.0.5") in technologies
    assert ("src/react-native-app", "bundler", "4.0.15") in technologies
    assert ("src/email", "bundler", "2.6.7") in technologies
