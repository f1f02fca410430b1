"""Kubernetes manifests and Kustomize: workload images, multi-document files, what is left
alone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detectors.containers.kubernetes import is_kubernetes_api, parse_kubernetes
from detectors.containers.kustomize import parse_kustomization
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, RepositoryScan, Technology

Source = Callable[[str, str | bytes], SourceFile]
Scan = Callable[[Path], RepositoryScan]
MakeTree = Callable[[dict[str, str]], Path]

MULTI_DOCUMENT = """\
# A service and its workloads.
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
        - name: migrate
          image: ghcr.io/acme/migrate:2.1.0
      containers:
        - name: app
          image: "ghcr.io/acme/web:2.1.0"
        - name: proxy
          image: envoyproxy/envoy:v1.29.1
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: report
              image: python:3.12-slim
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
        - name: postgres
          image: postgres:16.2
---
"""


def images(output: DetectorOutput | RepositoryScan) -> list[Technology]:
    return [t for t in output.technologies if t.category == "container-image"]


def test_multi_document_manifests(source: Source) -> None:
    output = parse_kubernetes(source("k8s/app.yaml", MULTI_DOCUMENT))
    assert [
        (t.key, t.version, t.evidence[0].line, t.evidence[0].reason) for t in images(output)
    ] == [
        ("ghcr.io/acme/migrate", "2.1.0", 18, "Deployment 'web' init container 'migrate' image"),
        ("ghcr.io/acme/web", "2.1.0", 21, "Deployment 'web' container 'app' image"),
        ("envoyproxy/envoy", "v1.29.1", 23, "Deployment 'web' container 'proxy' image"),
        ("python", "3.12-slim", 37, "CronJob 'nightly' container 'report' image"),
        ("busybox", None, 46, "Pod 'debug' container 'shell' image"),
        ("postgres", "16.2", 57, "StatefulSet 'db' container 'postgres' image"),
    ]
    kubernetes = [t for t in output.technologies if t.key == "kubernetes"]
    assert len(kubernetes) == 1
    assert kubernetes[0].evidence[0].line == 2
    assert output.failures == ()


def test_lists_daemonsets_jobs_and_custom_resources(source: Source) -> None:
    text = (
        "apiVersion: v1\n"
        "kind: List\n"
        "items:\n"
        "  - apiVersion: apps/v1\n"
        "    kind: DaemonSet\n"
        "    metadata: {name: agent}\n"
        "    spec:\n"
        "      template:\n"
        "        spec:\n"
        "          containers: [{name: a, image: 'datadog/agent:7.50.3'}]\n"
        "  - apiVersion: batch/v1\n"
        "    kind: Job\n"
        "    metadata: {name: once}\n"
        "    spec: {template: {spec: {containers: [{name: j, image: 'alpine:3.19'}]}}}\n"
        "---\n"
        "apiVersion: argoproj.io/v1alpha1\n"
        "kind: Rollout\n"
        "metadata: {name: canary}\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers: [{name: c, image: 'nginx:1.25.3'}]\n"
    )
    output = parse_kubernetes(source("deploy.yml", text))
    assert [(t.key, t.version) for t in images(output)] == [
        ("datadog/agent", "7.50.3"),
        ("alpine", "3.19"),
        ("nginx", "1.25.3"),
    ]


def test_placeholders_in_images(source: Source) -> None:
    text = (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"
        "spec:\n  template:\n    spec:\n      containers:\n"
        "        - {name: a, image: 'ko://github.com/acme/cmd/app'}\n"
        "        - {name: b, image: 'registry.local/app:${TAG}'}\n"
        "        - {name: c, image: 'app:${TAG:-1.0}'}\n"
        "        - {name: d}\n"
    )
    output = parse_kubernetes(source("deploy.yaml", text))
    assert [(t.key, t.version, t.version_note) for t in images(output)] == [
        (
            "registry.local/app",
            None,
            "tag depends on unresolved variable(s) TAG; TAG is a placeholder filled at deploy time",
        ),
        ("app", "1.0", "TAG not set, default '1.0' used"),
    ]
    assert output.failures == ()


@pytest.mark.parametrize(
    "text",
    [
        # A GitHub workflow: no apiVersion/kind at the start of a line.
        "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: 'echo apiVersion: v1; echo kind: Pod'\n",
        # Not YAML at all, and no apiVersion.
        "key: [unclosed\n",
        # A Helm template that is not YAML until rendered.
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "x" . }}\n'
        "spec:\n  template:\n    spec:\n      containers:\n"
        '        - image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n',
        # A template that happens to parse: its templated images are skipped.
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n"
        '    - name: a\n      image: "{{ .Values.image }}"\n',
    ],
)
def test_other_yaml_is_left_alone(source: Source, text: str) -> None:
    output = parse_kubernetes(source("templates/deployment.yaml", text))
    assert images(output) == []
    assert output.failures == ()


def test_look_alike_resources_are_not_kubernetes(source: Source) -> None:
    text = "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\n"
    assert parse_kubernetes(source("catalog-info.yaml", text)).technologies == ()
    assert is_kubernetes_api("v1")
    assert is_kubernetes_api("networking.k8s.io/v1")
    assert is_kubernetes_api("monitoring.coreos.com/v1")
    assert not is_kubernetes_api("backstage.io/v1alpha1")
    assert not is_kubernetes_api("v2")


def test_broken_manifest_is_reported(source: Source) -> None:
    text = (
        "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n"
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\nspec:\n"
        "  containers: [{image: x}]\n"
    )
    with pytest.raises(DetectorError, match="not valid YAML at line 9"):
        parse_kubernetes(source("pod.yaml", text))


def test_documents_without_images_are_not_parsed(source: Source) -> None:
    # Only documents that can hold images are parsed: a broken ConfigMap without any, or a
    # CustomResourceDefinition (whose schema may well mention images), is not read.
    text = (
        "apiVersion: v1\nkind: ConfigMap\ndata: [broken\n"
        "---   # a comment on the separator\n"
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        "spec: {image: [broken\n"
        "---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
        "spec: {containers: [{name: c, image: 'nginx:1.27.0'}]}\n"
    )
    output = parse_kubernetes(source("all.yaml", text))
    assert [(t.key, t.evidence[0].line) for t in output.technologies] == [
        ("kubernetes", 1),
        ("nginx", 12),
    ]
    assert output.failures == ()


def test_one_templated_document_among_others(source: Source) -> None:
    text = (
        'apiVersion: v1\nkind: Pod\nmetadata: {{ include "meta" . }}\n'
        "spec: {containers: [{image: '{{ .Values.image }}'}]}\n"
        "---\n"
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
        "spec: {containers: [{name: c, image: 'redis:7.2.5'}]}\n"
    )
    output = parse_kubernetes(source("templates/pods.yaml", text))
    assert [(t.key, t.evidence[0].line) for t in output.technologies] == [
        ("kubernetes", 1),
        ("redis", 9),
    ]


def test_kustomization_images_and_charts(source: Source) -> None:
    text = (
        "apiVersion: kustomize.config.k8s.io/v1beta1\n"
        "kind: Kustomization\n"
        "resources: [deployment.yaml]\n"
        "images:\n"
        "  - name: nginx\n"
        "    newTag: 1.25.3\n"
        "  - name: ghcr.io/acme/api\n"
        "    newName: registry.example.com/acme/api\n"
        "    newTag: '2.0'\n"
        "  - name: redis\n"
        "    digest: sha256:" + "cd" * 32 + "\n"
        "  - name: rename-only\n"
        "    newName: quay.io/acme/renamed\n"
        "  - newTag: orphan\n"
        "helmCharts:\n"
        "  - name: minecraft\n"
        "    repo: https://itzg.github.io/minecraft-server-charts\n"
        "    version: 3.1.3\n"
        "  - name: unversioned\n"
    )
    output = parse_kustomization(source("overlays/prod/kustomization.yaml", text))
    assert [(t.key, t.version, t.version_note, t.evidence[0].line) for t in images(output)] == [
        ("nginx", "1.25.3", None, 6),
        ("registry.example.com/acme/api", "2.0", None, 9),
        ("redis", None, "no tag, pinned by digest; digest sha256:" + "cd" * 32, 10),
        ("quay.io/acme/renamed", None, "no new tag: the tag the manifests give is kept", 12),
    ]
    assert images(output)[1].evidence[0].reason == (
        "kustomize images entry 'ghcr.io/acme/api' renamed to 'registry.example.com/acme/api'"
    )
    assert [(d.ecosystem, d.name, d.declared, d.version_note) for d in output.dependencies] == [
        ("helm", "minecraft", "3.1.3", None),
        ("helm", "unversioned", None, "no version given"),
    ]
    assert output.dependencies[0].evidence[0].reason == (
        "kustomize helmCharts entry 'minecraft' from https://itzg.github.io/minecraft-server-charts"
    )
    assert [f.reason for f in output.failures] == ["images entry without a name"]
    assert [t.key for t in output.technologies if t.category == "infrastructure"] == ["kustomize"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty kustomization"), ("- a\n", "expected a mapping"), ("a: [\n", "not valid YAML")],
)
def test_malformed_kustomization(source: Source, text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_kustomization(source("kustomization.yaml", text))


def test_through_the_scan(make_tree: MakeTree, scan: Scan) -> None:
    root = make_tree(
        {
            "k8s/app.yaml": MULTI_DOCUMENT,
            "k8s/kustomization.yml": "images:\n  - name: postgres\n    newTag: '16.3'\n",
            "chart/templates/deploy.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {{ x }}\n",
            ".github/workflows/ci.yml": "on: push\njobs: {}\n",
            "config/broken.yaml": "apiVersion: v1\nkind: Pod\nspec: {image: [\n",
            "notes.yml": "just: [unclosed\n",
        }
    )
    result = scan(root)
    keys = sorted({(t.key, t.version) for t in result.technologies})
    assert ("postgres", "16.3") in keys
    assert ("ghcr.io/acme/web", "2.1.0") in keys
    assert ("kubernetes", None) in keys and ("kustomize", None) in keys
    assert [(f.path, f.kind.value, f.detector) for f in result.failures] == [
        ("config/broken.yaml", "parse-error", "containers")
    ]


def test_aliased_lists_are_read_once(source: Source) -> None:
    # Each level repeats the one below thirty times: read naively, 27,000 resources (and
    # 10**9 with a thousand, for the same few kilobytes).
    pod = "{apiVersion: v1, kind: Pod, spec: {containers: [{name: c, image: 'nginx:1.27.0'}]}}"
    levels = [f"l0: &l0 {pod}"]
    for level in range(1, 4):
        items = ", ".join([f"*l{level - 1}"] * 30)
        levels.append(f"l{level}: &l{level} {{apiVersion: v1, kind: List, items: [{items}]}}")
    text = "apiVersion: v1\nkind: List\nimage: x\n" + "\n".join(levels) + "\nitems: [*l3]\n"
    output = parse_kubernetes(source("bomb.yaml", text))
    assert [t.key for t in output.technologies if t.category == "container-image"] == ["nginx"]
