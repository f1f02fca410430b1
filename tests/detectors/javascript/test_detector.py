"""The JavaScript detector through a whole scan: components and workspaces, catalogs,
lockfiles joined to their package.json files, the package manager in use."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.javascript.detector import JavaScriptDetector
from scanner.model import Dependency, FailureKind, RepositoryScan, Scope

MakeTree = Callable[[dict[str, str | bytes]], Path]


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, JavaScriptDetector)


def components(result: RepositoryScan) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {c.path: (c.workspace_root, c.workspace_members) for c in result.components}


def records(result: RepositoryScan, name: str) -> list[Dependency]:
    return [d for d in result.dependencies if d.name == name]


def test_detector_identity() -> None:
    assert JavaScriptDetector.name == "javascript"
    assert JavaScriptDetector.tags == frozenset({"manifest", "dependencies", "javascript"})
    assert JavaScriptDetector.selector.describe() == [
        ".yarnrc",
        ".yarnrc.yml",
        "bun.lock",
        "npm-shrinkwrap.json",
        "package-lock.json",
        "package.json",
        "pnpm-lock.yaml",
        "pnpm-workspace.yaml",
        "yarn.lock",
    ]


def test_npm_workspaces_with_globs(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "package.json": '{"name": "mono", "workspaces": ["packages/*", "apps/web"]}',
            "packages/a/package.json": '{"name": "@mono/a"}',
            "packages/b/package.json": '{"name": "@mono/b"}',
            "packages/b/nested/package.json": '{"name": "not-a-member"}',
            "apps/web/package.json": '{"name": "web"}',
            "apps/api/package.json": '{"name": "api"}',
        }
    )
    result = scan(root)
    assert components(result) == {
        ".": (None, ("apps/web", "packages/a", "packages/b")),
        "apps/api": (None, ()),
        "apps/web": (".", ()),
        "packages/a": (".", ()),
        "packages/b": (".", ()),
        "packages/b/nested": (None, ()),
    }
    assert {c.path: c.name for c in result.components}["packages/a"] == "@mono/a"
    assert all(c.ecosystems == ("npm",) for c in result.components)


def test_yarn_workspace_object_and_pnpm_workspace_with_exclusion(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "yarn/package.json": '{"private": true, "workspaces": {"packages": ["libs/**"]}}',
            "yarn/libs/x/package.json": "{}",
            "yarn/libs/group/y/package.json": "{}",
            "pnpm/package.json": "{}",
            "pnpm/pnpm-workspace.yaml": "packages:\n  - 'pkgs/*'\n  - '!pkgs/skip'\n",
            "pnpm/pkgs/keep/package.json": "{}",
            "pnpm/pkgs/skip/package.json": "{}",
        }
    )
    found = components(scan(root))
    assert found["yarn"][1] == ("yarn/libs/group/y", "yarn/libs/x")
    assert found["pnpm"][1] == ("pnpm/pkgs/keep",)
    assert found["pnpm/pkgs/skip"][0] is None


def test_dependencies_and_package_managers_declared_or_from_lockfiles(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "package.json": """{
              "packageManager": "pnpm@9.12.1+sha512.abc",
              "engines": {"node": ">=20"},
              "dependencies": {"react": "^18.2.0"},
              "devDependencies": {"vite": "5.0.0"},
              "peerDependencies": {"react-dom": ">=18"},
              "optionalDependencies": {"fsevents": "*"}
            }""",
            "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
            "legacy/package.json": "{}",
            "legacy/yarn.lock": "",
            "bunny/package.json": "{}",
            "bunny/bun.lockb": b"\x00\x01binary",
            "orphan/yarn.lock": "",
        }
    )
    result = scan(root)
    assert {(d.name, d.declared, d.scope) for d in result.dependencies} == {
        ("react", "^18.2.0", Scope.RUNTIME),
        ("vite", "5.0.0", Scope.DEVELOPMENT),
        ("react-dom", ">=18", Scope.PEER),
        ("fsevents", "*", Scope.OPTIONAL),
    }
    tools = {(t.key, t.version, t.version_source, t.component) for t in result.technologies}
    assert tools == {
        ("pnpm", "9.12.1", "declared", "."),
        ("nodejs", ">=20", "declared", "."),
        ("yarn", None, None, "legacy"),
        ("bun", None, None, "bunny"),
    }
    notes = {t.key: t.version_note for t in result.technologies}
    assert notes["yarn"] == "from yarn.lock v1"
    assert notes["bun"] == "binary lockfile bun.lockb: presence only, its dependencies are not read"
    assert result.failures == ()


def test_a_lockfile_beside_package_manager_adds_nothing_but_dependencies(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "package.json": '{"packageManager": "yarn@1.22.22", "dependencies": {"a": "^1"}}',
            "yarn.lock": 'a@^1:\n  version "1.0.3"\n',
        }
    )
    result = scan(root)
    assert [(t.key, t.version) for t in result.technologies] == [("yarn", "1.22.22")]
    (a,) = result.dependencies
    assert (a.declared, a.resolved, a.direct) == ("^1", "1.0.3", True)


def test_yarn_version_from_yarnrc_and_package_manager_is_one_technology(
    make_tree: MakeTree,
) -> None:
    root = make_tree(
        {
            "package.json": '{"packageManager": "yarn@4.1.0"}',
            ".yarnrc.yml": "yarnPath: .yarn/releases/yarn-4.1.0.cjs\n",
            "yarn.lock": "__metadata:\n  version: 8\n",
        }
    )
    (yarn,) = scan(root).technologies
    assert (yarn.key, yarn.version, yarn.component) == ("yarn", "4.1.0", ".")
    assert {e.path for e in yarn.evidence} == {"package.json", ".yarnrc.yml"}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"package.json": ""}, "empty file"),
        ({"package.json": "{"}, "not valid JSON"),
        ({"package.json": "[]"}, "expected a JSON object"),
        ({"pnpm-workspace.yaml": "packages: [\n"}, "not valid YAML"),
        ({"package-lock.json": "{}"}, "no lockfileVersion"),
        ({"yarn.lock": "a@^1:\n\tversion 1\n"}, "line 2: tab in indentation"),
        ({"pnpm-lock.yaml": "lockfileVersion: [\n"}, "not valid YAML"),
        ({"bun.lock": '{\n  "lockfileVersion": 1,\n'}, "not valid JSON"),
        ({".yarnrc.yml": "a: [\n"}, "not valid YAML"),
        ({".yarnrc": "lonely\n"}, "line 1"),
    ],
)
def test_malformed_files_are_reported_with_the_reason(
    make_tree: MakeTree, files: dict[str, str | bytes], message: str
) -> None:
    result = scan(make_tree(files))
    (failure,) = result.failures
    assert failure.kind is FailureKind.PARSE_ERROR
    assert failure.detector == "javascript"
    assert failure.path == next(iter(files))
    assert message in failure.reason


def test_pnpm_catalogs_give_catalog_specifiers_their_range(make_tree: MakeTree) -> None:
    root = make_tree(
        {
            "package.json": '{"name": "root"}',
            "pnpm-workspace.yaml": (
                "packages: ['apps/*']\ncatalog:\n  react: ^18.2.0\n"
                "catalogs:\n  legacy:\n    react: ^17.0.2\n"
            ),
            "apps/new/package.json": '{"dependencies": {"react": "catalog:", "vue": "catalog:"}}',
            "apps/old/package.json": '{"dependencies": {"react": "catalog:legacy"}}',
            "elsewhere/package.json": '{"dependencies": {"react": "catalog:"}}',
        }
    )
    found = {(d.component, d.name): (d.declared, d.version_note) for d in scan(root).dependencies}
    assert found == {
        ("apps/new", "react"): ("^18.2.0", "catalog 'default' in pnpm-workspace.yaml"),
        ("apps/new", "vue"): ("catalog:", "catalog 'default' defines no range for 'vue' here"),
        ("apps/old", "react"): ("^17.0.2", "catalog 'legacy' in pnpm-workspace.yaml"),
        ("elsewhere", "react"): ("^18.2.0", "catalog 'default' in pnpm-workspace.yaml"),
    }


def test_yarn_berry_catalogs_pick_the_locked_entry_of_the_range(make_tree: MakeTree) -> None:
    lock = """\
