"""The JavaScript detector: npm, Yarn, pnpm and Bun projects.

Each file is parsed by its format's module. What needs more than one file is settled after
all files were seen (:meth:`JavaScriptDetector.inspect_tree`):

* ``catalog:`` specifiers take their range from the nearest catalog definitions at or above
  the ``package.json`` (``pnpm-workspace.yaml``, ``.yarnrc.yml``, a Bun root ``package.json``);
* a declaration of a package the lockfile links to the project's own directory (npm
  workspaces declare their members as ``"*"``) is noted as such;
* lockfiles that do not record what the project asked for (npm lockfile v1, Yarn classic) get
  it from the ``package.json`` files they serve, and workspace members named by a lockfile
  must have a ``package.json`` to be a component;
* the package manager of a ``package.json`` without ``packageManager`` is inferred from the
  lockfiles beside it (``bun.lockb``, which is binary, only ever counts as present).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from detectors.javascript.bun_lock import read_bun_lock
from detectors.javascript.lockfile import (
    DirectAsk,
    Lockfile,
    lockfile_output,
    member_directory,
)
from detectors.javascript.npm_lock import read_npm_lock
from detectors.javascript.package_json import Catalogs, PackageJson, read_package_json
from detectors.javascript.pnpm_lock import read_pnpm_lock
from detectors.javascript.pnpm_workspace import read_pnpm_workspace
from detectors.javascript.yarn_lock import read_yarn_lock
from detectors.javascript.yarnrc import parse_yarnrc, read_yarnrc_yml
from scanner.detector import EMPTY_OUTPUT, Detector, FileSelector, SourceFile, TreeView
from scanner.model import Category, Dependency, DetectorOutput, Technology

LockReader = Callable[[SourceFile], Lockfile]

LOCKFILES: dict[str, LockReader] = {
    "package-lock.json": read_npm_lock,
    "npm-shrinkwrap.json": read_npm_lock,
    "yarn.lock": read_yarn_lock,
    "pnpm-lock.yaml": read_pnpm_lock,
    "bun.lock": read_bun_lock,
}
# The package manager each lockfile belongs to: (key, name).
LOCKFILE_TOOLS: dict[str, tuple[str, str]] = {
    "package-lock.json": ("npm", "npm"),
    "npm-shrinkwrap.json": ("npm", "npm"),
    "yarn.lock": ("yarn", "Yarn"),
    "pnpm-lock.yaml": ("pnpm", "pnpm"),
    "bun.lock": ("bun", "Bun"),
    "bun.lockb": ("bun", "Bun"),
}
CONFIGURATION = ("package.json", "pnpm-workspace.yaml", ".yarnrc.yml", ".yarnrc")
# A cheap first test of a path in the tree pass (str.endswith takes a tuple).
_LOCKFILE_ENDINGS = tuple(LOCKFILE_TOOLS)


@dataclass(frozen=True, slots=True)
class _CatalogSource:
    path: str
    catalogs: Catalogs


class JavaScriptDetector(Detector):
    """package.json manifests, workspaces and catalogs; npm, Yarn, pnpm and Bun lockfiles;
    the package manager and the Node.js version a project pins."""

    name = "javascript"
    description = (
        "npm, Yarn, pnpm and Bun: package.json, workspaces and catalogs, lockfiles, "
        "the package manager and Node.js engines."
    )
    tags = frozenset({"manifest", "dependencies", "javascript"})
    selector = FileSelector(filenames=frozenset((*CONFIGURATION, *LOCKFILES)))

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        super().__init__(options)
        self._packages: dict[str, PackageJson] = {}
        self._catalogs: dict[str, list[_CatalogSource]] = {}
        self._declared: list[tuple[str, Dependency]] = []
        self._locks: list[tuple[SourceFile, Lockfile]] = []

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        """Parse one file; lockfiles are kept for :meth:`inspect_tree`. Raises
        :class:`DetectorError` for a file its format's parser cannot read."""
        reader = LOCKFILES.get(file.name)
        if reader is not None:
            self._locks.append((file, reader(file)))
            return EMPTY_OUTPUT
        if file.name == "package.json":
            return self._package_json(file)
        if file.name == "pnpm-workspace.yaml":
            workspace = read_pnpm_workspace(file)
            self._add_catalogs(file, workspace.catalogs)
            return workspace.output
        if file.name == ".yarnrc.yml":
            config = read_yarnrc_yml(file)
            self._add_catalogs(file, config.catalogs)
            return config.output
        if file.name == ".yarnrc":
            return parse_yarnrc(file)
        return EMPTY_OUTPUT

    def inspect_tree(self, tree: TreeView) -> DetectorOutput:
        """The dependencies of every file (declarations with their catalog ranges, lockfile
        entries with what the project asked for), and package managers from lockfiles."""
        lockfiles = sorted(
            entry.path for entry in tree.entries if entry.path.endswith(_LOCKFILE_ENDINGS)
        )
        lockfiles = [path for path in lockfiles if _name(path) in LOCKFILE_TOOLS]
        lock_directories = {_directory(path) for path in lockfiles}
        dependencies = self._declarations()
        for file, lock in self._locks:
            asks = self._asks_from_manifests(file, lock, lock_directories)
            output = lockfile_output(file, lock, asks, components=self._packages.keys())
            dependencies.extend(output.dependencies)
        return DetectorOutput(
            technologies=self._package_managers(tree, lockfiles),
            dependencies=tuple(dependencies),
        )

    # package.json and catalogs ---------------------------------------------------------

    def _package_json(self, file: SourceFile) -> DetectorOutput:
        package = read_package_json(file)
        self._packages[file.directory] = package
        self._add_catalogs(file, package.catalogs)
        self._declared.extend((file.directory, dep) for dep in package.output.dependencies)
        return replace(package.output, dependencies=())

    def _declarations(self) -> list[Dependency]:
        """The ``package.json`` dependencies, ``catalog:`` ones with their catalog's range and
        those a lockfile links to a local directory with a note saying so."""
        local: dict[str, tuple[str, set[str]]] = {}
        for file, lock in self._locks:
            known = local.setdefault(file.directory, (file.name, set()))
            known[1].update(lock.local_names)
        lock_directories = set(local)
        dependencies = []
        for directory, dependency in self._declared:
            if dependency.declared is not None and dependency.declared.startswith("catalog:"):
                dependency = self._resolve_catalog(directory, dependency)
            elif dependency.version_note is None:
                served_by = _nearest(directory, lock_directories)
                if served_by is not None and dependency.name in local[served_by][1]:
                    lockfile = posixpath.join(served_by, local[served_by][0]).removeprefix("./")
                    note = f"a package of this project: {lockfile} links it to a local directory"
                    dependency = replace(dependency, version_note=note)
            dependencies.append(dependency)
        return dependencies

    def _add_catalogs(self, file: SourceFile, catalogs: Catalogs) -> None:
        if catalogs:
            self._catalogs.setdefault(file.directory, []).append(
                _CatalogSource(file.path, catalogs)
            )

    def _catalog_range(self, directory: str, catalog: str, name: str) -> tuple[str, str] | None:
        """``(range, defining file)`` from the nearest directory at or above ``directory``
        that defines catalogs; ``None`` when it has no such entry (or there is none)."""
        for ancestor in _ancestors(directory):
            sources = self._catalogs.get(ancestor)
            if not sources:
                continue
            for source in sources:
                found = source.catalogs.get(catalog, {}).get(name)
                if found is not None:
                    return found, source.path
            return None
        return None

    def _resolve_catalog(self, directory: str, dependency: Dependency) -> Dependency:
        assert dependency.declared is not None
        catalog = dependency.declared[len("catalog:") :].strip() or "default"
        found = self._catalog_range(directory, catalog, dependency.name)
        if found is None:
            note = f"catalog {catalog!r} defines no range for {dependency.name!r} here"
            return replace(dependency, version_note=note)
        version_range, source = found
        return replace(
            dependency, declared=version_range, version_note=f"catalog {catalog!r} in {source}"
        )

    # lockfiles ---------------------------------------------------------------------------

    def _asks_from_manifests(
        self, file: SourceFile, lock: Lockfile, lock_directories: set[str]
    ) -> list[DirectAsk]:
        """What the project asked for, where the lockfile does not record it: npm v1's root
        declarations resolve to the top-level entries, Yarn classic's ``name@range``
        declarations (of every ``package.json`` this lockfile serves) to the entry with that
        descriptor; Yarn Berry's catalog dependencies to the entry of the catalog's range."""
        asks: list[DirectAsk] = []
        here = file.directory
        if not lock.records_asks and lock.top_level:
            package = self._packages.get(here)
            for declaration in package.declarations if package else ():
                found = lock.top_level.get(declaration.name)
                if found is not None:
                    asks.append(DirectAsk(".", found, declaration.scope))
        if not lock.records_asks and lock.descriptors:
            for directory, package in self._packages.items():
                if _nearest(directory, lock_directories) != here:
                    continue
                relative = _relative(directory, here)
                for declaration in package.declarations:
                    descriptor = f"{declaration.name}@{declaration.specifier}"
                    found = lock.descriptors.get(descriptor)
                    if found is not None:
                        asks.append(DirectAsk(relative, found, declaration.scope))
        for wanted in lock.catalog_asks:
            asking = member_directory(here, wanted.directory)
            if asking is None:
                continue
            catalog = self._catalog_range(asking, wanted.catalog, wanted.name)
            if catalog is None:
                continue
            version_range = catalog[0]
            found = lock.descriptors.get(f"{wanted.name}@npm:{version_range}")
            found = found or lock.descriptors.get(f"{wanted.name}@{version_range}")
            if found is not None:
                asks.append(DirectAsk(wanted.directory, found))
        return asks

    def _package_managers(self, tree: TreeView, lockfiles: list[str]) -> tuple[Technology, ...]:
        """The package manager of each ``package.json`` without ``packageManager``, from the
        lockfiles (``lockfiles``, their paths) beside it."""
        formats = {file.path: lock.format for file, lock in self._locks}
        technologies = []
        for path in lockfiles:
            filename = _name(path)
            package = self._packages.get(_directory(path))
            if package is None or package.names_package_manager:
                continue
            key, name = LOCKFILE_TOOLS[filename]
            if filename == "bun.lockb":
                note = "binary lockfile bun.lockb: presence only, its dependencies are not read"
            else:
                note = f"from {formats.get(path, filename)}"
            evidence = tree.evidence(f"lockfile {filename} present", path)
            technologies.append(
                Technology(key, name, Category.PACKAGE_MANAGER, (evidence,), version_note=note)
            )
        return tuple(technologies)


def _directory(path: str) -> str:
    return path.rpartition("/")[0] or "."


def _name(path: str) -> str:
    return path.rpartition("/")[2]


def _ancestors(directory: str) -> Iterator[str]:
    """``directory``, its parent, … and ``"."``."""
    while True:
        yield directory
        if directory == ".":
            return
        directory = _directory(directory)


def _nearest(directory: str, candidates: set[str]) -> str | None:
    return next((a for a in _ancestors(directory) if a in candidates), None)


def _relative(directory: str, base: str) -> str:
    if base == ".":
        return directory
    return "." if directory == base else directory[len(base) + 1 :]
