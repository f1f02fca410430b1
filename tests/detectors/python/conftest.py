"""Fixtures of the Python detector's tests: one file parsed on its own, or a tree scanned
through the core (which merges declarations with resolutions and assigns components)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detectors.python.detector import PythonDetector
from scanner.config import Settings
from scanner.detector import FileContent, SourceFile
from scanner.model import Dependency, Repository, RepositoryScan
from scanner.scan import scan_source
from scanner.sources import DirectorySource


def source_file(path: str, text: str | bytes) -> SourceFile:
    """``text`` as the file at ``path``, as the detector would be handed it."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), PythonDetector.name)


def scan_tree(root: Path) -> RepositoryScan:
    """Scan ``root`` with the Python detector alone."""
    repository = Repository("repo", str(root))
    return scan_source(DirectorySource(root), repository, [PythonDetector], Settings())


def by_name(dependencies: tuple[Dependency, ...] | list[Dependency]) -> dict[str, Dependency]:
    """Dependencies by name; fails when a name appears twice."""
    found: dict[str, Dependency] = {}
    for dependency in dependencies:
        assert dependency.name not in found, f"{dependency.name} twice"
        found[dependency.name] = dependency
    return found


@pytest.fixture
def source() -> Callable[[str, str | bytes], SourceFile]:
    return source_file


@pytest.fixture
def scan() -> Callable[[Path], RepositoryScan]:
    return scan_tree


@pytest.fixture
def named() -> Callable[[tuple[Dependency, ...] | list[Dependency]], dict[str, Dependency]]:
    return by_name
