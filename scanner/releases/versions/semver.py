"""Semantic Versioning 2.0.0 and the range algebra npm and Cargo share.

Versions (https://semver.org): ``MAJOR.MINOR.PATCH[-PRE][+BUILD]``, numbers without leading
zeros, pre-release identifiers dot-separated ``[0-9A-Za-z-]`` (numeric ones without leading
zeros). Precedence (§11): the three numbers numerically, then a pre-release sorts before its
release, identifiers compare numerically when numeric and in ASCII order otherwise, numeric
before alphanumeric, and a longer list of equal identifiers sorts later. Build metadata is
ignored, so ``1.0.0+a`` and ``1.0.0+b`` are equal. The key is
``(major, minor, patch, (1,))`` for a release and ``(major, minor, patch, (0, identifiers))``
for a pre-release.

Ranges are sets of comparators (``op``, key) joined by OR, each set an AND. Partial versions
(``1``, ``1.2``, ``1.x``) and the ``^``/``~`` operators are desugared the way node-semver's
README ("Advanced Range Syntax") describes, which is also what Cargo's semver crate means by
the same notation (Cargo book, "Specifying dependencies"): exclusive upper bounds are
written ``<2.0.0-0`` so that pre-releases of the bound stay outside. A version with a
pre-release satisfies a set only when some comparator of that set names a pre-release of the
same ``major.minor.patch`` (node-semver "Prerelease Tags"; the semver crate's matching rule
is the same).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import holds, identifiers

NUMBER = r"(?:0|[1-9][0-9]*)"
LABEL = r"[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*"
_CORE = re.compile(
    rf"(?P<major>{NUMBER})\.(?P<minor>{NUMBER})\.(?P<patch>{NUMBER})"
    rf"(?:-(?P<pre>{LABEL}))?(?:\+{LABEL})?"
)
_LEADING_ZERO = re.compile(r"0[0-9]+")

Key = tuple[Any, ...]
Comparator = tuple[str, Key]
ComparatorSet = tuple[Comparator, ...]
_RELEASE = (1,)


def key(major: int, minor: int, patch: int, pre: str = "") -> Key:
    """The ordering key of ``major.minor.patch[-pre]``."""
    if not pre:
        return (major, minor, patch, _RELEASE)
    return (major, minor, patch, (0, identifiers(pre)))


def valid_label(label: str) -> bool:
    """Whether a pre-release label has no numeric identifier with a leading zero."""
    return not any(_LEADING_ZERO.fullmatch(part) for part in label.split("."))


def parse_core(core: str, text: str) -> ParsedVersion | None:
    """``core`` (a version without any prefix) as a strict SemVer version written ``text``."""
    match = _CORE.fullmatch(core)
    if match is None or not valid_label(match["pre"] or ""):
        return None
    major, minor, patch = int(match["major"]), int(match["minor"]), int(match["patch"])
    pre = match["pre"] or ""
    return ParsedVersion(
        key=key(major, minor, patch, pre),
        text=text,
        prerelease=bool(pre),
        major=major,
        minor=minor,
    )


def is_prerelease(version_key: Key) -> bool:
    """Whether a SemVer key belongs to a pre-release."""
    return bool(version_key[3] != _RELEASE)


@dataclass(frozen=True, slots=True)
class Partial:
    """A version as a range writes it: a missing or wildcard (``x``, ``X``, ``*``) number is
    ``None``, and a pre-release only comes with all three numbers."""

    major: int | None
    minor: int | None = None
    patch: int | None = None
    pre: str = ""

    @classmethod
    def of(cls, major: str, minor: str | None, patch: str | None, pre: str | None) -> Partial:
        """From regex groups, where ``x``, ``X``, ``*`` or an absent group is a wildcard and
        a number after a wildcard is ignored (``1.x.3`` is ``1.x``)."""
        numbers: list[int | None] = []
        for part in (major, minor, patch):
            if part is None or part in ("x", "X", "*") or (numbers and numbers[-1] is None):
                numbers.append(None)
            else:
                numbers.append(int(part))
        complete = numbers[2] is not None
        return cls(numbers[0], numbers[1], numbers[2], (pre or "") if complete else "")

    @property
    def complete(self) -> bool:
        """Whether all three numbers are given."""
        return self.patch is not None

    def floor(self) -> Key:
        """The lowest version the partial names (missing numbers as 0)."""
        return key(self.major or 0, self.minor or 0, self.patch or 0, self.pre)


def _below(major: int, minor: int, patch: int) -> Key:
    """The key of ``major.minor.patch-0``, below every pre-release of that version."""
    return key(major, minor, patch, "0")


# ``<0.0.0-0``: the comparator no version satisfies (``>*``, ``<*``).
NOTHING: tuple[Comparator, ...] = (("<", _below(0, 0, 0)),)


def caret(version: Partial) -> tuple[Comparator, ...]:
    """``^version``: changes that keep the left-most non-zero number (``^1.2.3`` is
    ``>=1.2.3 <2.0.0-0``, ``^0.2.3`` is ``>=0.2.3 <0.3.0-0``, ``^0.0.3`` is
    ``>=0.0.3 <0.0.4-0``, ``^0.0`` is ``>=0.0.0 <0.1.0-0``, ``^1`` is ``>=1.0.0 <2.0.0-0``)."""
    major, minor, patch = version.major, version.minor, version.patch
    if major is None:
        return ()
    if minor is None or major:
        upper = _below(major + 1, 0, 0)
    elif patch is None or minor:
        upper = _below(0, minor + 1, 0)
    else:
        upper = _below(0, 0, patch + 1)
    return ((">=", version.floor()), ("<", upper))


def tilde(version: Partial) -> tuple[Comparator, ...]:
    """``~version``: patch-level changes when a minor is given (``~1.2.3`` is
    ``>=1.2.3 <1.3.0-0``, ``~1.2`` is ``>=1.2.0 <1.3.0-0``), minor-level ones otherwise
    (``~1`` is ``>=1.0.0 <2.0.0-0``)."""
    major, minor = version.major, version.minor
    if major is None:
        return ()
    upper = _below(major + 1, 0, 0) if minor is None else _below(major, minor + 1, 0)
    return ((">=", version.floor()), ("<", upper))


def comparison(op: str, version: Partial) -> tuple[Comparator, ...]:
    """A comparison (``op`` one of ``"" = < <= > >=``) against a possibly partial version.

    Complete: the comparison itself (no operator is ``=``). Partial: ``1.2``, ``=1.2`` and
    ``1.2.x`` are ``>=1.2.0 <1.3.0-0``; ``>1.2`` is ``>=1.3.0``; ``>=1.2`` is ``>=1.2.0``;
    ``<1.2`` is ``<1.2.0-0``; ``<=1.2`` is ``<1.3.0-0``; ``*`` is any version and ``<*`` or
    ``>*`` none.
    """
    major, minor = version.major, version.minor
    if major is None:
        return NOTHING if op in ("<", ">") else ()
    if version.complete:
        return ((op or "=", version.floor()),)
    next_up = (major + 1, 0, 0) if minor is None else (major, minor + 1, 0)
    if op in ("", "="):
        return ((">=", version.floor()), ("<", _below(*next_up)))
    if op == ">":
        return ((">=", key(*next_up)),)
    if op == "<=":
        return (("<", _below(*next_up)),)
    if op == "<":
        return (("<", _below(major, minor or 0, 0)),)
    return ((">=", version.floor()),)


def hyphen(low: Partial, high: Partial) -> tuple[Comparator, ...]:
    """``low - high``, inclusive: a partial ``low`` is filled with zeros, a partial ``high``
    takes everything it names (``1.2.3 - 2.3`` is ``>=1.2.3 <2.4.0-0``)."""
    comparators: list[Comparator] = []
    if low.major is not None:
        comparators.append((">=", low.floor()))
    if high.major is not None:
        comparators.extend(comparison("<=", high))
    return tuple(comparators)


def satisfies(sets: Sequence[ComparatorSet], version: ParsedVersion) -> bool:
    """Whether ``version`` (a SemVer-keyed version) satisfies any of ``sets``, with the
    pre-release rule: a pre-release passes a set only when a comparator of that set names a
    pre-release of the same ``major.minor.patch``."""
    return any(_admitted_by(comparators, version.key) for comparators in sets)


def _admitted_by(comparators: ComparatorSet, version_key: Key) -> bool:
    if not all(holds(op, version_key, bound) for op, bound in comparators):
        return False
    if not is_prerelease(version_key):
        return True
    return any(is_prerelease(bound) and bound[:3] == version_key[:3] for _, bound in comparators)
