"""The hygiene checks on the corpus (needs ../shared/corpus): results checked by hand against
each repository's TREE.tsv and copied manifests, and no check crashing anywhere.

* no CI: heroku-django-template (11 files, no CI file) and mall (no CI file at all).
* several CI systems: babel (.circleci/config.yml and GitHub workflows), microservices-demo
  (cloudbuild.yaml and GitHub workflows), mozillians (Jenkinsfile and .travis.yml).
* no lockfile: heroku-django-template's Pipfile (no Pipfile.lock at HEAD); babel's
  scripts/repo-utils (not one of the root's workspaces); otel-demo's src/quote/composer.json
  (no composer.lock); pythondotorg's package.json (a devDependency, no lockfile).
* duplicate purpose: otel-demo's agent, chatbot and mcp requirements.in declare requests and
  httpx (agent aiohttp too); documenso's packages/prisma depends on prisma and kysely.
* no tests: mall-common, mall-mbg and mall-security have no src/test; eShopOnWeb's projects
  are covered by its tests/ projects; ripgrep's crates keep unit tests inline.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import corpus_repositories, require_corpus, scan_with

from scanner.detector import Detector
from scanner.model import FailureKind, Finding, RepositoryScan
from scanner.registry import DETECTOR_GROUP, load_plugins

CorpusTree = Callable[[str], Path]
NEEDED = (
    "ci", "containers", "dotnet", "elixir", "go", "javascript", "jvm", "php", "python", "ruby",
    "rust", "hygiene",
)  # fmt: skip
HYGIENE_KINDS = frozenset(
    {"no-lockfile", "unpinned-dependencies", "no-ci", "several-ci-systems", "no-tests",
     "several-majors", "duplicate-purpose"}
)  # fmt: skip

_scans: dict[str, RepositoryScan] = {}


@pytest.fixture
def corpus(corpus_tree: CorpusTree) -> Callable[[str], RepositoryScan]:
    """Each corpus repository scanned once with the detectors the checks read."""
    plugins = load_plugins(DETECTOR_GROUP, Detector)

    def scan(folder: str) -> RepositoryScan:
        if folder not in _scans:
            require_corpus()
            _scans[folder] = scan_with(corpus_tree(folder), *(plugins[n] for n in NEEDED))
        return _scans[folder]

    return scan


def hygiene(result: RepositoryScan, kind: str) -> dict[str, Finding]:
    return {f.id: f for f in result.findings if f.kind == kind}


def everywhere(corpus: Callable[[str], RepositoryScan], kind: str) -> dict[str, list[str]]:
    """The ids of ``kind`` per repository that has any."""
    found = {folder: sorted(hygiene(corpus(folder), kind)) for folder in corpus_repositories()}
    return {folder: ids for folder, ids in found.items() if ids}


@pytest.mark.parametrize("folder", corpus_repositories())
def test_no_check_crashes(folder: str, corpus: Callable[[str], RepositoryScan]) -> None:
    result = corpus(folder)
    assert [f for f in result.failures if f.kind == FailureKind.DETECTOR_ERROR] == []
    assert {f.kind for f in result.findings if f.evidence[0].detector == "hygiene"} <= (
        HYGIENE_KINDS
    )


def test_no_ci(corpus: Callable[[str], RepositoryScan]) -> None:
    assert everywhere(corpus, "no-ci") == {
        "heroku__heroku-django-template": ["no-ci:ci:."],
        "macrozheng__mall": ["no-ci:ci:."],
    }


def test_several_ci_systems(corpus: Callable[[str], RepositoryScan]) -> None:
    found = {
        folder: {f.name: f.value for f in finding.facts}["CI systems"]
        for folder in everywhere(corpus, "several-ci-systems")
        for finding in hygiene(corpus(folder), "several-ci-systems").values()
    }
    assert found == {
        "babel__babel": "CircleCI, GitHub Actions",
        "GoogleCloudPlatform__microservices-demo": "GitHub Actions, Google Cloud Build",
        "mozilla__mozillians": "Jenkins, Travis CI",
    }


def test_no_lockfile(corpus: Callable[[str], RepositoryScan]) -> None:
    assert everywhere(corpus, "no-lockfile") == {
        "babel__babel": ["no-lockfile:npm:scripts/repo-utils"],
        "heroku__heroku-django-template": ["no-lockfile:pypi:."],
        "open-telemetry__opentelemetry-demo": ["no-lockfile:composer:src/quote"],
        "python__pythondotorg": ["no-lockfile:npm:."],
    }


def test_unpinned_dependencies(corpus: Callable[[str], RepositoryScan]) -> None:
    (heroku,) = hygiene(corpus("heroku__heroku-django-template"), "unpinned-dependencies").values()
    assert heroku.title.startswith("3 of 3 direct runtime pypi dependencies float")
    pipenv = hygiene(corpus("pypa__pipenv"), "unpinned-dependencies")[
        "unpinned-dependencies:pypi:."
    ]
    assert {f.name: f.value for f in pipenv.facts}["requirements"] == (
        "packaging >=22, setuptools >=67"
    )
    # Lockfiles resolve every direct dependency of these; path dependencies are not counted.
    for folder in ("Textualize__rich", "koel__koel", "maybe-finance__maybe", "BurntSushi__ripgrep"):
        assert hygiene(corpus(folder), "unpinned-dependencies") == {}, folder


def test_duplicate_purpose(corpus: Callable[[str], RepositoryScan]) -> None:
    assert everywhere(corpus, "duplicate-purpose") == {
        "documenso__documenso": ["duplicate-purpose:npm/orm:packages/prisma"],
        "open-telemetry__opentelemetry-demo": [
            "duplicate-purpose:pypi/http-client:src/agent",
            "duplicate-purpose:pypi/http-client:src/chatbot",
            "duplicate-purpose:pypi/http-client:src/mcp",
        ],
    }
    agent = hygiene(corpus("open-telemetry__opentelemetry-demo"), "duplicate-purpose")
    assert agent["duplicate-purpose:pypi/http-client:src/agent"].title == (
        "3 HTTP clients in one component: aiohttp, HTTPX, Requests"
    )


def test_no_tests(corpus: Callable[[str], RepositoryScan]) -> None:
    mall = hygiene(corpus("macrozheng__mall"), "no-tests")
    assert sorted(mall) == [
        "no-tests:tests:mall-common",
        "no-tests:tests:mall-mbg",
        "no-tests:tests:mall-security",
    ]
    assert mall["no-tests:tests:mall-mbg"].title == "mall-mbg: 230 source files and no tests"
    for folder in ("dotnet-architecture__eShopOnWeb", "BurntSushi__ripgrep", "Textualize__rich"):
        assert hygiene(corpus(folder), "no-tests") == {}, folder


def test_no_framework_at_several_majors(corpus: Callable[[str], RepositoryScan]) -> None:
    assert everywhere(corpus, "several-majors") == {}
