"""PyPI: PEP 440 versions and specifiers, through the ``packaging`` library, plus the
constraint syntax Poetry and Pipfile write in the same manifests.

Versions and their order are ``packaging.version.Version`` (epochs, pre-, post- and
dev-releases, local versions; ``1.0 == 1.0.0``); the key holds the ``Version`` itself.
``prerelease`` is PEP 440's: alpha, beta, candidate and dev releases.

Requirements are PEP 440 specifier sets (``>=3.8,<4``, ``~=2.2``, ``==2.*``, ``!=1.5``),
read by ``packaging.specifiers.SpecifierSet``. Poetry's own forms (python-poetry.org,
"Dependency specification") are translated to specifiers first: ``^1.2.3`` keeps the
left-most non-zero number (``>=1.2.3,<2``; ``^0.2.3`` is ``>=0.2.3,<0.3``), ``~1.2.3`` is
``>=1.2.3,<1.3`` (``~1`` is ``>=1,<2``), a bare ``1.2.3`` is ``==1.2.3``, a bare ``1.2.*`` is
``==1.2.*``, ``*`` (also Pipfile's) and the empty string are any version, and ``||`` (or
``|``) joins alternatives.

Pre-releases follow PEP 440 ("Handling of pre-releases"): a specifier admits one only when
one of its versions is itself a pre-release (``>=2.0b1``), whatever ``packaging`` release is
installed (its default changed in version 26). ``pinned`` is the version of a requirement that
is a single ``==`` (without a wildcard) or ``===``.
"""

from __future__ import annotations

import re

from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.version import InvalidVersion, Version

from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean, first_two

_PEP440_OPERATOR = re.compile(r"===|==|!=|~=|<=|>=|<|>")
_ALTERNATIVES = re.compile(r"\|\|?")


class PyPIScheme:
    """Versions and requirements of the Python Package Index."""

    ecosystem = "pypi"

    def parse(self, text: str) -> ParsedVersion | None:
        """A PEP 440 version."""
        cleaned = clean(text)
        if cleaned is None:
            return None
        try:
            version = Version(cleaned)
        except InvalidVersion:
            return None
        major, minor = first_two(version.release)
        return ParsedVersion(
            key=(version,),
            text=cleaned,
            prerelease=version.is_prerelease,
            major=major,
            minor=minor,
        )

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether the specifiers (or Poetry constraint) ``requirement`` allow ``version``."""
        alternatives = _alternatives(requirement)
        if alternatives is None:
            return None
        candidate: Version = version.key[0]
        return any(_contains(specifiers, candidate) for specifiers in alternatives)

    def pinned(self, requirement: str) -> str | None:
        """The version of a lone ``==1.2.3`` (or ``===``, or Poetry's bare ``1.2.3``)."""
        alternatives = _alternatives(requirement)
        if alternatives is None or len(alternatives) != 1 or len(alternatives[0]) != 1:
            return None
        (specifier,) = alternatives[0]
        if specifier.operator in ("==", "===") and not specifier.version.endswith(".*"):
            return specifier.version
        return None


def _alternatives(requirement: str) -> list[SpecifierSet] | None:
    """The specifier sets any of which the requirement accepts, or ``None``."""
    if not requirement.strip():
        return [SpecifierSet()]
    text = clean(requirement)
    if text is None:
        return None
    alternatives: list[SpecifierSet] = []
    for alternative in _ALTERNATIVES.split(text):
        specifiers: list[str] = []
        for clause in alternative.split(","):
            translated = _clause(clause.strip())
            if translated is None:
                return None
            specifiers.extend(translated)
        try:
            alternatives.append(SpecifierSet(",".join(specifiers)))
        except InvalidSpecifier:
            return None
    return alternatives


def _clause(clause: str) -> list[str] | None:
    """One comma-separated clause as PEP 440 specifiers."""
    if not clause:
        return None
    if clause == "*":
        return []
    if _PEP440_OPERATOR.match(clause):
        return [clause]
    if clause[0] in "^~":
        return _poetry_range(clause[1:].strip(), caret=clause[0] == "^")
    return [f"=={clause}"]


def _poetry_range(text: str, *, caret: bool) -> list[str] | None:
    """Poetry's ``^`` (``caret``) or ``~`` range from ``text`` up to the next release that
    changes the number it keeps."""
    try:
        version = Version(text)
    except InvalidVersion:
        return None
    release = version.release
    if caret:
        position = next((i for i, number in enumerate(release) if number), len(release) - 1)
    else:
        position = min(1, len(release) - 1)
    upper = ".".join(str(number) for number in (*release[:position], release[position] + 1))
    return [f">={version}", f"<{upper}"]


def _contains(specifiers: SpecifierSet, version: Version) -> bool:
    if version.is_prerelease and not any(_names_prerelease(s) for s in specifiers):
        return False
    return specifiers.contains(version, prereleases=True)


def _names_prerelease(specifier: Specifier) -> bool:
    try:
        return Version(specifier.version.removesuffix(".*")).is_prerelease
    except InvalidVersion:
        return False
