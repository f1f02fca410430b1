"""Jenkins: ``Jenkinsfile`` (and ``Jenkinsfile.*``, ``*.jenkinsfile``).

A Jenkinsfile is a Groovy program, which is never run or fully parsed here. Its presence
reveals Jenkins; the images of ``agent { docker { image '...' } }``, ``agent { docker '...' }``
and ``docker.image('...')`` are found by tolerant patterns over the text with comments blanked
out. Images built from Groovy variables (``"node:${NODE}"``) keep the tag as unknown, or are
left out when the name itself is a variable.
"""

from __future__ import annotations

import re

from detectors.ci.images import image_technology
from detectors.ci.technologies import ci_system
from scanner.detector import SourceFile
from scanner.model import DetectorOutput

_COMMENT = re.compile(r"/\*.*?\*/|(?m:^[ \t]*//[^\n]*)", re.DOTALL)
_IMAGES = (
    re.compile(
        r"\bagent\s*\{\s*docker\s*\{[^{}]*?\bimage\s*(?:[:=]\s*)?(['\"])(?P<image>[^'\"\n]+)\1"
    ),
    re.compile(r"\bagent\s*\{\s*docker\s+(['\"])(?P<image>[^'\"\n]+)\1"),
    re.compile(r"\bdocker\s*\.\s*image\s*\(\s*(['\"])(?P<image>[^'\"\n]+)\1\s*\)"),
)


def parse_jenkinsfile(file: SourceFile) -> DetectorOutput:
    """A Jenkinsfile: Jenkins, and the Docker images its agents and steps use. Raises
    :class:`DetectorError` only for bytes that are not text."""
    text = _COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), file.text())
    technologies = [ci_system(file, "jenkins", "Jenkinsfile present")]
    found: dict[int, str] = {}
    for pattern in _IMAGES:
        for match in pattern.finditer(text):
            found.setdefault(match.start("image"), match.group("image"))
    for offset, image in sorted(found.items()):
        line = text.count("\n", 0, offset) + 1
        technology = image_technology(file, image, line, "Docker image used by the pipeline")
        if technology is not None:
            technologies.append(technology)
    return DetectorOutput(technologies=tuple(technologies))
