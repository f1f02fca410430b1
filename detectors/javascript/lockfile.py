"""What every JavaScript lockfile parser produces, and how it becomes dependency records.

A parser reads its format into a :class:`Lockfile`: the packages it holds (one
:class:`LockedPackage` per entry) and, where the format records them, the packages the project
itself asked for (:class:`DirectAsk`: the root package and each workspace member, by directory
relative to the lockfile). :func:`lockfile_output` turns that into one
:class:`~scanner.model.Dependency` per package name and version; an asked-for package is
``direct`` and belongs to the component that asked for it.

npm's lockfile v1 and Yarn classic's ``yarn.lock`` do not record what the project asked for;
the detector derives it from the ``package.json`` files the lockfile serves
(``top_level`` and ``descriptors`` say how those declarations map to entries).
"""

from __future__ import annotations

import posixpath
from collections.abc import Container, Iterable
from dataclasses import dataclass, field

from scanner.detector import SourceFile
from scanner.ecosystems import normalize_name
from scanner.model import Dependency, DetectorOutput, Ecosystem, Scope

# When one package is both a runtime and, say, a development dependency, runtime wins.
_SCOPE_RANK = {
    Scope.RUNTIME: 0,
    Scope.OPTIONAL: 1,
    Scope.PEER: 2,
    Scope.BUILD: 3,
    Scope.DEVELOPMENT: 4,
    Scope.TEST: 5,
}

# The dependency tables of a package, in the order their scope is preferred.
DEPENDENCY_SECTIONS: tuple[tuple[str, Scope], ...] = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEVELOPMENT),
    ("peerDependencies", Scope.PEER),
)


@dataclass(frozen=True, slots=True)
class LockedPackage:
    """One package entry: ``version`` is ``None`` (and ``note`` says why) when the entry has
    no exact version; ``line`` is where the entry starts."""

    name: str
    version: str | None
    line: int | None = None
    scope: Scope = Scope.RUNTIME
    note: str | None = None


@dataclass(frozen=True, slots=True)
class DirectAsk:
    """The package at ``directory`` (relative to the lockfile's directory, ``"."`` for the
    lockfile's own package) depends on ``package`` directly, with ``scope``."""

    directory: str
    package: LockedPackage
    scope: Scope = Scope.RUNTIME


@dataclass(frozen=True, slots=True)
class CatalogAsk:
    """The workspace at ``directory`` depends on ``name`` through a catalog; which entry that
    is depends on the catalog's range, defined in another file (``.yarnrc.yml``)."""

    directory: str
    name: str
    catalog: str


@dataclass(slots=True)
class Lockfile:
    """A lockfile as read. ``records_asks`` is false for formats that do not say what the
    project asked for (npm v1, Yarn classic); ``top_level`` (npm v1: installed folder name →
    hoisted entry) and ``descriptors`` (Yarn: ``"name@range"`` → entry) let the detector map
    ``package.json`` declarations to entries instead. ``local_names`` are the packages the
    lockfile links to the project's own directories (workspace members, ``link:``
    dependencies): a declaration of one of them is not a registry dependency."""

    format: str
    packages: list[LockedPackage] = field(default_factory=list)
    asks: list[DirectAsk] = field(default_factory=list)
    records_asks: bool = True
    top_level: dict[str, LockedPackage] = field(default_factory=dict)
    descriptors: dict[str, LockedPackage] = field(default_factory=dict)
    catalog_asks: list[CatalogAsk] = field(default_factory=list)
    local_names: set[str] = field(default_factory=set)


def stronger(first: Scope, second: Scope) -> Scope:
    """The scope to keep for a package reached both ways (runtime beats optional, peer,
    development)."""
    return first if _SCOPE_RANK[first] <= _SCOPE_RANK[second] else second


def member_directory(base: str, relative: str) -> str | None:
    """``relative`` (a workspace directory as a lockfile writes it) joined to the lockfile's
    directory ``base``; ``None`` when it leaves the repository."""
    relative = relative.strip().removeprefix("./")
    joined = posixpath.normpath(posixpath.join("" if base == "." else base, relative or "."))
    if joined.startswith("../") or joined == ".." or posixpath.isabs(joined):
        return None
    return joined


def lockfile_output(
    file: SourceFile,
    lock: Lockfile,
    extra_asks: Iterable[DirectAsk] = (),
    components: Container[str] | None = None,
) -> DetectorOutput:
    """One dependency per package name and version in ``lock``, in the order of the file.

    A package nobody asked for is ``direct=False`` with its entry's scope and no component
    (the core gives it the lockfile's). A package asked for is ``direct=True`` with the
    asking scope, once per asking directory: the lockfile's own directory leaves the
    component to the core, a workspace member's directory is set as the component. When
    ``components`` is given, asks from directories not in it (stale workspace members) are
    ignored.
    """
    asks = (*lock.asks, *extra_asks)
    asked: dict[tuple[str, str | None], dict[str | None, Scope]] = {}
    for ask in asks:
        directory = member_directory(file.directory, ask.directory)
        if directory is None:
            continue
        component = None if directory == file.directory else directory
        if component is not None and components is not None and component not in components:
            continue
        by_component = asked.setdefault((ask.package.name, ask.package.version), {})
        known = by_component.get(component)
        by_component[component] = ask.scope if known is None else stronger(known, ask.scope)

    unique: dict[tuple[str, str | None], LockedPackage] = {}
    for package in lock.packages:
        key = (package.name, package.version)
        known_package = unique.get(key)
        if known_package is None:
            unique[key] = package
        elif stronger(package.scope, known_package.scope) is not known_package.scope:
            unique[key] = LockedPackage(
                known_package.name,
                known_package.version,
                known_package.line,
                package.scope,
                known_package.note,
            )
    for ask in asks:
        unique.setdefault((ask.package.name, ask.package.version), ask.package)

    dependencies = []
    for key, package in unique.items():
        askers = asked.get(key)
        if not askers:
            dependencies.append(_record(file, lock, package, package.scope, False, None))
            continue
        for component, scope in askers.items():
            dependencies.append(_record(file, lock, package, scope, True, component))
    return DetectorOutput(dependencies=tuple(dependencies))


def _record(
    file: SourceFile,
    lock: Lockfile,
    package: LockedPackage,
    scope: Scope,
    direct: bool,
    component: str | None,
) -> Dependency:
    version = package.version or "(no version)"
    reason = f"{lock.format} entry {package.name}@{version}"
    if direct:
        where = "the package here" if component is None else f"workspace {component}"
        reason += f", asked for by {where}"
    return Dependency(
        ecosystem=Ecosystem.NPM,
        name=normalize_name(Ecosystem.NPM, package.name),
        evidence=(file.evidence(reason, line=package.line),),
        resolved=package.version,
        direct=direct,
        scope=scope,
        version_note=package.note,
        component=component,
    )
