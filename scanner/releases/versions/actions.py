"""GitHub Actions: the git refs a workflow's ``uses: owner/repo@ref`` names.

Actions publish releases as tags (``v4.1.2``) and keep moving tags for the newest release of
a major (``v4``) and sometimes of a minor (``v4.1``); GitHub's guidance for action authors
("Using release management for actions") describes that convention. A ref is read as loose
SemVer: an optional ``v``, one to three numbers (missing ones are 0, so ``v4`` is 4.0.0 and
``4`` is the same), an optional ``-pre-release`` and ``+build``, SemVer 2.0.0 precedence.
Branch names (``main``, ``release/v1``) and commit SHAs are not versions.

``admits`` reads the ref as "this release or a newer one of the same major", which is what a
moving major tag delivers: ``v4`` admits 4.0.0 and every later 4.x.y, ``v4.1`` admits 4.1.0
and later 4.x, and no ref admits another major; pre-releases are compared by order alone. A
branch, a SHA or the empty string cannot be read. ``pinned`` is the ref when it names one
release (all three numbers, ``v4.1.2`` or ``v1.0.0-beta.1``); a moving ``v4`` or ``v4.1``
pins nothing.
"""

from __future__ import annotations

import re

from scanner.releases.versions import semver
from scanner.releases.versions.base import ParsedVersion
from scanner.releases.versions.common import clean
from scanner.releases.versions.semver import LABEL

_REF = re.compile(
    rf"v?(?P<major>[0-9]+)(?:\.(?P<minor>[0-9]+)(?:\.(?P<patch>[0-9]+))?)?"
    rf"(?:-(?P<pre>{LABEL}))?(?:\+{LABEL})?"
)
_COMMIT = re.compile(r"[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")


class ActionsScheme:
    """Tags of GitHub Actions."""

    ecosystem = "githubactions"

    def parse(self, text: str) -> ParsedVersion | None:
        """A version tag; ``None`` for branch names and commit SHAs."""
        cleaned = clean(text)
        if cleaned is None or _COMMIT.fullmatch(cleaned):
            return None
        match = _REF.fullmatch(cleaned)
        if match is None:
            return None
        major, minor, patch = (int(match[group] or 0) for group in ("major", "minor", "patch"))
        pre = match["pre"] or ""
        return ParsedVersion(
            key=semver.key(major, minor, patch, pre),
            text=cleaned,
            prerelease=bool(pre),
            major=major,
            minor=minor,
        )

    def admits(self, requirement: str, version: ParsedVersion) -> bool | None:
        """Whether ``version`` is the release ``requirement`` names or a newer one of the
        same major."""
        ref = self.parse(requirement)
        if ref is None:
            return None
        return version.major == ref.major and version >= ref

    def pinned(self, requirement: str) -> str | None:
        """The ref when it names one release (``v4.1.2``), else ``None``."""
        cleaned = clean(requirement)
        if cleaned is None or _COMMIT.fullmatch(cleaned):
            return None
        match = _REF.fullmatch(cleaned)
        return cleaned if match is not None and match["patch"] is not None else None
