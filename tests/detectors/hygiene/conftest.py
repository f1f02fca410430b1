"""Scans for the hygiene detector's tests: real trees through the core, with the detectors
whose findings the hygiene checks read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.ci.detector import CiDetector
from detectors.dotnet.detector import DotnetDetector
from detectors.elixir.detector import ElixirDetector
from detectors.go.detector import GoDetector
from detectors.hygiene.detector import HygieneDetector
from detectors.javascript.detector import JavaScriptDetector
from detectors.jvm.detector import JvmDetector
from detectors.php.detector import PhpDetector
from detectors.python.detector import PythonDetector
from detectors.ruby.detector import RubyDetector
from detectors.rust.detector import RustDetector
from scanner.detector import Detector
from scanner.model import Finding

DETECTORS: tuple[type[Detector], ...] = (
    CiDetector, DotnetDetector, ElixirDetector, GoDetector, JavaScriptDetector, JvmDetector,
    PhpDetector, PythonDetector, RubyDetector, RustDetector, HygieneDetector,
)  # fmt: skip

Hygiene = Callable[..., dict[str, Finding]]


@pytest.fixture
def hygiene(make_tree: Callable[[dict[str, str]], Path]) -> Hygiene:
    """Scan a tree (``files``) and return the hygiene findings of ``kind`` by id."""

    def scan(files: dict[str, str], kind: str) -> dict[str, Finding]:
        result = scan_with(make_tree(files), *DETECTORS)
        return {f.id: f for f in result.findings if f.kind == kind}

    return scan
