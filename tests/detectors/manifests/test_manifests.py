"""The manifest detector on hand-made trees and on every manifest of the corpus."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from helpers import require_corpus

from detectors.manifests.detector import ManifestDetector
from scanner.config import Settings
from scanner.model import FailureKind, Repository, RepositoryScan, Scope
from scanner.scan import scan_source
from scanner.sources import DirectorySource


def scan(root: Path) -> RepositoryScan:
    repository = Repository("repo", str(root))
    return scan_source(DirectorySource(root), repository, [ManifestDetector], Settings())


def components(result: RepositoryScan) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {c.path: (c.workspace_root, c.workspace_members) for c in result.components}


def test_npm_workspaces_with_globs(make_tree) -> None:  # type: ignore[no-untyped-def]
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


def test_yarn_classic_workspace_object_and_pnpm_workspace_with_exclusion(make_tree) -> None:  # type: ignore[no-untyped-def]
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


def test_cargo_workspace_members_and_excludes(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\nexclude = ["crates/old"]\n',
            "crates/core/Cargo.toml": '[package]\nname = "core"\nversion = "0.1.0"\n',
            "crates/old/Cargo.toml": '[package]\nname = "old"\n',
        }
    )
    assert components(scan(root))["."][1] == ("crates/core",)


def test_maven_modules_relative_to_each_pom(make_tree) -> None:  # type: ignore[no-untyped-def]
    pom = (
        '<project xmlns="http://maven.apache.org/POM/4.0.0"><artifactId>{name}</artifactId>'
        "<modules>{modules}</modules></project>"
    )
    root = make_tree(
        {
            "pom.xml": pom.format(name="parent", modules="<module>svc</module>"),
            "svc/pom.xml": pom.format(name="svc", modules="<module>inner</module>"),
            "svc/inner/pom.xml": pom.format(name="inner", modules=""),
        }
    )
    result = scan(root)
    assert components(result) == {
        ".": (None, ("svc",)),
        "svc": (".", ("svc/inner",)),
        "svc/inner": ("svc", ()),
    }
    assert [c.name for c in result.components] == ["parent", "svc", "inner"]


def test_gradle_settings_includes(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "settings.gradle.kts": 'rootProject.name = "shop"\ninclude(":api", ":libs:core")\n',
            "api/build.gradle.kts": "",
            "libs/core/build.gradle": "",
        }
    )
    result = scan(root)
    assert components(result)["."][1] == ("api", "libs/core")
    assert result.components[0].name == "shop"


def test_requirements_folder_belongs_to_the_project(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"requirements/prod.txt": "django\n", "setup.cfg": "[metadata]\n"})
    result = scan(root)
    assert [(c.path, c.manifests) for c in result.components] == [
        (".", ("requirements/prod.txt", "setup.cfg"))
    ]


def test_package_json_dependencies_and_package_manager(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "package.json": """{
              "packageManager": "pnpm@9.12.1+sha512.abc",
              "dependencies": {"react": "^18.2.0"},
              "devDependencies": {"vite": "5.0.0"},
              "peerDependencies": {"react-dom": ">=18"},
              "optionalDependencies": {"fsevents": "*"}
            }""",
            "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
            "legacy/package.json": "{}",
            "legacy/yarn.lock": "",
        }
    )
    result = scan(root)
    assert {(d.name, d.declared, d.scope) for d in result.dependencies} == {
        ("react", "^18.2.0", Scope.RUNTIME),
        ("vite", "5.0.0", Scope.DEVELOPMENT),
        ("react-dom", ">=18", Scope.PEER),
        ("fsevents", "*", Scope.OPTIONAL),
    }
    managers = {(t.key, t.version, t.component) for t in result.technologies}
    assert managers == {("pnpm", "9.12.1", "."), ("yarn", None, "legacy")}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({"package.json": ""}, "empty file"),
        ({"package.json": "{"}, "not valid JSON"),
        ({"package.json": "[]"}, "expected a JSON object"),
        ({"Cargo.toml": "[package"}, "not valid TOML"),
        ({"pom.xml": "<project>"}, "not well-formed XML"),
        ({"go.mod": "require x v1\n"}, "no module directive"),
        ({"pnpm-workspace.yaml": "packages: [\n"}, "not valid YAML"),
        ({"a.csproj": "<Nope/>"}, "not <Project>"),
    ],
)
def test_malformed_manifests_are_reported_with_the_reason(make_tree, files, message) -> None:  # type: ignore[no-untyped-def]
    result = scan(make_tree(files))
    (failure,) = result.failures
    assert failure.kind is FailureKind.PARSE_ERROR
    assert failure.detector == "manifests"
    assert message in failure.reason


# The INVENTORY.tsv kinds this detector claims, and the ecosystem each must yield.
CLAIMED_KINDS = {
    "package-json": "npm",
    "pyproject-pep621": "pypi",
    "pyproject-poetry": "pypi",
    "pyproject-tools-only": "pypi",
    "pip-requirements": "pypi",
    "pip-requirements-in": "pypi",
    "setup-cfg": "pypi",
    "pipfile": "pypi",
    "go-mod": "golang",
    "cargo-toml": "cargo",
    "pom": "maven",
    "csproj": "nuget",
    "composer-json": "composer",
    "pnpm-workspace": "npm",
}
EMPTY_KINDS = {"package-json-empty", "cargo-toml-empty"}


def _inventory() -> list[tuple[str, str, str]]:
    corpus = require_corpus()
    with open(corpus / "INVENTORY.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return [(repo, path, kind) for repo, path, kind, _ in rows]


def test_every_corpus_manifest_of_a_claimed_kind_parses() -> None:
    """Needs ../shared/corpus. Each copied manifest is scanned in its own folder layout."""
    corpus = require_corpus()
    inventory = _inventory()
    checked = 0
    for folder in sorted({repo.replace("/", "__") for repo, _, _ in inventory}):
        result = scan(corpus / folder)
        manifests = {
            path: component
            for component in result.components
            for path in component.manifests
        }
        failed = {f.path: f for f in result.failures}
        for repo, path, kind in inventory:
            if repo.replace("/", "__") != folder:
                continue
            if kind in CLAIMED_KINDS:
                assert path not in failed, f"{repo}/{path}: {failed[path].reason}"
                assert path in manifests, f"{repo}/{path} ({kind}) gave no manifest"
                assert CLAIMED_KINDS[kind] in manifests[path].ecosystems, f"{repo}/{path}"
                checked += 1
            elif kind in EMPTY_KINDS:
                assert failed[path].reason == "empty file", f"{repo}/{path}"
                checked += 1
    assert checked == sum(1 for *_, kind in inventory if kind in CLAIMED_KINDS.keys() | EMPTY_KINDS)
    assert checked > 250
