"""Small pieces the schemes share: the text guard in front of every parser, sortable
pre-release identifiers, ``major``/``minor`` from release numbers, and key comparisons.

Every version grammar here is ASCII. Rejecting other text up front also keeps ``int()`` away
from non-ASCII digits, and the length bound (Maven's own limit is 256 characters) keeps it
away from numbers too long to convert, so that parsers never raise.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_LENGTH = 256

# A component of a dotted pre-release label as a tagged pair: numbers sort numerically and
# before words, words sort as text (SemVer 2.0.0 §11.4), without comparing int to str.
Identifier = tuple[int, int] | tuple[int, str]


def clean(text: str) -> str | None:
    """``text`` without surrounding whitespace, or ``None`` when it is empty, longer than
    :data:`MAX_LENGTH` or not ASCII."""
    text = text.strip()
    if not text or len(text) > MAX_LENGTH or not text.isascii():
        return None
    return text


def identifiers(label: str, *, fold_case: bool = False) -> tuple[Identifier, ...]:
    """The dot-separated identifiers of a pre-release label as sortable pairs; ``fold_case``
    compares words without regard to case (NuGet)."""
    return tuple(_identifier(part, fold_case) for part in label.split("."))


def _identifier(part: str, fold_case: bool) -> Identifier:
    if part.isdigit():
        return (0, int(part))
    return (1, part.lower() if fold_case else part)


def first_two(numbers: Iterable[int]) -> tuple[int | None, int | None]:
    """``major`` and ``minor`` for :class:`~scanner.releases.versions.base.ParsedVersion`:
    the first two release numbers, a missing minor counting as 0 (every scheme here reads
    ``1`` as ``1.0``); both ``None`` when there is no number at all."""
    found = list(numbers)[:2]
    if not found:
        return None, None
    return found[0], found[1] if len(found) > 1 else 0


def holds(op: str, left: tuple[Any, ...], right: tuple[Any, ...]) -> bool:
    """Whether ``left op right`` for two keys, ``op`` one of ``= != < <= > >=``."""
    if op == "=":
        return left == right
    if op == "!=":
        return left != right
    if op == "<":
        return left < right
    if op == "<=":
        return left <= right
    if op == ">":
        return left > right
    return left >= right
