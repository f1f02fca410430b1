"""GitLab CI: images, services, includes (read after the walk), runner tags."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FileSpec, scan_with

from detectors.ci.detector import CiDetector
from detectors.ci.gitlab_ci import parse_gitlab_ci, parse_gitlab_ci_with_includes
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, FailureKind, RepositoryScan

CONFIG = """
variables:
  PYTHON_IMAGE: python:3.11
  TAG: "16"
image: ${PYTHON_IMAGE}
default:
  image: { name: "node:20", entrypoint: [""] }
  services: [redis:7]
include:
  - local: /ci/lint.yml
  - 'ci/*.gitlab-ci.yml'
  - remote: https://example.com/ci.yml
  - template: Security/SAST.gitlab-ci.yml
  - project: group/shared
    ref: v1.2
    file: [/a.yml, /b.yml]
  - component: gitlab.com/org/components/scan@2.0
.base: &base
  image: ruby:3.3
  tags: [saas-linux-small-amd64]
test:
  <<: *base
  variables:
    TAG: "15"
  services:
    - name: postgres:$TAG
      alias: db
    - $CI_REGISTRY_IMAGE:latest
  script: [rake]
mac:
  tags: [saas-macos-medium-m1]
win:
  tags: [saas-windows-medium-amd64, shell]
stages: [test]
"""


def parse(text: str, path: str = ".gitlab-ci.yml") -> DetectorOutput:
    return parse_gitlab_ci(SourceFile(FileContent(path, text.encode()), "ci"))


def test_images_services_templates_and_variables() -> None:
    output = parse(CONFIG)
    images = [
        (t.key, t.version, t.evidence[0].line, t.evidence[0].reason)
        for t in output.technologies
        if t.category == "container-image"
    ]
    assert images == [
        ("python", "3.11", 5, "top level image: python:3.11"),
        ("node", "20", 7, "default image: node:20"),
        ("redis", "7", 8, "default service: redis:7"),
        ("ruby", "3.3", 19, "hidden job '.base' image: ruby:3.3"),
        ("ruby", "3.3", 19, "job 'test' image: ruby:3.3"),
        ("postgres", "15", 26, "job 'test' service: postgres:15"),
    ]
    runners = [(t.key, t.version_note) for t in output.technologies if t.category == "ci-runner"]
    assert runners == [
        ("macos", "runner tag 'saas-macos-medium-m1'"),
        ("windows", "runner tag 'saas-windows-medium-amd64'"),
        ("self-hosted", "custom runner tag 'shell'"),
    ]


def test_includes() -> None:
    file = SourceFile(FileContent(".gitlab-ci.yml", CONFIG.encode()), "ci")
    output, local = parse_gitlab_ci_with_includes(file)
    assert local == ["ci/lint.yml", "ci/*.gitlab-ci.yml"]
    (system,) = [t for t in output.technologies if t.category == "ci"]
    assert system.key == "gitlab-ci"
    assert [(e.line, e.reason) for e in system.evidence[1:]] == [
        (12, "includes remote https://example.com/ci.yml"),
        (13, "includes template Security/SAST.gitlab-ci.yml"),
        (14, "includes project group/shared file /a.yml, /b.yml at ref v1.2"),
        (17, "includes component gitlab.com/org/components/scan@2.0"),
    ]
    assert parse_gitlab_ci_with_includes(
        SourceFile(FileContent("x.yml", b"include: ci/one.yml\njob: {script: [a]}\n"), "ci")
    )[1] == ["ci/one.yml"]


def test_a_bad_entry_is_a_failure_not_an_error() -> None:
    output = parse("bad:\n  image: [a, b]\ngood:\n  image: go:1.22\n")
    assert [t.key for t in output.technologies] == ["gitlab-ci", "go"]
    (failure,) = output.failures
    assert failure.kind is FailureKind.PARSE_ERROR and failure.path == ".gitlab-ci.yml"
    assert failure.reason == "line 2: job 'bad' image is a list, not an image name; skipped"


def test_spec_header_document_is_skipped() -> None:
    output = parse("spec:\n  inputs:\n    stage: {default: test}\n---\njob:\n  image: go:1.22\n")
    assert [t.key for t in output.technologies] == ["gitlab-ci", "go"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("job: [\n", "not valid YAML"),
        ("", "empty GitLab CI configuration"),
        ("- job\n", "expected a mapping"),
        ("a: 1\n---\nb: 2\n", "expected one YAML document"),
    ],
)
def test_malformed(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse(text)


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, CiDetector)


def test_local_includes_are_read_after_the_walk(
    make_tree: Callable[[FileSpec], Path],
) -> None:
    root = make_tree(
        {
            ".gitlab-ci.yml": "include:\n  - local: ci/base.yml\n  - 'ci/jobs/*.yml'\n",
            "ci/base.yml": "include: ci/nested/deep.yml\nbuild:\n  image: golang:1.22\n",
            "ci/nested/deep.yml": "deep:\n  image: alpine:3.20\n",
            "ci/jobs/a.yml": "a:\n  image: node:22\n",
            "ci/jobs/b.yml": "b: [not, a, mapping\n",
            "ci/jobs/sub/c.yml": "c:\n  image: never:1\n",
            "sub/.gitlab-ci.yml": "ignored:\n  image: not-root:1\n",
        }
    )
    result = scan(root)
    images = sorted(
        (t.key, t.version, t.evidence[0].path)
        for t in result.technologies
        if t.category == "container-image"
    )
    assert images == [
        ("alpine", "3.20", "ci/nested/deep.yml"),
        ("golang", "1.22", "ci/base.yml"),
        ("node", "22", "ci/jobs/a.yml"),
    ]
    (failure,) = result.failures
    assert failure.kind is FailureKind.PARSE_ERROR and failure.path == "ci/jobs/b.yml"
    assert failure.detector == "ci" and failure.reason.startswith("included by .gitlab-ci.yml: ")
