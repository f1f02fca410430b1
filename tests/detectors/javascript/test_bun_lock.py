"""bun.lock (JSONC) and the tolerant JSONC reader."""

from __future__ import annotations

import pytest

from detectors.javascript.bun_lock import parse_bun_lock, read_bun_lock
from detectors.javascript.documents import load_jsonc
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Scope


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode("utf-8")), "javascript")


BUN = """\
{
  // Bun writes trailing commas; people add comments.
  "lockfileVersion": 1,
  "workspaces": {
    "": {
      "name": "root",
      "devDependencies": {
        "typescript": "^5.4.0",
      },
    },
    "apps/web": {
      "name": "web",
      "dependencies": {
        "react": "^18.2.0",
        "lodash": "^3.0.0",
        "ui": "workspace:*",
      },
    },
    "packages/ui": {
      "name": "ui",
      "version": "1.0.0",
    },
  },
  "packages": {
    "react": ["react@18.3.1", "", { "dependencies": { "loose-envify": "^1.1.0" } }, "sha512-a"],

    "loose-envify": ["loose-envify@1.4.0", "", {}, "sha512-b"],

    "lodash": ["lodash@4.17.21", "", {}, "sha512-c"],

    "web/lodash": ["lodash@3.10.1", "", {}, "sha512-d"],

    "typescript": ["typescript@5.4.5", "", { "dependencies": { "tslib": "^2" } }, "sha512-e"],

    "typescript/tslib": ["tslib@2.6.2", "", {}, "sha512-f"],

    /* a block comment with "quotes" and a // inside */
    "ui": ["ui@workspace:packages/ui"],

    "gitdep": ["gitdep@github:a/gitdep#abc", { "dependencies": {} }, "a-gitdep-abc"],

    "url": ["url@https://x.example/u.tgz", { }],
  }
}
"""


def test_packages_workspaces_and_nested_lookups() -> None:
    lock = read_bun_lock(source("bun.lock", BUN))
    assert lock.format == "bun.lock v1"
    assert lock.local_names == {"ui"}
    assert [(p.name, p.version, p.scope) for p in lock.packages] == [
        ("react", "18.3.1", Scope.RUNTIME),
        ("loose-envify", "1.4.0", Scope.RUNTIME),
        ("lodash", "4.17.21", Scope.RUNTIME),
        ("lodash", "3.10.1", Scope.RUNTIME),
        ("typescript", "5.4.5", Scope.DEVELOPMENT),
        ("tslib", "2.6.2", Scope.DEVELOPMENT),
        ("gitdep", None, Scope.RUNTIME),
        ("url", None, Scope.RUNTIME),
    ]
    assert [(a.directory, a.package.name, a.package.version, a.scope) for a in lock.asks] == [
        (".", "typescript", "5.4.5", Scope.DEVELOPMENT),
        ("apps/web", "react", "18.3.1", Scope.RUNTIME),
        ("apps/web", "lodash", "3.10.1", Scope.RUNTIME),
    ]
    text = BUN.splitlines()
    assert text[(lock.packages[3].line or 0) - 1].lstrip().startswith('"web/lodash"')
    assert lock.packages[6].note == "not from a registry: github:a/gitdep#abc"


def test_output_direct_per_workspace() -> None:
    output = parse_bun_lock(source("bun.lock", BUN))
    found = {(d.name, d.resolved): (d.direct, d.component) for d in output.dependencies}
    assert found[("lodash", "3.10.1")] == (True, "apps/web")
    assert found[("lodash", "4.17.21")] == (False, None)
    assert found[("typescript", "5.4.5")] == (True, None)
    assert ("ui", None) not in found


def test_jsonc_keeps_comment_markers_and_commas_inside_strings() -> None:
    text = '{"a": "x // not a comment, ]", /* c */ "b": ["/*", "*/",], // tail\n}'
    assert load_jsonc(source("bun.lock", text)) == {"a": "x // not a comment, ]", "b": ["/*", "*/"]}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("// only a comment\n", "empty file|not valid JSON"),
        ('{\n  "lockfileVersion": 1,\n  "packages": {\n', "not valid JSON: .* at line 4"),
        ("/* unterminated\n{}", "not valid JSON"),
        ('{"packages": {}}', "no lockfileVersion"),
        ('{"lockfileVersion": 1, "packages": []}', "'packages' is not an object"),
        ('{"lockfileVersion": 1, "workspaces": 3}', "'workspaces' is not an object"),
    ],
)
def test_malformed_bun_lock(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_bun_lock(source("bun.lock", text))


def test_odd_package_entries_are_skipped() -> None:
    text = '{"lockfileVersion": 0, "packages": {"a": [], "b": "x", "c": [1], "d": ["d@1.0.0"]}}'
    assert [
        (d.name, d.resolved) for d in parse_bun_lock(source("bun.lock", text)).dependencies
    ] == [("d", "1.0.0")]
