"""package.json: sections and scopes, specifiers, workspaces, the tools it pins, errors."""

from __future__ import annotations

import json

import pytest

from detectors.javascript.package_json import parse_package_json, read_package_json
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, Dependency, Scope


def source(path: str, text: str | bytes) -> SourceFile:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), "javascript")


def deps(text: str) -> dict[str, list[Dependency]]:
    found: dict[str, list[Dependency]] = {}
    for dependency in parse_package_json(source("app/package.json", text)).dependencies:
        found.setdefault(dependency.name, []).append(dependency)
    return found


def test_manifest_with_name_version_and_every_section_scope_and_line() -> None:
    text = """{
  "name": "@acme/app",
  "version": "1.2.3",
  "dependencies": {
    "react": "^18.2.0"
  },
  "devDependencies": {
    "vite": "5.0.0"
  },
  "optionalDependencies": {
    "fsevents": "*"
  },
  "peerDependencies": {
    "react-dom": ">=18",
    "typescript": ">=5"
  },
  "peerDependenciesMeta": {
    "typescript": {"optional": true}
  }
}
"""
    output = parse_package_json(source("app/package.json", text))
    (found,) = output.manifests
    assert (found.path, found.directory, found.ecosystem, found.kind) == (
        "app/package.json",
        "app",
        "npm",
        "package.json",
    )
    assert (found.name, found.version, found.workspace) == ("@acme/app", "1.2.3", None)
    table = {
        d.name: (d.declared, d.scope, d.evidence[0].line, d.version_note)
        for d in output.dependencies
    }
    assert table == {
        "react": ("^18.2.0", Scope.RUNTIME, 5, None),
        "vite": ("5.0.0", Scope.DEVELOPMENT, 8, None),
        "fsevents": ("*", Scope.OPTIONAL, 11, None),
        "react-dom": (">=18", Scope.PEER, 14, None),
        "typescript": (">=5", Scope.OPTIONAL, 15, None),
    }
    react = next(d for d in output.dependencies if d.name == "react")
    assert react.evidence[0].reason == "dependencies entry 'react'"
    assert react.evidence[0].detector == "javascript"
    assert all(
        d.direct and d.resolved is None and d.ecosystem == "npm" for d in output.dependencies
    )


@pytest.mark.parametrize(
    ("specifier", "name", "declared", "note"),
    [
        ("workspace:*", "lib", "workspace:*", "workspace protocol"),
        ("workspace:^1.0.0", "lib", "workspace:^1.0.0", "workspace protocol"),
        ("file:../lib", "lib", "file:../lib", "local path"),
        ("link:../lib", "lib", "link:../lib", "local path"),
        ("portal:../lib", "lib", "portal:../lib", "local path"),
        ("../lib", "lib", "../lib", "local path"),
        (
            "git+https://github.com/a/lib.git#v1",
            "lib",
            "git+https://github.com/a/lib.git#v1",
            "git",
        ),
        ("git+ssh://git@github.com/a/lib.git", "lib", "git+ssh://git@github.com/a/lib.git", "git"),
        ("github:a/lib#main", "lib", "github:a/lib#main", "git"),
        ("a/lib#semver:^1.0", "lib", "a/lib#semver:^1.0", "GitHub"),
        ("a/lib", "lib", "a/lib", "GitHub"),
        ("https://x.example/lib-1.0.0.tgz", "lib", "https://x.example/lib-1.0.0.tgz", "tarball"),
        ("npm:real-lib@^2.1.0", "real-lib", "^2.1.0", "npm alias: installed as 'lib'"),
        ("npm:@scope/real@~3.0.0", "@scope/real", "~3.0.0", "npm alias: installed as 'lib'"),
        ("npm:real-lib", "real-lib", None, "no range"),
        ("npm:^2.0.0", "lib", "^2.0.0", None),
        ("catalog:", "lib", "catalog:", "'default' catalog"),
        ("catalog:react18", "lib", "catalog:react18", "'react18' catalog"),
        ("patch:lib@npm%3A1.2.3#~/.yarn/patches/lib.patch", "lib", "1.2.3", "Yarn patch"),
        ("jsr:@std/path@^1", "lib", "jsr:@std/path@^1", "JSR"),
        ("", "lib", None, "empty version range"),
        ("latest", "lib", "latest", None),
        (">=1.0.0 <2 || ^3", "lib", ">=1.0.0 <2 || ^3", None),
        ("1.x", "lib", "1.x", None),
    ],
)
def test_specifiers_keep_what_is_written_and_say_why_it_is_no_range(
    specifier: str, name: str, declared: str | None, note: str | None
) -> None:
    found = deps(json.dumps({"dependencies": {"lib": specifier}}))
    (dependency,) = found[name]
    assert dependency.declared == declared
    if note is None:
        assert dependency.version_note is None
    else:
        assert dependency.version_note is not None
        assert note in dependency.version_note


