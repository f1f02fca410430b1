"""Helm charts: Chart.yaml as a component, chart dependencies, Chart.lock, values images."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from detectors.containers.helm import parse_chart_lock, parse_chart_yaml, parse_values
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import RepositoryScan, Scope

Source = Callable[[str, str | bytes], SourceFile]
Scan = Callable[[Path], RepositoryScan]
MakeTree = Callable[[dict[str, str]], Path]

CHART = """\
apiVersion: v2
name: shop
description: A shop
type: application
version: 1.10
appVersion: "v2.3.0"
kubeVersion: ">=1.25.0-0"
dependencies:
  - name: postgresql
    version: "~15.2.0"
    repository: oci://registry-1.docker.io/bitnamicharts
  - name: redis
    version: 18.x.x
    repository: https://charts.bitnami.com/bitnami
    alias: cache
    condition: redis.enabled
  - name: common
    repository: file://../common
"""

CHART_LOCK = """\
dependencies:
- name: postgresql
  repository: oci://registry-1.docker.io/bitnamicharts
  version: 15.2.5
- name: redis
  repository: https://charts.bitnami.com/bitnami
  version: 18.6.1
- name: common
  repository: file://../common
  version: 0.1.0
digest: sha256:0b1c8b7b3f0e0c7d7ef5f2d1c3c0e1d7f0b1c8b7b3f0e0c7d7ef5f2d1c3c0e1d
generated: "2024-02-01T10:00:00.000000+01:00"
"""

VALUES = """\
image:
  repository: ghcr.io/acme/shop
  tag: ""
  pullPolicy: IfNotPresent
worker:
  image:
    registry: docker.io
    repository: bitnami/redis
    tag: 7.2.4-debian-12-r9
    digest: ""
sidecars:
  - name: proxy
    image:
      repository: envoyproxy/envoy
      tag: v1.29.1
metrics:
  image:
    repository: prom/statsd-exporter
  other: &shared
    image: {repository: busybox, tag: 1.36.1}
  again: *shared
notAnImage:
  image: "nginx:1.25"
