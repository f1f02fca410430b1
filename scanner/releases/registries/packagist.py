"""Packagist (or any Composer v2 repository) through its package metadata files.

``GET {base}/p2/{vendor}/{package}.json`` answers ``{"packages": {"vendor/package": [...]},
"minified": "composer/2.0"}``: the tagged versions of the package (branches are in the
``~dev`` file, not read here), newest first. Minified, the first entry is whole and every
later one holds only what changed from the entry before it, the value ``"__unset"`` removing a
key (composer/metadata-minifier's ``MetadataMinifier::expand``). Each version carries
``version``, ``version_normalized``, ``time`` and its ``require`` map; an abandoned package
carries ``abandoned`` (``true``, or the name of the package to use instead) on every version.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any
from urllib.parse import quote

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource
from scanner.releases.timestamps import parse_timestamp

DEFAULT_BASE_URL = "https://repo.packagist.org"
MINIFIED = "composer/2.0"
UNSET = "__unset"
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class PackagistSource(RegistrySource):
    """A Composer v2 repository at ``base_url`` (Packagist's is :data:`DEFAULT_BASE_URL`).

    ``session`` is the run's :class:`requests.Session` (a plain one is made when none is
    given). Safe to share between threads: it keeps no state but its :class:`SourceClient`.
    """

    ecosystem = "composer"
    label = "Packagist"
    accept = "application/json"

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The tagged versions of ``vendor/package``, all dated by the one file.

        A name that is not ``vendor/package`` cannot be on any Composer repository: it is
        an :class:`UnknownProduct` without a request.
        """
        vendor, slash, package = name.partition("/")
        if not (vendor and slash and package) or "/" in package:
            raise UnknownProduct(f"{self.label} has no package {name!r} (not vendor/package)")
        url = f"{self.base_url}/p2/{quote(vendor, safe='')}/{quote(package, safe='')}.json"
        return parse_metadata(self.client.get_json(url), name, url, self.label)


def parse_metadata(
    document: object, name: str, url: str, label: str = "Packagist"
) -> PackageHistory:
    """A :class:`PackageHistory` from a Composer v2 metadata file (minified or not).

    ``name`` is looked up in ``packages`` ignoring case. Raises :class:`SourceUnavailable`
    naming ``url`` when the document is not such a file or has no version list for ``name``.
    """
    if not isinstance(document, dict) or not isinstance(document.get("packages"), dict):
        raise SourceUnavailable(f"{label}: {url} is not a Composer metadata file")
    entries = next(
        (value for key, value in document["packages"].items() if str(key).lower() == name.lower()),
        None,
    )
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourceUnavailable(f"{label}: {url} has no version list for {name}")
    versions = expand(entries) if document.get("minified") == MINIFIED else entries
    releases = tuple(_release(version, url, label) for version in versions)
    abandoned = versions[0].get("abandoned") if versions else None
    replacement = abandoned if isinstance(abandoned, str) and abandoned else None
    return PackageHistory(
        ecosystem="composer",
        name=name,
        releases=releases,
        source=label,
        url=url,
        status="abandoned" if abandoned is True or replacement else None,
        replacement=replacement,
    )


def expand(versions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Composer's minified version list expanded: each entry inherits the keys of the one
    before it, a key whose value is ``"__unset"`` is dropped (values are replaced whole,
    never merged)."""
    expanded: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    for diff in versions:
        current = dict(current)
        for key, value in diff.items():
            if value == UNSET:
                current.pop(key, None)
            else:
                current[key] = value
        expanded.append(current)
    return expanded


def _release(version: dict[str, Any], url: str, label: str) -> Release:
    text = version.get("version")
    if not isinstance(text, str) or not text:
        raise SourceUnavailable(f"{label}: {url} has a version entry without a version")
    require = version.get("require")
    php = require.get("php") if isinstance(require, dict) else None
    return Release(
        version=text,
        published=_time(version.get("time")),
        requires=(("php", php),) if isinstance(php, str) and php else (),
    )


def _time(value: object) -> datetime | None:
    """A ``time`` value (Packagist writes RFC 3339; composer.json also allows a bare date and
    ``YYYY-MM-DD HH:MM:SS``) in UTC, taken as UTC when it names no zone (a bare date as its
    midnight)."""
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        return parse_timestamp(f"{value.strip()}T00:00:00Z")
    return parse_timestamp(value)
