"""Who owns each component, from the ownership rules detectors found (CODEOWNERS, Backstage).

A component's owners are those of the last rule that matches its first manifest (for a
component without one, a file at its root), as GitHub applies CODEOWNERS. Patterns follow
CODEOWNERS syntax: without a slash they match a name at any depth, with one they are anchored
at the root, a trailing slash means a directory and everything below it, and a pattern whose
last segment has a wildcard (``docs/*``) matches files directly in that place only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from scanner.globs import compile_globs
from scanner.model import Component, OwnershipRule


def assign_owners(
    components: Sequence[Component], rules: Sequence[OwnershipRule]
) -> list[Component]:
    """The components with ``owners`` and ``owners_evidence`` filled from ``rules``."""
    if not rules:
        return list(components)
    compiled = [(_compile(rule.pattern), rule) for rule in rules]
    owned = []
    for component in components:
        probe = component.manifests[0] if component.manifests else _root_file(component.path)
        matching = [rule for pattern, rule in compiled if pattern and pattern.match(probe)]
        if matching:
            last = matching[-1]
            component = replace(component, owners=last.owners, owners_evidence=(last.evidence,))
        owned.append(component)
    return owned


def _compile(pattern: str) -> re.Pattern[str] | None:
    last_segment = pattern.rstrip("/").rpartition("/")[2]
    descendants = pattern.endswith("/") or not any(c in last_segment for c in "*?[")
    return compile_globs([pattern], descendants=descendants)


def _root_file(directory: str) -> str:
    return "_" if directory == "." else f"{directory}/_"
