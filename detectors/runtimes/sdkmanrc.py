"""SDKMAN!'s ``.sdkmanrc``: ``<candidate>=<version>`` lines, ``#`` comments.

``java=17.0.2-tem`` is Java 17.0.2 from the distribution ``tem`` (Temurin); ``maven`` and
``gradle`` are build tools; every other candidate (``kotlin``, ``scala``, ``sbt``…) is a
``tool`` keyed by its candidate name. A line that is not ``name=version`` is a failure for
that line; a file with nothing readable raises :class:`DetectorError`.
"""

from __future__ import annotations

import re

from detectors.runtimes.catalog import technology, tool_key
from detectors.runtimes.interpret import interpreter, java
from detectors.runtimes.lines import content_lines, line_failure
from detectors.runtimes.pins import Pin
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Failure, Technology

# SDKMAN! Java identifiers put the vendor last: 17.0.2-tem, 21.0.1-graal, 22.ea.27-open.
_VENDOR_SUFFIX_RE = re.compile(r"(?P<version>\d\S*?)-(?P<vendor>[a-z][a-z0-9]*)\Z", re.I)


def parse_sdkmanrc(file: SourceFile) -> DetectorOutput:
    """Every candidate version of an ``.sdkmanrc``."""
    technologies: list[Technology] = []
    failures: list[Failure] = []
    for number, content in content_lines(file.text()):
        candidate, equals, version = (part.strip() for part in content.partition("="))
        if not equals or not candidate or not version:
            failures.append(line_failure(file, number, f"{content!r} is not candidate=version"))
            continue
        key = tool_key(candidate)
        evidence = file.evidence(f".sdkmanrc entry {content!r}", number)
        pins = _java(version) if key == "java" else interpreter(key)(version)
        technologies.extend(technology(pin, evidence, written=candidate) for pin in pins)
    if not technologies:
        raise DetectorError(failures[0].reason if failures else "no candidates in the file")
    return DetectorOutput(technologies=tuple(technologies), failures=tuple(failures))


def _java(identifier: str) -> list[Pin]:
    vendored = _VENDOR_SUFFIX_RE.match(identifier)
    if vendored is None:
        return java(identifier)
    return java(f"{vendored.group('vendor')}-{vendored.group('version')}")
