"""Image references and the container-image technologies made of them."""

from __future__ import annotations

import pytest

from detectors.common.images import (
    UNRESOLVED,
    ImageReference,
    ImageReferenceError,
    image_technology,
    parse_image_reference,
)
from scanner.model import Category, Evidence

EVIDENCE = Evidence(path="Dockerfile", detector="containers", reason="test", line=3)
DIGEST = "sha256:" + "ab" * 32


@pytest.mark.parametrize(
    ("text", "expected", "key"),
    [
        ("postgres", ImageReference(None, "postgres"), "postgres"),
        ("postgres:15.3", ImageReference(None, "postgres", "15.3"), "postgres"),
        ("library/postgres:15", ImageReference(None, "library/postgres", "15"), "postgres"),
        (
            "docker.io/library/postgres:15",
            ImageReference("docker.io", "library/postgres", "15"),
            "postgres",
        ),
        (
            "index.docker.io/bitnami/redis:7.2",
            ImageReference("index.docker.io", "bitnami/redis", "7.2"),
            "bitnami/redis",
        ),
        ("bitnami/redis", ImageReference(None, "bitnami/redis"), "bitnami/redis"),
        (
            "ghcr.io/Org/App:v1.2.3",
            ImageReference("ghcr.io", "Org/App", "v1.2.3"),
            "ghcr.io/org/app",
        ),
        (
            "localhost:5000/team/app:dev",
            ImageReference("localhost:5000", "team/app", "dev"),
            "localhost:5000/team/app",
        ),
        ("localhost/app", ImageReference("localhost", "app"), "localhost/app"),
        (
            "registry.example.com:8443/a/b/c:1.0",
            ImageReference("registry.example.com:8443", "a/b/c", "1.0"),
            "registry.example.com:8443/a/b/c",
        ),
        ("myregistry:5000/app", ImageReference("myregistry:5000", "app"), "myregistry:5000/app"),
        ("Registry/app", ImageReference("Registry", "app"), "registry/app"),
        (
            f"nginx@{DIGEST}",
            ImageReference(None, "nginx", None, DIGEST),
            "nginx",
        ),
        (
            f"chrislusf/seaweedfs:4.40_large_disk@{DIGEST}",
            ImageReference(None, "chrislusf/seaweedfs", "4.40_large_disk", DIGEST),
            "chrislusf/seaweedfs",
        ),
        (
            "[::1]:5000/app:1",
            ImageReference("[::1]:5000", "app", "1"),
            "[::1]:5000/app",
        ),
        ("mcr.microsoft.com/dotnet/sdk:8.0", None, "mcr.microsoft.com/dotnet/sdk"),
        ("  python:3.12-slim  ", ImageReference(None, "python", "3.12-slim"), "python"),
    ],
)
def test_parse_reference(text: str, expected: ImageReference | None, key: str) -> None:
    reference = parse_image_reference(text)
    if expected is not None:
        assert reference == expected
    assert reference.key == key
    assert str(reference) == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty image reference"),
        ("python:", "empty tag"),
        ("python@", "malformed digest"),
        ("python@sha256:abc@x", "malformed digest"),
        ("python@sha256:xyz", "invalid digest"),
        ("{{ .Values.image }}", "invalid repository"),
        ("python:3.11 slim", "invalid tag"),
        ("-python", "invalid repository"),
        ("python:-bad", "invalid tag"),
        ("ghcr.io/", "invalid repository"),
        ("bad_host!/app", "invalid repository"),
    ],
)
def test_malformed_references(text: str, message: str) -> None:
    with pytest.raises(ImageReferenceError, match=message):
        parse_image_reference(text)


def test_technology_with_exact_tag() -> None:
    technology = image_technology("postgres:15.3.1", EVIDENCE)
    assert technology is not None
    assert (technology.key, technology.name, technology.category) == (
        "postgres",
        "postgres",
        Category.CONTAINER_IMAGE,
    )
    assert (technology.version, technology.version_source) == ("15.3.1", "resolved")
    assert technology.version_note is None
    assert technology.evidence == (EVIDENCE,)


@pytest.mark.parametrize(
    ("text", "version", "source"),
    [
        ("python:3.11", "3.11", "declared"),
        ("redis:8-alpine", "8-alpine", "declared"),
        ("postgres:15.3-bullseye", "15.3-bullseye", "declared"),
        ("memcached:1.6.45-alpine", "1.6.45-alpine", "resolved"),
        ("edoburu/pgbouncer:v1.25.2-p0", "v1.25.2-p0", "resolved"),
        (f"app:2@{DIGEST}", "2", "resolved"),
    ],
)
def test_version_precision(text: str, version: str, source: str) -> None:
    technology = image_technology(text, EVIDENCE)
    assert technology is not None
    assert (technology.version, technology.version_source) == (version, source)


def test_no_tag_means_latest() -> None:
    technology = image_technology("memcached", EVIDENCE)
    assert technology is not None
    assert technology.version is None
    assert technology.version_source is None
    assert technology.version_note == "no tag (latest)"


def test_tag_without_a_version_is_noted() -> None:
    technology = image_technology("redis:latest", EVIDENCE)
    assert technology is not None
    assert technology.version == "latest"
    assert technology.version_note == "tag 'latest' names no version"


def test_digest_is_kept_in_the_note() -> None:
    technology = image_technology(f"seaweedfs:4.40@{DIGEST}", EVIDENCE, notes=("extra",))
    assert technology is not None
    assert technology.version == "4.40"
    assert technology.version_note == f"digest {DIGEST}; extra"
    digest_only = image_technology(f"nginx@{DIGEST}", EVIDENCE)
    assert digest_only is not None
    assert digest_only.version is None
    assert digest_only.version_note == f"no tag, pinned by digest; digest {DIGEST}"


def test_unresolved_tag_leaves_the_version_unknown() -> None:
    technology = image_technology(
        f"ghcr.io/org/app:{UNRESOLVED}-slim", EVIDENCE, unresolved=("TAG",), notes=("why",)
    )
    assert technology is not None
    assert technology.key == "ghcr.io/org/app"
    assert technology.version is None
    assert technology.version_note == "tag depends on unresolved variable(s) TAG; why"


def test_unresolved_repository_gives_no_technology() -> None:
    assert image_technology(f"{UNRESOLVED}:1.0", EVIDENCE, unresolved=("IMAGE",)) is None
    assert image_technology(f"{UNRESOLVED}/app:1.0", EVIDENCE, unresolved=("REG",)) is None
    assert image_technology(f"org/app{UNRESOLVED}", EVIDENCE, unresolved=("SUFFIX",)) is None


def test_untagged_note_can_be_replaced() -> None:
    technology = image_technology("nginx", EVIDENCE, untagged_note="kept from manifests")
    assert technology is not None
    assert technology.version_note == "kept from manifests"
