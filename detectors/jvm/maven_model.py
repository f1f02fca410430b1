"""The effective Maven model, as far as one repository shows it.

A POM inherits from its ``<parent>`` when that parent is in the repository (found at
``<relativePath>``, ``../pom.xml`` by default, or else by its coordinates): properties,
``<dependencyManagement>`` and ``<pluginManagement>``, groupId and version. ``${...}``
placeholders are interpolated after inheritance, as Maven does (a module's property wins over
its parent's, even in the parent's management), recursively and safely against cycles; one
that cannot be resolved is kept as written, and :meth:`Effective.unresolved_note` says why.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from detectors.jvm.pom import Located, Pom, PomDependency, PomParent

_PLACEHOLDER_RE = re.compile(r"\$\{([^${}]+)\}")
_MAX_DEPTH = 32
# Untrusted POMs can nest properties to blow up exponentially ("${a}${a}" all the way down):
# one interpolation looks up at most this many placeholders and builds no longer a value.
_MAX_LOOKUPS = 512
_MAX_LENGTH = 4096
# Properties Maven sets from the command line or the environment, never from the POM.
_CI_FRIENDLY = frozenset({"revision", "sha1", "changelist"})


class PomIndex:
    """Every POM of a repository, and how they inherit from one another."""

    def __init__(self, poms: Iterable[Pom]) -> None:
        self.poms: dict[str, Pom] = {pom.path: pom for pom in poms}
        self._by_coordinates: dict[tuple[str | None, str | None], list[Pom]] = {}
        for pom in sorted(self.poms.values(), key=lambda p: p.path):
            key = (pom.effective_group, pom.artifact)
            self._by_coordinates.setdefault(key, []).append(pom)
        self._parents: dict[str, Pom | None] = {}
        self._effective: dict[str, Effective] = {}
        self._management: dict[
            tuple[str, bool],
            tuple[dict[tuple[str, str, str, str], PomDependency], list[PomDependency]],
        ] = {}
        self._descendants: dict[str, list[Pom]] | None = None

    def effective(self, pom: Pom) -> Effective:
        """The effective model of ``pom`` (computed once)."""
        found = self._effective.get(pom.path)
        if found is None:
            found = self._effective[pom.path] = Effective(self, pom)
        return found

    def parent_of(self, pom: Pom) -> Pom | None:
        """The in-repository POM that ``pom``'s ``<parent>`` names, or ``None``."""
        if pom.path not in self._parents:
            self._parents[pom.path] = self._find_parent(pom)
        return self._parents[pom.path]

    def chain(self, pom: Pom) -> list[Pom]:
        """``pom`` and its in-repository ancestors, nearest first; a cycle is cut."""
        found = [pom]
        seen = {pom.path}
        current = self.parent_of(pom)
        while current is not None and current.path not in seen:
            found.append(current)
            seen.add(current.path)
            current = self.parent_of(current)
        return found

    def management(
        self, pom: Pom, plugins: bool
    ) -> tuple[dict[tuple[str, str, str, str], PomDependency], list[PomDependency]]:
        """``pom``'s managed dependencies (or plugins): those written without placeholders by
        key, and those with placeholders, which only the inheriting POM can interpolate."""
        cache_key = (pom.path, plugins)
        found = self._management.get(cache_key)
        if found is None:
            literal: dict[tuple[str, str, str, str], PomDependency] = {}
            templated: list[PomDependency] = []
            for entry in pom.managed_plugins if plugins else pom.managed:
                if entry.group is None or entry.artifact is None:
                    continue
                parts = (entry.group, entry.artifact, entry.type or "jar", entry.classifier or "")
                if any("${" in part for part in parts):
                    templated.append(entry)
                elif entry.version or parts not in literal:
                    literal[parts] = entry
            found = self._management[cache_key] = (literal, templated)
        return found

    def descendants(self, pom: Pom) -> list[Pom]:
        """The POMs (``pom`` included) whose chain contains ``pom``."""
        if self._descendants is None:
            self._descendants = {}
            for other in self.poms.values():
                for ancestor in self.chain(other):
                    self._descendants.setdefault(ancestor.path, []).append(other)
        return self._descendants.get(pom.path, [])

    def _find_parent(self, pom: Pom) -> Pom | None:
        parent = pom.parent
        if parent is None or parent.artifact is None:
            return None
        if parent.relative_path != "":
            candidate = self._at_relative_path(pom, parent.relative_path or "../pom.xml")
            if candidate is not None and candidate is not pom and _same(candidate, parent):
                return candidate
        matches = [
            other
            for other in self._by_coordinates.get((parent.group, parent.artifact), [])
            if other is not pom
        ]
        exact = [other for other in matches if other.effective_version == parent.version]
        best = exact or matches
        return best[0] if best else None

    def _at_relative_path(self, pom: Pom, relative: str) -> Pom | None:
        relative = relative.replace("\\", "/").strip()
        base = "" if pom.directory == "." else pom.directory
        path = posixpath.normpath(posixpath.join(base, relative))
        if path.startswith("../") or path == "..":
            return None
        if not path.endswith(".xml"):
            path = posixpath.join(path, "pom.xml")
        return self.poms.get(path)


def _same(candidate: Pom, parent: PomParent) -> bool:
    if candidate.artifact != parent.artifact:
        return False
    group = candidate.effective_group
    return parent.group is None or group is None or group == parent.group


