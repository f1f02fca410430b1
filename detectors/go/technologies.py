"""The technologies Go files reveal: the Go toolchain (a runtime) and Go modules."""

from __future__ import annotations

from detectors.go.modfile import Statement, go_version, toolchain_version
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, Failure, FailureKind, Technology


def go_modules(file: SourceFile, reason: str) -> Technology:
    """The ``go-modules`` package manager, seen in ``file``."""
    return Technology(
        "go-modules", "Go modules", Category.PACKAGE_MANAGER, (file.evidence(reason),)
    )


def go_directive(file: SourceFile, statement: Statement) -> Technology:
    """The ``go`` directive: the language version the module declares (a minimum, so
    ``declared``). Raises :class:`DetectorError` when it is not a Go release, as Go does."""
    version = go_version(statement.args[0]) if len(statement.args) == 1 else None
    if version is None:
        raise DetectorError(
            f"line {statement.line}: invalid go version {' '.join(statement.args)!r}"
        )
    evidence = file.evidence(f"go directive 'go {version}'", statement.line)
    return Technology(
        "go", "Go", Category.RUNTIME, (evidence,), version=version, version_source="declared"
    )


def toolchain_directive(file: SourceFile, statement: Statement) -> Technology | Failure:
    """The ``toolchain`` directive: the exact toolchain to build with (``resolved``);
    ``toolchain default`` pins nothing and gives a technology without a version. A name that
    is not a Go toolchain is a :class:`Failure` for that line, the rest of the file stands."""
    name = statement.args[0] if len(statement.args) == 1 else ""
    evidence = file.evidence(f"toolchain directive 'toolchain {name}'", statement.line)
    if name == "default":
        return Technology(
            "go",
            "Go",
            Category.RUNTIME,
            (evidence,),
            version_note="toolchain default: the go command's own toolchain",
        )
    version = toolchain_version(name)
    if version is None:
        return Failure(
            FailureKind.PARSE_ERROR,
            f"line {statement.line}: invalid toolchain {' '.join(statement.args)!r}",
            file.path,
            file.detector,
        )
    return Technology(
        "go", "Go", Category.RUNTIME, (evidence,), version=version, version_source="resolved"
    )


def line_failure(file: SourceFile, statement: Statement, reason: str) -> Failure:
    """A :class:`Failure` for one statement that is skipped while the rest of the file is
    read."""
    return Failure(
        FailureKind.PARSE_ERROR, f"line {statement.line}: {reason}", file.path, file.detector
    )
