"""Package-registry clients, one module per registry, each a
:class:`~scanner.releases.packages.PackageSource` reading the registry's own documents into a
:class:`~scanner.releases.packages.PackageHistory` (their shared constructor is
:class:`~scanner.releases.registries.base.RegistrySource`); and the one place that builds them.

Configuration names a registry by its source name (``crates``, ``go``...); the model names
packages by their ecosystem (the Package URL type). :data:`SOURCE_ECOSYSTEMS` joins the two.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from scanner.errors import SourceUnavailable
from scanner.releases.fetch import DEFAULT_TIMEOUT, SourceClient
from scanner.releases.locations import RegistryLocations
from scanner.releases.packages import PackageHistory, PackageSource

SOURCE_ECOSYSTEMS = {
    "pypi": "pypi",
    "npm": "npm",
    "crates": "cargo",
    "go": "golang",
    "rubygems": "gem",
    "maven": "maven",
    "packagist": "composer",
    "nuget": "nuget",
    "github": "githubactions",
}


def public_registry_urls() -> dict[str, str]:
    """The public registries' base URLs, by source name (PyPI's and npm's come from the
    user's package-manager configuration instead: see :mod:`scanner.releases.locations`)."""
    from scanner.releases.registries import (
        crates,
        github,
        goproxy,
        maven,
        nuget,
        packagist,
        rubygems,
    )

    return {
        "crates": crates.DEFAULT_BASE_URL,
        "go": goproxy.DEFAULT_BASE_URL,
        "rubygems": rubygems.DEFAULT_BASE_URL,
        "maven": maven.DEFAULT_BASE_URL,
        "packagist": packagist.DEFAULT_BASE_URL,
        "nuget": nuget.DEFAULT_BASE_URL,
        "github": github.DEFAULT_BASE_URL,
    }


class UnlocatedSource:
    """The stand-in for a registry whose location is unknown: every look-up fails, saying
    why, so that the packages it would have answered for are reported as unknown."""

    def __init__(self, ecosystem: str, label: str, reason: str) -> None:
        self.ecosystem = ecosystem
        self.label = label
        self.base_url = ""
        self.client = SourceClient(label, session=None)
        self.reason = reason

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """Always :class:`SourceUnavailable`: there is nowhere to ask."""
        raise SourceUnavailable(f"{self.label}: {self.reason}")


def make_sources(
    locations: RegistryLocations,
    session: Any,
    ecosystems: Collection[str],
    timeout: float = DEFAULT_TIMEOUT,
    github_token: str | None = None,
) -> dict[str, PackageSource]:
    """A client for each of ``ecosystems`` that has a registry, by ecosystem, all sharing
    ``session``; a registry without a location gets an :class:`UnlocatedSource`."""
    sources: dict[str, PackageSource] = {}
    for name, ecosystem in SOURCE_ECOSYSTEMS.items():
        if ecosystem not in ecosystems:
            continue
        location = locations.sources.get(name)
        if location is None or location.url is None:
            reason = location.origin if location else "no location configured"
            sources[ecosystem] = UnlocatedSource(ecosystem, name, reason)
            continue
        sources[ecosystem] = _make(name, location.url, session, timeout, locations, github_token)
    return sources


def _make(
    name: str,
    url: str,
    session: Any,
    timeout: float,
    locations: RegistryLocations,
    github_token: str | None,
) -> PackageSource:
    if name == "pypi":
        from scanner.releases.registries.pypi import PyPISource

        return PyPISource(url, session, timeout)
    if name == "npm":
        from scanner.releases.registries.npm import NpmSource

        return NpmSource(url, session, timeout, scopes=locations.npm_scopes)
    if name == "crates":
        from scanner.releases.registries.crates import CratesSource

        return CratesSource(url, session, timeout)
    if name == "go":
        from scanner.releases.registries.goproxy import GoProxySource

        return GoProxySource(url, session, timeout)
    if name == "rubygems":
        from scanner.releases.registries.rubygems import RubyGemsSource

        return RubyGemsSource(url, session, timeout)
    if name == "maven":
        from scanner.releases.registries.maven import MavenSource

        return MavenSource(url, session, timeout)
    if name == "packagist":
        from scanner.releases.registries.packagist import PackagistSource

        return PackagistSource(url, session, timeout)
    if name == "nuget":
        from scanner.releases.registries.nuget import NuGetSource

        return NuGetSource(url, session, timeout)
    from scanner.releases.registries.github import GitHubReleasesSource

    return GitHubReleasesSource(url, session, timeout, token=github_token)
