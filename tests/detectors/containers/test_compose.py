"""Compose files: service images, interpolation, anchors and merge keys, ``.env``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detectors.containers.compose import parse_compose
from detectors.containers.detector import route
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, RepositoryScan, Technology

Source = Callable[[str, str | bytes], SourceFile]
Scan = Callable[[Path], RepositoryScan]
MakeTree = Callable[[dict[str, str]], Path]


def images(output: DetectorOutput | RepositoryScan) -> list[Technology]:
    return [t for t in output.technologies if t.category == "container-image"]


def summary(output: DetectorOutput | RepositoryScan) -> list[tuple[str, str | None]]:
    return [(t.key, t.version) for t in images(output)]


def test_service_images_with_lines_and_reasons(source: Source) -> None:
    text = (
        "version: '3.8'\n"
        "services:\n"
        "  db:\n"
        "    image: postgres:15.3\n"
        "  cache:\n"
        '    image: "redis:7-alpine"\n'
        "  web:\n"
        "    build: .\n"
        "  worker:\n"
        "    build:\n"
        "      context: ./worker\n"
        "    image: ghcr.io/acme/worker:1.0.0\n"
    )
    output = parse_compose(source("docker-compose.yml", text))
    assert [
        (t.key, t.version, t.evidence[0].line, t.evidence[0].reason) for t in images(output)
    ] == [
        ("postgres", "15.3", 4, "service 'db' image"),
        ("redis", "7-alpine", 6, "service 'cache' image"),
        (
            "ghcr.io/acme/worker",
            "1.0.0",
            12,
            "service 'worker' image (built here from context './worker')",
        ),
    ]
    compose_tool = [t for t in output.technologies if t.key == "docker-compose"]
    assert compose_tool[0].evidence[0].reason == "compose file with 4 services"
    assert output.failures == ()


def test_interpolation_with_defaults_only(source: Source) -> None:
    text = (
        "services:\n"
        "  a:\n    image: postgres:${PG_VERSION:-16.2}\n"
        "  b:\n    image: redis:${REDIS_TAG-7}\n"
        "  c:\n    image: ${REGISTRY:-ghcr.io}/org/app:$TAG\n"
        "  d:\n    image: ${IMAGE_NAME}:${DEMO_VERSION}-frontend\n"
        "  e:\n    image: ${DOCKER_REGISTRY-}eshopwebmvc\n"
        "  f:\n    image: 'nginx:1.25$${literal}'\n"
    )
    output = parse_compose(source("compose.yaml", text))
    found = {t.key: t for t in images(output)}
    assert sorted(found) == ["eshopwebmvc", "ghcr.io/org/app", "postgres", "redis"]
    assert (found["postgres"].version, found["postgres"].version_note) == (
        "16.2",
        "PG_VERSION not set, default '16.2' used",
    )
    assert found["redis"].version == "7"
    app = found["ghcr.io/org/app"]
    assert app.version is None
    assert app.version_note == (
        "tag depends on unresolved variable(s) TAG; REGISTRY not set, default 'ghcr.io' used; "
        "TAG not set and has no default"
    )
    assert found["eshopwebmvc"].version_note == (
        "no tag (latest); DOCKER_REGISTRY not set, default '' used"
    )
    # `$$` is a literal dollar: the tag is not a valid tag, reported as a failure.
    assert [f.reason for f in output.failures] == [
        "line 13: service 'f' image: 'nginx:1.25${literal}': invalid tag '1.25${literal}'"
    ]


def test_anchors_merge_keys_and_extension_fields(source: Source) -> None:
    text = (
        "x-defaults: &defaults\n"
        "  restart: always\n"
        "  image: &img 'sentry:24.1.0'\n"
        "x-other: &other\n"
        "  environment: {A: 1}\n"
        "services:\n"
        "  web:\n"
        "    <<: [*defaults, *other]\n"
        "  worker:\n"
        "    <<: *defaults\n"
        "    command: run worker\n"
        "  cron:\n"
        "    <<: *defaults\n"
        "    image: *img\n"
        "  override:\n"
        "    <<: *defaults\n"
        "    image: sentry:25.0.0\n"
    )
    output = parse_compose(source("docker-compose.yml", text))
    assert [
        (t.key, t.version, t.evidence[0].line, t.evidence[0].reason) for t in images(output)
    ] == [
        ("sentry", "24.1.0", 3, "service 'web' image"),
        ("sentry", "24.1.0", 3, "service 'worker' image"),
        ("sentry", "24.1.0", 3, "service 'cron' image"),
        ("sentry", "25.0.0", 17, "service 'override' image"),
    ]


def test_compose_tags_reset_and_override(source: Source) -> None:
    text = "services:\n  app:\n    image: !override python:3.12\n    ports: !reset []\n"
    assert summary(parse_compose(source("compose.override.yaml", text))) == [("python", "3.12")]


def test_version_1_layout(source: Source) -> None:
    text = "db:\n  image: mysql:5.6\nweb:\n  build: .\n  links: [db]\nx-note:\n  image: no:1\n"
    output = parse_compose(source("docker-compose.yml", text))
    assert summary(output) == [("mysql", "5.6")]


def test_empty_and_comment_only_files_are_valid_overlays(source: Source) -> None:
    for text in ("", "# nothing here\n# services:\n#   a:\n", "---\n"):
        output = parse_compose(source("compose.extras.yaml", text))
        assert images(output) == []
        assert output.failures == ()


def test_entries_that_cannot_be_read(source: Source) -> None:
    text = (
        "services:\n"
        "  a:\n    image: [not, a, string]\n"
        "  b:\n    image: app:${TAG\n"
        "  c:\n    image: ok:1\n"
        "  d: null\n"
        "  e: just-a-string\n"
    )
    output = parse_compose(source("compose.yml", text))
    assert summary(output) == [("ok", "1")]
    assert [f.reason for f in output.failures] == [
        "service 'a': image is not a string",
        "line 5: service 'b': unclosed '${' in 'app:${TAG'",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("services:\n  a:\n    image: [unclosed\n", "not valid YAML at line"),
        ("- a\n- b\n", "expected a mapping at the top level, found list"),
        ("services:\n  - a\n", "'services' is a list, not a mapping"),
        ("services: [\n", "not valid YAML"),
    ],
)
def test_malformed_compose_files(source: Source, text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_compose(source("docker-compose.yml", text))


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("docker-compose.yml", "compose"),
        ("deploy/docker-compose.yaml", "compose"),
        ("docker-compose.override.yml", "compose"),
        ("document/docker/docker-compose-env.yml", "compose"),
        ("compose.yaml", "compose"),
        ("compose.yml", "compose"),
        ("compose.prod.yaml", "compose"),
        ("compose-dev.yml", "compose"),
        ("compose_test.yml", "compose"),
        ("composer.yml", "yaml"),
        ("docker-compose.json", None),
    ],
)
def test_compose_names(path: str, kind: str | None) -> None:
    assert route(path) == kind


def test_dotenv_beside_the_compose_file(make_tree: MakeTree, scan: Scan) -> None:
    root = make_tree(
        {
            "docker-compose.yml": (
                "services:\n"
                "  api:\n    image: ${IMAGE_NAME}:${DEMO_VERSION}-api\n"
                "  db:\n    image: postgres:${PG:-15}\n"
                "  cache:\n    image: redis:${REDIS_TAG}\n"
            ),
            ".env": "IMAGE_NAME=ghcr.io/open-telemetry/demo\nDEMO_VERSION=2.0.2\nPG=16.1\n",
            "other/compose.yaml": "services:\n  x:\n    image: app:${DEMO_VERSION}\n",
        }
    )
    result = scan(root)
    found = {(t.key, t.version): t for t in images(result)}
    assert sorted(found) == [
        ("app", None),
        ("ghcr.io/open-telemetry/demo", "2.0.2-api"),
        ("postgres", "16.1"),
        ("redis", None),
    ]
    assert found[("ghcr.io/open-telemetry/demo", "2.0.2-api")].version_note == (
        "IMAGE_NAME='ghcr.io/open-telemetry/demo' from .env; DEMO_VERSION='2.0.2' from .env"
    )
    assert found[("postgres", "16.1")].version_note == "PG='16.1' from .env"
    assert found[("redis", None)].version_note == (
        "tag depends on unresolved variable(s) REDIS_TAG; REDIS_TAG not set and has no default"
    )
    # The .env of the root is not the one of other/.
    assert found[("app", None)].evidence[0].path == "other/compose.yaml"
    assert result.failures == ()


def test_unreadable_dotenv_means_defaults_only(make_tree: MakeTree, scan: Scan) -> None:
    root = make_tree(
        {
            "compose.yaml": "services:\n  a:\n    image: postgres:${PG:-15}\n",
            ".env": "\0\0\0\0",
        }
    )
    result = scan(root)
    assert summary(result) == [("postgres", "15")]
