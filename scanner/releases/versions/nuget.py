"""NuGet: NuGet's SemVer 2.0.0 versions and PackageReference version ranges.

Versions, per NuGet's "Package versioning" (Microsoft Learn) and NuGet.Versioning: one to
four numbers ``Major.Minor.Patch[.Revision]`` (missing ones are 0, so ``1.0`` is
``1.0.0.0``; leading zeros are allowed), an optional ``-pre-release`` label and ``+metadata``.
Order: the four numbers, then a pre-release before its release, labels compared identifier
by identifier as SemVer does but without regard to case (``1.0.0-Beta`` equals
``1.0.0-beta``); metadata is ignored.

Ranges: a bare version is a minimum, inclusive (``1.0`` means ``>= 1.0``); interval notation
(:mod:`.intervals`, a single interval) gives ``[1.0,2.0)``, ``(,1.0]``, ``[1.0]`` and the like.
Floating versions (PackageReference) admit what floating can resolve to: ``*`` any stable
version, ``*-*`` any version, ``1.*`` / ``1.2.*`` / ``1.2.3.*`` stable versions with those
leading numbers (``1.*-*`` also their pre-releases), ``1.2.3-beta*`` (or ``1.2.3-*``) the
release 1.2.3 and its pre-releases whose label starts with ``beta`` (NuGet.Versioning
``FloatRange``); a floating bound inside an interval (``[1.0.*, 2.0)``) is not read. Range
bounds admit pre-releases by order alone, as ``VersionRange.Satisfies`` does. MSBuild
properties (``$(Version)``) and the empty string cannot be read.

``pinned`` is the version of ``[1.2.3]`` only: a bare version is a minimum, not a pin (the
restore picks the lowest version that exists at or above it).
"""

from __future__ import annotations

import re

from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean, first_two, identifiers
from scanner.releases.versions.intervals import parse_intervals

_LABEL = r"[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*"
_VERSION = re.compile(
    rf"(?P<numbers>[0-9]+(?:\.[0-9]+){{0,3}})(?:-(?P<pre>{_LABEL}))?(?:\+{_LABEL})?"
)
_NUMBER_FLOAT = re.compile(r"(?:(?P<numbers>[0-9]+(?:\.[0-9]+){0,2})\.)?\*(?P<pre>-\*)?")
_LABEL_FLOAT = re.compile(r"(?P<numbers>[0-9]+(?:\.[0-9]+){0,3})-(?P<prefix>[0-9A-Za-z.-]*)\*")


class NuGetScheme:
    """Versions and version ranges of NuGet feeds."""

    ecosystem = "nuget"

    def parse(self, text: str) -> ParsedVersion | None:
        """A NuGet version of one to four numbers, with an optional label and metadata."""
        cleaned = clean(text)
        match = None if cleaned is None else _VERSION.fullmatch(cleaned)
        if cleaned is None or match is None:
            return None
        numbers = _numbers(match["numbers"])
        pre = match["pre"] or ""
        label = (0, identifiers(pre, fold_case=True)) if pre else (1,)
        major, minor = first_two(numbers)
        return ParsedVersion(
            key=(*numbers, label), text=cleaned, prerelease=bool(pre), major=major, minor=minor
        )

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether ``version`` satisfies the range or floating version ``requirement``."""
        text = clean(requirement)
        if text is None:
            return None
        if text[0] in "[(":
            intervals = parse_intervals(text, self.parse)
            if intervals is None or len(intervals) != 1:
                return None
            return intervals[0].contains(version)
        if "*" in text:
            return _floating(text, version)
        minimum = self.parse(text)
        return None if minimum is None else version >= minimum

    def pinned(self, requirement: str) -> str | None:
        """The version of an exact range ``[1.2.3]``."""
        text = clean(requirement)
        if text is None or not (text.startswith("[") and text.endswith("]")) or "," in text:
            return None
        exact = self.parse(text[1:-1])
        return None if exact is None else exact.text


def _numbers(text: str) -> tuple[int, int, int, int]:
    numbers = [int(part) for part in text.split(".")]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def _floating(text: str, version: ParsedVersion) -> bool | None:
    """Whether ``version`` is one the floating version ``text`` can resolve to."""
    numbers = _NUMBER_FLOAT.fullmatch(text)
    if numbers is not None:
        if version.prerelease and not numbers["pre"]:
            return False
        if numbers["numbers"] is None:
            return True
        prefix = tuple(int(part) for part in numbers["numbers"].split("."))
        return version.key[: len(prefix)] == prefix
    labelled = _LABEL_FLOAT.fullmatch(text)
    if labelled is None:
        return None
    if version.key[:4] != _numbers(labelled["numbers"]):
        return False
    match = _VERSION.fullmatch(version.text)
    label = (match["pre"] or "") if match is not None else ""
    return not label or label.lower().startswith(labelled["prefix"].lower())
