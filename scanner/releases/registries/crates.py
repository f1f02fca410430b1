"""crates.io through its web API.

``GET {base}/api/v1/crates/{name}`` answers ``{"crate": {...}, "versions": [...], ...}``
(the crates.io OpenAPI description). The crate endpoint still lists every version, yanked
ones included, unpaginated: only ``/api/v1/crates/{name}/versions`` paginates, and only when
asked with ``per_page``. ``include=versions`` keeps the versions and leaves out keywords,
categories and download counts, which are not needed here. Each version carries ``num``,
``created_at``, ``yanked`` with ``yank_message``, and ``rust_version`` (the crate's
``rust-version``). ``crate.max_stable_version`` is crates.io's latest (deprecated in the
OpenAPI description, so ``crate.default_version`` stands in when it is missing).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any
from urllib.parse import quote

from scanner.errors import SourceUnavailable
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource
from scanner.releases.timestamps import parse_timestamp

DEFAULT_BASE_URL = "https://crates.io"
LABEL = "crates.io"


class CratesSource(RegistrySource):
    """The crates.io API at ``base_url``; every release is dated by the one document.

    ``session`` is the run's :class:`requests.Session` (a plain one with stackaudit's
    User-Agent when none is given: crates.io refuses requests without one).
    """

    ecosystem = "cargo"
    label = LABEL
    accept = "application/json"

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The crate's releases (``wanted`` is not needed: the document dates them all)."""
        url = f"{self.base_url}/api/v1/crates/{quote(name, safe='')}?include=versions"
        return parse_crate(self.client.get_json(url), name, url, self.label)


def parse_crate(document: object, name: str, url: str, label: str = LABEL) -> PackageHistory:
    """A :class:`PackageHistory` from a crate document; :class:`SourceUnavailable` naming
    ``url`` when it is not one (no ``crate`` object, no ``versions`` list, a version
    without its ``num``)."""
    crate = document.get("crate") if isinstance(document, dict) else None
    versions = document.get("versions") if isinstance(document, dict) else None
    if not isinstance(crate, dict) or not isinstance(versions, list):
        raise SourceUnavailable(f"{label}: {url} is not a crate document")
    releases = []
    for entry in versions:
        number = entry.get("num") if isinstance(entry, dict) else None
        if not isinstance(number, str) or not number:
            raise SourceUnavailable(f"{label}: {url} lists a version without its number")
        releases.append(_release(number, entry))
    latest = _text(crate.get("max_stable_version")) or _text(crate.get("default_version"))
    return PackageHistory(
        ecosystem="cargo",
        name=name,
        releases=tuple(releases),
        source=label,
        url=url,
        latest=latest,
        dated=all(release.published is not None for release in releases),
    )


def _release(number: str, entry: dict[str, Any]) -> Release:
    yanked = entry.get("yanked") is True
    rust = _text(entry.get("rust_version"))
    return Release(
        version=number,
        published=parse_timestamp(entry.get("created_at")),
        yanked=yanked,
        yanked_reason=_text(entry.get("yank_message")) if yanked else None,
        requires=(("rust", rust),) if rust else (),
    )


def _text(value: object) -> str | None:
    return (value.strip() or None) if isinstance(value, str) else None
