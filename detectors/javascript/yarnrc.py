"""Yarn's configuration: ``.yarnrc.yml`` (Berry) and ``.yarnrc`` (classic).

``yarnPath`` / ``yarn-path`` points at the Yarn release the project runs
(``.yarn/releases/yarn-4.1.0.cjs``): Yarn at that exact version. ``.yarnrc.yml`` may also
define version catalogs (``catalog``, ``catalogs``, Yarn 4.10+).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from detectors.javascript.documents import load_yaml_mapping, yaml_key_lines
from detectors.javascript.package_json import Catalogs, read_catalogs
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, DetectorOutput, Technology

_RELEASE = re.compile(r"yarn-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\.c?js")
# A .yarnrc line: a key, then a value that may be quoted.
_RC_LINE = re.compile(r'\s*("(?:[^"\\]|\\.)*"|[^\s"#]+)\s+(.*?)\s*')


@dataclass(slots=True)
class YarnConfig:
    """The file as read: what the parser reports and the catalogs it defines."""

    output: DetectorOutput
    catalogs: Catalogs = field(default_factory=dict)


def parse_yarnrc_yml(file: SourceFile) -> DetectorOutput:
    """Yarn, at the version of the release ``yarnPath`` names (``resolved``).

    An empty file is a configuration without settings. Raises :class:`DetectorError` for
    malformed YAML or a top level that is not a mapping.
    """
    return read_yarnrc_yml(file).output


def read_yarnrc_yml(file: SourceFile) -> YarnConfig:
    """See :func:`parse_yarnrc_yml`; also returns the catalogs."""
    document = load_yaml_mapping(file, empty_ok=True)
    path = document.get("yarnPath")
    technologies: tuple[Technology, ...] = ()
    if isinstance(path, str) and path.strip():
        line = yaml_key_lines(file.text(), max_depth=1).get(("yarnPath",))
        technologies = (_yarn(file, "yarnPath", path.strip(), line),)
    return YarnConfig(DetectorOutput(technologies=technologies), read_catalogs(document))


def parse_yarnrc(file: SourceFile) -> DetectorOutput:
    """Yarn classic's ``.yarnrc``: Yarn at the version of the release ``yarn-path`` names.

    Raises :class:`DetectorError` for a line that is not ``key value``.
    """
    for number, raw in enumerate(file.text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = _RC_LINE.fullmatch(line)
        if match is None:
            raise DetectorError(f"line {number}: expected 'key value', found {line[:40]!r}")
        key, value = (_unquote(part) for part in match.group(1, 2))
        if key == "yarn-path" and value:
            return DetectorOutput(technologies=(_yarn(file, "yarn-path", value, number),))
    return DetectorOutput()


def _unquote(text: str) -> str:
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    return text


def _yarn(file: SourceFile, key: str, path: str, line: int | None) -> Technology:
    release = _RELEASE.fullmatch(path.rpartition("/")[2])
    return Technology(
        "yarn",
        "Yarn",
        Category.PACKAGE_MANAGER,
        (file.evidence(f"{key} {path!r}", line=line),),
        version=release.group(1) if release else None,
        version_source="resolved" if release else None,
        version_note=None if release else f"{key} {path!r} names no version",
    )
