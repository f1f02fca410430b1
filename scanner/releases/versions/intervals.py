"""Interval notation for version ranges, as Maven (``VersionRange``, POM reference
"Dependency Version Requirement Specification") and NuGet ("Package versioning", "Version
ranges") write it: ``[1.0,2.0)`` from 1.0 inclusive to 2.0 exclusive, ``(,1.0]`` up to 1.0,
``[1.0,)`` from 1.0, ``[1.2]`` exactly 1.2; Maven also joins several with commas
(``[1,2),[3,4)``). Bounds are read by the scheme's own parser and compared in its order.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from scanner.releases.versions.base import ParsedVersion

_INTERVAL = re.compile(r"\s*(?P<open>[\[(])(?P<body>[^\[\]()]*)(?P<close>[\])])\s*")


@dataclass(frozen=True, slots=True)
class Interval:
    """The versions between two bounds; a missing bound is unbounded on that side."""

    lower: ParsedVersion | None
    lower_closed: bool
    upper: ParsedVersion | None
    upper_closed: bool

    def contains(self, version: ParsedVersion) -> bool:
        """Whether ``version`` lies inside (bounds included where closed)."""
        if self.lower is not None and not (
            version > self.lower or (self.lower_closed and version == self.lower)
        ):
            return False
        return self.upper is None or (
            version < self.upper or (self.upper_closed and version == self.upper)
        )


def parse_intervals(
    text: str, parse: Callable[[str], ParsedVersion | None]
) -> list[Interval] | None:
    """The comma-separated intervals of ``text``, or ``None`` when it is not made only of
    well-formed intervals whose bounds ``parse`` reads, lower bound first."""
    intervals: list[Interval] = []
    position = 0
    while True:
        match = _INTERVAL.match(text, position)
        if match is None:
            return None
        interval = _interval(match["open"], match["body"], match["close"], parse)
        if interval is None:
            return None
        intervals.append(interval)
        position = match.end()
        if position == len(text):
            return intervals
        if text[position] != ",":
            return None
        position += 1


def _interval(
    opening: str, body: str, closing: str, parse: Callable[[str], ParsedVersion | None]
) -> Interval | None:
    if "," not in body:
        exact = parse(body)
        if exact is None or (opening, closing) != ("[", "]"):
            return None
        return Interval(exact, True, exact, True)
    low_text, high_text = (part.strip() for part in body.split(",", 1))
    low = parse(low_text) if low_text else None
    high = parse(high_text) if high_text else None
    if (low_text and low is None) or (high_text and high is None):
        return None
    if low is not None and high is not None and high < low:
        return None
    return Interval(low, opening == "[", high, closing == "]")