"""


def test_chart_yaml(source: Source) -> None:
    output = parse_chart_yaml(source("charts/shop/Chart.yaml", CHART))
    (manifest,) = output.manifests
    assert (manifest.path, manifest.directory, manifest.ecosystem, manifest.kind) == (
        "charts/shop/Chart.yaml",
        "charts/shop",
        "helm",
        "helm-chart",
    )
    assert (manifest.name, manifest.version) == ("shop", "1.10")
    assert manifest.evidence.reason == "Helm chart shop 1.10 (appVersion v2.3.0, type application)"
    assert manifest.evidence.line == 2
    helm = next(t for t in output.technologies if t.key == "helm")
    assert helm.version_note == "chart apiVersion v2; appVersion v2.3.0"
    kubernetes = next(t for t in output.technologies if t.key == "kubernetes")
    assert (kubernetes.version, kubernetes.version_source) == (">=1.25.0-0", "declared")
    assert [
        (d.ecosystem, d.name, d.declared, d.resolved, d.direct, d.scope, d.version_note)
        for d in output.dependencies
    ] == [
        ("helm", "postgresql", "~15.2.0", None, True, Scope.RUNTIME, None),
        ("helm", "redis", "18.x.x", None, True, Scope.RUNTIME, None),
        ("helm", "common", None, None, True, Scope.RUNTIME, "no version given"),
    ]
    assert [(d.evidence[0].line, d.evidence[0].reason) for d in output.dependencies] == [
        (9, "Chart.yaml dependency 'postgresql' from oci://registry-1.docker.io/bitnamicharts"),
        (
            12,
            "Chart.yaml dependency 'redis' from https://charts.bitnami.com/bitnami (alias 'cache')",
        ),
        (17, "Chart.yaml dependency 'common' from file://../common"),
    ]


def test_chart_lock_counts_match_an_independent_count(source: Source) -> None:
    output = parse_chart_lock(source("Chart.lock", CHART_LOCK))
    expected = len(re.findall(r"^- name:", CHART_LOCK, re.M))
    assert len(output.dependencies) == expected == 3
    assert [(d.name, d.resolved, d.declared, d.direct) for d in output.dependencies] == [
        ("postgresql", "15.2.5", None, True),
        ("redis", "18.6.1", None, True),
        ("common", "0.1.0", None, True),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty Chart.yaml"),
        ("- not a mapping\n", "expected a mapping at the top level, found list"),
        ("name: [\n", "not valid YAML"),
    ],
)
def test_malformed_chart(source: Source, text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_chart_yaml(source("Chart.yaml", text))


def test_values_images(source: Source) -> None:
    output = parse_values(source("chart/values.yaml", VALUES), app_version="v2.3.0")
    assert [
        (t.key, t.version, t.version_note, t.evidence[0].line, t.evidence[0].reason)
        for t in output.technologies
    ] == [
        (
            "ghcr.io/acme/shop",
            "v2.3.0",
            "tag empty in values; the chart's appVersion v2.3.0 is its default",
            2,
            "Helm values image",
        ),
        ("bitnami/redis", "7.2.4-debian-12-r9", None, 8, "Helm values worker.image"),
        ("envoyproxy/envoy", "v1.29.1", None, 14, "Helm values sidecars.0.image"),
        (
            "prom/statsd-exporter",
            None,
            "no tag in values (the chart's templates decide)",
            18,
            "Helm values metrics.image",
        ),
        ("busybox", "1.36.1", None, 20, "Helm values metrics.other.image"),
    ]


def test_values_that_refer_to_themselves_end(source: Source) -> None:
    text = "a: &a\n  b: *a\n  image: {repository: x, tag: '1'}\n"
    output = parse_values(source("values.yaml", text))
    assert [(t.key, t.version) for t in output.technologies] == [("x", "1")]


def test_chart_through_the_scan(make_tree: MakeTree, scan: Scan) -> None:
    root = make_tree(
        {
            "charts/shop/Chart.yaml": CHART,
            "charts/shop/Chart.lock": CHART_LOCK,
            "charts/shop/values.yaml": VALUES,
            "charts/shop/templates/deployment.yaml": (
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"
            ),
            "other/values.yaml": "image:\n  repository: not-a-chart\n  tag: '1'\n",
            "legacy/Chart.yaml": "apiVersion: v1\nname: old\nversion: 0.1.0\n",
            "legacy/requirements.yaml": "dependencies:\n- name: mysql\n  version: 1.6.x\n",
            "legacy/requirements.lock": "dependencies:\n- name: mysql\n  version: 1.6.9\n",
            "legacy/values.yaml": "image: [broken\n",
        }
    )
    result = scan(root)
    assert [(c.path, c.name, c.ecosystems) for c in result.components] == [
        (".", "repo", ()),
        ("charts/shop", "shop", ("helm",)),
        ("legacy", "old", ("helm",)),
    ]
    dependencies = {(d.component, d.name): d for d in result.dependencies}
    redis = dependencies[("charts/shop", "redis")]
    assert (redis.declared, redis.resolved, redis.purl) == (
        "18.x.x",
        "18.6.1",
        "pkg:helm/redis@18.6.1",
    )
    assert len(redis.evidence) == 2
    mysql = dependencies[("legacy", "mysql")]
    assert (mysql.declared, mysql.resolved) == ("1.6.x", "1.6.9")
    images = {
        (t.key, t.version, t.component)
        for t in result.technologies
        if t.category == "container-image"
    }
    assert ("ghcr.io/acme/shop", "v2.3.0", "charts/shop") in images
    assert ("busybox", "1.36.1", "charts/shop") in images
    assert not any(key == "not-a-chart" for key, _, _ in images)
    assert [(f.path, f.detector) for f in result.failures] == [("legacy/values.yaml", "containers")]
    assert "not valid YAML" in result.failures[0].reason
