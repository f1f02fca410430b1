"""RubyGems: ``Gem::Version`` ordering and ``Gem::Requirement`` matching.

Versions, as RubyGems' ``Gem::Version`` documents and implements them: digits and ASCII
letters separated by dots, starting with a number (``VERSION_PATTERN``), a ``-`` standing for
``.pre.``. Segments are the runs of digits and of letters (``1.0.a10`` is ``1, 0, a, 10``);
any letter makes a pre-release. Trailing zeros are ignored, and so are zeros just before the
first letter (``canonical_segments``: ``1.0.0.a.0`` is ``1, a``); versions then compare
segment by segment, a missing segment counting as 0, words before numbers, words in byte
order. So ``1.0.a < 1.0.b1 < 1.0 = 1.0.0 < 1.0.1``. The key encodes each segment so that
plain tuple order matches that zero padding: a zero carries the kind of the next non-zero
segment, and the key ends with a marker equal to a padding 0.

Requirements (``Gem::Requirement``): clauses joined by commas, all of which must hold, each
an operator ``=`` (the default), ``!=``, ``>``, ``>=``, ``<``, ``<=`` or ``~>`` and a version.
``~> 2.3`` is ``>= 2.3, < 3.0`` and ``~> 2.3.1`` is ``>= 2.3.1, < 2.4``: the version's
release (its pre-release part dropped) must stay below the requirement "bumped" (letters and
the last number dropped, then the new last number plus one). As in
``Gem::Requirement#satisfied_by?``, pre-releases are compared like any version; leaving them
out is the resolver's choice, not the requirement's. An empty requirement cannot be read.
``pinned`` is the version of a single ``=`` clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean, first_two, holds

_PATTERN = r"[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?"
_VERSION = re.compile(_PATTERN)
_CLAUSE = re.compile(rf"(?P<op>=|!=|>=|<=|>|<|~>)?\s*(?P<version>{_PATTERN})")
_SEGMENT = re.compile(r"[0-9]+|[a-zA-Z]+")
_LETTER = re.compile(r"[a-zA-Z]")
_END = (1, 0)

Segment = int | str


class GemScheme:
    """Versions and requirements of rubygems.org."""

    ecosystem = "gem"

    def parse(self, text: str) -> ParsedVersion | None:
        """A ``Gem::Version``."""
        cleaned = clean(text)
        if cleaned is None or not _VERSION.fullmatch(cleaned):
            return None
        segments = _segments(cleaned)
        major, minor = first_two(_release(segments))
        return ParsedVersion(
            key=_key(segments),
            text=cleaned,
            prerelease=bool(_LETTER.search(cleaned)),
            major=major,
            minor=minor,
        )

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether ``version`` satisfies every clause of ``requirement``."""
        clauses = self._clauses(requirement)
        if clauses is None:
            return None
        return all(_holds(op, version, bound) for op, bound in clauses)

    def pinned(self, requirement: str) -> str | None:
        """The version of a lone ``= 1.2.3`` (or bare ``1.2.3``) requirement."""
        clauses = self._clauses(requirement)
        if clauses is None or len(clauses) != 1 or clauses[0][0] != "=":
            return None
        return clauses[0][1].text

    def _clauses(self, requirement: str) -> list[tuple[str, ParsedVersion]] | None:
        text = clean(requirement)
        if text is None:
            return None
        clauses: list[tuple[str, ParsedVersion]] = []
        for clause in text.split(","):
            match = _CLAUSE.fullmatch(clause.strip())
            bound = None if match is None else self.parse(match["version"])
            if match is None or bound is None:
                return None
            clauses.append((match["op"] or "=", bound))
        return clauses


def _segments(version: str) -> list[Segment]:
    return [
        int(part) if part.isdigit() else part
        for part in _SEGMENT.findall(version.replace("-", ".pre."))
    ]


def _release(segments: Sequence[Segment]) -> list[int]:
    """The numbers before the first letter segment."""
    release: list[int] = []
    for segment in segments:
        if isinstance(segment, str):
            break
        release.append(segment)
    return release


def _key(segments: Sequence[Segment]) -> tuple[Any, ...]:
    """The sort key of ``canonical_segments`` under zero padding."""
    numeric = _release(segments)
    canonical = [
        *_without_trailing_zeros(numeric),
        *_without_trailing_zeros(segments[len(numeric) :]),
    ]
    encoded: list[tuple[int, Any]] = []
    follow = 0
    for segment in reversed(canonical):
        if isinstance(segment, str):
            follow = -1
            encoded.append((0, segment))
        elif segment:
            follow = 1
            encoded.append((2, segment))
        else:
            encoded.append((1, follow))
    return (*reversed(encoded), _END)


def _without_trailing_zeros(segments: Sequence[Segment]) -> list[Segment]:
    end = len(segments)
    while end and segments[end - 1] == 0:
        end -= 1
    return list(segments[:end])


def _bump(version: ParsedVersion) -> tuple[Any, ...]:
    """The key of ``Gem::Version#bump``: letters and the last number dropped, then the new
    last number plus one (``2.3.1`` bumps to ``2.4``, ``2.3`` and ``2`` to ``3``)."""
    release = _release(_segments(version.text))
    if len(release) > 1:
        release.pop()
    release[-1] += 1
    return _key(release)


def _holds(op: str, version: ParsedVersion, bound: ParsedVersion) -> bool:
    if op != "~>":
        return holds(op, version.key, bound.key)
    release = _key(_release(_segments(version.text)))
    return version >= bound and release < _bump(bound)
