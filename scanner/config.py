"""Scan settings: defaults, configuration files and their validation.

Where settings come from, lowest precedence first: the defaults below; the configuration file
(``--config FILE`` if given, else ``.stackaudit.toml`` at the scanned repository's root, else
``[tool.stackaudit]`` in its ``pyproject.toml``); the command-line flags. The keys are documented
in ``docs/configuration.md``; an unknown key is an error, so that a typo never passes silently.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from scanner.debt.settings import RoadmapSettings
from scanner.errors import ConfigError
from scanner.model import Suppression
from scanner.releases.locations import SOURCE_NAMES

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_FILE_NAME = ".stackaudit.toml"

DEFAULT_PRUNE_DIRS: frozenset[str] = frozenset(
    {
        # dependency folders
        "node_modules", "bower_components", "jspm_packages", "vendor", "Pods", "Carthage",
        ".venv", "venv", "__pypackages__", ".bundle", "deps",
        # tool caches and build output
        "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".nox",
        ".gradle", ".terraform", ".next", ".nuxt", ".svelte-kit", ".angular", ".parcel-cache",
        ".turbo", ".cache", "dist", "target", "_build",
        # version control
        ".git", ".hg", ".svn",
    }
)  # fmt: skip

DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024

_SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2}
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$")


@dataclass(frozen=True)
class ReleaseDataOptions:
    """The ``[release-data]`` table: thresholds, how hard to ask, and registry locations
    (source name to base URL) that replace the ones found in pip's and npm's configuration.
    Read from an explicit ``--config`` file only: a scanned repository does not choose
    where stackaudit sends requests."""

    lookahead_days: int = 180
    abandoned_after_days: int = 730
    concurrency: int = 8
    timeout: float = 10.0
    registries: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Everything that steers one repository's scan.

    ``detectors`` and ``skip_detectors`` select plugins by name or tag (empty ``detectors``
    means all). ``prune_dirs`` are directory base names never entered; ``exclude`` are globs of
    paths left out of the scan; files over ``max_file_size`` bytes are listed but not parsed.
    ``detector_options`` maps a detector's name to its own options table.
    """

    detectors: tuple[str, ...] = ()
    skip_detectors: tuple[str, ...] = ()
    prune_dirs: frozenset[str] = DEFAULT_PRUNE_DIRS
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    detector_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    ignore: tuple[Suppression, ...] = ()
    release_data: ReleaseDataOptions | None = None
    roadmap: RoadmapSettings | None = None
    source: str | None = None

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given fields replaced; ``None`` values leave a field as it is."""
        changed = {key: value for key, value in overrides.items() if value is not None}
        return replace(self, **changed)


_KNOWN_KEYS = {
    "detectors", "skip-detectors", "prune-dirs", "extend-prune-dirs", "exclude",
    "max-file-size", "detector-options", "ignore", "release-data", "roadmap",
}  # fmt: skip
_RELEASE_DATA_INTEGERS = {
    "lookahead-days": (0, 3650), "abandoned-after-days": (1, 36500), "concurrency": (1, 64),
}  # fmt: skip
_IGNORE_KEYS = {"id", "reason", "until"}


def settings_from_mapping(table: Mapping[str, Any], source: str) -> Settings:
    """Validate a ``[tool.stackaudit]``-shaped table and turn it into settings.

    Raises :class:`ConfigError` naming ``source`` and the offending key.
    """
    unknown = sorted(set(table) - _KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(_KNOWN_KEYS))
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)} (known: {known})")

    prune_dirs = DEFAULT_PRUNE_DIRS
    if "prune-dirs" in table:
        prune_dirs = frozenset(_string_list(table, "prune-dirs", source))
    prune_dirs |= frozenset(_string_list(table, "extend-prune-dirs", source))

    options = table.get("detector-options", {})
    if not isinstance(options, Mapping) or not all(
        isinstance(value, Mapping) for value in options.values()
    ):
        raise ConfigError(f"{source}: detector-options must be a table of tables, one a detector")

    max_size = DEFAULT_MAX_FILE_SIZE
    if "max-file-size" in table:
        max_size = parse_size(table["max-file-size"], f"{source}: max-file-size")

    return Settings(
        detectors=tuple(_string_list(table, "detectors", source)),
        skip_detectors=tuple(_string_list(table, "skip-detectors", source)),
        prune_dirs=prune_dirs,
        exclude=tuple(_string_list(table, "exclude", source)),
        max_file_size=max_size,
        detector_options={name: dict(value) for name, value in options.items()},
        ignore=_suppressions(table.get("ignore", []), source),
        release_data=_release_data(table["release-data"], source)
        if "release-data" in table
        else None,
        roadmap=roadmap_settings(table["roadmap"], source) if "roadmap" in table else None,
        source=source,
    )


def _release_data(value: object, source: str) -> ReleaseDataOptions:
    """The ``[release-data]`` table, validated; :class:`ConfigError` naming the key."""
    where = f"{source}: release-data"
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table")
    known = {*_RELEASE_DATA_INTEGERS, "timeout", "registries"}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    numbers: dict[str, int] = {}
    for key, (low, high) in _RELEASE_DATA_INTEGERS.items():
        if key in value:
            number = value[key]
            if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
                raise ConfigError(f"{where}.{key}: expected a whole number from {low} to {high}")
            numbers[key.replace("-", "_")] = number
    timeout = value.get("timeout", 10.0)
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise ConfigError(f"{where}.timeout: expected a positive number of seconds")
    registries = value.get("registries", {})
    if not isinstance(registries, Mapping):
        raise ConfigError(f"{where}.registries must be a table of source name to URL")
    for name, url in registries.items():
        if name not in SOURCE_NAMES:
            names = ", ".join(SOURCE_NAMES)
            raise ConfigError(f"{where}.registries: unknown source {name!r} (known: {names})")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ConfigError(f"{where}.registries.{name}: expected an http(s) URL")
    return ReleaseDataOptions(timeout=float(timeout), registries=dict(registries), **numbers)


def _suppressions(value: object, source: str) -> tuple[Suppression, ...]:
    """``[[ignore]]`` entries: each with an ``id``, a ``reason`` and an optional ``until``
    day; anything else is a :class:`ConfigError` naming the entry."""
    if not isinstance(value, list):
        raise ConfigError(f"{source}: ignore must be an array of tables ([[ignore]])")
    found = []
    for number, entry in enumerate(value, start=1):
        where = f"{source}: ignore entry {number}"
        if not isinstance(entry, Mapping):
            raise ConfigError(f"{where} must be a table")
        unknown = sorted(set(entry) - _IGNORE_KEYS)
        if unknown:
            raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
        identifier, reason, until = entry.get("id"), entry.get("reason"), entry.get("until")
        if not isinstance(identifier, str) or not identifier.strip():
            raise ConfigError(f"{where} needs an id (a finding id or a glob over ids)")
        if not isinstance(reason, str) or not reason.strip():
            raise ConfigError(f"{where} ({identifier}) needs a reason")
        if isinstance(until, date):
            until = until.isoformat()
        if until is not None:
            try:
                date.fromisoformat(str(until))
            except ValueError:
                raise ConfigError(f"{where} ({identifier}): until {until!r} is not a day") from None
        found.append(Suppression(identifier.strip(), reason.strip(), str(until) if until else None))
    return tuple(found)


_ROADMAP_NUMBERS = {
    "capacity-weeks": (0.5, 10000.0), "buffer": (0.2, 0.3), "per-major": (0.0, 100.0),
    "per-component": (0.0, 100.0), "per-use": (0.0, 10.0),
}  # fmt: skip
_ROADMAP_COUNTS = {"max-phases": (3, 4), "max-per-phase": (2, 5), "max-majors": (0, 20)}
_ROADMAP_TABLES = {"impact", "category-weight", "confidence", "base-effort"}


def roadmap_settings(value: object, source: str) -> RoadmapSettings:
    """The ``[roadmap]`` table as planning settings; :class:`ConfigError` naming the key.
    Weight tables replace only the entries they name."""
    from scanner.debt.planning import parse_quarter
    from scanner.model import Severity

    where = f"{source}: roadmap"
    if not isinstance(value, Mapping):
        raise ConfigError(f"{where} must be a table")
    known = {"start-quarter", *_ROADMAP_NUMBERS, *_ROADMAP_COUNTS, *_ROADMAP_TABLES}
    unknown = sorted(set(value) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(unknown)}")
    defaults = RoadmapSettings()
    changed: dict[str, Any] = {}
    if "start-quarter" in value:
        try:
            parse_quarter(str(value["start-quarter"]))
        except ValueError as error:
            raise ConfigError(f"{where}.start-quarter: {error}") from None
        changed["start_quarter"] = str(value["start-quarter"]).upper()
    for key, (low, high) in _ROADMAP_NUMBERS.items():
        if key in value:
            changed[key.replace("-", "_")] = _number(value[key], low, high, f"{where}.{key}")
    for key, (low, high) in _ROADMAP_COUNTS.items():
        if key in value:
            number = value[key]
            if isinstance(number, bool) or not isinstance(number, int) or not low <= number <= high:
                raise ConfigError(f"{where}.{key}: expected a whole number from {low} to {high}")
            changed[key.replace("-", "_")] = number
    for key in _ROADMAP_TABLES & set(value):
        table = value[key]
        field_name = key.replace("-", "_")
        current = dict(getattr(defaults, field_name))
        if not isinstance(table, Mapping):
            raise ConfigError(f"{where}.{key} must be a table of names to numbers")
        for name, number in table.items():
            entry = (
                Severity(name) if key == "impact" and name in Severity._value2member_map_ else name
            )
            if entry not in current:
                names = ", ".join(sorted(str(getattr(k, "value", k)) for k in current))
                raise ConfigError(f"{where}.{key}: unknown entry {name!r} (known: {names})")
            current[entry] = _number(number, 0.0, 1000.0, f"{where}.{key}.{name}")
        changed[field_name] = current
    return replace(defaults, **changed)


def _number(value: object, low: float, high: float, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not low <= value <= high:
        raise ConfigError(f"{where}: expected a number from {low:g} to {high:g}")
    return float(value)


def parse_size(value: object, what: str) -> int:
    """Parse a byte count: an integer, or a string such as ``"16 MiB"`` or ``"500kb"``."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        match = _SIZE_RE.match(value)
        if match and match.group(2).lower() in _SIZE_UNITS:
            size = int(float(match.group(1)) * _SIZE_UNITS[match.group(2).lower()])
            if size > 0:
                return size
    raise ConfigError(
        f"{what}: expected a positive size such as 16777216 or '16 MiB', got {value!r}"
    )


