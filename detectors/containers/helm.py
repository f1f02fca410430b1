"""Helm charts: ``Chart.yaml`` (the chart as a component, its chart dependencies),
``Chart.lock`` (their resolved versions), the ``requirements.yaml``/``requirements.lock`` of
``apiVersion: v1`` charts, and the images of a chart's ``values.yaml``.

``Chart.yaml`` is a manifest of ecosystem ``helm``, kind ``helm-chart``, named and versioned
by its ``name`` and ``version``; ``appVersion`` and ``type`` are given in its evidence and in
the ``helm`` technology's note, ``kubeVersion`` is the declared version of ``kubernetes``.
``dependencies`` entries are dependencies of ecosystem ``helm`` (``declared`` = the version
constraint), with their repository in the reason; a lock gives ``resolved`` versions.

``values.yaml`` images follow the common layout, at any depth: an ``image`` mapping with
``repository`` and optionally ``registry``, ``tag`` and ``digest``. An empty ``tag`` is
usually filled from the chart's ``appVersion`` by the templates, which is used and noted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from detectors.containers.records import Collector, tool_technology
from detectors.containers.yamlload import line_of, load_single, scalar_text
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Ecosystem, Manifest, Technology

CHART_KIND = "helm-chart"
_MAX_VALUES_NODES = 200_000


@dataclass(frozen=True, slots=True)
class Chart:
    """What a ``Chart.yaml`` reports, and what reading the files beside it needs."""

    output: DetectorOutput
    api_version: str | None
    app_version: str | None


def parse_chart_yaml(file: SourceFile) -> DetectorOutput:
    """A ``Chart.yaml``: the chart manifest, ``helm`` (and ``kubernetes`` when
    ``kubeVersion`` constrains it), and the chart's dependencies.

    Raises :class:`DetectorError` for malformed YAML, an empty file or a top level that is
    not a mapping.
    """
    return read_chart(file).output


def read_chart(file: SourceFile) -> Chart:
    """Read a ``Chart.yaml``; see :func:`parse_chart_yaml`."""
    document = _mapping(file, "Chart.yaml")
    name = scalar_text(document.get("name"))
    version = scalar_text(document.get("version"))
    app_version = scalar_text(document.get("appVersion"))
    api_version = scalar_text(document.get("apiVersion"))
    chart_type = scalar_text(document.get("type"))
    details = [f"appVersion {app_version}"] if app_version else []
    if chart_type:
        details.append(f"type {chart_type}")
    title = " ".join(part for part in ("Helm chart", name, version) if part)
    reason = f"{title} ({', '.join(details)})" if details else title
    manifest = Manifest(
        path=file.path,
        directory=file.directory,
        ecosystem=Ecosystem.HELM,
        kind=CHART_KIND,
        evidence=file.evidence(reason, line_of(document.get("name"))),
        name=name,
        version=version,
    )
    note = f"chart apiVersion {api_version}" if api_version else None
    if app_version:
        note = f"{note}; appVersion {app_version}" if note else f"appVersion {app_version}"
    technologies: list[Technology] = [
        tool_technology("helm", file.evidence("Helm chart"), note=note)
    ]
    kube_version = scalar_text(document.get("kubeVersion"))
    if kube_version:
        evidence = file.evidence("Chart.yaml kubeVersion", line_of(document.get("kubeVersion")))
        technologies.append(tool_technology("kubernetes", evidence, version=kube_version))
    dependencies = tuple(_dependencies(file, document.get("dependencies"), resolved=False))
    output = DetectorOutput(
        manifests=(manifest,), technologies=tuple(technologies), dependencies=dependencies
    )
    return Chart(output, api_version, app_version)


def parse_chart_lock(file: SourceFile) -> DetectorOutput:
    """A ``Chart.lock`` or ``requirements.lock``: the resolved chart dependencies (all of
    them direct: Helm locks only what the chart asks for).

    Raises :class:`DetectorError` like :func:`parse_chart_yaml`.
    """
    document = _mapping(file, file.name)
    return DetectorOutput(
        dependencies=tuple(_dependencies(file, document.get("dependencies"), resolved=True))
    )


def parse_requirements_yaml(file: SourceFile) -> DetectorOutput:
    """The ``requirements.yaml`` of an ``apiVersion: v1`` chart: its declared dependencies.

    Raises :class:`DetectorError` like :func:`parse_chart_yaml`.
    """
    document = _mapping(file, file.name)
    return DetectorOutput(
        dependencies=tuple(_dependencies(file, document.get("dependencies"), resolved=False))
    )


def _mapping(file: SourceFile, what: str) -> dict[str, Any]:
    document = load_single(file.text())
    if document is None:
        raise DetectorError(f"empty {what}")
    if not isinstance(document, dict):
        raise DetectorError(f"expected a mapping at the top level, found {type(document).__name__}")
    return document


def _dependencies(file: SourceFile, entries: object, *, resolved: bool) -> Iterator[Dependency]:
    if not isinstance(entries, list):
        return
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        name = scalar_text(entry.get("name"))
        if not name:
            continue
        version = scalar_text(entry.get("version"))
        repository = scalar_text(entry.get("repository"))
        reason = f"{file.name} dependency {name!r}"
        if repository:
            reason += f" from {repository}"
        alias = scalar_text(entry.get("alias"))
        if alias:
            reason += f" (alias {alias!r})"
        yield Dependency(
            ecosystem=Ecosystem.HELM,
            name=normalize_name(Ecosystem.HELM, name),
            evidence=(file.evidence(reason, line_of(entry.get("name"))),),
            declared=None if resolved else version,
            resolved=version if resolved else None,
            version_note=None if version else "no version given",
        )


def parse_values(file: SourceFile, app_version: str | None = None) -> DetectorOutput:
    """The images of a chart's ``values.yaml`` (see the module docstring).

    Raises :class:`DetectorError` for malformed YAML; a file that is not a mapping has no
    images.
    """
    document = load_single(file.text())
    found = Collector(file)
    for (_line, keys), image in sorted(_image_mappings(document), key=lambda item: item[0]):
        _values_image(found, ".".join(keys), image, app_version)
    return DetectorOutput(technologies=tuple(found.technologies), failures=tuple(found.failures))


def _image_mappings(
    document: Any,
) -> Iterator[tuple[tuple[int, tuple[str, ...]], dict[str, Any]]]:
    """Every ``image`` mapping with a ``repository``, keyed by (line, key path), in
    document order; a mapping reached again through an alias is read once."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), document)]
    seen: set[int] = set()
    while stack and len(seen) < _MAX_VALUES_NODES:
        path, node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        children: list[tuple[tuple[str, ...], Any]] = []
        if isinstance(node, dict):
            for key, value in node.items():
                child = (*path, str(key))
                if key == "image" and isinstance(value, dict) and value.get("repository"):
                    yield (line_of(value.get("repository")) or 0, child), value
                elif isinstance(value, (dict, list)):
                    children.append((child, value))
        elif isinstance(node, list):
            children = [((*path, str(index)), item) for index, item in enumerate(node)]
        stack.extend(reversed(children))


def _values_image(
    found: Collector, path: str, image: dict[str, Any], app_version: str | None
) -> None:
    repository = scalar_text(image.get("repository"))
    if not repository:
        return
    registry = scalar_text(image.get("registry"))
    tag = scalar_text(image.get("tag"))
    digest = scalar_text(image.get("digest"))
    notes = []
    if "tag" in image and not tag and not digest and app_version:
        tag = app_version
        notes.append(f"tag empty in values; the chart's appVersion {app_version} is its default")
    text = (f"{registry}/" if registry else "") + repository
    text += (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
    line = line_of(image.get("repository"))
    found.image(
        text,
        found.file.evidence(f"Helm values {path}", line),
        notes=notes,
        untagged_note="no tag in values (the chart's templates decide)",
    )