def test_a_non_string_specifier_is_kept_without_a_range() -> None:
    (dependency,) = deps('{"dependencies": {"odd": {"version": "1"}}}')["odd"]
    assert dependency.declared is None
    assert dependency.version_note == "no version range given (not a string)"


def test_bundled_dependencies_add_evidence_or_stand_alone() -> None:
    text = json.dumps({"dependencies": {"a": "^1.0.0"}, "bundleDependencies": ["a", "b"]}, indent=2)
    found = deps(text)
    (a,) = found["a"]
    assert [e.reason for e in a.evidence] == [
        "dependencies entry 'a'",
        "bundleDependencies entry 'a'",
    ]
    (b,) = found["b"]
    assert (b.declared, b.scope) == (None, Scope.RUNTIME)
    assert b.version_note == "bundled with the package; no range declared"
    legacy = deps(json.dumps({"bundledDependencies": ["c"]}))
    assert list(legacy) == ["c"]


@pytest.mark.parametrize(
    ("workspaces", "patterns", "excludes"),
    [
        (
            ["packages/*", "apps/web", "!packages/old"],
            ("packages/*", "apps/web"),
            ("packages/old",),
        ),
        ({"packages": ["libs/**"], "nohoist": ["**/x"]}, ("libs/**",), ()),
    ],
)
def test_workspaces_as_a_list_or_yarn_object_with_exclusions(
    workspaces: object, patterns: tuple[str, ...], excludes: tuple[str, ...]
) -> None:
    output = parse_package_json(source("package.json", json.dumps({"workspaces": workspaces})))
    workspace = output.manifests[0].workspace
    assert workspace is not None
    assert (workspace.tool, workspace.patterns, workspace.excludes) == (
        "npm-workspaces",
        patterns,
        excludes,
    )


def test_empty_workspaces_declare_nothing() -> None:
    output = parse_package_json(source("package.json", '{"workspaces": []}'))
    assert output.manifests[0].workspace is None


def test_package_manager_field_gives_the_tool_and_its_version() -> None:
    text = '{\n  "packageManager": "pnpm@9.1.0+sha512.0123abcd"\n}\n'
    read = read_package_json(source("package.json", text))
    (tool,) = read.output.technologies
    assert (tool.key, tool.name, tool.category) == ("pnpm", "pnpm", Category.PACKAGE_MANAGER)
    assert (tool.version, tool.version_source, tool.version_note) == ("9.1.0", "declared", None)
    assert tool.evidence[0].line == 2
    assert tool.evidence[0].reason == "packageManager field 'pnpm@9.1.0'"
    assert read.names_package_manager


@pytest.mark.parametrize(
    ("value", "version", "note"),
    [
        ("yarn@1.22.22", "1.22.22", None),
        ("bun@1.1.0", "1.1.0", None),
        ("npm@10.8.0-rc.1", "10.8.0-rc.1", None),
        ("yarn", None, "packageManager names no version"),
        ("yarn@https://x.example/yarn.js", None, "not a version"),
    ],
)
def test_package_manager_versions(value: str, version: str | None, note: str | None) -> None:
    (tool,) = parse_package_json(
        source("package.json", json.dumps({"packageManager": value}))
    ).technologies
    assert tool.version == version
    assert (tool.version_note is None) if note is None else (note in (tool.version_note or ""))


def test_an_unknown_package_manager_is_not_a_technology() -> None:
    read = read_package_json(source("package.json", '{"packageManager": "deno@2.0.0"}'))
    assert read.output.technologies == ()
    assert not read.names_package_manager


