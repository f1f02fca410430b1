"""The Elixir detector on every mix.lock of the corpus (needs ../shared/corpus), with counts
checked by simpler means than the parser's."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from helpers import inventory, require_corpus, scan_with

from detectors.elixir.detector import ElixirDetector
from detectors.elixir.mix_lock import parse_mix_lock
from scanner.detector import FileContent, SourceFile
from scanner.model import FailureKind, RepositoryScan


def corpus_files(kind: str) -> list[Path]:
    return [require_corpus() / folder / path for folder, path, _ in inventory(kind)]


def source(path: Path) -> SourceFile:
    return SourceFile(FileContent(path.name, path.read_bytes()), "elixir")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, ElixirDetector)


def test_every_corpus_mix_lock_parses_with_every_entry() -> None:
    files = corpus_files("mix-lock")
    assert len(files) == 2
    for path in files:
        text = path.read_text(encoding="utf-8")
        output = parse_mix_lock(source(path))
        assert output.failures == (), path
        keys = re.findall(r'^  "([^"]+)": \{', text, re.M)
        assert len(output.dependencies) == len(keys), path
        hex_versions = dict(re.findall(r'^  "[^"]+": \{:hex, :(\w+), "([^"]+)"', text, re.M))
        assert {d.name: d.resolved for d in output.dependencies if d.resolved} == hex_versions
        assert [d.evidence[0].line for d in output.dependencies] == [
            number
            for number, line in enumerate(text.splitlines(), start=1)
            if line.startswith('  "')
        ]


def test_papercups_phoenix(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("papercups-io__papercups"))
    # The corpus did not copy mix.exs (a sparse file of NUL bytes): still a manifest.
    assert [(c.path, c.manifests) for c in result.components] == [(".", ("mix.exs",))]
    assert [(f.path, f.kind) for f in result.failures] == [("mix.exs", FailureKind.BINARY)]
    deps = {d.name: d for d in result.dependencies}
    assert len(deps) == 85
    phoenix = deps["phoenix"]
    assert (phoenix.resolved, phoenix.purl) == ("1.5.5", "pkg:hex/phoenix@1.5.5")
    assert deps["ecto"].resolved.startswith("3.")  # type: ignore[union-attr]
    assert [t.key for t in result.technologies] == ["mix"]


def test_opentelemetry_demo_flagd_ui(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("open-telemetry__opentelemetry-demo"))
    flagd = {d.name: d for d in result.dependencies if d.component == "src/flagd-ui"}
    assert len(flagd) == 57
    assert flagd["bandit"].resolved == "1.12.4"
    assert flagd["heroicons"].resolved is None
    assert "tag v2.2.0" in (flagd["heroicons"].version_note or "")
    assert flagd["ts_chatterbox"].version_note == (
        "Hex package ts_chatterbox, named chatterbox in this project"
    )
