"""The CI detector as the scan sees it: which files it reads, and what a tree reveals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FileSpec, scan_with

from detectors.ci.detector import CiDetector, parser_for
from scanner.dispatch import Dispatcher
from scanner.model import RepositoryScan


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, CiDetector)


@pytest.mark.parametrize(
    ("path", "wanted"),
    [
        (".github/workflows/ci.yml", True),
        (".github/workflows/release.yaml", True),
        (".github/workflows/nested/x.yml", False),
        ("sub/.github/workflows/ci.yml", False),
        (".github/actions/setup/action.yml", True),
        (".github/actions/a/b/action.yaml", True),
        ("action.yml", True),
        ("lib/action.yml", False),
        (".gitlab-ci.yml", True),
        ("sub/.gitlab-ci.yml", False),
        (".circleci/config.yml", True),
        (".travis.yml", True),
        ("tests/fixtures/pkg/.travis.yml", False),
        ("azure-pipelines.yml", True),
        ("services/api/azure-pipelines-ci.yaml", True),
        (".azure-pipelines/build.yml", True),
        ("bitbucket-pipelines.yml", True),
        ("Jenkinsfile", True),
        ("services/api/Jenkinsfile.release", True),
        ("ci/deploy.jenkinsfile", True),
        (".woodpecker.yml", True),
        (".woodpecker/test.yaml", True),
        ("cloudbuild.yaml", True),
        ("deploy/cloudbuild-prod.yml", True),
        (".github/dependabot.yml", True),
        ("renovate.json", True),
        (".github/renovate.json5", True),
        (".gitlab/renovate.json", True),
        (".renovaterc", True),
        ("packages/a/renovate.json", False),
        (".pre-commit-config.yaml", True),
        ("tests/fixtures/pkg/.pre-commit-config.yaml", False),
        ("README.md", False),
    ],
)
def test_selector_and_parser_agree(path: str, wanted: bool) -> None:
    dispatcher = Dispatcher([CiDetector()])
    assert bool(dispatcher.wanted_by(path)) is wanted
    assert (parser_for(path) is not None) is wanted


def test_a_tree_with_every_ci_system(make_tree: Callable[[FileSpec], Path]) -> None:
    root = make_tree(
        {
            ".github/workflows/ci.yml": "on: push\njobs:\n  a:\n    runs-on: ubuntu-22.04\n",
            ".gitlab-ci.yml": "job:\n  image: alpine:3.20\n",
            ".circleci/config.yml": "version: 2.1\njobs: {}\n",
            ".travis.yml": "language: go\ngo: ['1.21']\n",
            "azure-pipelines.yml": "pool: {vmImage: windows-2022}\nsteps: []\n",
            "bitbucket-pipelines.yml": "image: node:20\npipelines: {}\n",
            "services/api/Jenkinsfile": "pipeline { agent { docker { image 'maven:3' } } }\n",
            ".woodpecker.yml": "steps:\n  a:\n    image: golang:1.22\n",
            "cloudbuild.yaml": "steps:\n  - name: gcr.io/cloud-builders/npm\n",
            ".github/dependabot.yml": "version: 2\nupdates: []\n",
            "renovate.json": "{}",
            ".pre-commit-config.yaml": "repos: []\n",
            "tests/fixture/.travis.yml": "language: python\n",
            "broken/Jenkinsfile": b"\xff\xfe\x00\x00\x01\x02\x03",
        }
    )
    result = scan(root)
    systems = {
        (t.key, evidence.path)
        for t in result.technologies
        if t.category == "ci"
        for evidence in t.evidence
    }
    assert systems == {
        ("github-actions", ".github/workflows/ci.yml"),
        ("gitlab-ci", ".gitlab-ci.yml"),
        ("circleci", ".circleci/config.yml"),
        ("travis-ci", ".travis.yml"),
        ("azure-pipelines", "azure-pipelines.yml"),
        ("bitbucket-pipelines", "bitbucket-pipelines.yml"),
        ("jenkins", "services/api/Jenkinsfile"),
        ("jenkins", "broken/Jenkinsfile"),
        ("woodpecker", ".woodpecker.yml"),
        ("cloud-build", "cloudbuild.yaml"),
    }
    tools = {t.key for t in result.technologies if t.category == "tool"}
    assert tools == {"dependabot", "renovate", "pre-commit"}
    assert {(t.key, t.version) for t in result.technologies if t.category == "runtime"} == {
        ("go", "1.21")
    }
    assert [t.key for t in result.technologies if t.category == "ci-runner"] == [
        "ubuntu",
        "windows",
    ]
    (failure,) = result.failures
    assert failure.path == "broken/Jenkinsfile"
