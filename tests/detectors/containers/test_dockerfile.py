"""Dockerfiles: stages, ARG substitution, here-documents, continuations, directives."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detectors.containers.detector import route
from detectors.containers.dockerfile import parse_dockerfile, read_dockerfile
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, FailureKind, Technology

Source = Callable[[str, str | bytes], SourceFile]
DIGEST = "sha256:" + "0123456789abcdef" * 4


def images(output: DetectorOutput) -> list[Technology]:
    return [t for t in output.technologies if t.category == "container-image"]


def summary(output: DetectorOutput) -> list[tuple[str, str | None, int | None]]:
    return [(t.key, t.version, t.evidence[0].line) for t in images(output)]


def test_multi_stage_build(source: Source) -> None:
    text = (
        "FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build\n"
        "RUN go build ./...\n"
        "FROM build AS test\n"
        "RUN go test ./...\n"
        "FROM gcr.io/distroless/static-debian12:nonroot\n"
        "COPY --from=build /out/app /app\n"
        "COPY --from=0 /out/app /app2\n"
    )
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [
        ("golang", "1.22-alpine", 1),
        ("gcr.io/distroless/static-debian12", "nonroot", 5),
    ]
    golang, distroless = images(output)
    assert golang.evidence[0].reason == "FROM golang:1.22-alpine: base image of stage 'build'"
    assert distroless.evidence[0].reason.endswith("base image of stage 2")
    assert golang.evidence[0].path == "Dockerfile"
    assert golang.evidence[0].detector == "containers"
    assert output.failures == ()
    docker = [t for t in output.technologies if t.key == "docker"]
    assert len(docker) == 1 and docker[0].category == "infrastructure"


def test_stage_names_are_case_insensitive_and_scratch_is_no_image(source: Source) -> None:
    text = "FROM node:20 AS Builder\nFROM builder\nFROM BUILDER AS again\nFROM scratch\n"
    assert summary(parse_dockerfile(source("Dockerfile", text))) == [("node", "20", 1)]


def test_a_stage_named_later_is_an_image_for_from(source: Source) -> None:
    # FROM sees only earlier stages; `base` here is pulled, then a stage is named base.
    text = "FROM base\nFROM alpine:3.19 AS base\n"
    assert summary(parse_dockerfile(source("Dockerfile", text))) == [
        ("base", None, 1),
        ("alpine", "3.19", 2),
    ]


def test_arg_substitution_in_from(source: Source) -> None:
    text = (
        "ARG PYTHON_VERSION=3.11\n"
        "ARG VARIANT=slim\n"
        "ARG REGISTRY\n"
        "ARG NODE_IMAGE=node:${NODE_MAJOR:-20}\n"
        "FROM python:${PYTHON_VERSION}-${VARIANT} AS app\n"
        "FROM python:$PYTHON_VERSION\n"
        "FROM ${REGISTRY:-docker.io}/library/redis:${REDIS:-7.2.4}\n"
        "FROM $NODE_IMAGE\n"
    )
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [
        ("python", "3.11-slim", 5),
        ("python", "3.11", 6),
        ("redis", "7.2.4", 7),
        ("node", "20", 8),
    ]
    python, _, redis, _ = images(output)
    assert python.version_note == (
        "PYTHON_VERSION is its ARG default '3.11'; VARIANT is its ARG default 'slim'"
    )
    assert python.version_source == "declared"
    assert redis.version_source == "resolved"
    assert redis.version_note == (
        "REGISTRY unset, default 'docker.io' used; REDIS unset, default '7.2.4' used"
    )


def test_args_inside_a_stage_do_not_reach_later_froms(source: Source) -> None:
    text = (
        "ARG BASE_TAG=1.0\n"
        "FROM alpine:3.19\n"
        "ARG LATER=2.0\n"
        "ARG BASE_TAG=9.9\n"
        "FROM app:$LATER\n"
        "FROM app:$BASE_TAG\n"
        "FROM app:${TARGETARCH}\n"
    )
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [
        ("alpine", "3.19", 2),
        ("app", None, 5),
        ("app", "1.0", 6),
        ("app", None, 7),
    ]
    later, platform = images(output)[1], images(output)[3]
    assert later.version_note == (
        "tag depends on unresolved variable(s) LATER; LATER is declared inside a stage; "
        "FROM sees only ARGs declared before the first FROM"
    )
    assert "set by BuildKit" in (platform.version_note or "")


def test_arg_without_default_and_undeclared_variables(source: Source) -> None:
    text = 'ARG VERSION\nARG A=1 B="two"\nFROM python:$VERSION\nFROM python:$NOPE\n'
    output = parse_dockerfile(source("Dockerfile", text))
    first, second = images(output)
    assert first.version is None
    assert first.version_note == (
        "tag depends on unresolved variable(s) VERSION; ARG VERSION has no default "
        "(set with --build-arg)"
    )
    assert second.version_note == (
        "tag depends on unresolved variable(s) NOPE; NOPE is not declared"
    )


def test_image_named_by_an_unresolved_variable_is_left_out(source: Source) -> None:
    text = "ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\nFROM $REGISTRY/app:1\n"
    output = parse_dockerfile(source("Dockerfile", text))
    assert images(output) == []
    assert output.failures == ()


def test_copy_from_and_mount_from_images(source: Source) -> None:
    text = (
        "FROM python:3.12-slim AS base\n"
        "ARG UV=0.4.0\n"
        "COPY --from=ghcr.io/astral-sh/uv:$UV /uv /bin/uv\n"
        f"COPY --link --from=nginx:1.25@{DIGEST} /etc/nginx /etc/nginx\n"
        "RUN --mount=type=cache,target=/root/.cache \\\n"
        "    --mount=type=bind,from=busybox:1.36,source=/bin,target=/b true\n"
        "RUN --mount=type=bind,from=base,target=/x true\n"
        "COPY --from=BASE /a /b\n"
    )
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [
        ("python", "3.12-slim", 1),
        ("ghcr.io/astral-sh/uv", "0.4.0", 3),
        ("nginx", "1.25", 4),
        ("busybox", "1.36", 5),
    ]
    uv, nginx = images(output)[1:3]
    assert uv.evidence[0].reason == "COPY --from=ghcr.io/astral-sh/uv:$UV in stage 'base'"
    assert uv.version_note == "UV is its ARG default '0.4.0'"
    assert nginx.version_note == f"digest {DIGEST}"


def test_continuations_comments_and_crlf(source: Source) -> None:
    text = (
        "# a comment\r\n"
        "\r\n"
        "FROM \\\r\n"
        "  # a comment inside the continuation\r\n"
        "\r\n"
        "  python:3.10 \\  \r\n"
        "  AS base\r\n"
        "RUN echo \\\\\r\n"
        "FROM ruby:3.3\r\n"
    )
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [("python", "3.10", 3), ("ruby", "3.3", 9)]


def test_heredoc_bodies_are_skipped(source: Source) -> None:
    text = (
        "FROM debian:12\n"
        "RUN <<EOF\n"
        "FROM not-an-image:1\n"
        "EOF\n"
        "COPY <<-'CONF' /etc/app.conf\n"
        "\tFROM also-not:2\n"
        "\tCONF\n"
        'RUN <<ONE cat > /a && <<"TWO" cat > /b\n'
        "FROM nor-this:3\n"
        "ONE\n"
        "FROM nor-that:4\n"
        "TWO\n"
        "RUN echo '<<NOT' && cat <<< here\n"
        "FROM alpine:3.20\n"
    )
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [("debian", "12", 1), ("alpine", "3.20", 14)]
    assert output.failures == ()


def test_unterminated_heredoc_is_an_error(source: Source) -> None:
    with pytest.raises(DetectorError, match=r"line 2: here-document <<EOF is never terminated"):
        parse_dockerfile(source("Dockerfile", "FROM debian\nRUN <<EOF\necho hi\n"))


def test_parser_directives(source: Source) -> None:
    text = (
        "# syntax=docker/dockerfile:1.7\n"
        "# escape=`\n"
        "FROM mcr.microsoft.com/windows/servercore:ltsc2022 `\n"
        "  AS win\n"
        "RUN dir c:\\\n"
        "FROM python:3.12\n"
    )
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [
        ("docker/dockerfile", "1.7", 1),
        ("mcr.microsoft.com/windows/servercore", "ltsc2022", 3),
        ("python", "3.12", 6),
    ]
    assert images(output)[0].evidence[0].reason.startswith("syntax parser directive")


def test_directives_only_count_at_the_top() -> None:
    dockerfile = read_dockerfile("# comment\n# escape=`\nFROM a \\\n  AS b\n")
    assert dockerfile.directives == {}
    assert dockerfile.escape == "\\"
    assert [(i.keyword, i.arguments, i.line) for i in dockerfile.instructions] == [
        ("from", "a   AS b", 3)
    ]


def test_bom_and_lower_case_instructions(source: Source) -> None:
    data = "from node:18-alpine as web\nworkdir /app\n".encode("utf-8-sig")
    output = parse_dockerfile(source("web.Dockerfile", data))
    assert summary(output) == [("node", "18-alpine", 1)]


def test_bad_lines_are_failures_of_their_own(source: Source) -> None:
    text = "FROM python:3.12\nFROBNICATE x\nFROM a b c d\nFROM bad!image\nFROM ok:1\n"
    output = parse_dockerfile(source("Dockerfile", text))
    assert summary(output) == [("python", "3.12", 1), ("ok", "1", 5)]
    assert [f.reason for f in output.failures] == [
        "line 2: unknown instruction 'frobnicate'",
        "line 3: FROM takes an image and an optional 'AS name', found 'a b c d'",
        "line 4: FROM bad!image: base image of stage 2: 'bad!image': invalid repository "
        "'bad!image'",
    ]
    assert all(f.kind == FailureKind.PARSE_ERROR for f in output.failures)
    assert all(f.path == "Dockerfile" and f.detector == "containers" for f in output.failures)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no instructions"),
        ("# only a comment\n\n", "no instructions"),
        ("RUN echo hi\n", "no FROM instruction"),
        ("ARG A=1\n", "no FROM instruction"),
    ],
)
def test_not_a_dockerfile(source: Source, text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_dockerfile(source("Dockerfile", text))


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("Dockerfile", "dockerfile"),
        ("src/api/Dockerfile", "dockerfile"),
        ("Dockerfile.dev", "dockerfile"),
        ("docker/Dockerfile.prod", "dockerfile"),
        ("api.Dockerfile", "dockerfile"),
        ("api.dockerfile", "dockerfile"),
        ("Containerfile", "dockerfile"),
        ("Containerfile.build", "dockerfile"),
        ("Dockerfile.dockerignore", None),
        ("Dockerfile.j2", None),
        ("Dockerfile.md", None),
        ("Dockerfile.yml", "yaml"),
    ],
)
def test_dockerfile_names(path: str, kind: str | None) -> None:
    assert route(path) == kind
