"""NuGet (nuget.org or any NuGet V3 feed) through the package metadata ("registration")
resource.

The feed's service index (``{base}/v3/index.json``: ``{"version", "resources": [{"@id",
"@type"}]}``) names the registration hive; ``RegistrationsBaseUrl/3.6.0`` is preferred, being
the one that includes SemVer 2.0.0 packages. ``GET {@id}{lower-case id}/index.json`` answers
``{"count", "items": [page, ...]}``; a page (``{"@id", "lower", "upper", "count"}``) carries
its leaves in ``items`` or, when it does not, is fetched from its ``@id``. Each leaf's
``catalogEntry`` has ``version``, ``published``, ``listed`` (listed when absent) and
``deprecation`` (``reasons``, ``message``, ``alternatePackage.id``). nuget.org dates unlisted
versions 1900-01-01, which is no date at all. Pages come in ascending version order, as their
``lower``/``upper`` bounds do, and so do the leaves within a page.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from typing import Any
from urllib.parse import quote

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.fetch import DEFAULT_TIMEOUT
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource
from scanner.releases.timestamps import parse_timestamp

DEFAULT_BASE_URL = "https://api.nuget.org"
REGISTRATION_TYPES = (
    "RegistrationsBaseUrl/3.6.0",
    "RegistrationsBaseUrl/3.4.0",
    "RegistrationsBaseUrl/3.0.0-rc",
    "RegistrationsBaseUrl/3.0.0-beta",
    "RegistrationsBaseUrl",
)
# The documented deprecation reasons, by their lower-case spelling (they are case-insensitive).
DEPRECATION_REASONS = {"legacy": "legacy", "criticalbugs": "critical bugs", "other": "other"}


class NuGetSource(RegistrySource):
    """A NuGet V3 feed whose service index is ``{base_url}/v3/index.json``.

    ``session`` is the run's :class:`requests.Session` (a plain one is made when none is
    given). The service index is read once per source object, by whichever thread needs it
    first; safe to share between threads.
    """

    ecosystem = "nuget"
    label = "NuGet"
    accept = "application/json"

    def __init__(
        self, base_url: str, session: Any = None, timeout: float = DEFAULT_TIMEOUT
    ) -> None:
        super().__init__(base_url, session, timeout)
        self._registrations: str | None = None
        self._lock = threading.Lock()

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """Every version of package ``name`` with its listing and deprecation, dated by the
        registration index and the pages it does not inline."""
        url = f"{self.registrations()}{quote(name.lower(), safe='')}/index.json"
        index = self.client.get_json(url)
        pages: dict[str, object] = {}
        for page_url in pages_to_fetch(index, url, self.label):
            try:
                pages[page_url] = self.client.get_json(page_url)
            except UnknownProduct as error:
                raise SourceUnavailable(
                    f"{self.label}: registration page {page_url} is missing"
                ) from error
        return parse_registration(index, pages, name, url, self.label)

    def registrations(self) -> str:
        """The registration hive's base URL (ending in ``/``), from the service index read
        on first use; a failure is not kept, so a later call asks again."""
        with self._lock:
            if self._registrations is None:
                url = f"{self.base_url}/v3/index.json"
                try:
                    document = self.client.get_json(url)
                except UnknownProduct as error:
                    raise SourceUnavailable(
                        f"{self.label} has no service index at {url}"
                    ) from error
                self._registrations = parse_service_index(document, url, self.label)
            return self._registrations


def parse_service_index(document: object, url: str, label: str = "NuGet") -> str:
    """The registration base URL (with a trailing ``/``) a service index names, the most
    capable ``RegistrationsBaseUrl`` version first. :class:`SourceUnavailable` naming
    ``url`` when the document is not a service index or names no registration hive."""
    resources = document.get("resources") if isinstance(document, dict) else None
    if not isinstance(resources, list):
        raise SourceUnavailable(f"{label}: {url} is not a NuGet service index")
    found: dict[str, str] = {}
    for resource in resources:
        if not isinstance(resource, dict):
            continue
        kind, target = resource.get("@type"), resource.get("@id")
        if isinstance(kind, str) and isinstance(target, str) and target:
            found.setdefault(kind, target)
    kinds = [*REGISTRATION_TYPES, *sorted(k for k in found if k.startswith("RegistrationsBaseUrl"))]
    for kind in kinds:
        if kind in found:
            return found[kind] if found[kind].endswith("/") else found[kind] + "/"
    raise SourceUnavailable(f"{label}: the service index {url} names no registration resource")


def pages_to_fetch(index: object, url: str, label: str = "NuGet") -> list[str]:
    """The ``@id`` of every page of a registration index that does not carry its leaves;
    :class:`SourceUnavailable` naming ``url`` when the index does not have that shape."""
    return [page["@id"] for page in _pages(index, url, label) if "items" not in page]


def parse_registration(
    index: object,
    pages: Mapping[str, object],
    name: str,
    url: str,
    label: str = "NuGet",
) -> PackageHistory:
    """A :class:`PackageHistory` from a registration index and the pages it does not inline
    (``pages``: each fetched document by its ``@id``).

    An unlisted version is yanked ("unlisted"); a deprecation becomes the version's
    ``deprecated`` text. The package's status is the deprecation of its newest listed stable
    version (or newest listed version, when none is stable), its replacement that
    deprecation's alternate package. :class:`SourceUnavailable` naming ``url`` (or the page)
    when a document does not have the documented shape.
    """
    leaves: list[object] = []
    for page in _pages(index, url, label):
        if "items" in page:
            items, where = page["items"], url
        else:
            where = page["@id"]
            document = pages.get(where)
            items = document.get("items") if isinstance(document, dict) else None
        if not isinstance(items, list):
            raise SourceUnavailable(f"{label}: registration page {where} has no items")
        leaves.extend(items)
    entries = [_catalog_entry(leaf, url, label) for leaf in leaves]
    releases = tuple(_release(entry) for entry in entries)
    listed = [i for i, release in enumerate(releases) if not release.yanked]
    stable = [i for i in listed if "-" not in releases[i].version.split("+", 1)[0]]
    status = replacement = None
    if stable or listed:
        newest = (stable or listed)[-1]
        if releases[newest].deprecated:
            status = f"deprecated: {releases[newest].deprecated}"
            replacement = _alternate(entries[newest].get("deprecation"))
    return PackageHistory(
        ecosystem="nuget",
        name=name,
        releases=releases,
        source=label,
        url=url,
        status=status,
        replacement=replacement,
    )


def _pages(index: object, url: str, label: str) -> Iterable[dict[str, Any]]:
    pages = index.get("items") if isinstance(index, dict) else None
    if not isinstance(pages, list):
        raise SourceUnavailable(f"{label}: {url} is not a NuGet registration index")
    for page in pages:
        if not isinstance(page, dict) or (
            "items" not in page and not isinstance(page.get("@id"), str)
        ):
            raise SourceUnavailable(f"{label}: {url} has a registration page of no known shape")
        yield page


def _catalog_entry(leaf: object, url: str, label: str) -> dict[str, Any]:
    entry = leaf.get("catalogEntry") if isinstance(leaf, dict) else None
    if not isinstance(entry, dict) or not isinstance(entry.get("version"), str):
        raise SourceUnavailable(f"{label}: {url} has a registration leaf without a version")
    return entry


def _release(entry: dict[str, Any]) -> Release:
    unlisted = entry.get("listed") is False
    return Release(
        version=entry["version"],
        published=_time(entry.get("published")),
        yanked=unlisted,
        yanked_reason="unlisted" if unlisted else None,
        deprecated=_deprecation(entry.get("deprecation")),
    )


def _deprecation(deprecation: object) -> str | None:
    """A deprecation object as text: ``This package is broken! (critical bugs); use Other``.

    Reasons outside the documented set are ignored (matched ignoring case); with no known
    reason the reason is "other", as the protocol says.
    """
    if not isinstance(deprecation, dict):
        return None
    reasons = deprecation.get("reasons")
    known = [
        DEPRECATION_REASONS[reason.lower()]
        for reason in (reasons if isinstance(reasons, list) else [])
        if isinstance(reason, str) and reason.lower() in DEPRECATION_REASONS
    ]
    text = ", ".join(dict.fromkeys(known)) or "other"
    message = deprecation.get("message")
    if isinstance(message, str) and message.strip():
        text = f"{message.strip()} ({text})"
    alternate = _alternate(deprecation)
    return f"{text}; use {alternate}" if alternate else text


def _alternate(deprecation: object) -> str | None:
    alternate = deprecation.get("alternatePackage") if isinstance(deprecation, dict) else None
    package = alternate.get("id") if isinstance(alternate, dict) else None
    return package if isinstance(package, str) and package else None


def _time(value: object) -> datetime | None:
    """An ISO 8601 ``published`` value in UTC; ``None`` for nuget.org's 1900 placeholder
    (``1900-01-01T00:00:00+00:00``, the date of every unlisted version) and for anything
    unreadable."""
    moment = parse_timestamp(value)
    return moment if moment is not None and moment.year > 1900 else None
