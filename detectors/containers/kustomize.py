"""Kustomize's ``kustomization.yaml``: the image overrides it applies and the Helm charts it
inflates.

``images:`` entries (``name`` with ``newName``, ``newTag``, ``digest``) become images: the new
name (or the old one) with the new tag or digest; an entry that changes only the name keeps
the tag the manifests give, which is noted. ``helmCharts:`` entries (``name``, ``version``,
``repo``) are dependencies of ecosystem ``helm``.
"""

from __future__ import annotations

from typing import Any

from detectors.containers.records import Collector, tool_technology
from detectors.containers.yamlload import line_of, load_single, scalar_text
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Ecosystem

KUSTOMIZATION_NAMES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})


def parse_kustomization(file: SourceFile) -> DetectorOutput:
    """A kustomization: ``kustomize``, its image overrides and its Helm charts.

    Raises :class:`DetectorError` for malformed YAML, an empty file or a top level that is
    not a mapping.
    """
    document = load_single(file.text())
    if document is None:
        raise DetectorError("empty kustomization")
    if not isinstance(document, dict):
        raise DetectorError(f"expected a mapping at the top level, found {type(document).__name__}")
    found = Collector(file)
    found.technologies.append(tool_technology("kustomize", file.evidence("kustomization")))
    images = document.get("images")
    for entry in images if isinstance(images, list) else ():
        _image(found, entry)
    charts = document.get("helmCharts")
    dependencies = [
        dependency
        for entry in (charts if isinstance(charts, list) else ())
        if (dependency := _chart(file, entry)) is not None
    ]
    return DetectorOutput(
        technologies=tuple(found.technologies),
        dependencies=tuple(dependencies),
        failures=tuple(found.failures),
    )


def _image(found: Collector, entry: Any) -> None:
    if not isinstance(entry, dict):
        return
    name = scalar_text(entry.get("name"))
    if not name:
        found.fail("images entry without a name")
        return
    new_name = scalar_text(entry.get("newName"))
    tag = scalar_text(entry.get("newTag"))
    digest = scalar_text(entry.get("digest"))
    text = (new_name or name) + (f":{tag}" if tag else "") + (f"@{digest}" if digest else "")
    reason = f"kustomize images entry {name!r}"
    if new_name:
        reason += f" renamed to {new_name!r}"
    line = line_of(entry.get("newTag")) or line_of(entry.get("name"))
    found.image(
        text,
        found.file.evidence(reason, line),
        untagged_note="no new tag: the tag the manifests give is kept",
    )


def _chart(file: SourceFile, entry: Any) -> Dependency | None:
    if not isinstance(entry, dict):
        return None
    name = scalar_text(entry.get("name"))
    if not name:
        return None
    version = scalar_text(entry.get("version"))
    repository = scalar_text(entry.get("repo"))
    reason = f"kustomize helmCharts entry {name!r}"
    if repository:
        reason += f" from {repository}"
    return Dependency(
        ecosystem=Ecosystem.HELM,
        name=normalize_name(Ecosystem.HELM, name),
        declared=version,
        evidence=(file.evidence(reason, line_of(entry.get("name"))),),
        version_note=None if version else "no version given",
    )
