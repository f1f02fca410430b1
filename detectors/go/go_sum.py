"""``go.sum``: the checksum database of a module, read to check it and then set aside.

go.sum holds a checksum for every module version the go command downloaded while building the
module graph: the ``.zip`` of a module (``h1:`` line) and its ``go.mod`` alone (``/go.mod``
line). It includes versions minimal version selection did not select (the go.mod files of
older versions it had to read), so it cannot say which version is built: ``go.mod`` says that
(see :mod:`detectors.go.go_mod`). go.sum therefore yields no dependencies; it is checked for
the shape Go requires and reported as evidence of Go modules, with its count of versions.
"""

from __future__ import annotations

from dataclasses import dataclass

from detectors.go.technologies import go_modules
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput


@dataclass(frozen=True, slots=True)
class GoSum:
    """What a go.sum lists: ``modules`` with their content checksummed (``h1:`` lines), and
    ``go_mod_only``, versions of which only the go.mod file was checksummed."""

    modules: frozenset[tuple[str, str]]
    go_mod_only: frozenset[tuple[str, str]]

    @property
    def versions(self) -> int:
        """How many distinct module versions the file names, in either form."""
        return len(self.modules | self.go_mod_only)


def read_go_sum(text: str) -> GoSum:
    """The module versions of a go.sum text.

    Raises :class:`DetectorError` for a line that is not ``module version hash`` (blank lines
    are allowed), as the go command refuses such a file.
    """
    modules: set[tuple[str, str]] = set()
    go_mods: set[tuple[str, str]] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        if not fields:
            continue
        if len(fields) != 3 or ":" not in fields[2]:
            raise DetectorError(
                f"line {number}: expected 'module version hash', found {len(fields)} field(s)"
            )
        path, version, _ = fields
        if version.endswith("/go.mod"):
            go_mods.add((path, version.removesuffix("/go.mod")))
        else:
            modules.add((path, version))
    return GoSum(frozenset(modules), frozenset(go_mods - modules))


def parse_go_sum(file: SourceFile) -> DetectorOutput:
    """The ``go-modules`` package manager, its evidence naming how many module versions the
    file checksums. Raises :class:`DetectorError` for a malformed go.sum."""
    summary = read_go_sum(file.text())
    reason = f"go.sum present ({summary.versions} module versions checksummed)"
    return DetectorOutput(technologies=(go_modules(file, reason),))
