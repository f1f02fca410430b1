"""Dev containers: JSON with comments, images, features as runtimes, compose files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detectors.common.jsonc import clean, line_of_key, load_object
from detectors.containers.detector import route
from detectors.containers.devcontainer import read_devcontainer
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import RepositoryScan

Source = Callable[[str, str | bytes], SourceFile]
Scan = Callable[[Path], RepositoryScan]
MakeTree = Callable[[dict[str, str]], Path]

DEVCONTAINER = """\
// Comments before the object.
{
  "name": "app", // trailing comment
  /* a block
     comment with "quotes" and a , before } */
  "image": "mcr.microsoft.com/devcontainers/python:1-3.12-bookworm",
  "features": {
    "ghcr.io/devcontainers/features/node:1": {"version": "18"},
    "ghcr.io/devcontainers/features/python:1": {"version": "3.11.4", "installTools": true},
    "ghcr.io/devcontainers/features/java:1": {"version": "21-oracle", "jdkDistro": "oracle"},
    "ghcr.io/devcontainers/features/go:1": {"version": "latest"},
    "ghcr.io/devcontainers/features/ruby:1": {"version": "none"},
    "ghcr.io/devcontainers/features/dotnet:2": {},
    "ghcr.io/devcontainers/features/rust:1@sha256:abc": {"version": 1.77},
    "ghcr.io/devcontainers/features/docker-in-docker:2": {},
    "rust": "stable",
    "php": "8.2",
  },
  "postCreateCommand": "echo 'http://not-a-comment' // a comment",
}
"""


def test_jsonc_cleaning_keeps_offsets() -> None:
    text = '{"a": "x // y", /* c\n */ "b": [1, 2,], }\n'
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert cleaned.count("\n") == text.count("\n")
    document, _ = load_object(text)
    assert document == {"a": "x // y", "b": [1, 2]}
    assert line_of_key(cleaned, "b") == 2
    assert line_of_key(cleaned, "missing") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("// only a comment\n", "empty file"),
        ("[1, 2]", "expected a JSON object, found list"),
        ('{"a": }', "not valid JSON: Expecting value at line 1"),
        ('{"a": 1', "not valid JSON"),
    ],
)
def test_malformed_jsonc(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        load_object(text)


def test_image_and_feature_runtimes(source: Source) -> None:
    output = read_devcontainer(source(".devcontainer/devcontainer.json", DEVCONTAINER)).output
    image = next(t for t in output.technologies if t.category == "container-image")
    assert (image.key, image.version, image.evidence[0].line) == (
        "mcr.microsoft.com/devcontainers/python",
        "1-3.12-bookworm",
        6,
    )
    runtimes = [
        (t.key, t.name, t.version, t.version_source, t.version_note, t.evidence[0].line)
        for t in output.technologies
        if t.category == "runtime"
    ]
    assert runtimes == [
        ("nodejs", "Node.js", "18", "declared", None, 8),
        ("python", "Python", "3.11.4", "declared", None, 9),
        ("java", "Java", "21", "declared", "feature version '21-oracle'", 10),
        ("go", "Go", None, None, "feature version 'latest' names no version", 11),
        ("dotnet", ".NET", None, None, "no version option (the feature's default)", 13),
        ("rust", "Rust", "1.77", "declared", None, 14),
        ("rust", "Rust", None, None, "feature version 'stable' names no version", 16),
        ("php", "PHP", "8.2", "declared", None, 17),
    ]
    tool = next(t for t in output.technologies if t.key == "devcontainer")
    assert tool.version_note == "image mcr.microsoft.com/devcontainers/python:1-3.12-bookworm"
    assert output.failures == ()


def test_variables_in_the_image(source: Source) -> None:
    text = '{"image": "ghcr.io/acme/dev:${localEnv:DEV_TAG:2.1.0}"}'
    output = read_devcontainer(source(".devcontainer.json", text)).output
    image = next(t for t in output.technologies if t.category == "container-image")
    assert (image.key, image.version) == ("ghcr.io/acme/dev", "2.1.0")
    unknown = '{"image": "ghcr.io/acme/dev:${localEnv:DEV_TAG}"}'
    output = read_devcontainer(source(".devcontainer.json", unknown)).output
    image = next(t for t in output.technologies if t.category == "container-image")
    assert image.version is None
    assert image.version_note == (
        "tag depends on unresolved variable(s) localEnv:DEV_TAG; localEnv:DEV_TAG is unknown "
        "at scan time"
    )


def test_compose_based_dev_container(source: Source) -> None:
    text = (
        '{"dockerComposeFile": ["../docker-compose.yml", "dev.yml", "/abs.yml", "../../out.yml"],'
        ' "service": "app", "build": {"dockerfile": "Dockerfile"}}'
    )
    found = read_devcontainer(source(".devcontainer/devcontainer.json", text))
    assert found.compose_files == ("docker-compose.yml", ".devcontainer/dev.yml")
    tool = next(t for t in found.output.technologies if t.key == "devcontainer")
    assert tool.version_note == (
        "compose file(s) ../docker-compose.yml, dev.yml, /abs.yml, ../../out.yml, "
        "service 'app'; Dockerfile Dockerfile"
    )


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (".devcontainer/devcontainer.json", "devcontainer"),
        (".devcontainer.json", "devcontainer"),
        ("apps/web/.devcontainer/devcontainer.json", "devcontainer"),
        (".devcontainer/python/devcontainer.json", "devcontainer"),
        ("fixtures/devcontainer.json", None),
    ],
)
def test_devcontainer_paths(path: str, kind: str | None) -> None:
    assert route(path) == kind


def test_referenced_compose_file_is_read_in_the_tree_pass(make_tree: MakeTree, scan: Scan) -> None:
    root = make_tree(
        {
            ".devcontainer/devcontainer.json": (
                '{"dockerComposeFile": ["dev-services.yml", "../docker-compose.yml",'
                ' "missing.yml", "broken.yml"], "service": "app"}'
            ),
            ".devcontainer/dev-services.yml": (
                "services:\n  db:\n    image: postgres:${PG:-16.1}\n  app:\n    build: .\n"
            ),
            ".devcontainer/.env": "PG=16.4\n",
            ".devcontainer/broken.yml": "services: [\n",
            "docker-compose.yml": "services:\n  cache:\n    image: redis:7.2.4\n",
        }
    )
    result = scan(root)
    images = sorted(
        (t.key, t.version, t.evidence[0].path)
        for t in result.technologies
        if t.category == "container-image"
    )
    assert images == [
        ("postgres", "16.4", ".devcontainer/dev-services.yml"),
        ("redis", "7.2.4", "docker-compose.yml"),
    ]
    assert [(f.path, f.detector) for f in result.failures] == [
        (".devcontainer/broken.yml", "containers")
    ]
    assert result.failures[0].reason.startswith(
        "compose file of .devcontainer/devcontainer.json: not valid YAML"
    )
