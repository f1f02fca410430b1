"""Python manifests: ``pyproject.toml``, ``requirements*.txt``, ``setup.cfg``, ``setup.py``,
``Pipfile``. Presence and names here; dependency parsing lives with the lockfile parsers."""

from __future__ import annotations

from detectors.common.parsing import load_toml, manifest, string_or_none
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, Ecosystem

REQUIREMENTS_DIRECTORY = "requirements"


def parse_pyproject(file: SourceFile) -> DetectorOutput:
    """A ``pyproject.toml``: the project's name from PEP 621 ``[project]`` or Poetry."""
    document = load_toml(file)
    project = document.get("project")
    tool = document.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    name = version = None
    for table in (project, poetry):
        if isinstance(table, dict):
            name = name or string_or_none(table.get("name"))
            version = version or string_or_none(table.get("version"))
    return DetectorOutput(
        manifests=(manifest(file, Ecosystem.PYPI, "pyproject.toml", name=name, version=version),)
    )


def parse_requirements(file: SourceFile) -> DetectorOutput:
    """A pip requirements file. Files in a ``requirements/`` folder belong to the directory
    above it (``requirements/prod.txt`` is the project's, not a component of its own)."""
    directory = file.directory
    if directory.rpartition("/")[2] == REQUIREMENTS_DIRECTORY:
        directory = directory.rpartition("/")[0] or "."
    found = manifest(file, Ecosystem.PYPI, "requirements", directory=directory)
    return DetectorOutput(manifests=(found,))
