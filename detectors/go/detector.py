"""The Go detector: modules (``go.mod``), their checksums (``go.sum``), workspaces
(``go.work``)."""

from __future__ import annotations

from collections.abc import Callable

from detectors.go.go_mod import parse_go_mod
from detectors.go.go_sum import parse_go_sum
from detectors.go.go_work import parse_go_work
from scanner.detector import Detector, FileSelector, SourceFile
from scanner.model import DetectorOutput

PARSERS: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "go.mod": parse_go_mod,
    "go.sum": parse_go_sum,
    "go.work": parse_go_work,
}


class GoDetector(Detector):
    """Go modules: the module and its requirements, the Go version and toolchain, workspaces."""

    name = "go"
    description = "Go modules: go.mod requirements and replacements, Go version, go.work."
    tags = frozenset({"manifest", "dependencies", "go"})
    selector = FileSelector(filenames=frozenset(PARSERS))

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """The output of the file's parser; :class:`DetectorError` when it cannot be read."""
        return PARSERS[file.name](file)
