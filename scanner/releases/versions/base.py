"""The contract every ecosystem's version scheme keeps.

A scheme parses the version strings of one ecosystem into :class:`ParsedVersion` values that
order the way that ecosystem orders them, tells pre-releases apart, and reads the
ecosystem's requirement syntax (``^1.2``, ``~> 2.3``, ``>=3.8,<4``, ``[1.0,2.0)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, order=True, slots=True)
class ParsedVersion:
    """A version of one scheme. Values of the same scheme order by ``key`` alone; values of
    different schemes must not be compared.

    ``text`` is the version as written; ``prerelease`` is true for anything short of a
    stable release (alpha, beta, rc, dev, snapshot, a Go pseudo-version); ``major`` and
    ``minor`` are the first two numbers of the release (``None`` where there is none).
    """

    key: tuple[Any, ...]
    text: str = field(compare=False)
    prerelease: bool = field(default=False, compare=False)
    major: int | None = field(default=None, compare=False)
    minor: int | None = field(default=None, compare=False)


class VersionScheme(Protocol):
    """How one ecosystem writes, orders and constrains versions."""

    ecosystem: str

    def parse(self, text: str) -> ParsedVersion | None:
        """``text`` as a version, or ``None`` when it is not one this scheme can read."""
        ...

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether ``requirement`` (as written in a manifest) allows ``version``; ``None``
        when the requirement cannot be read (a URL, a path, a syntax error)."""
        ...

    def pinned(self, requirement: str) -> str | None:
        """The single version ``requirement`` pins exactly (``==1.2.3``, ``1.2.3`` on npm,
        ``=1.2.3`` on Cargo, ``[1.2.3]`` on Maven and NuGet), or ``None``."""
        ...
