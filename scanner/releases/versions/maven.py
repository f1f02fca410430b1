"""Maven: ``ComparableVersion`` ordering and POM version requirements.

Order, as Maven 3.9's ``org.apache.maven.artifact.versioning.ComparableVersion`` defines it
(and the POM reference, "Version Order Specification"): the version is lower-cased and split
into items at ``.``, at ``-`` (which opens a sub-list) and at every digit/letter transition
(which opens a sub-list too: ``1.0alpha1`` is ``[1, 0, [alpha, [1]]]``, and ``.X`` before a
qualifier counts as ``-X``). Numbers compare numerically; qualifiers in the order
``alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp``, with
``a1``/``b1``/``m1`` short for alpha/beta/milestone when a digit follows, and unknown
qualifiers after all known ones, alphabetically. A number beats a sub-list, which beats a
qualifier. Trailing "null" items (``0``, the release qualifier, empty sub-lists) are
dropped, so ``1 = 1.0 = 1.0.0 = 1.0.0.RELEASE = 1-ga``, and ``1-SNAPSHOT < 1 < 1-sp < 1.0.1``.

Maven pads the shorter side with a null item that equals ``0`` but stands above every
pre-release qualifier and below ``sp`` — an order that is not transitive in a few corners
(``1.0.alpha < 1 < 1-sp`` yet ``1.0.alpha > 1-sp``). The key encodes each item with the sign
of its comparison to null (for a null item, the sign of the next non-null one), then its kind
and value, and ends the list with a marker equal to null; this agrees with Maven on every
comparison that is part of a consistent order, and gives a total order in those corners.
``prerelease`` is true when the version holds a qualifier ordered before release (alpha,
beta, milestone, rc, snapshot); unknown qualifiers (``-jre``, ``.ALL``) are not.

Requirements (POM reference, "Dependency Version Requirement Specification"): ranges in
interval notation (:mod:`.intervals`), several joined by commas as a union. A plain version is
a *soft* requirement: Maven uses exactly that version unless dependency mediation picks
another, so ``admits`` reads it as that version only (equal in Maven's order: ``1.0`` admits
``1.0.0``), and ``pinned`` returns it; ``[1.2]`` is pinned too. Property references
(``${spring.version}``), ``LATEST``, ``RELEASE`` and the empty string cannot be read.
"""

from __future__ import annotations

import re
from typing import TypeAlias

from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean, first_two
from scanner.releases.versions.intervals import parse_intervals

Item: TypeAlias = "int | str | list[Item]"

_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._+-]*")
_LEADING_NUMBERS = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_QUALIFIERS = ("alpha", "beta", "milestone", "rc", "snapshot", "", "sp")
_RELEASE = str(_QUALIFIERS.index(""))
_SHORT = {"a": "alpha", "b": "beta", "m": "milestone"}
_ALIASES = {"ga": "", "final": "", "release": "", "cr": "rc"}
_END = (0,)


