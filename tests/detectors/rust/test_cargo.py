"""The Rust detector on hand-made Cargo.toml and Cargo.lock files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import scan_with

from detectors.rust.cargo_lock import parse_cargo_lock, read_cargo_lock
from detectors.rust.cargo_toml import parse_cargo_toml
from detectors.rust.detector import RustDetector
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, RepositoryScan, Scope


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "rust")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, RustDetector)


def by_name(dependencies: tuple[Dependency, ...] | list[Dependency]) -> dict[str, Dependency]:
    return {d.name: d for d in dependencies}


CARGO_TOML = """\
[package]
name = "app"
version = "0.3.1"
edition = "2021"
rust-version = "1.74"
description = \"\"\"
serde = "not a dependency, a multi-line string"
\"\"\"

[dependencies]
serde = { version = "1.0.190", features = ["derive"] }
anyhow = "1"
tokio = { version = "1.35", optional = true }
local = { path = "../local" }
pinned = { path = "../pinned", version = "0.2" }
from-git = { git = "https://github.com/o/r", tag = "v2.0.0" }
renamed = { package = "real-crate", version = "0.9" }
private = { version = "3", registry = "corp" }
"dotted".version = "4.1"

[dependencies.uuid]
version = "1.6"
features = ["v4"]

[dev-dependencies]
proptest = "1.4"

[build-dependencies]
cc = "1.0.83"

[target.'cfg(windows)'.dependencies]
winapi = { version = "0.3", features = ["winuser"] }

[target.x86_64-unknown-linux-gnu.dev-dependencies.pprof]
version = "0.13"

[features]
default = ["tokio"]
"""


def test_cargo_toml_every_dependency_form() -> None:
    output = parse_cargo_toml(source("app/Cargo.toml", CARGO_TOML))
    assert output.failures == ()
    (found,) = output.manifests
    assert (found.name, found.version, found.kind, found.ecosystem, found.workspace) == (
        "app",
        "0.3.1",
        "Cargo.toml",
        "cargo",
        None,
    )
    technologies = {(t.key, t.version, t.version_source) for t in output.technologies}
    assert technologies == {("cargo", None, None), ("rust", "1.74", "declared")}
    rust = next(t for t in output.technologies if t.key == "rust")
    assert rust.evidence[0].line == 5
    deps = by_name(output.dependencies)
    assert set(deps) == {
        "serde", "anyhow", "tokio", "local", "pinned", "from-git", "real-crate", "private",
        "dotted", "uuid", "proptest", "cc", "winapi", "pprof",
    }  # fmt: skip
    expected = {
        "serde": ("1.0.190", Scope.RUNTIME, None, 11),
        "anyhow": ("1", Scope.RUNTIME, None, 12),
        "tokio": ("1.35", Scope.OPTIONAL, None, 13),
        "local": (None, Scope.RUNTIME, "path dependency ../local", 14),
        "pinned": ("0.2", Scope.RUNTIME, "path dependency ../pinned", 15),
        "from-git": (None, Scope.RUNTIME, "git dependency https://github.com/o/r (tag v2.0.0)", 16),
        "real-crate": ("0.9", Scope.RUNTIME, "renamed to 'renamed' in this package", 17),
        "private": ("3", Scope.RUNTIME, "from registry 'corp'", 18),
        "dotted": ("4.1", Scope.RUNTIME, None, 19),
        "uuid": ("1.6", Scope.RUNTIME, None, 21),
        "proptest": ("1.4", Scope.DEVELOPMENT, None, 26),
        "cc": ("1.0.83", Scope.BUILD, None, 29),
        "winapi": ("0.3", Scope.RUNTIME, None, 32),
        "pprof": ("0.13", Scope.DEVELOPMENT, None, 34),
    }
    for name, (declared, scope, note, line) in expected.items():
        dep = deps[name]
        assert (dep.declared, dep.scope, dep.version_note, dep.evidence[0].line) == (
            declared,
            scope,
            note,
            line,
        ), name
        assert dep.resolved is None and dep.direct is True
    assert deps["winapi"].evidence[0].reason == "target 'cfg(windows)' dependencies entry 'winapi'"


def test_edition_gives_a_minimum_rust_when_no_rust_version() -> None:
    text = '[package]\nname = "x"\nedition = "2024"\n'
    rust = [t for t in parse_cargo_toml(source("Cargo.toml", text)).technologies if t.key == "rust"]
    assert [(t.version, t.version_source) for t in rust] == [("1.85", "inferred")]
    assert "edition 2024" in (rust[0].version_note or "")


def test_bad_entries_are_failures() -> None:
    text = (
        '[package]\nname = "x"\n[dependencies]\nok = "1"\nnumber = 3\n'
        'nothing = { features = ["a"] }\n'
    )
    output = parse_cargo_toml(source("Cargo.toml", text))
    assert [d.name for d in output.dependencies] == ["ok"]
    assert [f.reason for f in output.failures] == [
        "dependency 'number': expected a version string or a table",
        "dependency 'nothing': no version, path, git or workspace",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("  \n\n", "empty file"),
        ("[package\nname = 1", "not valid TOML"),
        ('[package]\nname = "a"\nname = "b"\n', "not valid TOML"),
    ],
)
def test_malformed_cargo_toml(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_cargo_toml(source("Cargo.toml", text))


def test_workspace_inheritance_on_its_own_and_across_files(make_tree) -> None:  # type: ignore[no-untyped-def]
    root_toml = """\
