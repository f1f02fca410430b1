"""Composer (Packagist): Composer versions and version constraints.

Versions, as Composer's ``VersionParser::normalize`` reads them: an optional ``v``, one to
four numbers (missing ones are 0: ``1.2`` is ``1.2.0.0``), then an optional stability
suffix ``-dev``, ``-alpha``/``-a``, ``-beta``/``-b``, ``-RC``, ``-stable`` or
``-patch``/``-pl``/``-p``, each with optional numbers (``-beta2``, ``-RC.1``), case-insensitive,
possibly followed by ``-dev`` itself (``1.0.0-beta2-dev``), and ``+build`` metadata, which is
ignored. Order (PHP's ``version_compare`` on the normalised form): the numbers, then
``dev < alpha < beta < RC < stable < patch``, then the suffix numbers, a ``-dev`` tail sorting
just below the same version without it: the key is ``(n1, n2, n3, n4, stability rank,
suffix numbers, 0 with a -dev tail else 1)``. Branch aliases such as ``1.0.x-dev`` are
``1.0.9999999.9999999-dev``, the way Composer normalises them; branch names (``dev-main``,
``dev-master``) are not versions.

Constraints, per Composer's "Versions and constraints" article: alternatives joined by
``||`` (or ``|``), each a list of constraints joined by spaces or commas, all of which must
hold; exact versions (``1.0.2``, ``=1.0.2``, ``==1.0.2``); comparisons ``> >= < <= != <>``;
hyphen ranges (``1.0 - 2.0`` is ``>=1.0.0 <2.1``, ``1.0.0 - 2.1.0`` is ``>=1.0.0 <=2.1.0``);
wildcards (``1.0.*``, ``*``); ``~1.2`` (``>=1.2 <2.0``), ``~1.2.3`` (``>=1.2.3 <1.3``);
``^1.2.3`` (``>=1.2.3 <2.0``), ``^0.3`` (``>=0.3 <0.4``). As Composer does internally, the
lower bounds of ``^``, ``~``, wildcards, hyphens and ``>=`` (and the bound of ``<``) without a
stability suffix are the ``-dev`` of that version, so pre-releases inside the range match:
keeping them out is minimum-stability's job, not the constraint's. Stability flags
(``@dev``, ``@stable``) are ignored; branch constraints (``dev-main``, ``dev-main#abc``)
and the empty string cannot be read. ``pinned`` is the version of a lone exact constraint.
"""

from __future__ import annotations

import re
from typing import Any

from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean, first_two, holds

_MODIFIER = (
    r"(?:[._-]?(?P<stability>stable|beta|b|rc|alpha|a|patch|pl|p)"
    r"(?P<stability_numbers>(?:[.-]?[0-9]+)*))?(?:[.-]?(?P<dev>dev))?"
)
_VERSION = re.compile(
    rf"v?(?P<numbers>[0-9]+(?:\.[0-9]+){{0,3}}){_MODIFIER}(?:\+[0-9A-Za-z.-]+)?", re.IGNORECASE
)
_BRANCH = re.compile(r"v?(?P<numbers>[0-9xX*]+(?:\.[0-9xX*]+){0,3})[.-]?dev", re.IGNORECASE)
_BRANCH_PART = re.compile(r"[0-9]+|[xX*]")
_ANY = re.compile(r"v?[xX*](?:\.[xX*])*")
_WILDCARD = re.compile(r"v?(?P<numbers>[0-9]+(?:\.[0-9]+){0,2})(?:\.[xX*])+")
_COMPARISON = re.compile(r"(?P<op><>|!=|>=|<=|==|=|>|<)?(?P<version>.+)")
_OPERATOR_SPACE = re.compile(r"(<>|!=|>=|<=|==|=|>|<|~>?|\^)\s+")
_ALTERNATIVES = re.compile(r"\s*\|\|?\s*")
_CONJUNCTION = re.compile(r"[\s,]+")
_STABILITY_FLAG = re.compile(r"@(?:stable|rc|beta|alpha|dev)$", re.IGNORECASE)
_RANKS = {"dev": 0, "alpha": 1, "a": 1, "beta": 2, "b": 2, "rc": 3, "stable": 4}
_STABLE = 4
_PATCH = 5
_BRANCH_NUMBER = 9999999

Key = tuple[Any, ...]
Constraint = tuple[str, Key]
Numbers = tuple[int, int, int, int]