__metadata:
  version: 8

"app@workspace:apps/app":
  version: 0.0.0-use.local
  resolution: "app@workspace:apps/app"
  dependencies:
    typescript: "catalog:"
  languageName: unknown
  linkType: soft

"root@workspace:.":
  version: 0.0.0-use.local
  resolution: "root@workspace:."
  languageName: unknown
  linkType: soft

"typescript@npm:^5.4.0":
  version: 5.4.5
  resolution: "typescript@npm:5.4.5"
  languageName: node
  linkType: hard

"typescript@npm:~5.3.0":
  version: 5.3.3
  resolution: "typescript@npm:5.3.3"
  languageName: node
  linkType: hard
"""
    root = make_tree(
        {
            "package.json": '{"name": "root", "workspaces": ["apps/*"]}',
            ".yarnrc.yml": "catalog:\n  typescript: ~5.3.0\n",
            "yarn.lock": lock,
            "apps/app/package.json": json.dumps(
                {"name": "app", "devDependencies": {"typescript": "catalog:"}}
            ),
        }
    )
    found = {(d.component, d.resolved): d for d in records(scan(root), "typescript")}
    assert set(found) == {("apps/app", "5.3.3"), (".", "5.4.5")}
    asked = found[("apps/app", "5.3.3")]
    assert (asked.declared, asked.direct, asked.scope) == ("~5.3.0", True, Scope.DEVELOPMENT)
    assert not found[(".", "5.4.5")].direct


def test_npm_v1_lockfile_joins_the_root_declarations(make_tree: MakeTree) -> None:
    lock = {
        "lockfileVersion": 1,
        "dependencies": {
            "lodash": {"version": "4.17.21"},
            "karma": {
                "version": "3.1.4",
                "dev": True,
                "dependencies": {"lodash": {"version": "3.10.1", "dev": True}},
            },
            "other": {"version": "npm:real@2.0.0"},
        },
    }
    root = make_tree(
        {
            "package.json": json.dumps(
                {
                    "dependencies": {"lodash": "^4.17.0", "other": "npm:real@^2"},
                    "devDependencies": {"karma": "^3.1.0"},
                }
            ),
            "package-lock.json": json.dumps(lock, indent=2),
        }
    )
    result = scan(root)
    lodash = {d.resolved: d for d in records(result, "lodash")}
    assert (lodash["4.17.21"].declared, lodash["4.17.21"].direct) == ("^4.17.0", True)
    assert (lodash["3.10.1"].declared, lodash["3.10.1"].direct) == (None, False)
    (karma,) = records(result, "karma")
    assert (karma.declared, karma.resolved, karma.scope, karma.direct) == (
        "^3.1.0",
        "3.1.4",
        Scope.DEVELOPMENT,
        True,
    )
    (real,) = records(result, "real")
    assert (real.declared, real.resolved, real.direct) == ("^2", "2.0.0", True)
    assert {d.purl for d in records(result, "lodash")} == {
        "pkg:npm/lodash@4.17.21",
        "pkg:npm/lodash@3.10.1",
    }


def test_yarn_classic_lockfile_serves_workspace_members(make_tree: MakeTree) -> None:
    lock = (
        '# yarn lockfile v1\n\n\nlodash@^3.0.0:\n  version "3.10.1"\n\n'
        'lodash@^4.17.0:\n  version "4.17.21"\n'
    )
    root = make_tree(
        {
            "package.json": '{"workspaces": ["member"], "dependencies": {"lodash": "^4.17.0"}}',
            "member/package.json": '{"dependencies": {"lodash": "^3.0.0"}}',
            "yarn.lock": lock,
            "separate/package.json": '{"dependencies": {"lodash": "^3.0.0"}}',
            "separate/package-lock.json": '{"lockfileVersion": 3, "packages": {}}',
        }
    )
    found = {(d.component, d.resolved, d.declared, d.direct) for d in records(scan(root), "lodash")}
    assert found == {
        (".", "4.17.21", "^4.17.0", True),
        ("member", "3.10.1", "^3.0.0", True),
        ("separate", None, "^3.0.0", True),
    }


def test_npm_v3_workspace_members_and_stale_members(make_tree: MakeTree) -> None:
    lock = {
        "lockfileVersion": 3,
        "packages": {
            "": {"workspaces": ["packages/*"], "devDependencies": {"typescript": "^5"}},
            "packages/web": {"name": "web", "dependencies": {"react": "^18", "lib": "*"}},
            "packages/gone": {"name": "gone", "dependencies": {"left-pad": "^1"}},
            "node_modules/lib": {"resolved": "packages/lib", "link": True},
            "node_modules/web": {"resolved": "packages/web", "link": True},
            "node_modules/react": {"version": "18.3.1"},
            "node_modules/left-pad": {"version": "1.3.0"},
            "node_modules/typescript": {"version": "5.4.5", "dev": True},
        },
    }
    root = make_tree(
        {
            "package.json": json.dumps(
                {"workspaces": ["packages/*"], "devDependencies": {"typescript": "^5"}}
            ),
            "packages/web/package.json": json.dumps(
                {"name": "web", "dependencies": {"react": "^18", "lib": "*"}}
            ),
            "packages/lib/package.json": '{"name": "lib"}',
            "package-lock.json": json.dumps(lock, indent=2),
        }
    )
    result = scan(root)
    found = {(d.component, d.name, d.resolved, d.declared, d.direct) for d in result.dependencies}
    assert found == {
        (".", "typescript", "5.4.5", "^5", True),
        ("packages/web", "react", "18.3.1", "^18", True),
        ("packages/web", "lib", None, "*", True),
        (".", "left-pad", "1.3.0", None, False),
    }
    (lib,) = records(result, "lib")
    assert lib.version_note == (
        "a package of this project: package-lock.json links it to a local directory"
    )
    assert components(result)["."][1] == ("packages/lib", "packages/web")


def test_pnpm_importers_belong_to_their_components(make_tree: MakeTree) -> None:
    lock = """\
