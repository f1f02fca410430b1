"""``pnpm-lock.yaml``, lockfileVersion 5.x, 6.x and 9.x.

``importers`` (one per workspace directory; a single project's lockfile before 9.0 may write
its importer's tables at the top level instead) list each directory's ``dependencies``,
``devDependencies`` and ``optionalDependencies`` with the ``specifier`` asked for and the
``version`` installed: those are direct for that directory. ``packages`` holds every package:
keys are ``/name@version(peers)`` (6.x), ``/name/version_peers`` (5.x) or ``name@version``
(9.x, whose ``snapshots`` hold the dependency graph and ``optional`` flags); peer suffixes
are not part of the version. 5.x and 6.x flag ``dev`` and ``optional`` packages; for 9.x the
scope of a package is found by walking ``snapshots`` from the importers' dependencies:
reachable from runtime dependencies is runtime, otherwise from development ones development.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from detectors.javascript.documents import load_yaml_mapping, yaml_key_lines
from detectors.javascript.lockfile import DirectAsk, LockedPackage, Lockfile, lockfile_output
from detectors.javascript.specifiers import split_name
from scanner.detector import SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Scope

IMPORTER_SECTIONS: tuple[tuple[str, Scope], ...] = (
    ("dependencies", Scope.RUNTIME),
    ("optionalDependencies", Scope.OPTIONAL),
    ("devDependencies", Scope.DEVELOPMENT),
)
_LOCAL = ("link:", "file:", "workspace:")


def parse_pnpm_lock(file: SourceFile) -> DetectorOutput:
    """One dependency per package and version (see
    :func:`~detectors.javascript.lockfile.lockfile_output`).

    Raises :class:`DetectorError` for an empty or malformed file, a missing
    ``lockfileVersion`` or a ``packages``/``importers`` member that is not a mapping.
    """
    return lockfile_output(file, read_pnpm_lock(file))


def read_pnpm_lock(file: SourceFile) -> Lockfile:
    """The lockfile as read; see the module documentation."""
    document = load_yaml_mapping(file)
    version = document.get("lockfileVersion")
    if not isinstance(version, str) or not version.strip():
        raise DetectorError("no lockfileVersion: not a pnpm lockfile")
    try:
        major = int(float(version.strip().strip("'\"")))
    except (ValueError, OverflowError) as error:
        raise DetectorError(f"lockfileVersion {version!r} is not a number") from error
    lines = yaml_key_lines(file.text(), max_depth=4)
    lock = Lockfile(format=f"pnpm-lock.yaml v{version.strip()}")
    packages = _mapping(document, "packages")
    snapshots = _mapping(document, "snapshots")
    by_key: dict[tuple[str, str | None], LockedPackage] = {}
    for key, entry in packages.items():
        entry = entry if isinstance(entry, dict) else {}
        name, exact = _package_key(key, entry, major)
        if not name:
            continue
        package = LockedPackage(
            name, exact, lines.get(("packages", key)), _flags(entry), _note(exact, key)
        )
        by_key.setdefault((name, exact), package)
        lock.packages.append(package)
    importers = _importers(document)
    for directory, importer in importers.items():
        for section, scope in IMPORTER_SECTIONS:
            for name, (_, installed) in _importer_table(importer, section).items():
                if installed.startswith(_LOCAL):
                    lock.local_names.add(name)
                asked = _importer_package(name, installed, major, by_key, lines, directory)
                if asked is not None:
                    lock.asks.append(DirectAsk(directory or ".", asked, scope))
    if major >= 9 and snapshots:
        _scopes_from_graph(lock, importers, snapshots, by_key)
    return lock


def _mapping(document: dict[str, Any], key: str) -> dict[str, Any]:
    value = document.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise DetectorError(f"{key!r} is not a mapping")
    return value


def _importers(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    importers = _mapping(document, "importers")
    if not importers:
        # Before 9.0 a project without workspaces writes its one importer at the top level.
        importers = {".": document}
    return {str(path): entry for path, entry in importers.items() if isinstance(entry, dict)}


def _importer_table(importer: dict[str, Any], section: str) -> dict[str, tuple[str, str]]:
    """``name -> (specifier, installed version)``: 6.x and 9.x write ``{specifier, version}``,
    5.x a bare version with the specifiers in a separate ``specifiers`` table."""
    table = importer.get(section)
    if not isinstance(table, dict):
        return {}
    specifiers = importer.get("specifiers")
    specifiers = specifiers if isinstance(specifiers, dict) else {}
    result: dict[str, tuple[str, str]] = {}
    for name, value in table.items():
        if isinstance(value, dict):
            specifier, version = value.get("specifier"), value.get("version")
        else:
            specifier, version = specifiers.get(name), value
        if isinstance(version, str) and version:
            result[name] = (specifier if isinstance(specifier, str) else "", version)
    return result


def _strip_peers(reference: str) -> str:
    """``1.2.3(react@18.2.0)`` (6.x, 9.x) → ``1.2.3``; keys keep their leading ``/``."""
    return reference.split("(", 1)[0]


def _package_key(key: str, entry: dict[str, Any], major: int) -> tuple[str, str | None]:
    """The name and exact version of a ``packages`` key; the entry's own ``name`` and
    ``version`` (written for tarball and git packages) win."""
    reference = _strip_peers(key).removeprefix("/")
    if major < 6:
        name, version = _v5_key(reference)
    else:
        name, parsed = split_name(reference)
        version = parsed if parsed and ":" not in parsed and "/" not in parsed else None
    own_name, own_version = entry.get("name"), entry.get("version")
    if isinstance(own_name, str) and own_name:
        name = own_name
    if isinstance(own_version, str) and own_version:
        version = own_version
    return name, version


def _v5_key(reference: str) -> tuple[str, str | None]:
    # name/1.2.3_peer@1.0.0 or @scope/name/1.2.3
    parts = reference.split("/")
    width = 2 if reference.startswith("@") else 1
    if len(parts) != width + 1:
        return "/".join(parts[:width]), None
    return "/".join(parts[:width]), parts[width].split("_", 1)[0] or None


def _flags(entry: dict[str, Any]) -> Scope:
    if entry.get("dev") == "true":
        return Scope.DEVELOPMENT
    if entry.get("optional") == "true":
        return Scope.OPTIONAL
    return Scope.RUNTIME


def _note(version: str | None, key: str) -> str | None:
    return None if version is not None else f"not from a registry: {key[:80]}"


def _importer_package(
    name: str,
    installed: str,
    major: int,
    by_key: dict[tuple[str, str | None], LockedPackage],
    lines: dict[tuple[str, ...], int],
    directory: str,
) -> LockedPackage | None:
    """The package an importer's ``version`` points at (``1.2.3(peers)``; an alias's
    ``real@1.2.3`` (9.x) or ``/real@1.2.3`` (6.x); 5.x's ``1.2.3_peers`` or
    ``/real/1.2.3``); ``None`` for the project's own packages (``link:``, ``file:``)."""
    if installed.startswith(_LOCAL):
        return None
    identity = installed_identity(name, installed, major)
    package = by_key.get(identity)
    if package is not None:
        return package
    # Not in packages (a tarball or git dependency, a trimmed lockfile): what was installed.
    line = None
    for section, _ in IMPORTER_SECTIONS:
        line = line or lines.get(("importers", directory, section, name))
    real, version = identity
    if version is None or ":" in version or "/" in version:
        return LockedPackage(real, None, line, note=f"not from a registry: {installed[:80]}")
    return LockedPackage(real, version, line)


