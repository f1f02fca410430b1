"""The one-word version files of the version managers: pyenv's ``.python-version`` (and
uv's ``.python-versions``), nvm's ``.nvmrc`` and ``.node-version`` (nodenv, fnm),
``.ruby-version`` (rbenv, chruby, rvm), jenv's ``.java-version``, goenv's ``.go-version`` and
tfenv's ``.terraform-version``.

The version is the first word of the first line that is not blank or a ``#`` comment. Only
the Python files list several versions, one a line (pyenv makes all of them available); the
others ignore further lines, as their tools do (nvm reserves them for ``key=value``
settings). A file with no version raises :class:`DetectorError`; in a Python file, a line
pyenv would refuse (a path) is a failure for that line.
"""

from __future__ import annotations

import re

from detectors.runtimes.catalog import TECHNOLOGIES, technology
from detectors.runtimes.interpret import interpreter
from detectors.runtimes.lines import content_lines, line_failure
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Failure, Technology

_SETTING_RE = re.compile(r"[A-Za-z_][\w.-]*\s*=")


def parse_python_version(file: SourceFile) -> DetectorOutput:
    """``.python-version``/``.python-versions``: one Python technology per version line."""
    interpret = interpreter("python")
    technologies: list[Technology] = []
    failures: list[Failure] = []
    for number, content in content_lines(file.text()):
        word = content.split()[0]
        if "/" in word or word == "..":
            failures.append(line_failure(file, number, f"{word!r} is a path, not a version"))
            continue
        evidence = file.evidence(f"{file.name} asks for Python {word!r}", number)
        technologies.extend(technology(pin, evidence) for pin in interpret(word))
    if not technologies:
        raise DetectorError(failures[0].reason if failures else "no Python version in the file")
    return DetectorOutput(technologies=tuple(technologies), failures=tuple(failures))


def parse_node_version(file: SourceFile) -> DetectorOutput:
    """``.nvmrc``/``.node-version``: the Node.js version (``key=value`` lines skipped)."""
    return _single_version(file, "nodejs", skip_settings=True)


def parse_ruby_version(file: SourceFile) -> DetectorOutput:
    """``.ruby-version``: the Ruby version (or implementation)."""
    return _single_version(file, "ruby")


def parse_java_version(file: SourceFile) -> DetectorOutput:
    """``.java-version``: the Java version, as jenv names it."""
    return _single_version(file, "java")


def parse_go_version(file: SourceFile) -> DetectorOutput:
    """``.go-version``: the Go version."""
    return _single_version(file, "go")


def parse_terraform_version(file: SourceFile) -> DetectorOutput:
    """``.terraform-version``: the Terraform version tfenv installs."""
    return _single_version(file, "terraform")


def _single_version(file: SourceFile, key: str, *, skip_settings: bool = False) -> DetectorOutput:
    name = TECHNOLOGIES[key][0]
    for number, content in content_lines(file.text()):
        if skip_settings and _SETTING_RE.match(content):
            continue
        word = content.split()[0]
        evidence = file.evidence(f"{file.name} asks for {name} {word!r}", number)
        pins = interpreter(key)(word)
        return DetectorOutput(technologies=tuple(technology(pin, evidence) for pin in pins))
    raise DetectorError(f"no {name} version in the file")
