"""RubyGems.org through its API v1.

``GET {base}/api/v1/versions/{name}.json`` answers a list with one entry per published gem
file: ``number``, ``platform`` (``ruby``, ``java``, ``x86_64-linux``...), ``created_at``,
``prerelease`` and ``ruby_version`` (the gemspec's ``required_ruby_version``, ``null`` when
unknown), as the RubyGems.org API guide documents. Several platforms share one number; they
make one release, published when its first file was. ``>= 0`` is what RubyGems records when
a gemspec requires no Ruby version, so it is not reported as a requirement.

Yanked versions are not in that list at all (RubyGems.org drops them from it), so a version
the caller uses but does not find here is either yanked or never published: the caller
decides what to make of it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from urllib.parse import quote

from scanner.errors import SourceUnavailable
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource
from scanner.releases.timestamps import parse_timestamp

DEFAULT_BASE_URL = "https://rubygems.org"
LABEL = "RubyGems.org"
_NO_REQUIREMENT = frozenset({">= 0", ">=0"})


class RubyGemsSource(RegistrySource):
    """The RubyGems.org API at ``base_url``; every listed release is dated by the one
    document. ``session`` is the run's :class:`requests.Session` (a plain one with
    stackaudit's User-Agent when none is given)."""

    ecosystem = "gem"
    label = LABEL
    accept = "application/json"

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The gem's published (not yanked) releases; ``wanted`` is not needed."""
        url = f"{self.base_url}/api/v1/versions/{quote(name, safe='')}.json"
        return parse_versions(self.client.get_json(url), name, url, self.label)


def parse_versions(document: object, name: str, url: str, label: str = LABEL) -> PackageHistory:
    """A :class:`PackageHistory` from a gem's versions list; :class:`SourceUnavailable`
    naming ``url`` when it is not one (not a list, an entry without its ``number``).

    RubyGems.org has no "latest" in this document, so ``latest`` is left to the version
    scheme; yanked releases are absent, not flagged.
    """
    if not isinstance(document, list):
        raise SourceUnavailable(f"{label}: {url} is not a list of gem versions")
    files: dict[str, list[dict[str, Any]]] = {}
    for entry in document:
        number = entry.get("number") if isinstance(entry, dict) else None
        if not isinstance(number, str) or not number.strip():
            raise SourceUnavailable(f"{label}: {url} lists a version without its number")
        files.setdefault(number.strip(), []).append(entry)
    releases = tuple(_release(number, group) for number, group in files.items())
    return PackageHistory(
        ecosystem="gem",
        name=name,
        releases=releases,
        source=label,
        url=url,
        dated=all(release.published is not None for release in releases),
    )


def _release(number: str, files: list[dict[str, Any]]) -> Release:
    times = [time for time in (parse_timestamp(entry.get("created_at")) for entry in files) if time]
    # The pure-Ruby gem speaks for the release; a platform gem only when there is none.
    ordered = sorted(files, key=lambda entry: entry.get("platform") not in (None, "ruby"))
    ruby = next(
        (
            requirement.strip()
            for entry in ordered
            if isinstance(requirement := entry.get("ruby_version"), str) and requirement.strip()
        ),
        None,
    )
    return Release(
        version=number,
        published=min(times, default=None),
        requires=(("ruby", ruby),) if ruby and ruby not in _NO_REQUIREMENT else (),
    )