lockfileVersion: '9.0'

importers:

  .:
    devDependencies:
      typescript:
        specifier: ^5.4.0
        version: 5.4.5

  packages/a:
    dependencies:
      react:
        specifier: ^18.2.0
        version: 18.3.1

packages:

  typescript@5.4.5:
    resolution: {integrity: sha512-a}

  react@18.3.1:
    resolution: {integrity: sha512-b}

snapshots:

  typescript@5.4.5: {}

  react@18.3.1: {}
"""
    root = make_tree(
        {
            "package.json": '{"devDependencies": {"typescript": "^5.4.0"}}',
            "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
            "pnpm-lock.yaml": lock,
            "packages/a/package.json": '{"dependencies": {"react": "^18.2.0"}}',
        }
    )
    found = {
        (d.component, d.name, d.resolved, d.declared, d.scope) for d in scan(root).dependencies
    }
    assert found == {
        (".", "typescript", "5.4.5", "^5.4.0", Scope.DEVELOPMENT),
        ("packages/a", "react", "18.3.1", "^18.2.0", Scope.RUNTIME),
    }


def test_bun_lock_workspaces_through_a_scan(make_tree: MakeTree) -> None:
    lock = """{
  "lockfileVersion": 1,
  "workspaces": {
    "": {"name": "root"},
    "web": {"name": "web", "dependencies": {"react": "^18"}},
  },
  "packages": {
    "react": ["react@18.3.1", "", {}, "sha512-a"],
  }
}
"""
    root = make_tree(
        {
            "package.json": '{"workspaces": ["web"]}',
            "web/package.json": '{"name": "web", "dependencies": {"react": "^18"}}',
            "bun.lock": lock,
        }
    )
    result = scan(root)
    (react,) = result.dependencies
    assert (react.component, react.declared, react.resolved, react.direct) == (
        "web",
        "^18",
        "18.3.1",
        True,
    )
    assert [(t.key, t.component, t.version_note) for t in result.technologies] == [
        ("bun", ".", "from bun.lock v1")
    ]
