"""CircleCI: ``.circleci/config.yml``.

Reported: the CI system; each orb (``node: circleci/node@5.0.2``) as a technology of category
``ci-orb`` keyed by the orb name with its version (orbs have no Package URL type, so they are
not dependencies; an orb defined inline in the file is not reported); the ``docker:`` images
of executors and jobs (the first is the job's primary container, the others its service
containers); ``machine:`` images (``ubuntu-2204:2024.01.1`` is an Ubuntu 22.04 runner) and
``macos:`` executors (the Xcode version in the note) as runners. Images given by parameters
(``<< parameters.tag >>``) cannot be named and are left out.
"""

from __future__ import annotations

import re

from detectors.ci.images import image_technology
from detectors.ci.technologies import ci_system, runner, tool
from detectors.ci.yamldoc import YamlMap, load_mapping, mappings
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, Technology

CI_ORB = "ci-orb"

_MACHINE_IMAGE = re.compile(
    r"(?P<family>ubuntu|windows-server)-(?P<version>\d+)(?:-[a-z]+)?(?::.*)?"
)


def parse_circleci(file: SourceFile) -> DetectorOutput:
    """A CircleCI configuration. Raises :class:`DetectorError` for malformed YAML or a top
    level that is not a mapping."""
    document = load_mapping(file, "CircleCI configuration")
    technologies = [ci_system(file, "circleci", "CircleCI configuration")]
    orbs = document.map_at("orbs")
    if orbs is not None:
        for alias, orb in orbs.items():
            if isinstance(orb, str):
                technologies.append(_orb(file, alias, orb, orbs.line_of(alias)))
    for section in ("executors", "jobs"):
        entries = document.map_at(section)
        if entries is None:
            continue
        label = "executor" if section == "executors" else "job"
        for name, entry in entries.items():
            if isinstance(entry, YamlMap):
                technologies.extend(_environment(file, entry, f"{label} '{name}'"))
    return DetectorOutput(technologies=tuple(technologies))


def _orb(file: SourceFile, alias: str, reference: str, line: int) -> Technology:
    name, _, version = reference.strip().partition("@")
    reason = f"orb {alias}: {reference}"
    if not version:
        return tool(file, name, name, line, reason, note="no version given", category=CI_ORB)
    if version == "volatile":
        note = "volatile: the latest version at run time"
        return tool(file, name, name, line, reason, note=note, category=CI_ORB)
    return tool(file, name, name, line, reason, version=version, category=CI_ORB)


def _environment(file: SourceFile, entry: YamlMap, where: str) -> list[Technology]:
    """The images and runners of an executor or a job."""
    found: list[Technology] = []
    for index, (container, _line) in enumerate(mappings(entry.get("docker"))):
        image = container.text_at("image")
        if image is not None:
            role = "image" if index == 0 else "service image"
            line = container.line_of("image")
            technology = image_technology(file, image, line, f"{where} {role}")
            if technology is not None:
                found.append(technology)
    machine = entry.get("machine")
    if machine is not None:
        image = machine.text_at("image") if isinstance(machine, YamlMap) else None
        line = entry.line_of("machine")
        if image is not None:
            found.append(_machine(file, image, line, where))
        elif machine in ("true", "True") or isinstance(machine, YamlMap):
            note = "the default machine image"
            found.append(runner(file, "ubuntu", None, note, line, f"{where} machine"))
    macos = entry.get("macos")
    if isinstance(macos, YamlMap):
        xcode = macos.text_at("xcode")
        note = f"Xcode {xcode}" if xcode else "no Xcode version given"
        found.append(runner(file, "macos", None, note, entry.line_of("macos"), f"{where} macos"))
    return found


def _machine(file: SourceFile, image: str, line: int, where: str) -> Technology:
    reason = f"{where} machine image {image}"
    match = _MACHINE_IMAGE.fullmatch(image.strip())
    if match is None:
        note = f"machine image '{image}'"
        family = "windows" if image.startswith("windows") else "ubuntu"
        return runner(file, family, None, note, line, reason)
    digits = match.group("version")
    if match.group("family") == "ubuntu" and len(digits) == 4:
        return runner(file, "ubuntu", f"{digits[:2]}.{digits[2:]}", None, line, reason)
    family = "windows" if match.group("family") == "windows-server" else "ubuntu"
    return runner(file, family, digits, f"machine image '{image}'", line, reason)
