"""The CI detector on every CI and automation file of the corpus, with counts checked by
independent means, and through ``scan_source`` on corpus trees (needs ../shared/corpus)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import inventory, require_corpus, scan_with

from detectors.ci.circleci import parse_circleci
from detectors.ci.cloudbuild import parse_cloudbuild
from detectors.ci.dependabot import parse_dependabot
from detectors.ci.detector import CiDetector, parser_for
from detectors.ci.github_actions import parse_action, parse_workflow
from detectors.ci.gitlab_ci import parse_gitlab_ci
from detectors.ci.pre_commit import parse_pre_commit
from detectors.ci.renovate import parse_renovate
from detectors.ci.travis import parse_travis
from detectors.ci.woodpecker import parse_woodpecker
from scanner.detector import FileContent, SourceFile
from scanner.model import DetectorOutput, RepositoryScan, Technology

PARSERS: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "gha-workflow": parse_workflow,
    "gha-action": parse_action,
    "gitlab-ci": parse_gitlab_ci,
    "circleci": parse_circleci,
    "travis": parse_travis,
    "woodpecker-ci": parse_woodpecker,
    "cloudbuild": parse_cloudbuild,
    "dependabot": parse_dependabot,
    "renovate": parse_renovate,
    "pre-commit-config": parse_pre_commit,
}
# How many files of each kind the corpus holds: a shrinking corpus must not pass unnoticed.
EXPECTED_COUNTS = {
    "gha-workflow": 120,
    "gha-action": 3,
    "gitlab-ci": 1,
    "circleci": 1,
    "travis": 4,
    "woodpecker-ci": 10,
    "cloudbuild": 1,
    "dependabot": 8,
    "renovate": 3,
    "pre-commit-config": 8,
}
# Corpus files the tools themselves would not read (test fixtures below the root).
NOT_AT_THE_ROOT = {
    "tests/fixtures/fake-package/.travis.yml",
    "tests/fixtures/fake-package/.pre-commit-config.yaml",
}

_USES = re.compile(r"^[ \t]*(?:-[ \t]+)?uses:[ \t]*['\"]?([^'\"\s#]+)", re.MULTILINE)
_IMAGE_LINE = re.compile(r"^[ \t]+image:", re.MULTILINE)
_REPO_LINE = re.compile(r"^[ \t]*-[ \t]+repo:[ \t]*(\S+)", re.MULTILINE)
_ECOSYSTEM_LINE = re.compile(r"^[ \t]*-?[ \t]*package-ecosystem:", re.MULTILINE)


def corpus_files() -> list[tuple[str, str, str, Path]]:
    """(repo folder, path, kind, file) for every corpus file of the kinds parsed here."""
    corpus = require_corpus()
    return [
        (folder, path, kind, corpus / folder / path) for folder, path, kind in inventory(*PARSERS)
    ]


def parse(kind: str, path: str, file: Path) -> DetectorOutput:
    return PARSERS[kind](SourceFile(FileContent(path, file.read_bytes()), "ci"))


def test_every_corpus_file_parses_and_is_claimed() -> None:
    files = corpus_files()
    assert Counter(kind for _, _, kind, _ in files) == EXPECTED_COUNTS
    for _folder, path, kind, file in files:
        output = parse(kind, path, file)
        assert output.technologies, path
        expected = None if path in NOT_AT_THE_ROOT else PARSERS[kind]
        if kind == "gitlab-ci":
            assert parser_for(path) is parse_gitlab_ci
        else:
            assert parser_for(path) is expected, path
        for technology in output.technologies:
            assert all(e.path == path and e.detector == "ci" for e in technology.evidence)


def test_uses_counted_by_regex_match_dependencies() -> None:
    total = 0
    for _folder, path, kind, file in corpus_files():
        if kind not in ("gha-workflow", "gha-action"):
            continue
        text = file.read_text(encoding="utf-8")
        remote = [
            uses
            for uses in _USES.findall(text)
            if not uses.startswith(("./", "docker://")) and "${{" not in uses
        ]
        output = parse(kind, path, file)
        assert len(output.dependencies) == len(remote), path
        assert sorted(d.evidence[0].line for d in output.dependencies) == sorted(
            text.count("\n", 0, match.start()) + 1
            for match in _USES.finditer(text)
            if match.group(1) in remote
        ), path
        total += len(remote)
    assert total == 503


def test_images_counted_by_regex_match_images() -> None:
    checked = 0
    for _folder, path, kind, file in corpus_files():
        if kind not in ("woodpecker-ci", "gitlab-ci"):
            continue
        images = [
            t
            for t in parse(kind, path, file).technologies
            if t.category == "container-image" and "service:" not in t.evidence[0].reason
        ]
        lines = _IMAGE_LINE.findall(file.read_text(encoding="utf-8"))
        assert len(images) == len(lines), path
        checked += len(images)
    assert checked == 76 + 24


def test_pre_commit_and_dependabot_counts() -> None:
    for _folder, path, kind, file in corpus_files():
        text = file.read_text(encoding="utf-8")
        if kind == "pre-commit-config":
            remote = [
                r for r in _REPO_LINE.findall(text) if r.strip("'\"") not in ("local", "meta")
            ]
            hooks = parse(kind, path, file).technologies[1:]
            assert len(hooks) == len(remote), path
        elif kind == "dependabot":
            (tool,) = parse(kind, path, file).technologies
            assert len(tool.evidence) - 1 == len(_ECOSYSTEM_LINE.findall(text)), path


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, CiDetector)


def pick(result: RepositoryScan, key: str) -> list[Technology]:
    return [t for t in result.technologies if t.key == key]


def test_angular_phonecat_travis(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("angular__angular-phonecat"))
    assert sorted(t.version or "" for t in pick(result, "nodejs")) == ["10", "6"]
    assert [t.version for t in pick(result, "ubuntu")] == ["14.04"]
    assert [t.key for t in result.technologies if t.category == "ci"] == ["travis-ci"]


def test_mozillians_travis(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("mozilla__mozillians"))
    (runner,) = pick(result, "ubuntu")
    assert (runner.version, runner.category, runner.version_note) == (
        "14.04",
        "ci-runner",
        "dist trusty",
    )
    assert [t.version for t in pick(result, "python")] == ["2.7"]
    services = {t.key: t.category for t in result.technologies if t.version is None}
    assert (services["mysql"], services["elasticsearch"]) == ("datastore", "search")
    # The corpus did not copy the Jenkinsfile: its presence alone reveals Jenkins.
    (jenkins,) = pick(result, "jenkins")
    assert jenkins.evidence[0].path == "Jenkinsfile"


def test_httpbin_travis_matrix(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("postmanlabs__httpbin"))
    assert sorted(t.version or "" for t in pick(result, "python")) == ["2.7", "3.6", "3.7"]
    assert sorted(t.version or "" for t in pick(result, "ubuntu")) == ["14.04", "16.04"]


def test_documenso_workflows(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("documenso__documenso"))
    (checkout,) = [d for d in result.dependencies if d.name == "actions/checkout"]
    assert (checkout.ecosystem, checkout.declared, checkout.scope.value) == (
        "githubactions",
        "v4",
        "build",
    )
    assert len(checkout.evidence) == 10
    assert checkout.purl is not None and checkout.purl.startswith("pkg:githubactions/")
    runners = {(t.key, t.version) for t in result.technologies if t.category == "ci-runner"}
    assert runners == {("ubuntu", None), ("self-hosted", None)}
    labels = {e.reason.rpartition(" ")[2] for t in pick(result, "self-hosted") for e in t.evidence}
    assert labels == {
        "warp-ubuntu-latest-x64-4x",
        "warp-ubuntu-latest-arm64-4x",
        "warp-ubuntu-2204-x64-8x",
    }
    assert [t.version for t in pick(result, "nodejs")] == ["22.x"]  # the composite action
    assert pick(result, "dependabot")[0].version_note == "updates github-actions, npm"


def test_fdroidserver_gitlab_images(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("f-droid__fdroidserver"))
    images = {(t.key, t.version) for t in result.technologies if t.category == "container-image"}
    assert images == {
        ("registry.gitlab.com/fdroid/fdroidserver", "buildserver"),
        ("debian", "testing"),
        ("debian", "trixie-slim"),
        ("debian", "13-slim"),
        ("debian", "bookworm-backports"),
        ("ubuntu", "latest"),
        ("ubuntu", "jammy"),
        ("fedora", "43"),
        ("alpine", "latest"),
        ("docker", "dind"),
    }
    (trixie,) = [t for t in pick(result, "debian") if t.version == "trixie-slim"]
    assert len(trixie.evidence) == 13
    assert {t.key for t in result.technologies if t.category == "ci-runner"} == {"macos", "windows"}
    assert result.failures == ()


def test_babel_circleci(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("babel__babel"))
    assert {t.key for t in result.technologies if t.category == "ci"} == {
        "circleci",
        "github-actions",
    }
    (node,) = pick(result, "cimg/node")
    assert (node.version, node.evidence[0].path) == ("current", ".circleci/config.yml")
    assert pick(result, "renovate")


def test_woodpecker_and_cloud_build(corpus_tree: Callable[[str], Path]) -> None:
    woodpecker = scan(corpus_tree("woodpecker-ci__woodpecker"))
    assert len(pick(woodpecker, "woodpecker")[0].evidence) == 10
    assert {t.version for t in pick(woodpecker, "golang")} == {"1.27"}
    assert [t.version for t in pick(woodpecker, "postgres")] == ["18"]
    demo = scan(corpus_tree("GoogleCloudPlatform__microservices-demo"))
    (skaffold,) = pick(demo, "gcr.io/k8s-skaffold/skaffold")
    assert skaffold.version == "v2.16.1"
    assert pick(demo, "cloud-build") and pick(demo, "renovate")


@pytest.mark.parametrize(
    ("folder", "pinned"),
    [("fastapi__full-stack-fastapi-template", True), ("Textualize__rich", False)],
)
def test_sha_pinned_actions_keep_their_version_comment(
    folder: str, pinned: bool, corpus_tree: Callable[[str], Path]
) -> None:
    result = scan(corpus_tree(folder))
    notes = [d.version_note or "" for d in result.dependencies if d.name == "actions/checkout"]
    assert notes
    assert all(note.startswith("pinned to a commit SHA; the comment says v") for note in notes) is (
        pinned
    )
