"""``setup.cfg`` (setuptools' declarative configuration) and ``setup.py`` (presence only:
it is a program, and programs are never run).

``[metadata] name/version`` name the manifest; ``[options] install_requires`` are runtime,
``tests_require`` test, ``setup_requires`` build, ``[options.extras_require]`` optional;
``python_requires`` is the ``python`` runtime (declared). Lists are read as setuptools
reads them: one requirement per line, or ``;``-separated on a single line; ``#`` lines are
comments. A ``file:`` directive names another file, which is not read from here.
Every ``setup.cfg`` is a manifest, as it has always been (even one that only configures
tools).
"""

from __future__ import annotations

import re

from detectors.common.parsing import manifest
from detectors.python.pep508 import parse_requirement
from detectors.python.records import Collected, python_runtime, requirement_dependency
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Ecosystem, Scope

_SECTION = re.compile(r"^\[(?P<name>[^\]]+)\]")
_OPTION_LISTS = (
    ("install_requires", Scope.RUNTIME),
    ("tests_require", Scope.TEST),
    ("setup_requires", Scope.BUILD),
)


def parse_setup_cfg(file: SourceFile) -> DetectorOutput:
    """Read one ``setup.cfg``.

    Raises :class:`~scanner.errors.DetectorError` for a file that is not INI syntax
    (no section header, a malformed line).
    """
    import configparser

    parser = configparser.RawConfigParser(strict=False, default_section="\0no-defaults")
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    text = file.text()
    try:
        parser.read_string(text, source=file.path)
    except configparser.Error as error:
        message = str(error).splitlines()[0]
        raise DetectorError(f"not valid setup.cfg syntax: {message}") from error
    found = Collected(file)
    lines = _SectionLines(text)
    name = version = None
    if parser.has_section("metadata"):
        name = parser.get("metadata", "name", fallback=None) or None
        version = parser.get("metadata", "version", fallback=None) or None
        if version is not None and version.startswith(("attr:", "file:")):
            version = None
    found.manifests.append(manifest(file, Ecosystem.PYPI, "setup.cfg", name=name, version=version))
    if parser.has_section("options"):
        requires_python = parser.get("options", "python_requires", fallback="").strip()
        if requires_python:
            found.technologies.append(
                python_runtime(
                    file,
                    requires_python,
                    f"python_requires {requires_python!r}",
                    line=lines.line_of("options", "python_requires"),
                )
            )
        for key, scope in _OPTION_LISTS:
            value = parser.get("options", key, fallback=None)
            if value is not None:
                _read_list(found, lines, "options", key, value, scope)
    if parser.has_section("options.extras_require"):
        for extra, value in parser.items("options.extras_require"):
            _read_list(found, lines, "options.extras_require", extra, value, Scope.OPTIONAL)
    return found.output()


def _read_list(
    found: Collected, lines: _SectionLines, section: str, key: str, value: str, scope: Scope
) -> None:
    if value.strip().startswith("file:"):
        return
    items = value.splitlines() if "\n" in value else value.split(";")
    label = f"[{section}] {key}"
    for item in (item.strip() for item in items):
        if not item or item.startswith("#"):
            continue
        try:
            requirement = parse_requirement(item)
        except ValueError as error:
            found.fail(f"{label} entry {item!r}: {error}")
            continue
        found.dependencies.append(
            requirement_dependency(
                found.file,
                requirement,
                f"{label} entry {item!r}",
                scope=scope,
                line=lines.line_of(section, key, item),
            )
        )


class _SectionLines:
    """Lines of options and list items in an INI text, which configparser does not keep."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        self._sections: dict[str, int] = {}
        for index, line in enumerate(self._lines):
            match = _SECTION.match(line)
            if match is not None:
                self._sections.setdefault(match.group("name").strip(), index)

    def line_of(self, section: str, key: str, item: str | None = None) -> int | None:
        """The 1-based line of ``key`` in ``section`` (or of ``item`` in its value)."""
        start = self._sections.get(section)
        if start is None:
            return None
        key_pattern = re.compile(rf"^{re.escape(key)}\s*[=:]")
        for index in range(start + 1, len(self._lines)):
            line = self._lines[index]
            if _SECTION.match(line):
                return None
            if key_pattern.match(line):
                return index + 1 if item is None else self._item_line(index, item)
        return None

    def _item_line(self, key_index: int, item: str) -> int | None:
        first = self._lines[key_index].partition("=")[2] if "=" in self._lines[key_index] else ""
        if item in first:
            return key_index + 1
        for index in range(key_index + 1, len(self._lines)):
            line = self._lines[index]
            if line.strip() and not line[:1].isspace():
                break
            if line.strip() == item:
                return index + 1
        return None
