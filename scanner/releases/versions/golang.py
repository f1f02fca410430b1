"""Go modules: semantic versions with a ``v``, and go.mod's minimum requirements.

Versions follow the Go Modules Reference ("Versions", "Pseudo-versions") and
golang.org/x/mod/semver: ``vMAJOR.MINOR.PATCH[-PRE][+BUILD]`` with the ``v`` required,
SemVer 2.0.0 precedence (:mod:`.semver`), and the shorthands ``vMAJOR`` and
``vMAJOR.MINOR`` (for ``.0.0`` and ``.0``) that the semver package accepts. ``+incompatible``
(a v2+ module without a go.mod) is build metadata and does not change the order.

Pseudo-versions need no rule of their own: ``v0.0.0-20191109021931-daa7c04131f5``,
``v1.2.4-0.20191109021931-daa7c04131f5`` and ``v1.2.4-pre.0.20191109021931-daa7c04131f5``
are SemVer pre-releases, so they sort before the release they lead to, and their fixed-width
UTC timestamps make plain SemVer precedence order them by commit time.

A go.mod ``require`` names a minimum: minimal version selection builds with the highest
minimum any module in the build requires, so ``admits`` is ``version >= requirement`` and
``pinned`` is the requirement itself (the version used unless something else needs a newer
one). Anything that is not a version (a local path, an empty string) cannot be read.
"""

from __future__ import annotations

import re

from scanner.releases.versions import semver
from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean
from scanner.releases.versions.semver import NUMBER

_SHORTHAND = re.compile(rf"v(?P<major>{NUMBER})(?:\.(?P<minor>{NUMBER}))?")


class GoScheme:
    """Module versions and go.mod requirements."""

    ecosystem = "golang"

    def parse(self, text: str) -> ParsedVersion | None:
        """A ``v``-prefixed semantic version, pseudo-versions included."""
        cleaned = clean(text)
        if cleaned is None or not cleaned.startswith("v"):
            return None
        shorthand = _SHORTHAND.fullmatch(cleaned)
        if shorthand is not None:
            major, minor = int(shorthand["major"]), int(shorthand["minor"] or 0)
            return ParsedVersion(
                key=semver.key(major, minor, 0), text=cleaned, major=major, minor=minor
            )
        return semver.parse_core(cleaned[1:], cleaned)

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether ``version`` is at least the minimum ``requirement``."""
        minimum = self.parse(requirement)
        return None if minimum is None else version >= minimum

    def pinned(self, requirement: str) -> str | None:
        """The required version itself: minimal version selection uses it."""
        minimum = self.parse(requirement)
        return None if minimum is None else minimum.text
