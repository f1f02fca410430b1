"""Bitbucket Pipelines: ``bitbucket-pipelines.yml``.

Reported: the CI system; the default ``image:`` (a string or ``{name: ...}``), the image of
every step under ``pipelines:`` (``default``, ``branches``, ``tags``, ``bookmarks``,
``pull-requests``, ``custom``; inside ``parallel`` and ``stage`` groups too), and the images of
``definitions.services``. Steps defined under ``definitions`` and used through YAML anchors are
read where they are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from detectors.ci.images import image_technology
from detectors.ci.technologies import ci_system
from detectors.ci.yamldoc import YamlList, YamlMap, YamlValue, load_mapping
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, Technology

_MAX_DEPTH = 8


def parse_bitbucket_pipelines(file: SourceFile) -> DetectorOutput:
    """A Bitbucket Pipelines configuration. Raises :class:`DetectorError` for malformed YAML
    or a top level that is not a mapping."""
    document = load_mapping(file, "Bitbucket Pipelines configuration")
    reader = _Reader(file)
    reader.image(document.get("image"), document.line_of("image"), "default image")
    definitions = document.map_at("definitions")
    services = definitions.map_at("services") if definitions is not None else None
    for name, service in (services or {}).items():
        if isinstance(service, YamlMap) and services is not None:
            reader.image(service.get("image"), service.line_of("image"), f"service '{name}'")
    pipelines = document.map_at("pipelines")
    for kind, entries in (pipelines or {}).items():
        if kind == "default":
            reader.items(entries, "pipelines.default", 0)
        elif isinstance(entries, YamlMap):
            for pattern, items in entries.items():
                reader.items(items, f"pipelines.{kind} '{pattern}'", 0)
    system = ci_system(file, "bitbucket-pipelines", "Bitbucket Pipelines configuration")
    return DetectorOutput(technologies=(system, *reader.technologies))


@dataclass
class _Reader:
    file: SourceFile
    technologies: list[Technology] = field(default_factory=list)

    def items(self, items: YamlValue, where: str, depth: int) -> None:
        """A list of ``step``, ``parallel`` and ``stage`` entries."""
        if not isinstance(items, YamlList) or depth > _MAX_DEPTH:
            return
        for item in items:
            if not isinstance(item, YamlMap):
                continue
            step = item.map_at("step")
            if step is not None:
                name = step.text_at("name")
                label = f"{where} step '{name}'" if name else f"{where} step"
                self.image(step.get("image"), step.line_of("image"), f"{label} image")
            parallel = item.get("parallel")
            if isinstance(parallel, YamlMap):
                parallel = parallel.get("steps")
            self.items(parallel, where, depth + 1)
            stage = item.map_at("stage")
            if stage is not None:
                self.items(stage.get("steps"), where, depth + 1)

    def image(self, value: YamlValue, line: int, reason: str) -> None:
        if isinstance(value, YamlMap):
            value = value.get("name")
        if isinstance(value, str):
            technology = image_technology(self.file, value, line, reason)
            if technology is not None:
                self.technologies.append(technology)