def test_engines_give_node_and_package_manager_ranges() -> None:
    engines = {"node": ">=18.17", "pnpm": "^9", "vscode": "^1.80"}
    text = json.dumps({"engines": engines}, indent=2)
    tools = {t.key: t for t in parse_package_json(source("package.json", text)).technologies}
    assert set(tools) == {"nodejs", "pnpm"}
    node = tools["nodejs"]
    assert (node.name, node.category, node.version, node.version_source) == (
        "Node.js",
        Category.RUNTIME,
        ">=18.17",
        "declared",
    )
    assert node.evidence[0].line == 3
    assert (tools["pnpm"].version, tools["pnpm"].category) == ("^9", Category.PACKAGE_MANAGER)


def test_engines_of_the_tool_named_by_package_manager_become_a_note_on_it() -> None:
    text = json.dumps({"packageManager": "npm@11.11.0", "engines": {"npm": ">=11", "node": "22"}})
    tools = parse_package_json(source("package.json", text)).technologies
    assert [(t.key, t.version) for t in tools] == [("npm", "11.11.0"), ("nodejs", "22")]
    assert tools[0].version_note == "engines.npm requires '>=11'"
    assert len(tools[0].evidence) == 2


def test_old_engines_list_and_volta_pins() -> None:
    text = json.dumps(
        {"engines": ["node >= 0.8"], "volta": {"node": "20.11.1", "yarn": "1.22.19", "x": "1"}}
    )
    tools = {
        (t.key, t.version, t.version_source)
        for t in parse_package_json(source("package.json", text)).technologies
    }
    assert tools == {
        ("nodejs", ">= 0.8", "declared"),
        ("nodejs", "20.11.1", "resolved"),
        ("yarn", "1.22.19", "resolved"),
    }


def test_bun_catalogs_in_workspaces_or_top_level() -> None:
    text = json.dumps(
        {
            "workspaces": {"packages": ["apps/*"], "catalog": {"react": "^19"}},
            "catalogs": {"testing": {"jest": "30.0.0", "bad": 1}},
        }
    )
    read = read_package_json(source("package.json", text))
    assert read.catalogs == {"default": {"react": "^19"}, "testing": {"jest": "30.0.0"}}


def test_declarations_are_kept_as_written_for_lockfile_matching() -> None:
    text = json.dumps({"dependencies": {"x": "npm:y@^1"}, "devDependencies": {"z": 3}})
    read = read_package_json(source("package.json", text))
    assert [(d.name, d.specifier, d.scope) for d in read.declarations] == [
        ("x", "npm:y@^1", Scope.RUNTIME),
        ("z", None, Scope.DEVELOPMENT),
    ]


def test_bom_and_crlf_are_read() -> None:
    text = '\ufeff{\r\n  "name": "crlf",\r\n  "dependencies": {\r\n    "a": "1.0.0"\r\n  }\r\n}\r\n'
    output = parse_package_json(source("package.json", text.encode("utf-8")))
    assert output.manifests[0].name == "crlf"
    assert [(d.name, d.evidence[0].line) for d in output.dependencies] == [("a", 4)]


def test_minified_json_has_no_lines_but_all_entries() -> None:
    output = parse_package_json(source("package.json", '{"dependencies":{"a":"1","b":"2"}}'))
    assert [(d.name, d.evidence[0].line) for d in output.dependencies] == [("a", None), ("b", None)]


def test_tables_of_the_wrong_type_are_ignored() -> None:
    text = json.dumps({"name": 5, "dependencies": ["a"], "engines": "node 18", "volta": []})
    output = parse_package_json(source("package.json", text))
    assert output.dependencies == ()
    assert output.technologies == ()
    assert output.manifests[0].name is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("  \n", "empty file"),
        ("{", "not valid JSON: Expecting property name enclosed in double quotes at line 1"),
        ('{"a": 1,}', "not valid JSON"),
        ("[]", "expected a JSON object, found list"),
        ("[" * 100_000, "nested too deeply"),
    ],
)
def test_malformed_package_json_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message.replace("[", r"\[")):
        parse_package_json(source("package.json", text))


def test_invalid_utf8_is_a_clear_error() -> None:
    with pytest.raises(DetectorError, match="not valid UTF-8"):
        parse_package_json(source("package.json", b'{"name": "\xff"}'))
