"""The containers detector on the corpus: every compose file, Helm chart and dev container
parses, counts agree with independent counts, and whole repositories scan as expected."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import CORPUS, corpus_repositories, require_corpus

from detectors.common.images import UNRESOLVED
from detectors.containers import compose
from detectors.containers.detector import ContainersDetector, route
from scanner.detector import FileContent, SourceFile
from scanner.model import FailureKind, RepositoryScan, Technology

Scan = Callable[[Path], RepositoryScan]
MakeTree = Callable[[dict[str, str]], Path]
CorpusTree = Callable[[str], Path]

KINDS = {"docker-compose": "compose", "helm-chart": "chart", "devcontainer": "devcontainer"}
# An uncommented `image:` line of a compose file.
IMAGE_LINE_RE = re.compile(r"^[ \t]+image:[ \t]*(\S.*)$", re.M)


def inventory() -> list[tuple[str, str, str]]:
    """(folder, path, kind) of every corpus file of the kinds this detector claims."""
    listing = CORPUS / "INVENTORY.tsv"
    if not listing.is_file():
        return [("corpus-missing", "corpus-missing", "docker-compose")]
    with open(listing, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (repo.replace("/", "__"), path, kind) for repo, path, kind, _ in rows[1:] if kind in KINDS
    ]


def corpus_file(folder: str, path: str) -> SourceFile:
    data = (require_corpus() / folder / path).read_bytes()
    return SourceFile(FileContent(path, data), ContainersDetector.name)


def images(result: RepositoryScan) -> dict[str, set[str | None]]:
    found: dict[str, set[str | None]] = {}
    for technology in result.technologies:
        if technology.category == "container-image":
            found.setdefault(technology.key, set()).add(technology.version)
    return found


def image(result: RepositoryScan, key: str, version: str | None) -> Technology:
    return next(
        t
        for t in result.technologies
        if t.category == "container-image" and t.key == key and t.version == version
    )


def own_failures(result: RepositoryScan) -> list[str]:
    """Failures other than the corpus's sparse stand-ins for files it did not copy."""
    return [
        f"{f.path}: {f.kind.value}: {f.reason}"
        for f in result.failures
        if f.detector == ContainersDetector.name or f.kind != FailureKind.BINARY
    ]


def test_the_corpus_has_files_of_every_kind() -> None:
    require_corpus()
    kinds = [kind for _, _, kind in inventory()]
    assert kinds.count("docker-compose") == 28
    assert kinds.count("helm-chart") == 1
    assert kinds.count("devcontainer") == 4


@pytest.mark.parametrize(("folder", "path", "kind"), inventory())
def test_every_corpus_file_parses(folder: str, path: str, kind: str) -> None:
    file = corpus_file(folder, path)
    assert route(path) == KINDS[kind]
    detector = ContainersDetector()
    output = (
        compose.parse_compose(file) if kind == "docker-compose" else detector.inspect_file(file)
    )
    assert output.failures == ()
    for technology in output.technologies:
        assert UNRESOLVED not in technology.key and "$" not in technology.key
        assert all(e.path == path and e.detector == "containers" for e in technology.evidence)


@pytest.mark.parametrize(
    ("folder", "path"),
    [(folder, path) for folder, path, kind in inventory() if kind == "docker-compose"],
)
def test_compose_image_counts_match_a_textual_count(folder: str, path: str) -> None:
    file = corpus_file(folder, path)
    text = file.text()
    read = compose.read_compose(file)
    written = IMAGE_LINE_RE.findall(text)
    anchored = _extension_image_lines(text)
    if anchored:
        # An image in an `x-` block reaches every service that merges it, however many.
        assert len(read.images) >= len(written) - anchored + 1
        return
    assert len(read.images) == len(written)
    assert [i.image for i in read.images] == [w.strip().strip("'\"") for w in written]
    # Every image whose repository is known becomes exactly one technology.
    output = compose.parse_compose(file)
    unnamed = [i for i in read.images if re.match(r"\$\{?[A-Za-z_]+\}?[:/]|\$\{?\w+\}?$", i.image)]
    named = [t for t in output.technologies if t.category == "container-image"]
    assert len(named) == len(read.images) - len(unnamed)


