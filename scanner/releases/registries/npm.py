"""The npm registry's package documents (the CommonJS registry format npm documents).

``GET {registry}/{name}`` (a scoped name's slash escaped: ``@scope%2Fname``) answers the full
document: ``versions`` (each version's manifest, with ``deprecated`` and ``engines``),
``time`` (publication time per version, plus ``created``/``modified``, and ``unpublished``
for a package taken down) and ``dist-tags`` (``latest``). The abbreviated install document
has no publication times, so the full one is asked for. A package is deprecated as a whole
when the version ``latest`` points at is.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from scanner.errors import SourceUnavailable
from scanner.releases.fetch import DEFAULT_TIMEOUT
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource
from scanner.releases.timestamps import parse_timestamp


class NpmSource(RegistrySource):
    """The npm registry at ``base_url``; packages of a scope in ``scopes`` (``"@corp"``) are
    asked of that scope's registry instead."""

    ecosystem = "npm"
    label = "npm registry"
    accept = "application/json"

    def __init__(
        self,
        base_url: str,
        session: Any,
        timeout: float = DEFAULT_TIMEOUT,
        scopes: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(base_url, session, timeout)
        self.scopes = {scope: url.rstrip("/") for scope, url in (scopes or {}).items()}

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The package's releases, all dated by the one document."""
        scope = name.split("/", 1)[0] if name.startswith("@") else None
        base = self.scopes.get(scope, self.base_url) if scope else self.base_url
        url = f"{base}/{name.replace('/', '%2F')}"
        return parse_package_document(self.client.get_json(url), name, url, self.label)


def parse_package_document(
    document: object, name: str, url: str, label: str = "npm registry"
) -> PackageHistory:
    """A :class:`PackageHistory` from an npm package document; :class:`SourceUnavailable`
    naming ``url`` when the document does not have that shape."""
    if not isinstance(document, dict):
        raise SourceUnavailable(f"{label}: {url} is not a package document")
    times = _mapping(document.get("time"))
    versions = document.get("versions", {})
    if not isinstance(versions, dict):
        raise SourceUnavailable(f"{label}: {url} has no versions object")
    if not versions and isinstance(times.get("unpublished"), dict):
        return PackageHistory("npm", name, (), label, url, status="unpublished")
    tags = _mapping(document.get("dist-tags"))
    tagged = tags.get("latest")
    latest = tagged if isinstance(tagged, str) else None
    releases = tuple(
        _release(version, manifest, times.get(version)) for version, manifest in versions.items()
    )
    newest = next((r for r in releases if r.version == latest), None)
    status = f"deprecated: {newest.deprecated}" if newest and newest.deprecated else None
    return PackageHistory(
        ecosystem="npm",
        name=name,
        releases=releases,
        source=label,
        url=url,
        latest=latest,
        status=status,
        dated=all(release.published for release in releases),
    )


def _mapping(value: object) -> dict[str, object]:
    return value if isinstance(value, dict) else {}


def _release(version: str, manifest: object, published: object) -> Release:
    manifest = manifest if isinstance(manifest, dict) else {}
    deprecated = manifest.get("deprecated")
    engines = manifest.get("engines")
    requires = (
        tuple((str(k), str(v)) for k, v in engines.items() if isinstance(v, str))
        if isinstance(engines, dict)
        else ()
    )
    return Release(
        version=version,
        published=parse_timestamp(published),
        deprecated=deprecated if isinstance(deprecated, str) and deprecated else None,
        requires=requires,
    )
