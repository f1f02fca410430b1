"""Lockfiles and floating versions: ``no-lockfile`` and ``unpinned-dependencies``.

``no-lockfile`` (medium): a judged component has a manifest of a package manager that writes
lockfiles, the manifest declares at least one dependency other than build requirements, and
none of the ecosystem's lockfiles (:data:`LOCKFILES`) is in the component's directory or in
the directory of its workspace root (and that root's root, for nested workspaces). The
manifests and their managers (:data:`MANAGERS`): ``package.json`` (npm, Yarn, pnpm, Bun),
``Pipfile`` (Pipenv), ``pyproject.toml`` when the python detector saw Poetry, uv or PDM in it
(``[tool.poetry]``, ``[tool.uv]``, ``[tool.pdm]``; a plain setuptools project has no
lockfile to expect), ``Cargo.toml``, ``Gemfile`` and ``gems.rb`` (Bundler), ``composer.json``,
``go.mod`` (``go.sum``) and ``mix.exs``.

``unpinned-dependencies`` (low): a judged component's direct runtime dependencies of one
ecosystem that no lockfile or exact pin resolves, whose requirement admits more than one
version: a range the ecosystem's version scheme reads (:mod:`scanner.releases.versions`) and
that pins no single version (``>=4.2``, ``^18.2.0``, ``~> 7.1``, ``[1.0,2.0)``), or no
requirement at all (a bare name, ``*``). Go is left out (its builds use the minimum version
a ``go.mod`` names, recorded in ``go.sum``), and so is NuGet unless the version floats with
``*`` (NuGet, too, takes the lowest version a requirement admits). URLs, paths, git,
workspace and catalog references, which the manifest detectors note on the dependency, are
not registry versions and are not counted.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from detectors.hygiene.records import finding, judged
from scanner.detector import Findings
from scanner.model import (
    Category,
    Component,
    Dependency,
    Ecosystem,
    Evidence,
    Finding,
    Scope,
    Severity,
)
from scanner.releases.versions import scheme_for

JS_LOCKS = frozenset(
    {"package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lock",
     "bun.lockb"}
)  # fmt: skip
PYTHON_LOCKS = frozenset({"Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "pylock.toml"})
LOCKFILES: dict[str, frozenset[str]] = {
    Ecosystem.NPM: JS_LOCKS,
    Ecosystem.PYPI: PYTHON_LOCKS,
    Ecosystem.CARGO: frozenset({"Cargo.lock"}),
    Ecosystem.GEM: frozenset({"Gemfile.lock", "gems.locked"}),
    Ecosystem.COMPOSER: frozenset({"composer.lock"}),
    Ecosystem.GOLANG: frozenset({"go.sum"}),
    Ecosystem.HEX: frozenset({"mix.lock"}),
}
"""The lockfiles that lock an ecosystem's manifests (any of them will do)."""


@dataclass(frozen=True, slots=True)
class Manager:
    """A manifest's package manager and ecosystem."""

    name: str
    ecosystem: str


MANAGERS: dict[str, Manager] = {
    "package.json": Manager("npm, Yarn, pnpm or Bun", Ecosystem.NPM),
    "Pipfile": Manager("Pipenv", Ecosystem.PYPI),
    "Cargo.toml": Manager("Cargo", Ecosystem.CARGO),
    "Gemfile": Manager("Bundler", Ecosystem.GEM),
    "gems.rb": Manager("Bundler", Ecosystem.GEM),
    "composer.json": Manager("Composer", Ecosystem.COMPOSER),
    "go.mod": Manager("Go modules", Ecosystem.GOLANG),
    "mix.exs": Manager("Mix", Ecosystem.HEX),
}
PYPROJECT_MANAGERS = {"poetry": "Poetry", "uv": "uv", "pdm": "PDM"}
"""Package managers whose presence in a ``pyproject.toml`` means a lockfile is expected."""

_ANY_VERSION_NOTES = ("no version constraint", "any version")
_MAX_LISTED = 20


def lockfile_findings(findings: Findings, lockfiles: frozenset[str]) -> Iterator[Finding]:
    """``no-lockfile`` findings, given every lockfile path of the tree."""
    by_path = {component.path: component for component in findings.components}
    declaring = _declaring_manifests(findings.dependencies)
    pyproject_managers = _pyproject_managers(findings)
    for component in findings.components:
        if not judged(component.path):
            continue
        needed: dict[str, list[tuple[str, str]]] = {}
        for path in component.manifests:
            manager = _manager(path, pyproject_managers)
            if manager is not None and path in declaring:
                needed.setdefault(manager.ecosystem, []).append((path, manager.name))
        for ecosystem, manifests in sorted(needed.items()):
            directories = _lock_directories(component, by_path)
            names = LOCKFILES[ecosystem]
            if any(_join(d, name) in lockfiles for d in directories for name in names):
                continue
            evidence = [
                findings.evidence(f"declares {declaring[path]} dependencies; no lockfile", path)
                for path, _ in manifests
            ]
            yield _no_lockfile(component.path, ecosystem, manifests, directories, evidence)


def _manager(path: str, pyproject_managers: Mapping[str, str]) -> Manager | None:
    name = posixpath.basename(path)
    if name == "pyproject.toml":
        manager = pyproject_managers.get(path)
        return Manager(manager, Ecosystem.PYPI) if manager else None
    return MANAGERS.get(name)


