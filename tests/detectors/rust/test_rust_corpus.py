"""The Rust detector on every Cargo.toml and Cargo.lock of the corpus (needs
../shared/corpus), with counts checked by simpler means than the parsers'."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import inventory, require_corpus, scan_with

from detectors.rust.cargo_lock import parse_cargo_lock, read_cargo_lock
from detectors.rust.cargo_toml import parse_cargo_toml
from detectors.rust.detector import RustDetector
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import RepositoryScan, Scope


def corpus_files(kind: str) -> list[Path]:
    return [require_corpus() / folder / path for folder, path, _ in inventory(kind)]


def source(path: Path) -> SourceFile:
    return SourceFile(FileContent(path.name, path.read_bytes()), "rust")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, RustDetector)


def test_every_corpus_cargo_toml_parses() -> None:
    files = corpus_files("cargo-toml")
    assert len(files) == 13
    for path in files:
        output = parse_cargo_toml(source(path))
        assert output.failures == (), path
        assert output.manifests[0].name, path
    empty = corpus_files("cargo-toml-empty")
    assert len(empty) == 3
    for path in empty:
        with pytest.raises(DetectorError, match=r"^empty file$"):
            parse_cargo_toml(source(path))


def test_every_corpus_cargo_lock_parses_with_every_package() -> None:
    files = corpus_files("cargo-lock")
    assert len(files) == 3
    for path in files:
        text = path.read_text(encoding="utf-8")
        lock = read_cargo_lock(source(path))
        assert len(lock.packages) == len(re.findall(r"^\[\[package\]\]$", text, re.M)), path
        assert lock.version == int(re.search(r"^version = (\d+)$", text, re.M).group(1))  # type: ignore[union-attr]
        output = parse_cargo_lock(source(path))
        assert output.failures == (), path
        with_source = len(re.findall(r"^source = ", text, re.M))
        assert len({(d.name, d.resolved) for d in output.dependencies}) == with_source, path
        assert all(d.evidence[0].line for d in output.dependencies)
    (empty,) = corpus_files("cargo-lock-empty")
    output = parse_cargo_lock(source(empty))
    assert (output.dependencies, output.failures) == ((), ())


def test_ripgrep_workspace(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("BurntSushi__ripgrep"))
    root = result.components[0]
    assert (root.path, root.name) == (".", "ripgrep")
    assert root.workspace_members == (
        "crates/cli", "crates/globset", "crates/grep", "crates/ignore", "crates/index",
        "crates/matcher", "crates/pcre2", "crates/printer", "crates/regex", "crates/searcher",
    )  # fmt: skip
    fuzz = next(c for c in result.components if c.path == "fuzz")
    assert fuzz.workspace_root is None  # fuzz/ declares its own workspace
    rust = {
        (t.component, t.version, t.version_source) for t in result.technologies if t.key == "rust"
    }
    assert (".", "1.96", "declared") in rust
    assert ("crates/grep", "1.96", "declared") in rust  # rust-version.workspace = true
    assert ("crates/globset", "1.88", "declared") in rust
    deps = {(d.component, d.name): d for d in result.dependencies}
    aho = deps[("crates/globset", "aho-corasick")]
    assert (aho.declared, aho.resolved, aho.direct, aho.scope) == (
        "1.1.1",
        "1.1.5",
        True,
        Scope.RUNTIME,
    )
    assert {e.path for e in aho.evidence} == {"crates/globset/Cargo.toml", "Cargo.lock"}
    serde = deps[(".", "serde")]
    assert (serde.declared, serde.resolved, serde.scope) == ("1.0.77", "1.0.229", Scope.DEVELOPMENT)
    assert deps[(".", "grep-index")].scope is Scope.OPTIONAL
    # Transitive crates stay with the lock's component, indirect.
    assert deps[(".", "cfg-if")].direct is False
    # fuzz/Cargo.lock's crates belong to fuzz; globset's dependencies there are not fuzz's.
    assert deps[("fuzz", "libfuzzer-sys")].direct is True
    assert deps[("fuzz", "aho-corasick")].direct is False
    assert result.failures == ()


def test_opentelemetry_demo_shipping(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("open-telemetry__opentelemetry-demo"))
    locked = [d for d in result.dependencies if d.component == "src/shipping"]
    text = (
        corpus_tree("open-telemetry__opentelemetry-demo") / "src/shipping/Cargo.lock"
    ).read_text()
    assert len(locked) == text.count("\nsource = ") == 306
    shipping = {d.name: d for d in locked}
    actix = shipping["actix-web"]
    assert (actix.declared, actix.resolved, actix.direct) == ("4", "4.14.1", True)
    assert shipping["uuid"].declared == "1.23.2"
    assert result.failures == ()


def test_fdroid_empty_files(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("f-droid__fdroidserver"))
    assert {(f.path.rpartition("lockfile.test/")[2], f.reason) for f in result.failures} == {
        ("rust/subdir/Cargo.toml", "empty file"),
        ("rust/subdir/subdir/subdir/Cargo.toml", "empty file"),
        ("rust/subdir2/Cargo.toml", "empty file"),
    }
    assert result.dependencies == ()