[workspace]
members = ["crates/*", "tools/gen"]
exclude = ["crates/legacy"]

[workspace.package]
version = "2.0.0"
rust-version = "1.80"

[workspace.dependencies]
serde = { version = "1.0.200", features = ["derive"] }
log = "0.4.21"
shared = { path = "crates/shared" }
"""
    member = """\
[package]
name = "core"
version.workspace = true
rust-version.workspace = true

[dependencies]
serde = { workspace = true, features = ["rc"] }
log.workspace = true
missing = { workspace = true }
extra = { workspace = true, optional = true }

[dev-dependencies]
shared = { workspace = true }
"""
    # Alone, a member cannot know what it inherits.
    alone = by_name(parse_cargo_toml(source("crates/core/Cargo.toml", member)).dependencies)
    assert alone["serde"].declared is None
    assert "workspace = true" in (alone["serde"].version_note or "")

    root = make_tree(
        {
            "Cargo.toml": root_toml,
            "crates/core/Cargo.toml": member,
            "crates/shared/Cargo.toml": '[package]\nname = "shared"\nversion = "2.0.0"\n',
            "crates/legacy/Cargo.toml": '[package]\nname = "legacy"\nversion = "0.1.0"\n',
            "tools/gen/Cargo.toml": (
                '[package]\nname = "gen"\nworkspace = "../.."\n[dependencies]\n'
                "log = { workspace = true }\n"
            ),
        }
    )
    result = scan(root)
    components = {c.path: c.workspace_root for c in result.components}
    assert components == {
        ".": None,
        "crates/core": ".",
        "crates/legacy": None,
        "crates/shared": ".",
        "tools/gen": ".",
    }
    assert result.components[0].workspace_members == ("crates/core", "crates/shared", "tools/gen")
    core = {d.name: d for d in result.dependencies if d.component == "crates/core"}
    assert (core["serde"].declared, core["serde"].scope) == ("1.0.200", Scope.RUNTIME)
    assert [(e.path, e.line) for e in core["serde"].evidence] == [
        ("crates/core/Cargo.toml", 7),
        ("Cargo.toml", 10),
    ]
    assert core["log"].declared == "0.4.21"
    assert core["shared"].scope is Scope.DEVELOPMENT
    assert core["shared"].version_note == "path dependency crates/shared"
    assert core["missing"].declared is None
    assert core["missing"].version_note == (
        "inherited from the workspace root (workspace = true): "
        "no 'missing' in [workspace.dependencies] of Cargo.toml"
    )
    assert core["extra"].scope is Scope.OPTIONAL
    gen = [d for d in result.dependencies if d.component == "tools/gen"]
    assert [(d.name, d.declared) for d in gen] == [("log", "0.4.21")]
    rust = {(t.component, t.version) for t in result.technologies if t.key == "rust"}
    assert rust == {(".", "1.80"), ("crates/core", "1.80")}
    assert result.failures == ()


LOCK_V4 = """\
# This file is automatically @generated by Cargo.
# It is not intended for manual editing.
version = 4

[[package]]
name = "app"
version = "0.1.0"
dependencies = [
 "helper",
 "rand 0.8.5",
 "serde",
]

[[package]]
name = "helper"
version = "0.1.0"
dependencies = [
 "rand 0.7.3",
]

[[package]]
name = "rand"
version = "0.7.3"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "6a6b1679d49b24bbfe0c803429aa1874472f50d9b363131f0e89fc356b544d03"

[[package]]
name = "rand"
version = "0.8.5"
source = "registry+https://github.com/rust-lang/crates.io-index"
checksum = "34af8d1a0e25924bc5b7c43c079c942339d8f0a8b57c39049bef581b46327404"

[[package]]
name = "serde"
version = "1.0.193"
source = "git+https://github.com/serde-rs/serde?branch=master#a1b2c3d"
dependencies = [
 "zmij",
]