def _extension_image_lines(text: str) -> int:
    """How many `image:` lines sit in top-level `x-` blocks (read line by line)."""
    count, block = 0, ""
    for line in text.splitlines():
        if line[:1] not in ("", " ", "\t", "#"):
            block = line.split(":", 1)[0]
        elif block.startswith("x-") and IMAGE_LINE_RE.match(line):
            count += 1
    return count


@pytest.mark.parametrize("folder", corpus_repositories())
def test_every_corpus_repository_scans_without_failure(
    folder: str, corpus_tree: CorpusTree, scan: Scan
) -> None:
    require_corpus()
    result = scan(corpus_tree(folder))
    assert own_failures(result) == []
    for technology in result.technologies:
        assert UNRESOLVED not in technology.key and "$" not in technology.key


def test_mozillians(corpus_tree: CorpusTree, scan: Scan) -> None:
    result = scan(corpus_tree("mozilla__mozillians"))
    assert images(result) == {
        "mariadb": {"10.2"},
        "elasticsearch": {"2.4.5"},
        "redis": {"3"},
        "memcached": {None},
    }
    assert image(result, "memcached", None).version_note == "no tag (latest)"
    mariadb = image(result, "mariadb", "10.2")
    assert (mariadb.evidence[0].path, mariadb.evidence[0].line) == ("docker-compose.yml", 4)
    assert mariadb.evidence[0].reason == "service 'db' image"


def test_mall_environment(corpus_tree: CorpusTree, scan: Scan) -> None:
    result = scan(corpus_tree("macrozheng__mall"))
    found = {
        (t.key, t.version)
        for t in result.technologies
        if t.category == "container-image"
        and t.evidence[0].path == "document/docker/docker-compose-env.yml"
    }
    assert found == {
        ("mysql", "5.7"),
        ("redis", "7"),
        ("nginx", "1.22"),
        ("rabbitmq", "3.9.11-management"),
        ("elasticsearch", "7.17.3"),
        ("logstash", "7.17.3"),
        ("kibana", "7.17.3"),
        ("mongo", "4"),
        ("minio/minio", None),
    }
    assert image(result, "rabbitmq", "3.9.11-management").version_source == "resolved"


def test_documenso(corpus_tree: CorpusTree, scan: Scan) -> None:
    result = scan(corpus_tree("documenso__documenso"))
    found = images(result)
    assert found["postgres"] == {"15"}
    assert found["redis"] == {"8-alpine"}
    assert found["minio/minio"] == {None}
    assert found["inbucket/inbucket"] == {None}
    postgres = image(result, "postgres", "15")
    assert {e.path for e in postgres.evidence} == {
        "docker/development/compose.yml",
        "docker/production/compose.yml",
        "docker/testing/compose.yml",
    }
    gotenberg = image(result, "documenso-dev-gotenberg", "latest")
    assert gotenberg.evidence[0].reason == (
        "service 'gotenberg' image (built here from context '.')"
    )
    node = next(t for t in result.technologies if t.key == "nodejs")
    assert node.category == "runtime"
    assert node.evidence[0].path == ".devcontainer/devcontainer.json"


def test_getsentry_self_hosted(corpus_tree: CorpusTree, scan: Scan) -> None:
    result = scan(corpus_tree("getsentry__self-hosted"))
    found = images(result)
    assert found["postgres"] == {"14.24-bookworm"}
    assert found["confluentinc/cp-kafka"] == {"7.6.13"}
    assert found["valkey/valkey"] == {"8.1.9-alpine"}
    assert found["memcached"] == {"1.6.45-alpine"}
    assert found["edoburu/pgbouncer"] == {"v1.25.2-p0"}
    assert found["nginx"] == {"1.31.3-alpine", "1.21.0-alpine"}
    seaweedfs = image(result, "chrislusf/seaweedfs", "4.40_large_disk")
    assert seaweedfs.version_source == "resolved"
    assert seaweedfs.version_note == (
        "digest sha256:d07aa1dae03c687e0737b86130ded1b18474211a09e85d737fbe5508b8805139"
    )
    # `image: "$SNUBA_IMAGE"` and the like name no image without the real .env.
    text = (require_corpus() / "getsentry__self-hosted/docker-compose.yml").read_text()
    assert len(re.findall(r'^\s+image: "\$[A-Z_]+"$', text, re.M)) == 8
    assert not any("snuba" in key or "symbolicator" in key for key in found)
    # The anchored image of x-sentry-defaults reaches every service that merges it.
    sentry = image(result, "sentry-self-hosted-local", None)
    services = {e.reason.split("'")[1] for e in sentry.evidence}
    assert {"web", "events-consumer", "attachments-consumer", "ingest-occurrences"} <= services
    assert all(e.line == 47 for e in sentry.evidence)


