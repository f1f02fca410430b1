"""``go.mod``: the module, its Go version and toolchain, and its requirements.

Every directive of the format is read: ``module``, ``go`` (the Go runtime, ``declared``),
``toolchain`` (the Go runtime, ``resolved``), ``require`` (single lines and blocks;
``// indirect`` marks an indirect requirement), ``replace`` (by another module version, or
by a local directory), ``exclude``, ``retract``, ``godebug``, ``tool`` and ``ignore``.

go.mod is Go's lockfile as much as its manifest: since Go 1.17 (module graph pruning)
``go mod tidy`` writes the version minimal version selection picks for every module the build
needs, so a requirement of a module at ``go >= 1.17`` is both ``declared`` and ``resolved``.
Below 1.17 (and with no ``go`` directive, which Go reads as 1.16) go.mod lists minimum versions
only, and the build may select a higher one: those are ``declared`` only, with a note.

``replace`` applies to the requirement it matches (``old`` alone, or ``old version``):
replaced by a module version, the dependency is the replacement (its path and version) and its
note names what it replaces; replaced by a local directory, it keeps its path and declared
version, has no resolved version and its note names the directory. A replacement of a module
that is not required changes nothing of this module's build list, and is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from detectors.common.parsing import manifest
from detectors.go.modfile import Statement, is_local_path, parse_statements, release_numbers
from detectors.go.technologies import (
    go_directive,
    go_modules,
    line_failure,
    toolchain_directive,
)
from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.errors import DetectorError
from scanner.model import (
    Dependency,
    DetectorOutput,
    Ecosystem,
    Evidence,
    Failure,
    Scope,
    Technology,
)

# Canonical semantic versions as go.mod requires them: v1.2.3, pre-releases and
# pseudo-versions (v0.0.0-20191109021931-daa7c04131f5), +incompatible.
_MODULE_VERSION_RE = re.compile(
    r"^v(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+incompatible)?$"
)
_PRUNED_GRAPH_SINCE = (1, 17)
_KNOWN_VERBS = frozenset(
    {
        *("module", "go", "toolchain", "godebug", "require"),
        *("replace", "exclude", "retract", "tool", "ignore"),
    }
)


@dataclass(frozen=True, slots=True)
class _Replacement:
    old_version: str | None
    new_path: str
    new_version: str | None
    line: int


def parse_go_mod(file: SourceFile) -> DetectorOutput:
    """The module as a manifest (named by its path), the ``go-modules`` package manager, the Go
    runtime from ``go``/``toolchain``, and one dependency per requirement.

    Raises :class:`DetectorError` for a file Go cannot read: a syntax error, no ``module``
    directive (or two), an invalid or repeated ``go`` version, a repeated ``toolchain``. A
    malformed requirement, replacement or an unknown directive is a :class:`Failure` for its
    line; the rest is reported.
    """
    statements = parse_statements(file.text())
    failures: list[Failure] = []
    technologies: list[Technology] = [go_modules(file, "go.mod present")]
    module: str | None = None
    go_release: tuple[int, ...] = ()
    requires: list[Statement] = []
    replacements: dict[str, list[_Replacement]] = {}
    excluded: set[tuple[str, str]] = set()
    seen: set[str] = set()
    for statement in statements:
        verb, args = statement.verb, statement.args
        if verb in ("go", "toolchain"):
            if verb in seen:
                raise DetectorError(f"line {statement.line}: repeated {verb} directive")
            seen.add(verb)
        if verb == "module":
            if len(args) != 1 or module is not None:
                raise DetectorError(f"line {statement.line}: expected one 'module path'")
            module = args[0]
        elif verb == "go":
            technology = go_directive(file, statement)
            go_release = release_numbers(technology.version or "")
            technologies.append(technology)
        elif verb == "toolchain":
            toolchain = toolchain_directive(file, statement)
            if isinstance(toolchain, Technology):
                technologies.append(toolchain)
            else:
                failures.append(toolchain)
        elif verb == "require":
            requires.append(statement)
        elif verb == "replace":
            _read_replace(file, statement, replacements, failures)
        elif verb == "exclude":
            if len(args) == 2:
                excluded.add((args[0], args[1]))
            else:
                failures.append(line_failure(file, statement, "expected 'exclude path version'"))
        elif verb not in _KNOWN_VERBS:
            failures.append(line_failure(file, statement, f"unknown directive {verb!r}"))
        # godebug, retract, tool and ignore say nothing about dependencies or runtimes.
    if module is None:
        raise DetectorError("no module directive")
    pruned = go_release >= _PRUNED_GRAPH_SINCE
    dependencies = []
    for statement in requires:
        dependency = _requirement(file, statement, pruned, replacements, excluded)
        if isinstance(dependency, Failure):
            failures.append(dependency)
        else:
            dependencies.append(dependency)
    found = manifest(file, Ecosystem.GOLANG, "go.mod", name=module)
    return DetectorOutput(
        manifests=(found,),
        technologies=tuple(technologies),
        dependencies=tuple(dependencies),
        failures=tuple(failures),
    )


def _read_replace(
    file: SourceFile,
    statement: Statement,
    replacements: dict[str, list[_Replacement]],
    failures: list[Failure],
) -> None:
    """``old [version] => new [version]``, the new version required unless ``new`` is a
    directory (and forbidden then)."""
    args = statement.args
    arrow = args.index("=>") if "=>" in args else -1
    old, new = args[:arrow], args[arrow + 1 :]
    valid = arrow in (1, 2) and len(new) in (1, 2)
    if valid:
        local = is_local_path(new[0])
        valid = (len(new) == 1) if local else (len(new) == 2)
    if not valid:
        failures.append(
            line_failure(
                file,
                statement,
                "expected 'replace old [version] => new version' or "
                "'replace old [version] => ./directory'",
            )
        )
        return
    replacement = _Replacement(
        old_version=old[1] if len(old) == 2 else None,
        new_path=new[0],
        new_version=new[1] if len(new) == 2 else None,
        line=statement.line,
    )
    replacements.setdefault(old[0], []).append(replacement)


def _requirement(
    file: SourceFile,
    statement: Statement,
    pruned: bool,
    replacements: dict[str, list[_Replacement]],
    excluded: set[tuple[str, str]],
) -> Dependency | Failure:
    if len(statement.args) != 2:
        return line_failure(file, statement, "expected 'require path version'")
    path, version = statement.args
    if not _MODULE_VERSION_RE.match(version):
        return line_failure(file, statement, f"{path}: {version!r} is not a module version")
    direct = not _is_indirect(statement.comment)
    reason = f"require {path} {version}" + ("" if direct else " // indirect")
    evidence: tuple[Evidence, ...] = (file.evidence(reason, statement.line),)
    note = None
    if not pruned:
        note = "go < 1.17: a minimum version, the build may select a higher one"
    if (path, version) in excluded:
        note = f"version {version} is excluded by an exclude directive"
    replacement = _replacement_for(replacements.get(path, []), version)
    if replacement is None:
        return Dependency(
            Ecosystem.GOLANG,
            normalize_name(Ecosystem.GOLANG, path),
            evidence,
            declared=version,
            resolved=version if pruned else None,
            direct=direct,
            scope=Scope.RUNTIME,
            version_note=note,
        )
    target = f"{replacement.new_path} {replacement.new_version or ''}".rstrip()
    evidence += (file.evidence(f"replace {path} => {target}", replacement.line),)
    if replacement.new_version is None:
        return Dependency(
            Ecosystem.GOLANG,
            normalize_name(Ecosystem.GOLANG, path),
            evidence,
            declared=version,
            direct=direct,
            version_note=f"replaced by the local directory {replacement.new_path}",
        )
    same_module = replacement.new_path == path
    return Dependency(
        Ecosystem.GOLANG,
        normalize_name(Ecosystem.GOLANG, replacement.new_path),
        evidence,
        declared=version if same_module else None,
        resolved=replacement.new_version,
        direct=direct,
        version_note=(
            f"replace directive: requires {version}, builds {replacement.new_version}"
            if same_module
            else f"replaces {path} {version}"
        ),
    )


def _replacement_for(candidates: Sequence[_Replacement], version: str) -> _Replacement | None:
    """The replacement of this exact version, else the one of every version (as Go: the
    versioned form wins); the last one of a kind when a file repeats it."""
    exact = [r for r in candidates if r.old_version == version]
    if exact:
        return exact[-1]
    general = [r for r in candidates if r.old_version is None]
    return general[-1] if general else None


def _is_indirect(comment: str) -> bool:
    """Go's rule: the comment is the word ``indirect``, or its first word is ``indirect;``
    followed by more (``// indirect; needed for tests``)."""
    words = comment.split()
    return words == ["indirect"] or (len(words) > 1 and words[0] == "indirect;")
