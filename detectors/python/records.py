"""Building the records every Python parser reports: dependencies from requirements, the
``python`` runtime, the package managers, and the scope a dependency group stands for."""

from __future__ import annotations

from dataclasses import dataclass, field

from detectors.python.pep508 import ParsedRequirement
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import (
    Category,
    Dependency,
    DetectorOutput,
    Ecosystem,
    Failure,
    FailureKind,
    Manifest,
    Scope,
    Technology,
)

PACKAGE_MANAGERS: dict[str, str] = {
    "pip": "pip",
    "pip-tools": "pip-tools",
    "pipenv": "Pipenv",
    "poetry": "Poetry",
    "pdm": "PDM",
    "uv": "uv",
}

# Dependency groups whose name says they hold the test suite's needs (PEP 503-normalised).
_TEST_GROUPS = frozenset({"test", "tests", "testing"})


def group_scope(group: str) -> Scope:
    """The scope of a named dependency group that is not the runtime one: ``test`` for a
    group named test/tests/testing, ``development`` for any other."""
    return (
        Scope.TEST if normalize_name(Ecosystem.PYPI, group) in _TEST_GROUPS else Scope.DEVELOPMENT
    )


def requirement_dependency(
    file: SourceFile,
    requirement: ParsedRequirement,
    reason: str,
    *,
    scope: Scope = Scope.RUNTIME,
    line: int | None = None,
    direct: bool = True,
) -> Dependency:
    """A declared dependency from a parsed requirement in a manifest. Even an exact ``==``
    pin is only declared: the lockfile's resolution of the same package (written its own
    way, ``0.15.0`` for ``==0.15``) must merge with it."""
    return Dependency(
        ecosystem=Ecosystem.PYPI,
        name=requirement.name,
        evidence=(file.evidence(reason, line=line),),
        declared=requirement.declared,
        direct=direct,
        scope=scope,
        version_note=requirement.note,
    )


def locked_dependency(
    file: SourceFile,
    name: str,
    version: str | None,
    reason: str,
    *,
    scope: Scope = Scope.RUNTIME,
    line: int | None = None,
    direct: bool = False,
    note: str | None = None,
    component: str | None = None,
) -> Dependency:
    """A dependency resolved by a lockfile (``direct`` only where the lockfile says so)."""
    return Dependency(
        ecosystem=Ecosystem.PYPI,
        name=normalize_name(Ecosystem.PYPI, name),
        evidence=(file.evidence(reason, line=line),),
        resolved=version or None,
        direct=direct,
        scope=scope,
        version_note=note if version else note or "no version in the lockfile",
        component=component,
    )


def python_runtime(
    file: SourceFile, version: str, reason: str, *, exact: bool = False, line: int | None = None
) -> Technology:
    """The ``python`` runtime as a file pins it: ``exact`` for one full version (resolved),
    otherwise a constraint or partial version kept as written (declared)."""
    return Technology(
        key="python",
        name="Python",
        category=Category.RUNTIME,
        evidence=(file.evidence(reason, line=line),),
        version=version.strip(),
        version_source="resolved" if exact else "declared",
    )


def package_manager(
    file: SourceFile,
    key: str,
    reason: str,
    *,
    version: str | None = None,
    line: int | None = None,
) -> Technology:
    """A Python package manager (a key of :data:`PACKAGE_MANAGERS`) in use, with the exact
    version when the file records which one wrote it."""
    return Technology(
        key=key,
        name=PACKAGE_MANAGERS[key],
        category=Category.PACKAGE_MANAGER,
        evidence=(file.evidence(reason, line=line),),
        version=version,
        version_source="resolved" if version else None,
        version_note=None if version else f"{file.name} does not say which {key} version",
    )


@dataclass(slots=True)
class Collected:
    """What a parser has found in one file so far."""

    file: SourceFile
    manifests: list[Manifest] = field(default_factory=list)
    technologies: list[Technology] = field(default_factory=list)
    dependencies: list[Dependency] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def fail(self, reason: str) -> None:
        """Keep a problem with one entry that leaves the rest of the file readable."""
        self.failures.append(
            Failure(FailureKind.PARSE_ERROR, reason, self.file.path, self.file.detector)
        )

    def output(self) -> DetectorOutput:
        """Everything collected, as the parser's output."""
        return DetectorOutput(
            manifests=tuple(self.manifests),
            technologies=tuple(self.technologies),
            dependencies=tuple(self.dependencies),
            failures=tuple(self.failures),
        )