@dataclass(frozen=True, slots=True)
class Interpolated:
    """A string with its ``${...}`` resolved; ``unresolved`` names what could not be."""

    value: str
    unresolved: tuple[str, ...] = ()
    used: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Managed:
    """A managed version, and the POM that manages it."""

    entry: PomDependency
    owner: Pom


@dataclass
class Effective:
    """The effective model of one POM within an index: inherited properties and management,
    and interpolation."""

    index: PomIndex
    pom: Pom
    chain: list[Pom] = field(init=False)
    properties: dict[str, tuple[Located, Pom]] = field(init=False)

    def __post_init__(self) -> None:
        self.chain = self.index.chain(self.pom)
        parent = self.chain[1] if len(self.chain) > 1 else None
        if parent is not None and self.index.chain(parent) == self.chain[1:]:
            self.properties = dict(self.index.effective(parent).properties)
        else:
            self.properties = {}
            for pom in reversed(self.chain[1:]):
                for name, located in pom.properties.items():
                    self.properties[name] = (located, pom)
        for name, located in self.pom.properties.items():
            self.properties[name] = (located, self.pom)

    @property
    def external_parent(self) -> str | None:
        """``group:artifact:version`` of the first ancestor outside the repository."""
        top = self.chain[-1]
        if top.parent is None or self.index.parent_of(top) is not None:
            return None
        parent = top.parent
        return f"{parent.group}:{parent.artifact}:{parent.version}"

    def built_in(self, name: str) -> str | None:
        """Values of ``project.*`` (and the old ``pom.*``) placeholders; ``None`` if unknown."""
        name = name.removeprefix("project.").removeprefix("pom.")
        parent = self.pom.parent
        values = {
            "version": self.pom.effective_version,
            "groupId": self.pom.effective_group,
            "artifactId": self.pom.artifact,
            "packaging": self.pom.packaging,
            "parent.version": parent.version if parent else None,
            "parent.groupId": parent.group if parent else None,
            "parent.artifactId": parent.artifact if parent else None,
        }
        return values.get(name)

    def interpolate(self, text: str) -> Interpolated:
        """``text`` with every resolvable ``${...}`` replaced."""
        unresolved: list[str] = []
        used: list[str] = []
        budget = [_MAX_LOOKUPS]
        value = self._expand(text, (), unresolved, used, budget)
        if len(value) > _MAX_LENGTH:
            return Interpolated(text, ("expansion too large",))
        return Interpolated(value, tuple(dict.fromkeys(unresolved)), tuple(dict.fromkeys(used)))

    def _expand(
        self,
        text: str,
        stack: tuple[str, ...],
        unresolved: list[str],
        used: list[str],
        budget: list[int],
    ) -> str:
        def replace(match: re.Match[str]) -> str:
            name = match.group(1).strip()
            budget[0] -= 1
            if name in stack or len(stack) >= _MAX_DEPTH or budget[0] < 0:
                unresolved.append(name)
                return match.group(0)
            raw = self._lookup(name)
            if raw is None:
                unresolved.append(name)
                return match.group(0)
            used.append(name)
            expanded = self._expand(raw, (*stack, name), unresolved, used, budget)
            return expanded if len(expanded) <= _MAX_LENGTH else match.group(0)

        return _PLACEHOLDER_RE.sub(replace, text) if "${" in text else text

    def _lookup(self, name: str) -> str | None:
        found = self.properties.get(name)
        if found is not None:
            return found[0].value
        if name.startswith(("project.", "pom.")) or name == "version":
            return self.built_in(name)
        return None

    def find_managed(self, key: tuple[str, str, str, str], plugins: bool) -> Managed | None:
        """The managed entry (dependency or plugin) for ``key`` that sets a version, the
        nearest POM winning (an entry without one leaves the version to the POMs above)."""
        for pom in self.chain:
            literal, templated = self.index.management(pom, plugins)
            found = literal.get(key)
            if found is None or not found.version:
                found = next((e for e in templated if e.version and self.key(e) == key), None)
            if found is not None and found.version:
                return Managed(found, pom)
        return None

    def key(self, entry: PomDependency) -> tuple[str, str, str, str] | None:
        """``(group, artifact, type, classifier)`` interpolated; ``None`` when incomplete."""
        if entry.group is None or entry.artifact is None:
            return None
        return (
            self.value(entry.group),
            self.value(entry.artifact),
            self.value(entry.type or "jar"),
            self.value(entry.classifier or ""),
        )

    def value(self, text: str) -> str:
        """``text`` interpolated (what could not be resolved is kept as written)."""
        return self.interpolate(text).value if "${" in text else text

    def declared_names(self, plugins: bool) -> set[tuple[str, str]]:
        """``(group, artifact)`` of the dependencies (or plugins) this POM declares."""
        declared = self.pom.plugins if plugins else self.pom.dependencies
        return {
            (self.value(entry.group), self.value(entry.artifact))
            for entry in declared
            if entry.group and entry.artifact
        }

    def unresolved_note(self, names: tuple[str, ...]) -> str:
        """Why ``${names}`` stay as written."""
        shown = ", ".join("${" + name + "}" for name in names)
        if any(name in _CI_FRIENDLY for name in names):
            return f"{shown} is set on the Maven command line (CI-friendly version)"
        if any(name.startswith(("env.", "settings.")) for name in names):
            return f"{shown} comes from the build environment"
        outside = self.external_parent
        where = f"; it may come from parent {outside}" if outside else ""
        return (
            f"property {shown} is not defined in this POM or its parents in this repository{where}"
        )
