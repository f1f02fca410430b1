"""``runtime.txt``, the runtime file of Heroku's classic Python buildpack (also read by
Azure App Service and Cloud Foundry): ``python-3.12.4``, ``python-3.12``.

Java settings written the way Heroku's ``system.properties`` writes them
(``java.runtime.version=17``, ``maven.version=3.9.6``) are read here too, see
:mod:`.system_properties`. A line that is neither is a failure for that line; a file with
nothing readable raises :class:`DetectorError`.
"""

from __future__ import annotations

from detectors.runtimes.catalog import technology
from detectors.runtimes.interpret import python
from detectors.runtimes.lines import content_lines, line_failure
from detectors.runtimes.system_properties import HEROKU_PROPERTIES
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Failure, Technology


def parse_runtime_txt(file: SourceFile) -> DetectorOutput:
    """The runtimes a ``runtime.txt`` asks for."""
    technologies: list[Technology] = []
    failures: list[Failure] = []
    for number, content in content_lines(file.text()):
        lowered = content.lower()
        evidence = file.evidence(f"runtime.txt asks for {content!r}", number)
        if lowered.startswith("python-"):
            pins = python(content[7:])
        elif lowered.startswith("pypy"):
            pins = python(content)
        else:
            key, _, value = (part.strip() for part in content.partition("="))
            setting = HEROKU_PROPERTIES.get(key)
            if setting is None or not value:
                reason = f"{content!r} is not a runtime (python-X.Y.Z or java.runtime.version=N)"
                failures.append(line_failure(file, number, reason))
                continue
            pins = setting(value)
        technologies.extend(technology(pin, evidence) for pin in pins)
    if not technologies:
        raise DetectorError(failures[0].reason if failures else "no runtime in the file")
    return DetectorOutput(technologies=tuple(technologies), failures=tuple(failures))
