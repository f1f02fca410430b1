"""A product's release cycles (as endoflife.date publishes them), which cycle a version
belongs to, and where that cycle stands in its support on a given day.

Dates are compared the way endoflife.date computes its own flags: a date counts as reached
when the day evaluated is strictly after it. The API's ``isEol``/``isEoas``/``isEoes``
booleans are as of the day the data was built, so they are used only where a cycle gives a
plain boolean instead of a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_RELEASE = re.compile(r"^v?(\d+(?:\.\d+)*)")


@dataclass(frozen=True, slots=True)
class Milestone:
    """An end of support: a date when the product gives one, else only whether it is over
    (as of the data's build day). ``None`` for both: the product has no such milestone."""

    on: date | None = None
    passed: bool | None = None

    def reached(self, as_of: date) -> bool | None:
        """Whether the milestone is behind ``as_of``; ``None`` when the product has none."""
        if self.on is not None:
            return as_of > self.on
        return self.passed


@dataclass(frozen=True, slots=True)
class ReleaseCycle:
    """One release cycle (``3.11``, ``20``, ``22.04``) of a product.

    ``end_of_life`` is the end of all support; ``active_support`` the end of active support
    (bug fixes), after which only security fixes come; ``extended_support`` the end of paid
    or extended support, when the product sells one. ``latest`` is the newest release of the
    cycle, when the data names it. ``requires`` lists the runtimes the cycle needs as
    ``(runtime key, oldest version)``: Django 5.2 needs ``("python", "3.10")``.
    """

    name: str
    release_date: date | None
    end_of_life: Milestone
    active_support: Milestone
    extended_support: Milestone
    lts: bool = False
    latest: str | None = None
    latest_date: date | None = None
    requires: tuple[tuple[str, str], ...] = ()

    @property
    def numbers(self) -> tuple[int, ...] | None:
        """The cycle name as numbers (``"22.04"`` is ``(22, 4)``); ``None`` for a name that is
        not numeric (a codename)."""
        return release_numbers(self.name, whole=True)


@dataclass(frozen=True, slots=True)
class Product:
    """A product and its release cycles, newest first as the data lists them."""

    name: str
    label: str
    cycles: tuple[ReleaseCycle, ...]


@dataclass(frozen=True, slots=True)
class CycleMatch:
    """The cycle a version belongs to. ``approximate`` when the version names less than the
    cycle does (``mongo:4`` against cycles ``4.0``, ``4.2``, ``4.4``): the newest cycle it
    admits is taken."""

    cycle: ReleaseCycle
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class SupportStatus:
    """Where a cycle stands on ``as_of``. ``days_left`` counts the days until the end of
    life (negative once it is past), when the cycle has an end-of-life date."""

    cycle: ReleaseCycle
    as_of: date
    end_of_life: bool | None
    active_support_ended: bool | None
    extended_support_ended: bool | None
    days_left: int | None

    @property
    def security_only(self) -> bool:
        """Active support is over but the cycle still gets security fixes."""
        return bool(self.active_support_ended) and self.end_of_life is False


def release_numbers(version: str, whole: bool = False) -> tuple[int, ...] | None:
    """The leading release numbers of a version (``"v3.11.4-slim"`` is ``(3, 11, 4)``), or
    ``None`` when it starts with none. With ``whole``, the text must be numbers only."""
    text = version.strip()
    match = _RELEASE.match(text)
    if match is None or (whole and match.end() != len(text)):
        return None
    return tuple(int(part) for part in match.group(1).split("."))


def match_cycle(product: Product, version: str) -> CycleMatch | None:
    """The cycle of ``product`` that ``version`` belongs to, or ``None``.

    A cycle named exactly as the version wins (labels such as ``ubuntu-20.04`` are cycle
    names). Otherwise the cycle whose numbers are the longest prefix of the version's wins
    (``20.11.0`` is Node.js ``20``, ``2.7.18`` is Python ``2.7``, ``22.04`` is Ubuntu
    ``22.04``), and a version shorter than every cycle it could be (``4`` for MongoDB) takes
    the newest of them, marked approximate.
    """
    for cycle in product.cycles:
        if cycle.name == version:
            return CycleMatch(cycle)
    numbers = release_numbers(version)
    if numbers is None:
        return None
    best: ReleaseCycle | None = None
    best_length = 0
    extensions: list[ReleaseCycle] = []
    for cycle in product.cycles:
        parts = cycle.numbers
        if parts is None:
            continue
        if len(parts) <= len(numbers) and numbers[: len(parts)] == parts:
            if len(parts) > best_length:
                best, best_length = cycle, len(parts)
        elif len(parts) > len(numbers) and parts[: len(numbers)] == numbers:
            extensions.append(cycle)
    if best is not None:
        return CycleMatch(best)
    if extensions:
        newest = max(extensions, key=lambda cycle: cycle.numbers or ())
        return CycleMatch(newest, approximate=True)
    return None


def support_status(cycle: ReleaseCycle, as_of: date) -> SupportStatus:
    """Where ``cycle`` stands on ``as_of``, recomputed from its dates."""
    days_left = (cycle.end_of_life.on - as_of).days if cycle.end_of_life.on else None
    return SupportStatus(
        cycle=cycle,
        as_of=as_of,
        end_of_life=cycle.end_of_life.reached(as_of),
        active_support_ended=cycle.active_support.reached(as_of),
        extended_support_ended=cycle.extended_support.reached(as_of),
        days_left=days_left,
    )