[[package]]
name = "zmij"
version = "1.0.0"
source = "sparse+https://index.crates.io/"
"""


def test_cargo_lock_v4_direct_and_indirect() -> None:
    lock = read_cargo_lock(source("Cargo.lock", LOCK_V4))
    assert lock.version == 4
    assert [(p.name, p.line) for p in lock.packages] == [
        ("app", 5),
        ("helper", 14),
        ("rand", 21),
        ("rand", 27),
        ("serde", 33),
        ("zmij", 41),
    ]
    output = parse_cargo_lock(source("Cargo.lock", LOCK_V4))
    found = {(d.name, d.resolved): (d.direct, d.version_note) for d in output.dependencies}
    assert found == {
        ("rand", "0.7.3"): (True, None),  # helper is one of the workspace's crates
        ("rand", "0.8.5"): (True, None),
        ("serde", "1.0.193"): (
            True,
            "git https://github.com/serde-rs/serde?branch=master at a1b2c3d",
        ),
        ("zmij", "1.0.0"): (False, None),
    }
    assert all(d.scope is Scope.RUNTIME and d.component is None for d in output.dependencies)
    assert [t.key for t in output.technologies] == ["cargo"]


def test_cargo_lock_v1_with_root_and_metadata() -> None:
    text = """\
[root]
name = "old"
version = "0.1.0"
dependencies = [
 "libc 0.2.20 (registry+https://github.com/rust-lang/crates.io-index)",
]

[[package]]
name = "libc"
version = "0.2.20"
source = "registry+https://github.com/rust-lang/crates.io-index"

[[package]]
name = "winapi"
version = "0.2.8"
source = "registry+https://github.com/rust-lang/crates.io-index"

[metadata]
"checksum libc 0.2.20 (registry+https://github.com/rust-lang/crates.io-index)" = "684f330624d8"
"""
    lock = read_cargo_lock(source("Cargo.lock", text))
    assert lock.version == 1
    assert [p.name for p in lock.packages] == ["old", "libc", "winapi"]
    output = parse_cargo_lock(source("Cargo.lock", text))
    assert {(d.name, d.resolved, d.direct) for d in output.dependencies} == {
        ("libc", "0.2.20", True),
        ("winapi", "0.2.8", False),
    }
    assert {d.evidence[0].line for d in output.dependencies} == {8, 13}


def test_cargo_lock_v2_has_no_version_but_checksums() -> None:
    text = LOCK_V4.replace("version = 4\n", "")
    lock = read_cargo_lock(source("Cargo.lock", text))
    assert lock.version == 2
    assert len(parse_cargo_lock(source("Cargo.lock", text)).dependencies) == 4


def test_cargo_lock_v3_crlf() -> None:
    text = (
        'version = 3\r\n\r\n[[package]]\r\nname = "a"\r\nversion = "1.0.0"\r\n'
        'source = "registry+x"\r\n'
    )
    (dep,) = parse_cargo_lock(source("Cargo.lock", text)).dependencies
    assert (dep.name, dep.resolved, dep.version_note, dep.evidence[0].line) == (
        "a",
        "1.0.0",
        "registry x",
        3,
    )


def test_empty_cargo_lock_is_a_lock_of_nothing() -> None:
    for text in ("", "# only a comment\n"):
        output = parse_cargo_lock(source("Cargo.lock", text))
        assert (output.dependencies, output.failures) == ((), ())
        assert [t.key for t in output.technologies] == ["cargo"]


def test_cargo_lock_bad_entry_is_a_failure() -> None:
    text = (
        '[[package]]\nname = "ok"\nversion = "1.0.0"\nsource = "x"\n\n[[package]]\nname = "nov"\n'
    )
    output = parse_cargo_lock(source("Cargo.lock", text))
    assert [d.name for d in output.dependencies] == ["ok"]
    assert [f.reason for f in output.failures] == [
        "line 6: package entry without a name and version, skipped"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[package]\n", "not valid TOML"),
        ('package = "x"\n', "'package' is not an array of tables"),
        ('version = "four"\n', "lockfile version is 'four', not a number"),
    ],
)
def test_malformed_cargo_lock(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        read_cargo_lock(source("Cargo.lock", text))


def test_root_lock_gives_members_their_direct_dependencies(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "Cargo.toml": (
                '[package]\nname = "app"\nversion = "0.1.0"\n[workspace]\nmembers = ["helper"]\n'
                '[dependencies]\nserde = { git = "https://github.com/serde-rs/serde" }\n'
                'rand = "0.8"\nhelper = { path = "helper" }\n'
            ),
            "Cargo.lock": LOCK_V4,
            "helper/Cargo.toml": (
                '[package]\nname = "helper"\nversion = "0.1.0"\n[dependencies]\nrand = "0.7"\n'
            ),
        }
    )
    result = scan(root)
    found = {(d.component, d.name, d.declared, d.resolved, d.direct) for d in result.dependencies}
    assert found == {
        (".", "rand", "0.8", "0.8.5", True),
        (".", "serde", None, "1.0.193", True),
        (".", "helper", None, None, True),
        (".", "zmij", None, "1.0.0", False),
        ("helper", "rand", "0.7", "0.7.3", True),
    }
    assert result.failures == ()
