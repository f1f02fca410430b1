"""``go.work``: a Go workspace, the module directories it ``use``s, its Go version.

The ``use`` directories become a workspace declaration (tool ``go-work``), patterns exactly as
written, so that the modules in them become members of the workspace's component. ``go`` and
``toolchain`` give the Go runtime as in go.mod; ``replace`` and ``godebug`` apply to the whole
workspace's build and are not reported.
"""

from __future__ import annotations

from detectors.common.parsing import manifest
from detectors.go.modfile import parse_statements
from detectors.go.technologies import (
    go_directive,
    go_modules,
    line_failure,
    toolchain_directive,
)
from scanner.detector import SourceFile
from scanner.model import DetectorOutput, Ecosystem, Failure, Technology, WorkspaceDeclaration

_KNOWN_VERBS = frozenset({"go", "toolchain", "use", "replace", "godebug"})


def parse_go_work(file: SourceFile) -> DetectorOutput:
    """The workspace as a manifest (kind ``go.work``) declaring its ``use`` directories, the
    ``go-modules`` package manager and the Go runtime.

    Raises :class:`DetectorError` for a syntax error or an invalid ``go`` version; an unknown
    directive or a malformed ``use`` is a :class:`Failure` for its line.
    """
    statements = parse_statements(file.text())
    technologies: list[Technology] = [go_modules(file, "go.work present")]
    failures: list[Failure] = []
    directories: list[str] = []
    for statement in statements:
        if statement.verb == "use":
            if len(statement.args) == 1:
                directories.append(statement.args[0])
            else:
                failures.append(line_failure(file, statement, "expected 'use directory'"))
        elif statement.verb == "go":
            technologies.append(go_directive(file, statement))
        elif statement.verb == "toolchain":
            toolchain = toolchain_directive(file, statement)
            if isinstance(toolchain, Technology):
                technologies.append(toolchain)
            else:
                failures.append(toolchain)
        elif statement.verb not in _KNOWN_VERBS:
            failures.append(line_failure(file, statement, f"unknown directive {statement.verb!r}"))
    workspace = WorkspaceDeclaration("go-work", tuple(directories))
    found = manifest(file, Ecosystem.GOLANG, "go.work", workspace=workspace)
    return DetectorOutput(
        manifests=(found,), technologies=tuple(technologies), failures=tuple(failures)
    )
