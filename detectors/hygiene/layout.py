"""The tree as the hygiene checks see it: lockfiles, source files and test files.

**Source files** are files with an extension in :data:`SOURCE_EXTENSIONS`, except
build and configuration scripts (:data:`CONFIG_NAMES`, ``*.config.js|ts…``, ``*.d.ts``,
dotfiles, ``*.example.py``…), vendored and generated files (the language census's path
rules), and files under a dot-directory or a directory of :data:`IGNORED_DIRS` (examples,
docs, fixtures, ``scripts/``, ``tools/``, benchmarks, migrations).

**Test files** are source files under a test directory (:data:`TEST_DIRS`, or a .NET test
project directory: a name ending in ``Tests``, ``Test`` or ``.Specs``) or named as the
usual test runners name them (:data:`TEST_NAME_RE`: ``test_*.py``, ``*_test.py``,
``conftest.py``, ``tests.py``, ``*.test.ts``, ``*.spec.js``, ``*.cy.ts``, ``*_test.go``,
``*_spec.rb``, ``*_test.rb``, ``*Test.java``, ``*Tests.kt``, ``*IT.java``, ``Test*.java``,
``*Spec.scala``, ``*Test.php``, ``*_test.exs``, ``*Tests.cs``, ``*_test.dart``…), which covers
``tests/``, ``test/``, ``__tests__/``, ``spec/`` and Maven's ``src/test/``.

Each source file has a **family**: ``dotnet`` (C#, F#, VB, whose tests live in separate test
projects), ``rust`` (whose unit tests live inside the source files), ``general`` otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from detectors.census.path_rules import is_generated, is_vendored
from detectors.hygiene.lockfiles import LOCKFILES
from scanner.detector import FileEntry

SOURCE_EXTENSIONS: dict[str, str] = {
    **dict.fromkeys(
        (".py", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte",
         ".go", ".java", ".kt", ".scala", ".groovy", ".rb", ".php", ".ex", ".exs", ".erl",
         ".swift", ".dart", ".c", ".cc", ".cpp", ".cxx", ".clj", ".hs", ".lua", ".elm", ".cr",
         ".zig", ".jl"),
        "general",
    ),
    **dict.fromkeys((".cs", ".fs", ".vb"), "dotnet"),
    ".rs": "rust",
}  # fmt: skip
CONFIG_NAMES = frozenset(
    {"setup.py", "manage.py", "noxfile.py", "fabfile.py", "build.rs", "mix.exs",
     "Gruntfile.js", "gulpfile.js", "Gulpfile.js", "Gruntfile.coffee", "Dangerfile.js"}
)  # fmt: skip
"""Build and configuration scripts, which are not code to be tested."""
_CONFIG_RE = re.compile(r"[^/]*\.config\.[cm]?[jt]s|[^/]*\.d\.[cm]?ts")
IGNORED_DIRS = frozenset(
    {"example", "examples", "sample", "samples", "doc", "docs", "fixtures", "__fixtures__",
     "testdata", "scripts", "script", "tools", "hack", "bench", "benchmark", "benchmarks",
     "migrations"}
)  # fmt: skip
"""Directories whose code is not the product's: examples, documentation, fixtures, tooling
scripts, benchmarks and generated migrations."""
_EXAMPLE_NAME_RE = re.compile(r"[^/]*\.(?:example|sample|template)\.[^/]+")
TEST_DIRS = frozenset({"test", "tests", "__tests__", "spec", "specs", "e2e", "__mocks__"})
_DOTNET_TEST_DIR_RE = re.compile(r".*(?:Tests|Test|\.Specs)\Z")
TEST_NAME_RE = re.compile(
    r"""(?:
        (?:test_[^/]*|[^/]*_test|conftest|tests)\.py
      | [^/]*\.(?:test|spec|cy)\.[cm]?[jt]sx?
      | [^/]*_test\.(?:go|exs|dart|rb|c|cc|cpp)
      | [^/]*_spec\.rb
      | test_[^/]*\.(?:c|cc|cpp)
      | (?:Test[^/]*|[^/]*(?:Test|Tests|IT|Spec))\.(?:java|kt|scala|groovy)
      | [^/]*(?:Test|Tests)\.(?:php|cs|fs|vb|swift)
    )\Z""",
    re.X,
)
LOCKFILE_NAMES: frozenset[str] = frozenset().union(*LOCKFILES.values())


@dataclass(frozen=True, slots=True)
class CodeFile:
    """A source file: its path, family and whether it is a test."""

    path: str
    family: str
    test: bool


@dataclass(frozen=True, slots=True)
class TreeLayout:
    """The lockfiles (paths) and code files of the tree."""

    lockfiles: frozenset[str]
    code: tuple[CodeFile, ...]


def read_layout(entries: Iterable[FileEntry]) -> TreeLayout:
    """Classify the walked files (see the module docstring); links are left out. What a
    directory says (ignored, a test directory) is worked out once per directory."""
    lockfiles: set[str] = set()
    code: list[CodeFile] = []
    directories: dict[str, tuple[bool, bool]] = {}
    for entry in entries:
        if entry.symlink:
            continue
        name = entry.name
        if name in LOCKFILE_NAMES:
            lockfiles.add(entry.path)
            continue
        dot = name.rfind(".")
        family = SOURCE_EXTENSIONS.get(name[dot:].lower()) if dot > 0 else None
        if (
            family is None
            or name.startswith(".")
            or name in CONFIG_NAMES
            or _CONFIG_RE.fullmatch(name)
            or _EXAMPLE_NAME_RE.fullmatch(name)
        ):
            continue
        directory = entry.path[: -len(name) - 1] if len(entry.path) > len(name) else ""
        flags = directories.get(directory)
        if flags is None:
            flags = directories[directory] = _directory_flags(directory)
        ignored, test_directory = flags
        if ignored or is_vendored(entry.path) or is_generated(entry.path):
            continue
        test = test_directory or TEST_NAME_RE.match(name) is not None
        code.append(CodeFile(entry.path, family, test))
    return TreeLayout(frozenset(lockfiles), tuple(code))


def _directory_flags(directory: str) -> tuple[bool, bool]:
    """Whether files under ``directory`` are left out (a dot-directory or an ignored one on
    the way) and whether it is a test directory."""
    parts = directory.split("/") if directory else []
    ignored = any(part.startswith(".") or part.lower() in IGNORED_DIRS for part in parts)
    test = any(part.lower() in TEST_DIRS or _DOTNET_TEST_DIR_RE.match(part) for part in parts)
    return ignored, test
