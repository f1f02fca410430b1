"""RegistrySource, the constructor the registry clients share: what it keeps, the client it
builds, and what each client makes of it (its ``Accept`` header and anything it adds), also
as :func:`~scanner.releases.registries.make_sources` builds them. No request is sent."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from scanner.releases.fetch import DEFAULT_TIMEOUT
from scanner.releases.http import USER_AGENT
from scanner.releases.locations import Location, RegistryLocations
from scanner.releases.registries import SOURCE_ECOSYSTEMS, make_sources
from scanner.releases.registries.base import RegistrySource
from scanner.releases.registries.crates import CratesSource
from scanner.releases.registries.github import API_VERSION, GitHubReleasesSource
from scanner.releases.registries.goproxy import GoProxySource
from scanner.releases.registries.maven import MavenSource
from scanner.releases.registries.npm import NpmSource
from scanner.releases.registries.nuget import NuGetSource
from scanner.releases.registries.packagist import PackagistSource
from scanner.releases.registries.pypi import PyPISource
from scanner.releases.registries.rubygems import RubyGemsSource

JSON = {"Accept": "application/json"}


class Example(RegistrySource):
    ecosystem = "example"
    label = "Example registry"
    accept = "application/example+json"


class Bare(RegistrySource):
    ecosystem = "bare"
    label = "Bare registry"


class Extended(RegistrySource):
    """A subclass that takes an argument of its own and keeps state."""

    ecosystem = "extended"
    label = "Extended registry"

    def __init__(self, base_url: str, session: Any = None, extra: str = "") -> None:
        self.accept = f"application/{extra}"
        super().__init__(base_url, session, timeout=3.0)
        self.extra = extra


def test_base_url_loses_its_trailing_slashes_and_the_client_is_the_registrys() -> None:
    session = requests.Session()
    source = Example("https://registry.example/api//", session, timeout=2.5)
    assert source.base_url == "https://registry.example/api"
    assert source.client.label == "Example registry"
    assert source.client.session is session
    assert source.client.timeout == 2.5
    assert source.client.headers == {"Accept": "application/example+json"}
    assert source.client.explain is None


def test_no_accept_sends_no_header_and_no_session_gets_a_plain_one() -> None:
    source = Bare("https://bare.example")
    assert source.base_url == "https://bare.example"
    assert source.client.headers == {}
    assert source.client.timeout == DEFAULT_TIMEOUT
    assert source.client.session.headers["User-Agent"] == USER_AGENT


def test_a_subclass_extends_the_constructor() -> None:
    source = Extended("https://extended.example/", extra="xml")
    assert (source.base_url, source.extra) == ("https://extended.example", "xml")
    assert source.client.headers == {"Accept": "application/xml"}
    assert source.client.timeout == 3.0
    assert Extended.accept is None  # the instance's value, not the class's


@pytest.mark.parametrize(
    ("source_class", "headers"),
    [
        (CratesSource, JSON),
        (RubyGemsSource, JSON),
        (PackagistSource, JSON),
        (NuGetSource, JSON),
        (NpmSource, JSON),
        (GoProxySource, {}),
        (MavenSource, {}),
        (
            GitHubReleasesSource,
            {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": API_VERSION},
        ),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else "",
)
def test_each_client_keeps_its_base_url_and_headers(
    source_class: type[RegistrySource], headers: dict[str, str]
) -> None:
    source = source_class("https://registry.example/root/", None)
    assert source.base_url == "https://registry.example/root"
    assert source.client.label == source.label
    assert source.client.headers == headers


def test_pypi_keeps_one_trailing_slash_and_prefers_json() -> None:
    from pypi_simple import ACCEPT_JSON_PREFERRED

    source = PyPISource("https://pypi.example/simple//", None, timeout=4.0)
    assert source.base_url == "https://pypi.example/simple/"
    assert source.accept == ACCEPT_JSON_PREFERRED
    assert source.client.headers == {"Accept": ACCEPT_JSON_PREFERRED}
    assert source.client.timeout == 4.0


def test_npm_scopes_lose_their_trailing_slashes() -> None:
    source = NpmSource("https://npm.example/", None, scopes={"@corp": "https://corp.example/"})
    assert source.scopes == {"@corp": "https://corp.example"}


def test_github_adds_the_token_and_reads_its_own_error_answers() -> None:
    source = GitHubReleasesSource("https://github.example/api/v3/", token="t0k3n")
    assert source.base_url == "https://github.example/api/v3"
    assert source.client.headers["Authorization"] == "Bearer t0k3n"
    assert source.client.explain is not None
    assert "Authorization" not in GitHubReleasesSource(source.base_url).client.headers


def test_make_sources_builds_every_registry_on_the_shared_constructor() -> None:
    session = requests.Session()
    urls = {name: f"https://{name}.example/" for name in SOURCE_ECOSYSTEMS}
    locations = RegistryLocations(
        {name: Location(url, "test") for name, url in urls.items()},
        npm_scopes={"@corp": "https://corp.example/"},
    )
    sources = make_sources(
        locations, session, SOURCE_ECOSYSTEMS.values(), timeout=7.0, github_token="t0k3n"
    )
    assert set(sources) == set(SOURCE_ECOSYSTEMS.values())
    for name, ecosystem in SOURCE_ECOSYSTEMS.items():
        source = sources[ecosystem]
        assert isinstance(source, RegistrySource)
        assert source.ecosystem == ecosystem
        expected = urls[name] if name == "pypi" else urls[name].rstrip("/")
        assert source.base_url == expected
        assert source.client.session is session
        assert source.client.timeout == 7.0
    npm = sources["npm"]
    assert isinstance(npm, NpmSource)
    assert npm.scopes == {"@corp": "https://corp.example"}
    assert sources["githubactions"].client.headers["Authorization"] == "Bearer t0k3n"
