"""Where a repository pins one runtime (or datastore) to different versions.

Within one component, each file that names a version of a runtime is a *place*. A place that
names exactly one plain version (``3.11``, ``v18.17.0``, ``8.0``) pins it; a place naming
several (a CI matrix) or a constraint (``>=3.10``, ``^18``) states a range and pins nothing.
Two pins disagree when their release cycles differ: compared on as many leading numbers as
both give, up to the technology's cycle depth (``3.11.4`` and ``3.11`` agree for Python;
``18.17.0`` and ``18.20.1`` agree for Node.js, whose cycles are majors).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from scanner.model import Category, Evidence, Technology, VersionDisagreement, VersionPin

CHECKED_CATEGORIES = frozenset({Category.RUNTIME, Category.DATASTORE})

# How many leading numbers name a release cycle; two for everything else.
CYCLE_DEPTH = {"nodejs": 1, "java": 1, "erlang": 1, "postgresql": 1, "mysql": 2}

_PLAIN_VERSION = re.compile(r"^v?(\d+(?:\.\d+)*)(?:[-+._a-zA-Z][\w.+-]*)?$")


def find_disagreements(technologies: Iterable[Technology]) -> list[VersionDisagreement]:
    """Every runtime or datastore whose pins in one component name different cycles."""
    sightings: dict[tuple[str, str], dict[str, list[tuple[str, Evidence]]]] = defaultdict(dict)
    names: dict[str, str] = {}
    for technology in technologies:
        if technology.category not in CHECKED_CATEGORIES or technology.version is None:
            continue
        names[technology.key] = technology.name
        places = sightings[(technology.component or ".", technology.key)]
        for evidence in technology.evidence:
            places.setdefault(evidence.path, []).append((technology.version, evidence))

    found = []
    for (component, key), places in sorted(sightings.items()):
        pins = [
            VersionPin(seen[0][0], seen[0][1])
            for _, seen in sorted(places.items())
            if len({version for version, _ in seen}) == 1 and _PLAIN_VERSION.match(seen[0][0])
        ]
        depth = CYCLE_DEPTH.get(key, 2)
        versions = {pin.version for pin in pins}
        if all(_same_cycle(a, b, depth) for a, b in combinations(versions, 2)):
            continue
        pins.sort(key=lambda pin: _numbers(pin.version))
        found.append(VersionDisagreement(key, names[key], component, tuple(pins)))
    return found


def _numbers(version: str) -> tuple[int, ...]:
    match = _PLAIN_VERSION.match(version)
    return tuple(int(part) for part in match.group(1).split(".")) if match else ()


def _same_cycle(first: str, second: str, depth: int) -> bool:
    a, b = _numbers(first), _numbers(second)
    length = min(len(a), len(b), depth)
    return a[:length] == b[:length]
