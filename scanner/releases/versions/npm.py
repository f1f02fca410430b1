"""npm: SemVer 2.0.0 versions and node-semver ranges.

Versions are strict SemVer (:mod:`.semver`) with an optional leading ``v``, as node-semver's
``valid()`` accepts. Ranges follow the node-semver README: comparator sets joined by ``||``,
comparators in a set separated by spaces (``>=1.2.7 <1.3.0``), operators ``< <= > >= =``,
``~`` (also ``~>``), ``^``, X-ranges (``1.x``, ``1.2.*``, ``*``, partial versions ``1``,
``1.2``), hyphen ranges (``1.2.3 - 2.3.4``), whitespace allowed after an operator and a
``v`` or ``=`` before a version. The empty range means any version, as ``*`` does. A
pre-release satisfies a range only through a comparator naming a pre-release of the same
``major.minor.patch`` (the default, without ``includePrerelease``).

What npm accepts in a dependency but is not a range (dist-tags such as ``latest``, URLs, git
and GitHub specs, ``file:``, ``link:``, ``workspace:``, ``npm:`` aliases) cannot be read:
``admits`` returns ``None``. ``pinned`` is the version of a range that is exactly one version
(``1.2.3``, ``=1.2.3``, ``v1.2.3``).
"""

from __future__ import annotations

import re

from scanner.releases.versions import semver
from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean
from scanner.releases.versions.semver import LABEL, NUMBER, ComparatorSet, Partial

_PART = rf"(?:{NUMBER}|[xX*])"
_PARTIAL = (
    rf"[v=]*(?P<major>{_PART})(?:\.(?P<minor>{_PART})(?:\.(?P<patch>{_PART})"
    rf"(?:-(?P<pre>{LABEL}))?(?:\+{LABEL})?)?)?"
)
_COMPARATOR = re.compile(rf"(?P<op><=|>=|<|>|=|~>|~|\^)?{_PARTIAL}")
_VERSION = re.compile(_PARTIAL)
_HYPHEN = re.compile(r"(?P<low>\S+)\s+-\s+(?P<high>\S+)")
_OPERATOR_SPACE = re.compile(r"(<=|>=|<|>|=|~>|~|\^)\s+")


class NpmScheme:
    """Versions and ranges of the npm registry."""

    ecosystem = "npm"

    def parse(self, text: str) -> ParsedVersion | None:
        """A SemVer version, optionally written with a leading ``v``."""
        cleaned = clean(text)
        if cleaned is None:
            return None
        return semver.parse_core(cleaned.removeprefix("v"), cleaned)

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether the node-semver range ``requirement`` includes ``version``."""
        sets = _range(requirement)
        if sets is None:
            return None
        return semver.satisfies(sets, version)

    def pinned(self, requirement: str) -> str | None:
        """The version of an exact range (``1.2.3``, ``=1.2.3``, ``v1.2.3``)."""
        cleaned = clean(requirement)
        if cleaned is None:
            return None
        exact = _OPERATOR_SPACE.sub(r"\1", cleaned).removeprefix("=").removeprefix("v")
        return exact if self.parse(exact) is not None else None


def _range(requirement: str) -> list[ComparatorSet] | None:
    """The comparator sets of a range, or ``None`` when it is not one."""
    if not requirement.strip():
        return [()]
    text = clean(requirement)
    if text is None:
        return None
    sets: list[ComparatorSet] = []
    for alternative in text.split("||"):
        comparators = _comparator_set(alternative.strip())
        if comparators is None:
            return None
        sets.append(comparators)
    return sets


def _comparator_set(text: str) -> ComparatorSet | None:
    hyphen = _HYPHEN.fullmatch(text)
    if hyphen is not None:
        low, high = _partial(hyphen["low"]), _partial(hyphen["high"])
        if low is None or high is None:
            return None
        return semver.hyphen(low, high)
    comparators: list[semver.Comparator] = []
    for token in _OPERATOR_SPACE.sub(r"\1", text).split():
        match = _COMPARATOR.fullmatch(token)
        if match is None or not semver.valid_label(match["pre"] or ""):
            return None
        version = Partial.of(match["major"], match["minor"], match["patch"], match["pre"])
        op = match["op"] or ""
        if op in ("~", "~>"):
            comparators.extend(semver.tilde(version))
        elif op == "^":
            comparators.extend(semver.caret(version))
        else:
            comparators.extend(semver.comparison(op, version))
    return tuple(comparators)


def _partial(text: str) -> Partial | None:
    match = _VERSION.fullmatch(text)
    if match is None or not semver.valid_label(match["pre"] or ""):
        return None
    return Partial.of(match["major"], match["minor"], match["patch"], match["pre"])
