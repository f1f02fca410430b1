"""Heroku's ``system.properties`` for JVM apps: ``java.runtime.version`` and
``maven.version``.

The file is a Java properties file (``key=value``, ``key: value`` or ``key value``; ``#`` and
``!`` comments; a trailing backslash continues a line). ``system.properties`` is a common name
for other purposes too, so a file without these keys reveals nothing and is no error.
"""

from __future__ import annotations

import re

from detectors.runtimes.catalog import technology
from detectors.runtimes.interpret import interpreter, java
from detectors.runtimes.pins import Interpreter
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, Technology

HEROKU_PROPERTIES: dict[str, Interpreter] = {
    "java.runtime.version": java,
    "maven.version": interpreter("maven"),
}

_PROPERTY_RE = re.compile(r"([^=:\s]+)\s*[=:\s]\s*(.*)\Z")


def parse_system_properties(file: SourceFile) -> DetectorOutput:
    """The Java runtime and Maven versions a ``system.properties`` sets, if any."""
    technologies: list[Technology] = []
    for number, key, value in _properties(file.text()):
        setting = HEROKU_PROPERTIES.get(key)
        if setting is None or not value:
            continue
        evidence = file.evidence(f"system.properties {key}={value}", number)
        technologies.extend(technology(pin, evidence) for pin in setting(value))
    return DetectorOutput(technologies=tuple(technologies))


def _properties(text: str) -> list[tuple[int, str, str]]:
    """``(line, key, value)`` of each property, continuation lines joined."""
    found: list[tuple[int, str, str]] = []
    pending = ""
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not pending and (not stripped or stripped[0] in "#!"):
            continue
        if not pending:
            start = number
        trailing = len(stripped) - len(stripped.rstrip("\\"))
        if trailing % 2:
            pending += stripped[:-1]
            continue
        logical, pending = pending + stripped, ""
        match = _PROPERTY_RE.match(logical)
        if match is not None:
            found.append((start, match.group(1), match.group(2).strip()))
    return found
