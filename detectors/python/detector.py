"""The Python ecosystem detector: manifests, dependencies, the package managers and the
``python`` runtime from every Python packaging file.

Each file format has its own module and ``parse_<format>(file)`` function, listed in
:data:`FORMATS`. Two things need more than one file and wait for the tree hook:

* requirements files: ``-r``/``-c`` includes are followed (relative to the including file)
  and included files that no selector matched are read too; a file only ever included with
  ``-c`` is a constraints file, whose exact pins are resolutions rather than declarations
  (see :mod:`detectors.python.requirements`). Their dependencies are reported from
  :meth:`PythonDetector.inspect_tree`.
* ``uv.lock`` assigns packages to workspace members' directories; a directory that holds
  no Python manifest in this scan is not a component, and those packages fall back to the
  nearest one.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from detectors.common.parsing import presence_parser
from detectors.python import requirements
from detectors.python.pdm_lock import parse_pdm_lock
from detectors.python.pipfile import parse_pipfile
from detectors.python.pipfile_lock import parse_pipfile_lock
from detectors.python.poetry_lock import parse_poetry_lock
from detectors.python.pyproject import parse_pyproject
from detectors.python.setup_cfg import parse_setup_cfg
from detectors.python.uv_lock import parse_uv_lock
from scanner.detector import (
    Detector,
    FileContent,
    FileSelector,
    SourceFile,
    TreeView,
    decode_text,
)
from scanner.errors import DetectorError
from scanner.model import Dependency, DetectorOutput, Ecosystem, Failure, FailureKind

Parser = Callable[[SourceFile], DetectorOutput]

# Exact base names and the parser of each.
FORMATS: dict[str, Parser] = {
    "pyproject.toml": parse_pyproject,
    "setup.cfg": parse_setup_cfg,
    "setup.py": presence_parser(Ecosystem.PYPI, "setup.py"),
    "Pipfile": parse_pipfile,
    "Pipfile.lock": parse_pipfile_lock,
    "poetry.lock": parse_poetry_lock,
    "uv.lock": parse_uv_lock,
    "pdm.lock": parse_pdm_lock,
}
REQUIREMENTS_GLOBS = (
    "requirements*.txt",
    "requirements*.in",
    "**/requirements/*.txt",
    "**/requirements/*.in",
)
# The largest included requirements file read from the tree hook (the core's cap applies too).
_INCLUDE_LIMIT = 16 * 1024 * 1024


def is_requirements_file(path: str) -> bool:
    """Whether ``path`` is one of :data:`REQUIREMENTS_GLOBS`."""
    directory, _, name = path.rpartition("/")
    if not name.endswith((".txt", ".in")):
        return False
    return name.startswith("requirements") or directory.rpartition("/")[2] == "requirements"


@dataclass(slots=True)
class _Requirements:
    file: SourceFile
    document: requirements.RequirementsDocument
    selected: bool


class PythonDetector(Detector):
    """Python packaging files: requirements, pyproject.toml, setup.cfg/setup.py, Pipfile and
    the lockfiles of Pipenv, Poetry, uv and PDM."""

    name = "python"
    description = (
        "Python manifests and lockfiles (pip, pyproject.toml, setup.cfg, Pipenv, Poetry, uv, "
        "PDM): dependencies, package managers, the Python runtime."
    )
    tags = frozenset({"manifest", "dependencies", "python"})
    selector = FileSelector(filenames=frozenset(FORMATS), globs=REQUIREMENTS_GLOBS)

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._requirements: dict[str, _Requirements] = {}
        self._manifest_directories: set[str] = set()
        self._pending: list[Dependency] = []

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        parse = FORMATS.get(file.name)
        if parse is None:
            if not is_requirements_file(file.path):
                raise DetectorError(f"not a Python packaging file: {file.name}")
            output = self._read_requirements(file)
        else:
            output = parse(file)
        self._manifest_directories.update(found.directory for found in output.manifests)
        if file.name == "uv.lock":
            self._pending.extend(output.dependencies)
            output = replace(output, dependencies=())
        return output

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        failures = self._follow_includes(tree)
        constraints, required = self._include_targets()
        dependencies: list[Dependency] = []
        for path, found in self._requirements.items():
            as_constraints = path in constraints and path not in required
            dependencies.extend(
                requirements.requirement_dependencies(
                    found.file, found.document, constraints=as_constraints
                )
            )
            if not found.selected:
                failures.extend(requirements.line_failures(found.file, found.document))
        for dependency in self._pending:
            if dependency.component not in self._manifest_directories:
                dependency = replace(dependency, component=None)
            dependencies.append(dependency)
        return DetectorOutput(dependencies=tuple(dependencies), failures=tuple(failures))

    def _read_requirements(self, file: SourceFile) -> DetectorOutput:
        document = requirements.read_requirements(file.text())
        self._requirements[file.path] = _Requirements(file, document, selected=True)
        return DetectorOutput(
            manifests=(requirements.requirements_manifest(file),),
            technologies=requirements.requirements_technologies(file, document),
            failures=requirements.line_failures(file, document),
        )

    def _include_targets(self) -> tuple[set[str], set[str]]:
        """Paths included with ``-c`` and paths included with ``-r``."""
        constraints: set[str] = set()
        required: set[str] = set()
        for path, found in self._requirements.items():
            for include in found.document.includes:
                target = _resolve(path, include.target)
                if target is not None:
                    (constraints if include.constraint else required).add(target)
        return constraints, required

    def _follow_includes(self, tree: TreeView) -> list[Failure]:
        """Read included files no selector matched, and theirs, once each; an include that
        cannot be read is a failure of the including file."""
        failures: list[Failure] = []
        pending = list(self._requirements)
        if not any(self._requirements[path].document.includes for path in pending):
            return failures
        present = {entry.path for entry in tree.entries if not entry.symlink}
        while pending:
            path = pending.pop()
            for include in self._requirements[path].document.includes:
                target = _resolve(path, include.target)
                if target is not None and target in self._requirements:
                    continue
                data = tree.read(target, _INCLUDE_LIMIT) if target in present else None
                problem = None
                if target is None:
                    problem = "is a URL or lies outside the scanned tree; not read"
                elif data is None:
                    problem = "is not in the scanned tree (or too large to read)"
                else:
                    try:
                        text = decode_text(data, target)
                    except DetectorError as error:
                        problem = f"cannot be read: {error}"
                    else:
                        file = SourceFile(FileContent(target, data), self.name)
                        document = requirements.read_requirements(text)
                        self._requirements[target] = _Requirements(file, document, False)
                        pending.append(target)
                if problem is not None:
                    option = "-c" if include.constraint else "-r"
                    failures.append(
                        Failure(
                            FailureKind.UNREADABLE,
                            f"line {include.line}: included file {option} {include.target!r} "
                            + problem,
                            path,
                            self.name,
                        )
                    )
        return failures


def _resolve(including: str, target: str) -> str | None:
    """The repository path of an included file, or ``None`` for a URL, an absolute path or
    one outside the tree."""
    if "://" in target or target.startswith(("/", "~")) or not target.strip():
        return None
    directory = including.rpartition("/")[0]
    joined = posixpath.normpath(posixpath.join(directory, target))
    if joined == ".." or joined.startswith("../"):
        return None
    return joined
