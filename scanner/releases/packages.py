"""What a package registry says about one package, in one shape for every registry.

Each registry client (:mod:`scanner.releases.registries`) turns its own document into a
:class:`PackageHistory`: the releases with their publication times and flags, the registry's
own idea of "latest" when it has one, and whether the whole package is deprecated or
archived. The findings (:mod:`scanner.releases.freshness`) are computed from this alone.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from scanner.releases.fetch import SourceClient


@dataclass(frozen=True, slots=True)
class Release:
    """One published version.

    ``published`` is timezone-aware (UTC) or ``None`` when the registry does not say (or
    was not asked: see :attr:`PackageHistory.dated`). ``yanked`` covers every registry's
    word for a release withdrawn but still resolvable (yanked, unlisted, retracted), with the
    reason when one was given. ``deprecated`` is a deprecation message for this version
    (npm and NuGet deprecate versions one by one). ``requires`` lists what the release needs
    of its platform as ``(what, requirement)``: ``("python", ">=3.10")`` from
    ``requires-python``, ``("node", ">=18")`` from ``engines``, ``("rust", "1.70")`` from
    ``rust-version``.
    """

    version: str
    published: datetime | None = None
    yanked: bool = False
    yanked_reason: str | None = None
    deprecated: str | None = None
    requires: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PackageHistory:
    """A package's releases as one registry knows them.

    ``releases`` may come in any order (the version scheme orders them). ``latest`` is the
    version the registry itself calls latest (npm's ``dist-tags.latest``, Maven's
    ``<release>``, crates.io's ``max_stable_version``) when it has such a notion. ``status``
    says the whole package is deprecated, archived or abandoned, with the registry's words
    (``"deprecated: use urllib3"``); ``replacement`` names a successor when the registry
    gives one. ``dated`` is false when only some releases carry a publication time because
    the registry needs one request per version for it (Go, Maven): then the client dates at
    least the versions it was asked for and the one it reports as ``latest``.
    """

    ecosystem: str
    name: str
    releases: tuple[Release, ...]
    source: str
    url: str
    latest: str | None = None
    status: str | None = None
    replacement: str | None = None
    dated: bool = True

    def release(self, version: str) -> Release | None:
        """The release named exactly ``version``, if the registry lists it."""
        for release in self.releases:
            if release.version == version:
                return release
        return None


class PackageSource(Protocol):
    """A registry client: one per ecosystem, sharing the run's cached session.

    ``ecosystem`` is the Package URL type it serves, ``label`` its name for people
    (``"crates.io"``), ``base_url`` where it was asked, ``client`` the
    :class:`~scanner.releases.fetch.SourceClient` its requests go through (which knows how
    old the answers used were). Implementations are safe to call from several threads at
    once.
    """

    ecosystem: str
    label: str
    base_url: str
    client: SourceClient

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The history of package ``name`` (normalised as :mod:`scanner.ecosystems` does).

        ``wanted`` are versions the caller needs publication times for; registries that
        date every release in one document ignore it. Raises
        :class:`~scanner.errors.UnknownProduct` when the registry has no such package and
        :class:`~scanner.errors.SourceUnavailable` (saying why) when it cannot answer.
        """
        ...
