"""Cargo (crates.io): SemVer 2.0.0 versions and Cargo's version requirements.

Versions are strict SemVer (:mod:`.semver`), without a ``v``. Requirements follow the Cargo
book ("Specifying dependencies", "Version requirement syntax") and the semver crate that
implements it: comparators separated by commas, all of which must hold (``>= 1.2, < 1.5``);
a bare version is a caret requirement (``1.2.3`` is ``^1.2.3``, ``>=1.2.3, <2.0.0``; ``0.2``
is ``>=0.2.0, <0.3.0``; ``0.0.3`` is ``=0.0.3``); ``~`` allows patch-level changes when a
minor is given; ``*``, ``1.*`` and ``1.2.*`` are wildcards; ``=``, ``>``, ``>=``, ``<``,
``<=`` compare, a partial version in a comparison standing for the range it names
(``=1.2`` is ``>=1.2.0, <1.3.0``; ``<=1.2`` is ``<1.3.0``). A pre-release matches only a
requirement with a comparator naming a pre-release of the same ``major.minor.patch``.

An empty requirement is an error in Cargo, so ``admits`` returns ``None`` for it, as for
anything else it cannot read. ``pinned`` is the version of a single ``=`` comparator with all
three numbers (``=1.2.3``); a bare ``1.2.3`` is a caret range, not a pin.
"""

from __future__ import annotations

import re

from scanner.releases.versions import semver
from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean
from scanner.releases.versions.semver import LABEL, NUMBER, Comparator, Partial

_PART = rf"(?:{NUMBER}|[xX*])"
_COMPARATOR = re.compile(
    rf"(?P<op>=|>=|>|<=|<|~|\^)?\s*(?P<major>{_PART})(?:\.(?P<minor>{_PART})"
    rf"(?:\.(?P<patch>{_PART})(?:-(?P<pre>{LABEL}))?(?:\+{LABEL})?)?)?"
)


class CargoScheme:
    """Versions and requirements of crates.io."""

    ecosystem = "cargo"

    def parse(self, text: str) -> ParsedVersion | None:
        """A strict SemVer version."""
        cleaned = clean(text)
        return None if cleaned is None else semver.parse_core(cleaned, cleaned)

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether the Cargo requirement ``requirement`` matches ``version``."""
        comparators = _requirement(requirement)
        if comparators is None:
            return None
        return semver.satisfies([comparators], version)

    def pinned(self, requirement: str) -> str | None:
        """The version of an ``=major.minor.patch`` requirement."""
        cleaned = clean(requirement)
        if cleaned is None or not cleaned.startswith("="):
            return None
        exact = cleaned[1:].strip()
        return exact if self.parse(exact) is not None else None


def _requirement(requirement: str) -> tuple[Comparator, ...] | None:
    text = clean(requirement)
    if text is None:
        return None
    comparators: list[Comparator] = []
    for token in text.split(","):
        match = _COMPARATOR.fullmatch(token.strip())
        if match is None or not semver.valid_label(match["pre"] or ""):
            return None
        version = Partial.of(match["major"], match["minor"], match["patch"], match["pre"])
        op = match["op"]
        if op == "~":
            comparators.extend(semver.tilde(version))
        elif op == "^" or (op is None and not _has_wildcard(match)):
            comparators.extend(semver.caret(version))
        else:
            comparators.extend(semver.comparison(op or "", version))
    return tuple(comparators)


def _has_wildcard(match: re.Match[str]) -> bool:
    return any(match[group] in ("x", "X", "*") for group in ("major", "minor", "patch"))