def test_getsentry_with_its_env(make_tree: MakeTree, scan: Scan) -> None:
    corpus = require_corpus() / "getsentry__self-hosted"
    root = make_tree(
        {
            "docker-compose.yml": (corpus / "docker-compose.yml").read_text(),
            ".env": (
                "SENTRY_IMAGE=ghcr.io/getsentry/sentry:nightly\n"
                "SNUBA_IMAGE=ghcr.io/getsentry/snuba:nightly\n"
                "SYMBOLICATOR_IMAGE=ghcr.io/getsentry/symbolicator:nightly\n"
            ),
        }
    )
    found = images(scan(root))
    assert found["ghcr.io/getsentry/snuba"] == {"nightly"}
    assert found["ghcr.io/getsentry/symbolicator"] == {"nightly"}
    assert "ghcr.io/getsentry/relay" not in found


def test_opentelemetry_demo_variables(corpus_tree: CorpusTree, scan: Scan) -> None:
    result = scan(corpus_tree("open-telemetry__opentelemetry-demo"))
    # Every image is `${IMAGE_NAME}:${DEMO_VERSION}-x` or `${X_IMAGE}`: the corpus's .env is a
    # stand-in, so none is named, and none fails.
    assert images(result) == {}
    assert own_failures(result) == []


def test_opentelemetry_demo_with_an_env(make_tree: MakeTree, scan: Scan) -> None:
    text = (require_corpus() / "open-telemetry__opentelemetry-demo/compose.yaml").read_text()
    variables = sorted(set(re.findall(r"\$\{([A-Z_]+)\}", "\n".join(IMAGE_LINE_RE.findall(text)))))
    env = {name: f"example.org/{name.lower()}:1.0.{index}" for index, name in enumerate(variables)}
    env.update(IMAGE_NAME="ghcr.io/open-telemetry/demo", DEMO_VERSION="2.1.3")
    root = make_tree(
        {
            "compose.yaml": text,
            ".env": "".join(f"{name}={value}\n" for name, value in env.items()),
        }
    )
    result = scan(root)
    demo = image(result, "ghcr.io/open-telemetry/demo", "2.1.3-frontend")
    assert demo.version_note == (
        "IMAGE_NAME='ghcr.io/open-telemetry/demo' from .env; DEMO_VERSION='2.1.3' from .env"
    )
    evidence = [
        e for t in result.technologies if t.category == "container-image" for e in t.evidence
    ]
    assert len(evidence) == len(IMAGE_LINE_RE.findall(text))
    assert own_failures(result) == []


def test_microservices_demo_chart(corpus_tree: CorpusTree, scan: Scan) -> None:
    result = scan(corpus_tree("GoogleCloudPlatform__microservices-demo"))
    chart = next(c for c in result.components if c.path == "helm-chart")
    assert (chart.name, chart.ecosystems, chart.manifests) == (
        "onlineboutique",
        ("helm",),
        ("helm-chart/Chart.yaml",),
    )
    assert chart.evidence[0].reason == (
        "Helm chart onlineboutique 0.10.6 (appVersion v0.10.6, type application)"
    )
    helm = next(t for t in result.technologies if t.key == "helm")
    assert helm.component == "helm-chart"
    assert helm.version_note == "chart apiVersion v2; appVersion v0.10.6"
    assert own_failures(result) == []