def _string_list(table: Mapping[str, Any], key: str, source: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: {key} must be a list of strings, got {value!r}")
    return value


def load_config_file(path: Path) -> Settings:
    """Load an explicit configuration file (``--config``).

    A ``pyproject.toml`` is read from its ``[tool.stackaudit]`` table; any other file is the
    table itself, as in ``.stackaudit.toml``.
    """
    document = _read_toml(path)
    if path.name == "pyproject.toml":
        document = document.get("tool", {}).get("stackaudit", {})
    return settings_from_mapping(document, str(path))


def discover_repository_config(read_root_file: Any) -> Settings:
    """Find the configuration a repository carries, or the defaults when it has none.

    ``read_root_file(name)`` returns the bytes of a file at the repository root, or ``None``
    when there is no such file; taking a reader rather than a path lets the same lookup serve
    work trees and commits read straight from git.
    """
    data = read_root_file(CONFIG_FILE_NAME)
    if data is not None:
        return settings_from_mapping(_parse_toml(data, CONFIG_FILE_NAME), CONFIG_FILE_NAME)
    data = read_root_file("pyproject.toml")
    if data is not None:
        try:
            document = _parse_toml(data, "pyproject.toml")
        except ConfigError:
            # A broken pyproject.toml is the manifest detector's to report, not a config error.
            return Settings()
        table = document.get("tool", {}).get("stackaudit")
        if isinstance(table, Mapping):
            return settings_from_mapping(table, "pyproject.toml [tool.stackaudit]")
    return Settings()


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read configuration file {path}: {error.strerror}") from error
    return _parse_toml(data, str(path))


def _parse_toml(data: bytes, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{source}: not valid TOML: {error}") from error
