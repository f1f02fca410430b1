"""A Gradle build across files: its scripts, version catalogs and ``gradle.properties``, and
the values a script's ``$variables`` and catalog references resolve to.

A variable is looked up in the script itself, then, from its directory up to the root, in
the other scripts of each directory (the root project's ``ext`` is visible to subprojects) and
its ``gradle.properties``. ``libs.versions.x`` reads the catalog's ``[versions]``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from detectors.jvm.gradle_build import GradleScript, Value
from detectors.jvm.gradle_settings import GradleSettings
from detectors.jvm.java_properties import PropertyEntry
from detectors.jvm.version_catalog import Catalog, normalize_alias
from scanner.model import Evidence

_TEMPLATE_RE = re.compile(r"\$\{([^{}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)")
_PROPERTY_CALL_RE = re.compile(
    r"""^(?:(?:root)?[Pp]roject\.)?(?:property|findProperty|extra\.get|ext\.get)"""
    r"""\(\s*["']([^"']+)["']\s*\)(?:\.get\(\))?$"""
)
_INDEXED_RE = re.compile(r"""^(?:(?:root)?[Pp]roject\.)?(?:extra|ext)\[\s*["']([^"']+)["']\s*\]$""")
_MAX_DEPTH = 16
# Scripts are untrusted: one interpolation looks up at most this many variables and builds no
# longer a value (variables doubling one another would otherwise grow exponentially).
_MAX_LOOKUPS = 512
_MAX_LENGTH = 4096


@dataclass(frozen=True, slots=True)
class Interpolated:
    """A value with variables resolved: ``unresolved`` names what could not be, ``used``
    where each resolved value came from."""

    value: str
    unresolved: tuple[str, ...] = ()
    used: tuple[Evidence, ...] = ()


@dataclass
class GradleIndex:
    """Every Gradle script, catalog and ``gradle.properties`` of a repository."""

    detector: str
    scripts: dict[str, GradleScript] = field(default_factory=dict)
    catalogs: dict[str, Catalog] = field(default_factory=dict)
    properties: dict[str, tuple[str, dict[str, PropertyEntry]]] = field(default_factory=dict)
    settings: dict[str, GradleSettings] = field(default_factory=dict)
    referenced: set[tuple[str, bool, str]] = field(default_factory=set)
    _by_directory: dict[str, list[GradleScript]] | None = field(default=None, repr=False)
    _accessors: set[str] | None = field(default=None, repr=False)

    def add_script(self, script: GradleScript) -> None:
        """Add a script read from the tree."""
        self.scripts[script.path] = script
        self._by_directory = None

    def scripts_in(self, directory: str) -> list[GradleScript]:
        """The scripts of one directory, build scripts first."""
        if self._by_directory is None:
            self._by_directory = {}
            ordered = sorted(self.scripts.values(), key=lambda s: (not s.is_build, s.path))
            for script in ordered:
                self._by_directory.setdefault(script.directory, []).append(script)
        return self._by_directory.get(directory, [])

    def catalog(self, directory: str, accessor: str) -> Catalog | None:
        """The catalog a script in ``directory`` reaches as ``accessor`` (``libs``): one the
        nearest settings script declares, else the nearest ``gradle/<accessor>.versions.toml``
        above (``gradle/libs.versions.toml`` under the settings' default name)."""
        for candidate in ancestors(directory):
            settings = self.settings.get(candidate)
            if settings is None:
                continue
            declared = settings.catalogs.get(accessor)
            if declared is not None:
                return self.catalogs.get(_join(candidate, declared))
            if accessor == settings.default_catalog:
                accessor = "libs"
            elif accessor == "libs":
                return None
            break
        best: Catalog | None = None
        for catalog in self.catalogs.values():
            if (
                catalog.accessor == accessor
                and _within(directory, catalog.root)
                and (best is None or len(catalog.root) > len(best.root))
            ):
                best = catalog
        return best

    def add_catalog(self, catalog: Catalog) -> None:
        """Add a version catalog read from the tree."""
        self.catalogs[catalog.path] = catalog
        self._accessors = None

    def accessors(self) -> set[str]:
        """Catalog accessor names in use (``libs`` always counts)."""
        if self._accessors is None:
            names = {"libs"} | {c.accessor for c in self.catalogs.values()}
            for settings in self.settings.values():
                names |= {settings.default_catalog, *settings.catalogs}
            self._accessors = names
        return self._accessors

    def add_settings(self, directory: str, settings: GradleSettings) -> None:
        """Add what a settings script declares for the build in ``directory``."""
        self.settings[directory] = settings
        self._accessors = None


def _join(directory: str, relative: str) -> str:
    return posixpath.normpath(relative if directory == "." else f"{directory}/{relative}")


def _within(directory: str, root: str) -> bool:
    return root == "." or directory == root or directory.startswith(root + "/")


def ancestors(directory: str) -> Iterator[str]:
    """``directory`` and every directory above it, up to ``"."``."""
    current = directory
    while True:
        yield current
        if current == ".":
            return
        current = current.rpartition("/")[0] or "."


class ScriptValues:
    """The values of one script within an index: its variables, ``gradle.properties``, the
    variables of the scripts above it and catalog versions."""

    def __init__(self, index: GradleIndex, script: GradleScript) -> None:
        self.index = index
        self.script = script
        self._budget = _MAX_LOOKUPS

    def evidence(self, reason: str, line: int | None, path: str | None = None) -> Evidence:
        """Evidence found by the index's detector, in this script unless ``path`` says."""
        return Evidence(path or self.script.path, self.index.detector, reason, line)

    def interpolate(self, value: Value, stack: tuple[str, ...] = ()) -> Interpolated:
        """The value of ``value``: a reference is looked up, a double-quoted string has its
        ``$name``/``${expression}`` templates filled in."""
        if not stack:
            self._budget = _MAX_LOOKUPS
        if value.reference:
            return self._resolve(value.text, stack)
        if not value.quote.startswith('"') or "$" not in value.text:
            return Interpolated(value.text)
        unresolved: list[str] = []
        used: list[Evidence] = []

        def replace(match: re.Match[str]) -> str:
            expression = (match.group(1) or match.group(2) or "").strip()
            found = self._resolve(expression, stack)
            if not found.unresolved:
                used.extend(found.used)
                return found.value
            if match.group(2) and "." in expression:
                # Kotlin's "$version.RELEASE" is the variable, then literal text.
                head, _, tail = expression.partition(".")
                shorter = self._resolve(head, stack)
                if not shorter.unresolved:
                    used.extend(shorter.used)
                    return f"{shorter.value}.{tail}"
            unresolved.append(expression)
            return match.group(0)

        text = _TEMPLATE_RE.sub(replace, value.text)
        if len(text) > _MAX_LENGTH:
            return Interpolated(value.text, ("expansion too large",))
        return Interpolated(text, tuple(dict.fromkeys(unresolved)), tuple(dict.fromkeys(used)))

    def _resolve(self, expression: str, stack: tuple[str, ...]) -> Interpolated:
        name = _variable_of(expression)
        self._budget -= 1
        if name in stack or len(stack) >= _MAX_DEPTH or self._budget < 0:
            return Interpolated(expression, (expression,))
        catalog_version = self._catalog_version(name)
        if catalog_version is not None:
            return catalog_version
        found = self._lookup(name)
        if found is None:
            return Interpolated(expression, (expression,))
        value, evidence = found
        inner = self.interpolate(value, (*stack, name))
        return Interpolated(inner.value, inner.unresolved, (evidence, *inner.used))

    def _lookup(self, name: str) -> tuple[Value, Evidence] | None:
        own = self.script.variables.get(name)
        if own is not None:
            return own[0], self.evidence(f"variable {name} = {own[0].text}", own[1])
        for directory in ancestors(self.script.directory):
            for other in self.index.scripts_in(directory):
                found = other.variables.get(name)
                if found is not None and other is not self.script:
                    reason = f"variable {name} = {found[0].text}"
                    return found[0], self.evidence(reason, found[1], other.path)
            properties = self.index.properties.get(directory)
            if properties is not None and name in properties[1]:
                entry = properties[1][name]
                reason = f"gradle.properties {name}={entry.value}"
                return Value(entry.value), self.evidence(reason, entry.line, properties[0])
        return None

    def _catalog_version(self, name: str) -> Interpolated | None:
        accessor, _, rest = name.partition(".")
        if not rest.startswith("versions.") or accessor not in self.index.accessors():
            return None
        catalog = self.index.catalog(self.script.directory, accessor)
        if catalog is None:
            return Interpolated(name, (name,))
        alias = normalize_alias(rest.removeprefix("versions."))
        for key, version in catalog.versions.items():
            if normalize_alias(key) == alias and version.value is not None:
                reason = f"version catalog version {key!r} ={version.reason}"
                return Interpolated(version.value, (), (self.evidence(reason, None, catalog.path),))
        return Interpolated(name, (name,))


def _variable_of(expression: str) -> str:
    """The variable an expression in ``${...}`` names: ``project.ext.x``, ``property("x")``,
    ``extra["x"]`` and ``x.get()`` all name ``x``."""
    expression = expression.strip()
    for pattern in (_PROPERTY_CALL_RE, _INDEXED_RE):
        match = pattern.match(expression)
        if match is not None:
            return match.group(1)
    expression = expression.removesuffix(".get()")
    for prefix in ("rootProject.", "project."):
        expression = expression.removeprefix(prefix)
    for prefix in ("ext.", "extra."):
        expression = expression.removeprefix(prefix)
    return expression
