"""The PHP detector: Composer's composer.json and composer.lock."""

from __future__ import annotations

from collections.abc import Callable

from detectors.php.composer_json import parse_composer_json
from detectors.php.composer_lock import parse_composer_lock
from scanner.detector import Detector, FileSelector, SourceFile
from scanner.model import DetectorOutput

PARSERS: dict[str, Callable[[SourceFile], DetectorOutput]] = {
    "composer.json": parse_composer_json,
    "composer.lock": parse_composer_lock,
}


class PhpDetector(Detector):
    """Composer: required and locked packages, the PHP version and extensions."""

    name = "php"
    description = "Composer: composer.json requirements, composer.lock versions, PHP platform."
    tags = frozenset({"manifest", "dependencies", "php"})
    selector = FileSelector(filenames=frozenset(PARSERS))

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """The output of the file's parser; :class:`DetectorError` when it cannot be read."""
        return PARSERS[file.name](file)
