"""Woodpecker CI: ``.woodpecker.yml``/``.woodpecker.yaml`` and ``.woodpecker/*.yml|yaml``.

Reported: the CI system; the ``image:`` of every step (``steps:``, or ``pipeline:`` in old
files; a mapping of named steps or a list of steps with ``name:``), service and ``clone:``
step. A ``matrix:`` (a mapping of value lists, or ``include:`` combinations) expands
``${VAR}`` in image names, one image per value; other variables (``${CI_*}``) are left
unresolved (an image whose name depends on one is not reported).
"""

from __future__ import annotations

import itertools

from detectors.ci.images import image_technology
from detectors.ci.technologies import ci_system
from detectors.ci.yamldoc import YamlList, YamlMap, YamlValue, load_mapping
from scanner.detector import SourceFile
from scanner.model import DetectorOutput

MAX_COMBINATIONS = 64


def parse_woodpecker(file: SourceFile) -> DetectorOutput:
    """A Woodpecker workflow. Raises :class:`DetectorError` for malformed YAML or a top level
    that is not a mapping."""
    document = load_mapping(file, "Woodpecker workflow")
    matrix = _matrix(document.get("matrix"))
    technologies = [ci_system(file, "woodpecker", "Woodpecker workflow")]
    for section in ("steps", "pipeline", "services", "clone"):
        label = {"steps": "step", "pipeline": "step", "services": "service"}.get(section, "clone")
        for name, step in _named(document.get(section)):
            image = step.text_at("image")
            if image is None:
                continue
            line = step.line_of("image")
            for values in _combinations(image, matrix):
                technology = image_technology(file, image, line, f"{label} '{name}' image", values)
                if technology is not None:
                    technologies.append(technology)
    return DetectorOutput(technologies=tuple(technologies))


def _named(section: YamlValue) -> list[tuple[str, YamlMap]]:
    """Steps as ``{name: step}`` or as a list of steps naming themselves."""
    if isinstance(section, YamlMap):
        return [(name, step) for name, step in section.items() if isinstance(step, YamlMap)]
    if isinstance(section, YamlList):
        return [
            (step.text_at("name") or f"#{index + 1}", step)
            for index, step in enumerate(section)
            if isinstance(step, YamlMap)
        ]
    return []


def _matrix(matrix: YamlValue) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    if not isinstance(matrix, YamlMap):
        return values
    combinations: list[YamlMap] = []
    include = matrix.get("include")
    if isinstance(include, YamlList):
        combinations.extend(item for item in include if isinstance(item, YamlMap))
    for name, options in matrix.items():
        if name != "include" and isinstance(options, YamlList):
            values[name] = [option for option in options if isinstance(option, str)]
    for combination in combinations:
        for name, value in combination.items():
            if isinstance(value, str) and value not in values.setdefault(name, []):
                values[name].append(value)
    return values


def _combinations(text: str, matrix: dict[str, list[str]]) -> list[dict[str, str]]:
    """Each combination of the matrix values ``text`` names (one empty one when it names
    none), as variables to resolve ``text`` with."""
    names = [name for name in matrix if name in text and matrix[name]]
    if not names or "$" not in text:
        return [{}]
    combos = itertools.islice(itertools.product(*(matrix[n] for n in names)), MAX_COMBINATIONS)
    return [dict(zip(names, combo, strict=True)) for combo in combos]
