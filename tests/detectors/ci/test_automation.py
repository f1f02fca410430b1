"""Dependabot, Renovate (JSON and JSON5) and pre-commit."""

from __future__ import annotations

import math

import pytest

from detectors.ci import json5
from detectors.ci.dependabot import parse_dependabot
from detectors.ci.pre_commit import parse_pre_commit
from detectors.ci.renovate import parse_renovate
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError

SHA = "3e8a8703264a2f4a69428a0aa4dcb512790b2c8c"


def source(text: str, path: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode()), "ci")


def test_dependabot() -> None:
    output = parse_dependabot(
        source(
            """version: 2
updates:
  - package-ecosystem: npm
    directory: /web
    schedule: {interval: weekly}
  - package-ecosystem: github-actions
    directories: [/, /.github/actions/*]
  - package-ecosystem: npm
    directory: /api
""",
            ".github/dependabot.yml",
        )
    )
    (tool,) = output.technologies
    assert (tool.key, tool.name, tool.category, tool.version) == (
        "dependabot",
        "Dependabot",
        "tool",
        None,
    )
    assert tool.version_note == "updates npm, github-actions"
    assert [(e.line, e.reason) for e in tool.evidence[1:]] == [
        (3, "Dependabot updates npm in /web (weekly)"),
        (6, "Dependabot updates github-actions in /, /.github/actions/*"),
        (8, "Dependabot updates npm in /api"),
    ]
    with pytest.raises(DetectorError, match="no 'updates' list"):
        parse_dependabot(source("version: 2\n", ".github/dependabot.yml"))


def test_renovate_json_and_json5() -> None:
    plain = parse_renovate(
        source('{"extends": ["config:recommended"], "enabledManagers": ["npm"]}', "renovate.json")
    )
    (tool,) = plain.technologies
    assert tool.key == "renovate" and tool.category == "tool"
    assert tool.evidence[0].reason == (
        "Renovate configuration; extends config:recommended; enabled managers npm"
    )
    relaxed = parse_renovate(
        source(
            """// comment
{
  extends: ['config:base', "group:all",], /* block */
  npm: {enabled: false},
}
""",
            ".github/renovate.json5",
        )
    )
    assert relaxed.technologies[0].evidence[0].reason == (
        "Renovate configuration; extends config:base, group:all; disables npm"
    )


@pytest.mark.parametrize(
    ("text", "path", "message"),
    [
        ("", "renovate.json", "empty file"),
        ("{'a': 1}", "renovate.json", "not valid JSON: .* at line 1"),
        ("[1]", ".renovaterc", "expected a JSON object, found list"),
        ("{a: 1,\n b: }", "renovate.json5", "not valid JSON5: unexpected '}' at line 2"),
        ("{a: 'x\n'}", "renovate.json5", "line break inside a string"),
    ],
)
def test_renovate_malformed(text: str, path: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_renovate(source(text, path))


def test_json5_values() -> None:
    value = json5.loads(
        """{
  unquoted: 'single \\'quoted\\'', "double": "line\\
continued",
  hex: 0xFF, neg: -.5, pos: +1, exp: 1e3, trailing: 5., inf: -Infinity,
  list: [1, 'two', null, true, false,], $id_1: "\\u0041\\x42",
}"""
    )
    assert value["unquoted"] == "single 'quoted'"
    assert value["double"] == "linecontinued"
    assert (value["hex"], value["neg"], value["pos"], value["exp"], value["trailing"]) == (
        255,
        -0.5,
        1,
        1000.0,
        5.0,
    )
    assert value["inf"] == -math.inf
    assert value["list"] == [1, "two", None, True, False]
    assert value["$id_1"] == "AB"
    assert math.isnan(json5.loads("NaN"))
    for bad in ("{a 1}", "[1 2]", "/* open", "{a: 1} x", "[" * 300 + "]" * 300, "'\\u12'"):
        with pytest.raises(DetectorError, match="not valid JSON5"):
            json5.loads(bad)


def test_pre_commit() -> None:
    output = parse_pre_commit(
        source(
            f"""minimum_pre_commit_version: 3.2.0
repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.6.9
    hooks:
      - id: ruff
      - id: ruff-format
  - repo: https://github.com/pre-commit/pre-commit-hooks.git
    rev: {SHA}  # frozen: v5.0.0
    hooks: [{{id: check-yaml}}]
  - repo: git@gitlab.com:Org/Tool.git
    rev: stable
    hooks: [{{id: tool}}]
  - repo: local
    hooks:
      - id: mine
  - repo: meta
    hooks: [{{id: check-hooks-apply}}]
""",
            ".pre-commit-config.yaml",
        )
    )
    found = [
        (t.key, t.name, t.version, t.version_source, t.version_note) for t in output.technologies
    ]
    assert found == [
        ("pre-commit", "pre-commit", ">=3.2.0", "declared", None),
        ("github.com/astral-sh/ruff-pre-commit", "ruff-pre-commit", "v0.6.9", "resolved", None),
        (
            "github.com/pre-commit/pre-commit-hooks",
            "pre-commit-hooks",
            SHA,
            "resolved",
            "pinned to a commit SHA; the comment says frozen: v5.0.0",
        ),
        ("gitlab.com/org/tool", "tool", "stable", "declared", None),
    ]
    assert output.technologies[0].evidence[0].reason == (
        "pre-commit configuration; local hooks mine, check-hooks-apply"
    )
    assert output.technologies[1].evidence[0].line == 3
    assert "ruff, ruff-format" in output.technologies[1].evidence[0].reason
    assert {t.category for t in output.technologies} == {"tool"}
    old = parse_pre_commit(
        source("- repo: https://github.com/a/b\n  sha: x\n  hooks: []\n", ".pre-commit-config.yaml")
    )
    assert [t.key for t in old.technologies] == ["pre-commit", "github.com/a/b"]
    with pytest.raises(DetectorError, match="no 'repos' list"):
        parse_pre_commit(source("default_language_version: {}\n", ".pre-commit-config.yaml"))
