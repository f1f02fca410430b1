"""Merging what several detectors or files report about the same thing.

* Dependencies: a manifest declares ``django>=4.2`` and the lockfile resolves ``django 4.2.11``
  in the same component: one dependency with both, its scope and directness from the
  manifest, the evidence of both. A lockfile that holds several versions of one package keeps
  them apart; a declaration joins the resolution the lockfile marks as direct (or the only one).
  The manifest's ``declared`` wins over a range a lockfile repeats (a lock can be stale).
  Build requirements (``[build-system] requires``) live in another environment than the one a
  lockfile resolves: they join only resolutions of build scope.
* Technologies: the same key, version and component seen in several places is one technology
  with all the evidence.

Both expect components to be assigned already, and keep the order of first appearance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from scanner.ecosystems import purl_for
from scanner.model import Dependency, Evidence, Scope, Technology


def merge_dependencies(dependencies: Iterable[Dependency]) -> list[Dependency]:
    """One record per package and resolved version in each component, with purls filled."""
    groups: dict[tuple[str | None, str, str], list[Dependency]] = defaultdict(list)
    for dependency in dependencies:
        groups[(dependency.component, dependency.ecosystem, dependency.name)].append(dependency)
    merged: list[Dependency] = []
    for group in groups.values():
        merged.extend(_merge_group(group))
    return [_with_purl(dependency) for dependency in merged]


def _merge_group(group: list[Dependency]) -> list[Dependency]:
    resolved: dict[tuple[str, str], Dependency] = {}
    declared: dict[tuple[str | None, str], Dependency] = {}
    for dependency in group:
        if dependency.resolved is not None:
            key = (dependency.resolved, dependency.scope.value)
            known = resolved.get(key)
            resolved[key] = dependency if known is None else _combine(known, dependency)
        else:
            key2 = (dependency.declared, dependency.scope.value)
            known = declared.get(key2)
            declared[key2] = dependency if known is None else _combine(known, dependency)
    if not resolved:
        return list(declared.values())
    results = list(resolved.values())
    unjoined = []
    for declaration in declared.values():
        target = _join_target(results, build=declaration.scope is Scope.BUILD)
        if target is None:
            unjoined.append(declaration)
            continue
        lock = results[target]
        results[target] = replace(
            lock,
            declared=declaration.declared or lock.declared,
            scope=declaration.scope,
            direct=True,
            evidence=_unique(declaration.evidence + lock.evidence),
            version_note=declaration.version_note or lock.version_note,
        )
    return results + unjoined


def _join_target(resolutions: list[Dependency], build: bool) -> int | None:
    """The resolution a declaration joins: the only direct one, else the only one at all,
    among resolutions of build scope for a build requirement and of other scopes otherwise."""
    candidates = [
        index
        for index, dependency in enumerate(resolutions)
        if (dependency.scope is Scope.BUILD) == build
    ]
    direct = [index for index in candidates if resolutions[index].direct]
    if len(direct) == 1:
        return direct[0]
    return candidates[0] if len(candidates) == 1 else None


def _combine(first: Dependency, second: Dependency) -> Dependency:
    return replace(
        first,
        declared=first.declared or second.declared,
        direct=first.direct or second.direct,
        evidence=_unique(first.evidence + second.evidence),
    )


def _with_purl(dependency: Dependency) -> Dependency:
    if dependency.purl is not None:
        return dependency
    purl = purl_for(dependency.ecosystem, dependency.name, dependency.resolved)
    return replace(dependency, purl=purl) if purl else dependency


def merge_technologies(technologies: Iterable[Technology]) -> list[Technology]:
    """One record per key, category, version and component, with the evidence of every
    sighting (a ``python`` container image and the ``python`` runtime stay apart), and the
    endoflife.date product any sighting of the same record names.

    A sighting without a version (a ``manage.py`` revealing Django) joins the versioned one of
    the same key and component when there is exactly one; beside several versions it stays
    on its own, as nothing says which it belongs to.
    """
    first: dict[tuple[str, str, str | None, str | None], Technology] = {}
    evidence: dict[tuple[str, str, str | None, str | None], dict[Evidence, None]] = {}
    technologies_seen = list(technologies)
    for technology in technologies_seen:
        key = (technology.key, technology.category, technology.component, technology.version)
        first.setdefault(key, technology)
        evidence.setdefault(key, {}).update(dict.fromkeys(technology.evidence))
    versions: dict[tuple[str, str, str | None], list[str]] = defaultdict(list)
    for tech_key, category, component, version in first:
        if version is not None:
            versions[(tech_key, category, component)].append(version)
    for key in list(first):
        tech_key, category, component, version = key
        versioned = versions.get((tech_key, category, component), [])
        if version is None and len(versioned) == 1:
            evidence[(tech_key, category, component, versioned[0])].update(evidence.pop(key))
            del first[key]
    products: dict[tuple[str, str, str | None, str | None], str] = {}
    for technology in technologies_seen:
        if technology.product is not None:
            key = (technology.key, technology.category, technology.component, technology.version)
            products.setdefault(key, technology.product)
    return [
        replace(
            technology,
            evidence=tuple(evidence[key]),
            product=technology.product or products.get(key),
        )
        for key, technology in first.items()
    ]


def _unique(evidence: tuple[Evidence, ...]) -> tuple[Evidence, ...]:
    return tuple(dict.fromkeys(evidence))