class MavenScheme:
    """Versions and requirements of Maven repositories."""

    ecosystem = "maven"

    def parse(self, text: str) -> ParsedVersion | None:
        """A Maven version: letters, digits, ``.``, ``-``, ``_``, ``+``, with at least one
        digit (so ``LATEST`` and ``${x}`` are not versions)."""
        cleaned = clean(text)
        if cleaned is None or not _VERSION.fullmatch(cleaned):
            return None
        if not any(char.isdigit() for char in cleaned):
            return None
        items = _items(cleaned)
        leading = _LEADING_NUMBERS.match(cleaned)
        numbers = [int(group) for group in leading.groups() if group] if leading else []
        major, minor = first_two(numbers)
        return ParsedVersion(
            key=_encode(items),
            text=cleaned,
            prerelease=_has_prerelease_qualifier(items),
            major=major,
            minor=minor,
        )

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether ``version`` lies in the range, or equals the soft requirement."""
        text = clean(requirement)
        if text is None:
            return None
        if text[0] in "[(":
            intervals = parse_intervals(text, self.parse)
            if intervals is None:
                return None
            return any(interval.contains(version) for interval in intervals)
        soft = self.parse(text)
        return None if soft is None else version == soft

    def pinned(self, requirement: str) -> str | None:
        """The version of a soft requirement (``1.2.3``) or of ``[1.2.3]``."""
        text = clean(requirement)
        if text is None:
            return None
        if text[0] not in "[(":
            soft = self.parse(text)
            return None if soft is None else soft.text
        intervals = parse_intervals(text, self.parse)
        if intervals is None or len(intervals) != 1:
            return None
        (interval,) = intervals
        if interval.lower is None or interval.lower != interval.upper:
            return None
        return interval.lower.text if interval.lower_closed and interval.upper_closed else None


def _items(version: str) -> list[Item]:
    """The item list of ``ComparableVersion``, normalised."""
    text = version.lower()
    root: list[Item] = []
    current = root
    lists = [root]
    is_digit = False
    start = 0
    for index, char in enumerate(text):
        if char in ".-":
            current.append(_item(text[start:index], is_digit) if index > start else 0)
            start = index + 1
            if char == "-":
                current = _nest(current, lists)
        elif char.isdigit():
            if not is_digit and index > start:
                if current:  # .X1 reads as -X1
                    current = _nest(current, lists)
                current.append(_qualifier(text[start:index], followed_by_digit=True))
                start = index
                current = _nest(current, lists)
            is_digit = True
        else:
            if is_digit and index > start:
                current.append(int(text[start:index]))
                start = index
                current = _nest(current, lists)
            is_digit = False
    if len(text) > start:
        if not is_digit and current:  # a final .X reads as -X
            current = _nest(current, lists)
        current.append(_item(text[start:], is_digit))
    for items in reversed(lists):
        _normalize(items)
    return root


def _nest(parent: list[Item], lists: list[list[Item]]) -> list[Item]:
    child: list[Item] = []
    parent.append(child)
    lists.append(child)
    return child


def _item(text: str, is_digit: bool) -> Item:
    return int(text) if is_digit else _qualifier(text, followed_by_digit=False)


def _qualifier(text: str, *, followed_by_digit: bool) -> str:
    if followed_by_digit:
        text = _SHORT.get(text, text)
    return _ALIASES.get(text, text)


def _normalize(items: list[Item]) -> None:
    """Drop null items (``0``, ``""``, ``[]``: exactly the falsy ones) from the end, looking
    past sub-lists but stopping at the last other non-null item."""
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if not item:
            del items[index]
        elif not isinstance(item, list):
            break


def _comparable(qualifier: str) -> str:
    """Maven's sortable text for a qualifier: its rank, or after all of them by name."""
    if qualifier in _QUALIFIERS:
        return str(_QUALIFIERS.index(qualifier))
    return f"{len(_QUALIFIERS)}-{qualifier}"


def _sign(item: Item) -> int:
    """How ``item`` compares to the null padding item: -1, 0 or 1."""
    if isinstance(item, int):
        return 1 if item else 0
    if isinstance(item, str):
        comparable = _comparable(item)
        return (comparable > _RELEASE) - (comparable < _RELEASE)
    return next((sign for sign in map(_sign, item) if sign), 0)


def _encode(items: list[Item]) -> tuple[object, ...]:
    """The sort key of an item list (see the module docstring)."""
    signs = [_sign(item) for item in items]
    while signs and not signs[-1]:
        signs.pop()
    encoded: list[tuple[object, ...]] = []
    follow = 0
    for item, sign in zip(reversed(items[: len(signs)]), reversed(signs), strict=True):
        follow = sign or follow
        if isinstance(item, int):
            encoded.append((follow, 2, item))
        elif isinstance(item, str):
            encoded.append((follow, 0, _comparable(item)))
        else:
            encoded.append((follow, 1, _encode(item)))
    return (*reversed(encoded), _END)


def _has_prerelease_qualifier(items: list[Item]) -> bool:
    return any(
        _has_prerelease_qualifier(item)
        if isinstance(item, list)
        else isinstance(item, str) and _comparable(item) < _RELEASE
        for item in items
    )
