"""Kubernetes manifests: the container images of every workload in a (multi-document) file.

Every YAML file of a repository may be offered, so cheap textual checks come first: a
manifest has ``apiVersion:`` and ``kind:`` at the start of a line; files without both are
left alone without a word. The stream is cut into documents at ``---`` lines, and only
documents that mention ``image`` and are not CustomResourceDefinitions (large schemas, no
workloads) are parsed as YAML. Templates (Helm's ``templates/*.yaml``, anything with ``{{``
or ``{%``) are not YAML until rendered: when they do not parse they are skipped silently,
when they do, templated values are. Any other document that has to be parsed and is not
valid YAML is reported, as it claims to be a manifest.

Pod specs are found by shape, whatever the kind: ``spec`` (Pod), ``spec.template.spec``
(Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, and custom resources that embed a pod
template), ``spec.jobTemplate.spec.template.spec`` (CronJob); ``List`` documents are opened.
Their ``initContainers``, ``containers`` and ``ephemeralContainers`` name the images.
``kubernetes`` itself is reported for documents of Kubernetes API groups (not, say,
Backstage's ``backstage.io`` entities, which share the shape), read from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from detectors.common.interpolation import InterpolationError, interpolate
from detectors.containers.records import Collector, tool_technology
from detectors.containers.yamlload import line_of, load_documents, scalar_text
from scanner.detector import EMPTY_OUTPUT, SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput

_API_VERSION_RE = re.compile(r"^[\"']?apiVersion[\"']?[ \t]*:", re.M)
_KIND_RE = re.compile(r"^[\"']?kind[\"']?[ \t]*:", re.M)
_API_VERSION_VALUE_RE = re.compile(r"^[\"']?apiVersion[\"']?[ \t]*:[ \t]*[\"']?([^\s\"'#]+)", re.M)
_KIND_VALUE_RE = re.compile(r"^[\"']?kind[\"']?[ \t]*:[ \t]*[\"']?([^\s\"'#]+)", re.M)
_SEPARATOR_RE = re.compile(r"^---[ \t]*(?:#[^\n]*)?(?:\n|\Z)", re.M)
_TEMPLATE_RE = re.compile(r"\{\{|\{%")
_CONTAINER_FIELDS = (
    ("initContainers", "init container"),
    ("containers", "container"),
    ("ephemeralContainers", "ephemeral container"),
)
_CORE_GROUPS = frozenset({"v1", "apps", "batch", "extensions", "policy", "autoscaling"})
# API groups of widely used operators and controllers: their resources are Kubernetes too.
_GROUP_SUFFIXES = (
    "k8s.io", "argoproj.io", "cert-manager.io", "coreos.com", "istio.io", "knative.dev",
    "keda.sh", "external-secrets.io", "bitnami.com", "traefik.io", "containo.us",
    "strimzi.io", "cnpg.io", "tekton.dev", "crossplane.io", "fluxcd.io", "linkerd.io",
    "cilium.io", "projectcalico.org", "velero.io",
)  # fmt: skip
_MAX_LIST_DEPTH = 4


def looks_like_kubernetes(text: str) -> bool:
    """The cheap check: ``apiVersion:`` and ``kind:`` start lines."""
    return _API_VERSION_RE.search(text) is not None and _KIND_RE.search(text) is not None


def is_kubernetes_api(api_version: str) -> bool:
    """Whether an ``apiVersion`` belongs to Kubernetes or a well-known extension of it."""
    group = api_version.partition("/")[0] if "/" in api_version else api_version
    return group in _CORE_GROUPS or any(
        group == suffix or group.endswith("." + suffix) for suffix in _GROUP_SUFFIXES
    )


def parse_kubernetes(file: SourceFile) -> DetectorOutput:
    """A YAML file that may hold Kubernetes manifests: their images, and ``kubernetes``.

    Returns nothing for a file that fails :func:`looks_like_kubernetes`. Raises
    :class:`~scanner.errors.DetectorError` when a document that has to be parsed is not
    valid YAML and is not a template.
    """
    text = file.text()
    if not looks_like_kubernetes(text):
        return EMPTY_OUTPUT
    found = Collector(file)
    kubernetes_line: int | None = None
    for start, chunk in _chunks(text):
        api_version = _API_VERSION_VALUE_RE.search(chunk)
        kind = _KIND_VALUE_RE.search(chunk)
        if api_version is None or kind is None:
            continue
        if kubernetes_line is None and is_kubernetes_api(api_version.group(1)):
            kubernetes_line = start + chunk.count("\n", 0, api_version.start())
        if kind.group(1) == "CustomResourceDefinition" or "image" not in chunk:
            continue
        for resource in _resources(_load(chunk, start), 0):
            metadata = resource.get("metadata")
            name = scalar_text(metadata.get("name")) if isinstance(metadata, dict) else None
            owner = f"{resource['kind']} {name!r}" if name else str(resource["kind"])
            for spec in _pod_specs(resource):
                _containers(found, spec, owner)
    if kubernetes_line is not None:
        evidence = file.evidence("Kubernetes manifest", kubernetes_line)
        found.technologies.insert(0, tool_technology("kubernetes", evidence))
    return DetectorOutput(technologies=tuple(found.technologies), failures=tuple(found.failures))


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """The documents of a stream cut at ``---`` lines, each with its first line (1-based).

    Cutting first lets documents without images skip YAML parsing. A mapping's content is
    indented, so a ``---`` at the start of a line always ends a document of a manifest.
    """
    start = 1
    position = 0
    for separator in _SEPARATOR_RE.finditer(text):
        chunk = text[position : separator.start()]
        yield start, chunk
        start += chunk.count("\n") + separator.group().count("\n")
        position = separator.end()
    yield start, text[position:]


def _load(chunk: str, start: int) -> list[Any]:
    # Leading newlines make the parser's line numbers those of the file.
    padded = "\n" * (start - 1) + chunk
    try:
        return load_documents(padded)
    except DetectorError:
        if _TEMPLATE_RE.search(chunk):
            return []
        raise


def _resources(
    documents: list[Any], depth: int, seen: set[int] | None = None
) -> Iterator[dict[str, Any]]:
    """The documents that are resources (``apiVersion`` and ``kind`` strings), with the
    items of ``List`` documents; a resource reached again through an alias is read once."""
    seen = set() if seen is None else seen
    for document in documents:
        if not isinstance(document, dict) or id(document) in seen:
            continue
        seen.add(id(document))
        api_version, kind = document.get("apiVersion"), document.get("kind")
        if not isinstance(api_version, str) or not isinstance(kind, str):
            continue
        yield document
        items = document.get("items")
        if kind.endswith("List") and isinstance(items, list) and depth < _MAX_LIST_DEPTH:
            yield from _resources(items, depth + 1, seen)


def _pod_specs(resource: dict[str, Any]) -> Iterator[dict[str, Any]]:
    spec = resource.get("spec")
    for path in ((), ("template", "spec"), ("jobTemplate", "spec", "template", "spec")):
        node: Any = spec
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if isinstance(node, dict) and any(field in node for field, _ in _CONTAINER_FIELDS):
            yield node


def _containers(found: Collector, spec: dict[str, Any], owner: str) -> None:
    for field, label in _CONTAINER_FIELDS:
        containers = spec.get(field)
        if not isinstance(containers, list):
            continue
        for container in containers:
            if not isinstance(container, dict):
                continue
            image = scalar_text(container.get("image"))
            if not image or "://" in image or _TEMPLATE_RE.search(image):
                # No image, a builder's placeholder (ko://...) or a template's expression.
                continue
            name = scalar_text(container.get("name"))
            reason = f"{owner} {label} {name!r} image" if name else f"{owner} {label} image"
            evidence = found.file.evidence(reason, line_of(container.get("image")))
            try:
                # envsubst-style ${VAR} placeholders: defaults only.
                result = interpolate(image, lambda _name: None)
            except InterpolationError as error:
                found.fail(f"line {evidence.line}: {reason}: {error}")
                continue
            notes = [f"{n} not set, default {v!r} used" for n, v in result.defaulted]
            notes += [f"{n} is a placeholder filled at deploy time" for n in result.unresolved]
            found.image(result.text, evidence, notes=notes, unresolved=result.unresolved)
