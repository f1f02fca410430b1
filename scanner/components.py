"""Components: every manifest directory, the repository root, and the workspaces linking them.

A component is a directory holding at least one package manifest; the root is always one.
A workspace declaration (npm, Yarn and pnpm ``workspaces``, Cargo ``[workspace] members``,
Maven ``<modules>``) makes the components its patterns match members of the declaring one.
Everything found in the tree belongs to the nearest component at or above its path.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable, Sequence

from scanner.globs import compile_globs
from scanner.model import Component, Evidence, Manifest


def build_components(manifests: Sequence[Manifest], repository_name: str) -> list[Component]:
    """Group manifests by directory into components and link workspace members to roots.

    Components come back sorted by path, the root first.
    """
    by_directory: dict[str, list[Manifest]] = defaultdict(list)
    for manifest in manifests:
        by_directory[manifest.directory].append(manifest)
    by_directory.setdefault(".", [])
    directories = sorted(by_directory, key=_path_sort_key)

    workspace_root: dict[str, str] = {}
    members: dict[str, set[str]] = defaultdict(set)
    for directory in directories:
        for manifest in by_directory[directory]:
            if manifest.workspace is None:
                continue
            for member in _match_members(directory, manifest, directories):
                members[directory].add(member)
                # The deepest declaring workspace wins for nested workspaces.
                current = workspace_root.get(member)
                if current is None or len(current) < len(directory) or current == ".":
                    workspace_root[member] = directory

    components = []
    for directory in directories:
        found = sorted(by_directory[directory], key=lambda m: m.path)
        components.append(
            Component(
                path=directory,
                name=_component_name(directory, found, repository_name),
                ecosystems=tuple(sorted({m.ecosystem for m in found})),
                manifests=tuple(m.path for m in found),
                workspace_root=workspace_root.get(directory),
                workspace_members=tuple(sorted(members.get(directory, ()), key=_path_sort_key)),
                evidence=tuple(_unique(m.evidence for m in found)),
            )
        )
    return components


def _match_members(directory: str, manifest: Manifest, candidates: list[str]) -> list[str]:
    declaration = manifest.workspace
    assert declaration is not None
    base = "" if directory == "." else directory + "/"
    include_re = compile_globs(
        [_join(base, pattern) for pattern in declaration.patterns], descendants=False
    )
    exclude_re = compile_globs(
        [_join(base, pattern) for pattern in declaration.excludes], descendants=False
    )
    if include_re is None:
        return []
    return [
        candidate
        for candidate in candidates
        if candidate != directory
        and include_re.match(candidate)
        and not (exclude_re and exclude_re.match(candidate))
    ]


def _join(base: str, pattern: str) -> str:
    """A member pattern relative to its manifest, as a root-anchored pattern ("/"-joined)."""
    pattern = pattern.strip().removeprefix("./").rstrip("/")
    joined = posixpath.normpath(base + pattern) if pattern else base.rstrip("/")
    if joined in (".", "") or joined.startswith("../"):
        return ""
    # A leading "/" anchors the pattern at the root, even a single-segment one.
    return "/" + joined


def _component_name(directory: str, manifests: list[Manifest], repository_name: str) -> str:
    for manifest in manifests:
        if manifest.name:
            return manifest.name
    if directory == ".":
        return repository_name
    return directory.rpartition("/")[2]


def _path_sort_key(path: str) -> tuple[int, str]:
    return (0, "") if path == "." else (1, path)


def _unique(evidence: Iterable[Evidence]) -> list[Evidence]:
    return list(dict.fromkeys(evidence))


class ComponentIndex:
    """Answers "which component does this path belong to?" for many paths, with a cache."""

    def __init__(self, components: Iterable[Component]) -> None:
        self._paths = {component.path for component in components}
        self._paths.add(".")
        self._cache: dict[str, str] = {}

    def owner_of(self, path: str) -> str:
        """The nearest component directory at or above ``path`` (``"."`` at the latest)."""
        directory = path.rpartition("/")[0] or "."
        cached = self._cache.get(directory)
        if cached is not None:
            return cached
        probe = directory
        while probe not in self._paths:
            probe = probe.rpartition("/")[0] or "."
        self._cache[directory] = probe
        return probe