class ComposerScheme:
    """Versions and constraints of Packagist."""

    ecosystem = "composer"

    def parse(self, text: str) -> ParsedVersion | None:
        """A Composer version or branch alias (``1.0.x-dev``); branch names are not."""
        cleaned = clean(text)
        if cleaned is None:
            return None
        read = _read(cleaned)
        if read is None:
            return None
        key, _ = read
        major, minor = first_two(key[:2])
        prerelease = key[4] < _STABLE or key[6] == 0
        return ParsedVersion(key=key, text=cleaned, prerelease=prerelease, major=major, minor=minor)

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether ``version`` meets any alternative of the constraint ``requirement``."""
        alternatives = _constraint(requirement)
        if alternatives is None:
            return None
        return any(
            all(holds(op, version.key, bound) for op, bound in constraints)
            for constraints in alternatives
        )

    def pinned(self, requirement: str) -> str | None:
        """The version of a lone exact constraint (``1.2.3``, ``=1.2.3``, ``v1.2.3``)."""
        text = clean(requirement)
        if text is None:
            return None
        exact = _STABILITY_FLAG.sub("", text).lstrip("=").strip()
        return exact if self.parse(exact) is not None else None


def _read(text: str) -> tuple[Key, bool] | None:
    """The key of a version, and whether it was written with a stability suffix."""
    match = _VERSION.fullmatch(text)
    if match is not None:
        stability = (match["stability"] or "").lower()
        dev = match["dev"] is not None
        numbers = tuple(int(n) for n in re.findall("[0-9]+", match["stability_numbers"] or ""))
        if dev and not stability:
            rank, tail = _RANKS["dev"], 1
        else:
            rank = _PATCH if stability in ("patch", "pl", "p") else _RANKS.get(stability, _STABLE)
            tail = 0 if dev else 1
        return (*_numbers(match["numbers"]), rank, numbers, tail), bool(stability) or dev
    branch = _BRANCH.fullmatch(text)
    if branch is None:
        return None
    parts = branch["numbers"].split(".")
    if not all(_BRANCH_PART.fullmatch(part) for part in parts):
        return None
    filled = [int(part) if part.isdigit() else _BRANCH_NUMBER for part in parts]
    filled += [_BRANCH_NUMBER] * (4 - len(filled))
    return _dev(filled[0], filled[1], filled[2], filled[3]), True


def _numbers(text: str) -> Numbers:
    numbers = [int(part) for part in text.split(".")]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def _dev(*numbers: int) -> Key:
    """The key of ``numbers-dev``, the lowest version with those numbers."""
    return (*numbers, _RANKS["dev"], (), 1)


def _raised(numbers: Numbers, position: int) -> Key:
    """``numbers`` with the one at ``position`` (1-based) plus one and the rest zeroed, as a
    ``-dev`` upper bound."""
    kept = list(numbers[: position - 1])
    return _dev(*kept, numbers[position - 1] + 1, *[0] * (4 - position))


def _constraint(requirement: str) -> list[list[Constraint]] | None:
    text = clean(requirement)
    if text is None:
        return None
    alternatives: list[list[Constraint]] = []
    for alternative in _ALTERNATIVES.split(text):
        tokens = [t for t in _CONJUNCTION.split(_OPERATOR_SPACE.sub(r"\1", alternative)) if t]
        if not tokens:
            return None
        constraints: list[Constraint] = []
        while tokens:
            if len(tokens) >= 3 and tokens[1] == "-":
                atom = _hyphen(tokens[0], tokens[2])
                tokens = tokens[3:]
            else:
                atom = _atom(tokens[0])
                tokens = tokens[1:]
            if atom is None:
                return None
            constraints.extend(atom)
        alternatives.append(constraints)
    return alternatives


def _atom(token: str) -> list[Constraint] | None:
    token = _STABILITY_FLAG.sub("", token) or "*"
    if _ANY.fullmatch(token):
        return []
    if token[0] in "~^":
        body = token[2:] if token.startswith("~>") else token[1:]
        return _next_significant(body, caret=token[0] == "^")
    wildcard = _WILDCARD.fullmatch(token)
    if wildcard is not None:
        given = wildcard["numbers"].split(".")
        numbers = _numbers(wildcard["numbers"])
        return [(">=", _dev(*numbers)), ("<", _raised(numbers, len(given)))]
    comparison = _COMPARISON.fullmatch(token)
    read = None if comparison is None else _read(comparison["version"])
    if comparison is None or read is None:
        return None
    op = {"==": "=", "<>": "!="}.get(comparison["op"], comparison["op"] or "=")
    key, explicit = read
    if op in ("<", ">=") and not explicit:
        key = _dev(*key[:4])
    return [(op, key)]


def _next_significant(body: str, *, caret: bool) -> list[Constraint] | None:
    """``^body`` (``caret``) or ``~body``."""
    match = _VERSION.fullmatch(body)
    read = _read(body)
    if match is None or read is None:
        return None
    given = len(match["numbers"].split("."))
    numbers = _numbers(match["numbers"])
    if not caret:
        position = max(1, given - 1)
    elif numbers[0] or given == 1:
        position = 1
    elif numbers[1] or given == 2:
        position = 2
    else:
        position = 3
    key, explicit = read
    lower = key if explicit else _dev(*numbers)
    return [(">=", lower), ("<", _raised(numbers, position))]


def _hyphen(low: str, high: str) -> list[Constraint] | None:
    low_read, high_match, high_read = _read(low), _VERSION.fullmatch(high), _read(high)
    if low_read is None or high_match is None or high_read is None:
        return None
    low_key, low_explicit = low_read
    lower = (">=", low_key if low_explicit else _dev(*low_key[:4]))
    given = len(high_match["numbers"].split("."))
    high_key, high_explicit = high_read
    if given >= 3 or high_explicit:
        return [lower, ("<=", high_key)]
    return [lower, ("<", _raised(_numbers(high_match["numbers"]), given))]
