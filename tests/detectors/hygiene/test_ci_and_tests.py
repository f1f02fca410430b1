"""``no-ci``, ``several-ci-systems`` and ``no-tests`` on real trees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.hygiene.detector import HygieneDetector
from detectors.hygiene.layout import read_layout
from scanner.detector import FileEntry
from scanner.model import Finding, Severity

Hygiene = Callable[[dict[str, str], str], dict[str, Finding]]

WORKFLOW = "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"
GITLAB = "test:\n  image: python:3.12\n  script:\n    - pytest\n"
TRAVIS = "language: python\npython:\n  - '3.12'\n"


def test_no_ci(hygiene: Hygiene) -> None:
    (finding,) = hygiene({"app/main.py": "print(1)\n"}, "no-ci").values()
    assert finding.id == "no-ci:ci:."
    assert finding.severity == Severity.MEDIUM
    assert [(f.name, f.value) for f in finding.facts] == [("CI systems", "none found")]


@pytest.mark.parametrize(
    "files",
    [
        {"app/main.py": "", ".github/workflows/ci.yml": WORKFLOW},
        {"README.md": "docs only\n", "docs/conf.py": ""},  # no source code
        {"app/main.py": "", ".gitlab-ci.yml": "[unclosed\n"},  # CI that failed to parse
    ],
)
def test_no_finding_when_there_is_ci_or_no_code(hygiene: Hygiene, files: dict[str, str]) -> None:
    assert hygiene(files, "no-ci") == {}


def test_a_ci_file_counts_even_without_the_ci_detector(make_tree: Callable[..., Path]) -> None:
    root = make_tree({"main.go": "package main\n", "Jenkinsfile": "pipeline {}\n"})
    assert [f.kind for f in scan_with(root, HygieneDetector).findings] == ["no-tests"]


def test_several_ci_systems(hygiene: Hygiene) -> None:
    files = {
        "app/main.py": "",
        ".github/workflows/ci.yml": WORKFLOW,
        ".github/workflows/release.yml": WORKFLOW,
        ".gitlab-ci.yml": GITLAB,
        ".travis.yml": TRAVIS,
    }
    (finding,) = hygiene(files, "several-ci-systems").values()
    assert finding.id == "several-ci-systems:ci:."
    assert finding.severity == Severity.LOW
    assert finding.title == "3 CI systems: GitHub Actions, GitLab CI/CD, Travis CI"
    assert [(f.name, f.value) for f in finding.facts] == [
        ("CI systems", "GitHub Actions, GitLab CI/CD, Travis CI"),
        ("GitHub Actions", ".github/workflows/ci.yml, .github/workflows/release.yml"),
        ("GitLab CI/CD", ".gitlab-ci.yml"),
        ("Travis CI", ".travis.yml"),
    ]
    assert hygiene({**files, ".gitlab-ci.yml": "", ".travis.yml": ""}, "several-ci-systems") == {}


PYPROJECT = '[project]\nname = "{}"\nversion = "1"\n'


@pytest.mark.parametrize(
    "tests",
    [
        {"svc/tests/test_api.py": ""},
        {"svc/test/api_test.py": ""},
        {"svc/src/pkg/test_api.py": ""},
        {"svc/src/pkg/conftest.py": ""},
    ],
)
def test_python_tests_by_folder_or_name(hygiene: Hygiene, tests: dict[str, str]) -> None:
    files = {"svc/pyproject.toml": PYPROJECT.format("svc"), "svc/src/pkg/api.py": "", **tests}
    assert hygiene(files, "no-tests") == {}


@pytest.mark.parametrize(
    ("manifest", "sources", "tests"),
    [
        ("package.json", ["src/app.ts"], ["src/__tests__/app.ts"]),
        ("package.json", ["src/app.ts"], ["src/app.test.ts"]),
        ("package.json", ["lib/app.js"], ["spec/app.spec.js"]),
        ("go.mod", ["server.go"], ["server_test.go"]),
        ("pom.xml", ["src/main/java/App.java"], ["src/test/java/AppTest.java"]),
        ("Gemfile", ["app/models/user.rb"], ["spec/models/user_spec.rb"]),
        ("composer.json", ["src/Kernel.php"], ["tests/KernelTest.php"]),
        ("mix.exs", ["lib/app.ex"], ["test/app_test.exs"]),
    ],
)
def test_test_conventions_per_ecosystem(
    hygiene: Hygiene, manifest: str, sources: list[str], tests: list[str]
) -> None:
    manifests = {
        "package.json": '{"name": "svc"}',
        "go.mod": "module example.com/svc\n\ngo 1.22\n",
        "pom.xml": (
            "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId>"
            "<artifactId>svc</artifactId><version>1</version></project>"
        ),
        "Gemfile": 'source "https://rubygems.org"\n',
        "composer.json": '{"name": "acme/svc"}',
        "mix.exs": (
            "defmodule Svc.MixProject do\n  use Mix.Project\n"
            '  def project, do: [app: :svc, version: "0.1.0"]\nend\n'
        ),
    }
    files = {f"svc/{manifest}": manifests[manifest]}
    files.update({f"svc/{path}": "" for path in sources})
    assert sorted(hygiene(files, "no-tests")) == ["no-tests:tests:svc"]
    files.update({f"svc/{path}": "" for path in tests})
    assert hygiene(files, "no-tests") == {}


def test_no_tests_finding(hygiene: Hygiene) -> None:
    files = {
        "api/pyproject.toml": PYPROJECT.format("api"),
        **{f"api/api/module{n}.py": "" for n in range(12)},
        "api/setup.py": "",  # a build script, not code to test
        "api/scripts/deploy.py": "",  # tooling
        "web/package.json": '{"name": "web"}',
        "web/src/index.ts": "",
        "web/vite.config.ts": "",
    }
    found = hygiene(files, "no-tests")
    assert {key: f.severity for key, f in found.items()} == {
        "no-tests:tests:api": Severity.MEDIUM,
        "no-tests:tests:web": Severity.LOW,
    }
    api = found["no-tests:tests:api"]
    assert api.title == "api: 12 source files and no tests"
    assert [(e.path, e.reason) for e in api.evidence] == [
        ("api/pyproject.toml", "component with source code and no test files"),
        ("api/setup.py", "component with source code and no test files"),
    ]


def test_rust_and_dotnet_tests_live_elsewhere(hygiene: Hygiene) -> None:
    csproj = '<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup></PropertyGroup></Project>'
    rust = {
        "tool/Cargo.toml": '[package]\nname = "tool"\nversion = "0.1.0"\n',
        "tool/src/lib.rs": "",
    }
    dotnet = {"src/Web/Web.csproj": csproj, "src/Web/Program.cs": "", "src/Web/wwwroot/site.js": ""}
    dotnet_tests = {"tests/Web.Tests/Web.Tests.csproj": csproj, "tests/Web.Tests/HomeTests.cs": ""}
    assert hygiene({**rust, **dotnet, **dotnet_tests}, "no-tests") == {}
    assert sorted(hygiene(dotnet, "no-tests")) == ["no-tests:tests:src/Web"]


def test_the_manifestless_root_is_judged_only_alone(hygiene: Hygiene) -> None:
    orphans = {"tools2/gen/main.cpp": "", "services/x/Main.java": ""}
    assert sorted(hygiene(orphans, "no-tests")) == ["no-tests:tests:."]
    with_component = {**orphans, "web/package.json": '{"name": "web"}', "web/a.test.js": ""}
    assert hygiene(with_component, "no-tests") == {}


def test_read_layout() -> None:
    entries = [
        FileEntry("src/app.py", 10),
        FileEntry("src/tests/helpers.py", 10),
        FileEntry("node_modules/x/index.js", 10),
        FileEntry("vendor/lib.go", 10),
        FileEntry("docs/conf.py", 10),
        FileEntry(".github/scripts/release.py", 10),
        FileEntry("src/.eslintrc.js", 10),
        FileEntry("src/types.d.ts", 10),
        FileEntry("app/sentry.conf.example.py", 10),
        FileEntry("tests/UnitTests/Basket.cs", 10),
        FileEntry("src/Web.Tests/Home.cs", 10),
        FileEntry("src/latest/feed.py", 10),
        FileEntry("yarn.lock", 10),
        FileEntry("link.py", 0, symlink=True),
    ]
    layout = read_layout(entries)
    assert layout.lockfiles == frozenset({"yarn.lock"})
    assert [(f.path, f.family, f.test) for f in layout.code] == [
        ("src/app.py", "general", False),
        ("src/tests/helpers.py", "general", True),
        ("tests/UnitTests/Basket.cs", "dotnet", True),
        ("src/Web.Tests/Home.cs", "dotnet", True),
        ("src/latest/feed.py", "general", False),
    ]
