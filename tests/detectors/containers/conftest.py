"""Fixtures of the containers detector's tests: files as the detector sees them, and scans
of trees through the core."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from detectors.containers.detector import ContainersDetector
from scanner.config import Settings
from scanner.detector import FileContent, SourceFile
from scanner.model import Repository, RepositoryScan
from scanner.scan import scan_source
from scanner.sources import DirectorySource

DETECTOR = ContainersDetector.name


def make_source(path: str, text: str | bytes) -> SourceFile:
    """A file at ``path`` holding ``text``, as the containers detector is given it."""
    data = text.encode() if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), DETECTOR)


def scan_tree(root: Path) -> RepositoryScan:
    """Scan ``root`` with the containers detector only, through the core."""
    return scan_source(
        DirectorySource(root), Repository("repo", str(root)), [ContainersDetector], Settings()
    )


@pytest.fixture
def source() -> Callable[[str, str | bytes], SourceFile]:
    return make_source


@pytest.fixture
def scan() -> Callable[[Path], RepositoryScan]:
    return scan_tree
