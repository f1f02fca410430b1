"""Google Cloud Build: ``cloudbuild.yaml``/``.yml`` and ``cloudbuild*.yaml``.

Reported: the CI system and the builder image of every step (``steps[].name``), with
user substitutions (``$_ZONE``, ``${_TAG}``) taken from the file's ``substitutions:``;
built-in ones (``$PROJECT_ID``) are unknown, and an image named by one is not reported.
The ``images:`` a build pushes are its outputs, not images it uses, and are left out.
A ``cloudbuild-*.yaml`` without ``steps`` is taken for some other file and yields nothing.
"""

from __future__ import annotations

from detectors.ci.images import image_technology
from detectors.ci.technologies import ci_system
from detectors.ci.variables import string_values
from detectors.ci.yamldoc import YamlList, load_mapping, mappings
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput

EXACT_NAMES = frozenset({"cloudbuild.yaml", "cloudbuild.yml"})


def parse_cloudbuild(file: SourceFile) -> DetectorOutput:
    """A Cloud Build configuration. Raises :class:`DetectorError` for malformed YAML, a top
    level that is not a mapping, or a ``cloudbuild.yaml`` without a ``steps`` list."""
    document = load_mapping(file, "Cloud Build configuration")
    steps = document.get("steps")
    if not isinstance(steps, YamlList):
        if file.name not in EXACT_NAMES:
            return DetectorOutput()
        raise DetectorError("not a Cloud Build configuration: no 'steps' list")
    substitutions = string_values(document.get("substitutions"))
    technologies = [ci_system(file, "cloud-build", "Cloud Build configuration")]
    for index, (step, _line) in enumerate(mappings(steps)):
        name = step.text_at("name")
        if name is None:
            continue
        label = step.text_at("id") or f"#{index + 1}"
        technology = image_technology(
            file, name, step.line_of("name"), f"step '{label}' builder", substitutions
        )
        if technology is not None:
            technologies.append(technology)
    return DetectorOutput(technologies=tuple(technologies))