def _pyproject_managers(findings: Findings) -> dict[str, str]:
    """Each ``pyproject.toml`` that Poetry, uv or PDM manages, to the managers' names."""
    managers: dict[str, list[str]] = {}
    for technology in findings.technologies:
        name = PYPROJECT_MANAGERS.get(technology.key)
        if technology.category != Category.PACKAGE_MANAGER or name is None:
            continue
        for evidence in technology.evidence:
            if posixpath.basename(evidence.path) == "pyproject.toml":
                managers.setdefault(evidence.path, []).append(name)
    return {path: " and ".join(dict.fromkeys(names)) for path, names in managers.items()}


def _declaring_manifests(dependencies: Sequence[Dependency]) -> dict[str, int]:
    """Manifest paths to the number of dependencies (other than build requirements) that
    they declare."""
    counts: dict[str, int] = {}
    for dependency in dependencies:
        if dependency.scope == Scope.BUILD:
            continue
        for path in dict.fromkeys(evidence.path for evidence in dependency.evidence):
            counts[path] = counts.get(path, 0) + 1
    return counts


def _lock_directories(component: Component, by_path: Mapping[str, Component]) -> list[str]:
    """The component's directory, then its workspace roots, innermost first."""
    directories = [component.path]
    root = component.workspace_root
    while root is not None and root not in directories:
        directories.append(root)
        parent = by_path.get(root)
        root = parent.workspace_root if parent is not None else None
    return directories


def _join(directory: str, name: str) -> str:
    return name if directory == "." else f"{directory}/{name}"


def _no_lockfile(
    component: str,
    ecosystem: str,
    manifests: list[tuple[str, str]],
    directories: list[str],
    evidence: list[Evidence],
) -> Finding:
    managers = ", ".join(dict.fromkeys(manager for _, manager in manifests))
    paths = [path for path, _ in manifests]
    return finding(
        "no-lockfile",
        Severity.MEDIUM,
        ecosystem,
        component,
        title=f"{', '.join(paths)}: no lockfile ({managers})",
        facts=[
            ("manifests", ", ".join(paths)),
            ("package manager", managers),
            ("lockfiles looked for", ", ".join(sorted(LOCKFILES[ecosystem]))),
            ("looked in", ", ".join(directories)),
        ],
        evidence=evidence,
        advice=(
            "Commit the lockfile the package manager writes, so that every build and every "
            "developer installs the same versions and upgrades happen on purpose, in review."
        ),
    )


def unpinned_findings(findings: Findings) -> Iterator[Finding]:
    """``unpinned-dependencies`` findings, one per judged component and ecosystem."""
    groups: dict[tuple[str, str], list[tuple[Dependency, str]]] = {}
    runtime: dict[tuple[str, str], int] = {}
    for dependency in findings.dependencies:
        component = dependency.component or "."
        if not dependency.direct or dependency.scope != Scope.RUNTIME or not judged(component):
            continue
        key = (component, dependency.ecosystem)
        runtime[key] = runtime.get(key, 0) + 1
        requirement = floating_requirement(dependency)
        if requirement is not None:
            groups.setdefault(key, []).append((dependency, requirement))
    for (component, ecosystem), floating in sorted(groups.items()):
        total = runtime[(component, ecosystem)]
        listed = sorted(floating, key=_declared_at)[:_MAX_LISTED]
        yield finding(
            "unpinned-dependencies",
            Severity.LOW,
            ecosystem,
            component,
            title=(
                f"{len(floating)} of {total} direct runtime {ecosystem} dependencies float "
                "(a range, no resolved version)"
            ),
            facts=[
                ("floating", str(len(floating))),
                ("direct runtime dependencies", str(total)),
                ("requirements", ", ".join(f"{d.name} {r}" for d, r in listed)),
            ],
            evidence=[_declaration(findings, d, r) for d, r in listed],
            advice=(
                "Lock the versions in use (commit the package manager's lockfile, or pin exact "
                "versions where the ecosystem has no lockfile) so that installs are "
                "reproducible and upgrades are deliberate."
            ),
        )


def floating_requirement(dependency: Dependency) -> str | None:
    """The requirement of a dependency that floats, as written (``any version`` for none);
    ``None`` when it is resolved, pinned, not a registry version, or its ecosystem's builds
    do not float (see the module docstring)."""
    if dependency.resolved or dependency.ecosystem == Ecosystem.GOLANG:
        return None
    scheme = scheme_for(dependency.ecosystem)
    declared = (dependency.declared or "").strip()
    if scheme is None:
        return None
    if not declared:
        note = dependency.version_note
        bare = note is None or any(words in note for words in _ANY_VERSION_NOTES)
        return "any version" if bare else None
    if dependency.version_note is not None:
        return None  # a path, git, workspace or catalog reference, or an alias
    if dependency.ecosystem == Ecosystem.NUGET:
        return declared if "*" in declared else None
    probe = scheme.parse("1.0.0")
    if probe is None or scheme.pinned(declared) is not None:
        return None
    return declared if scheme.admits(declared, probe) is not None else None


def _declared_at(item: tuple[Dependency, str]) -> tuple[str, int, str]:
    """Where a floating dependency is declared, to list them in file order."""
    dependency = item[0]
    where = next((e for e in dependency.evidence if e.line is not None), None)
    return (where.path, where.line or 0, dependency.name) if where else ("", 0, dependency.name)


def _declaration(findings: Findings, dependency: Dependency, requirement: str) -> Evidence:
    """Where the floating requirement is declared (the first evidence with a line)."""
    where = next((e for e in dependency.evidence if e.line is not None), dependency.evidence[0])
    reason = f"{dependency.name} {requirement}: no resolved version"
    return findings.evidence(reason, where.path, where.line)
