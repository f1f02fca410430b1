"""asdf's ``.tool-versions`` (also read by mise): ``<plugin> <version> [<version>…]`` a line.

Each version of each line is a technology: runtimes under their canonical keys (``nodejs``,
``golang`` → ``go``…), ``postgres`` as the ``postgresql`` datastore, ``terraform`` as
infrastructure, package managers and build tools under theirs, and every other plugin as a
``tool`` keyed by its plugin name. Versions may be ``ref:…``, ``path:…``, ``latest:…`` or
``system``. A line with a plugin and no version is a failure for that line; a file with no
readable line raises :class:`DetectorError`.
"""

from __future__ import annotations

from detectors.runtimes.catalog import technology, tool_key
from detectors.runtimes.interpret import interpreter
from detectors.runtimes.lines import content_lines, line_failure
from detectors.runtimes.pins import with_manager_prefix
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Failure, Technology


def parse_tool_versions(file: SourceFile) -> DetectorOutput:
    """A ``.tool-versions`` file: every version of every plugin line."""
    technologies: list[Technology] = []
    failures: list[Failure] = []
    for number, content in content_lines(file.text()):
        plugin, *versions = content.split()
        if not versions:
            failures.append(line_failure(file, number, f"plugin {plugin!r} without a version"))
            continue
        key = tool_key(plugin)
        evidence = file.evidence(f".tool-versions entry {content!r}", number)
        for raw in versions:
            for pin in with_manager_prefix(key, raw, interpreter(key)):
                technologies.append(technology(pin, evidence, written=plugin))
    if not technologies:
        raise DetectorError(failures[0].reason if failures else "no tool versions in the file")
    return DetectorOutput(technologies=tuple(technologies), failures=tuple(failures))