def installed_identity(name: str, installed: str, major: int) -> tuple[str, str | None]:
    """``(real name, exact version)`` of a dependency ``name: installed`` in an importer or a
    snapshot."""
    reference = _strip_peers(installed)
    if major < 6:
        if reference.startswith("/"):
            return _v5_key(reference[1:].split("_", 1)[0])
        return name, reference.split("_", 1)[0] or None
    reference = reference.removeprefix("/")
    if reference.find("@", 1) > 0:
        real, version = split_name(reference)
        return real, version or None
    return name, reference or None


def _scopes_from_graph(
    lock: Lockfile,
    importers: dict[str, dict[str, Any]],
    snapshots: dict[str, Any],
    by_key: dict[tuple[str, str | None], LockedPackage],
) -> None:
    """9.x has no ``dev`` flags: a package is runtime when some runtime or optional
    dependency of an importer leads to it, development when only development ones do."""

    def roots(sections: Iterable[str]) -> list[str]:
        found = []
        for importer in importers.values():
            for section in sections:
                for name, (_, installed) in _importer_table(importer, section).items():
                    if not installed.startswith(_LOCAL):
                        found.append(_snapshot_key(name, installed))
        return found

    runtime = _reach(roots(("dependencies", "optionalDependencies")), snapshots)
    development = _reach(roots(("devDependencies",)), snapshots)
    optional = {
        _identity(key)
        for key, entry in snapshots.items()
        if isinstance(entry, dict) and entry.get("optional") == "true"
    }
    replaced: dict[int, LockedPackage] = {}
    for identity, package in by_key.items():
        if identity in runtime:
            scope = Scope.OPTIONAL if identity in optional else Scope.RUNTIME
        elif identity in development:
            scope = Scope.DEVELOPMENT
        else:
            scope = Scope.OPTIONAL if identity in optional else package.scope
        if scope is not package.scope:
            replaced[id(package)] = LockedPackage(
                package.name, package.version, package.line, scope, package.note
            )
    if not replaced:
        return
    lock.packages = [replaced.get(id(package), package) for package in lock.packages]
    lock.asks = [
        DirectAsk(ask.directory, replaced.get(id(ask.package), ask.package), ask.scope)
        for ask in lock.asks
    ]


def _snapshot_key(name: str, installed: str) -> str:
    """The ``snapshots`` key a dependency ``name: installed`` points at (9.x): an alias's
    value is already one (``real@1.2.3(peers)``)."""
    return installed if _strip_peers(installed).find("@", 1) > 0 else f"{name}@{installed}"


def _identity(snapshot_key: str) -> tuple[str, str | None]:
    name, version = split_name(_strip_peers(snapshot_key))
    return name, version or None


def _reach(roots: list[str], snapshots: dict[str, Any]) -> set[tuple[str, str | None]]:
    """The packages (name, version) reachable from ``roots`` (snapshot keys)."""
    seen: set[str] = set()
    pending = list(roots)
    while pending:
        key = pending.pop()
        if key in seen:
            continue
        seen.add(key)
        entry = snapshots.get(key)
        if not isinstance(entry, dict):
            continue
        for section in ("dependencies", "optionalDependencies"):
            table = entry.get(section)
            if isinstance(table, dict):
                pending.extend(
                    _snapshot_key(name, value)
                    for name, value in table.items()
                    if isinstance(value, str) and not value.startswith(_LOCAL)
                )
    return {_identity(key) for key in seen}
