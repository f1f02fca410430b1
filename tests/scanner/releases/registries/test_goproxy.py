"""The Go module proxy client against a local proxy answering the GOPROXY protocol
(go.dev/ref/mod#goproxy-protocol): ``@v/list``, ``@v/{version}.info``, ``@latest`` and
``@v/{version}.mod``, with go.mod files using the documented ``Deprecated:`` comment and
``retract`` directive."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.registries.goproxy import (
    GoProxySource,
    Retraction,
    escape_path,
    is_pseudo_version,
    newest,
    parse_go_mod,
    proxy_from_goproxy,
)

MODULE = "github.com/Example/Lib"
BASE = "/github.com/!example/!lib"
PSEUDO = "v0.0.0-20230101120000-abcdef123456"
_text = {"content_type": "text/plain; charset=utf-8"}

GO_MOD = """\
// Deprecated: use github.com/Example/Lib/v2 instead;
// this module gets no more fixes.
module github.com/Example/Lib

go 1.21

require golang.org/x/text v0.14.0

// Published with a broken API.
retract v1.0.0

retract (
\t[v1.1.0, v1.1.1] // data race in Client.Do
)
"""


def _proxy(registry: FakeRegistry, go_mod: str = GO_MOD) -> None:
    registry.add(f"{BASE}/@v/list", "v1.0.0\nv1.1.0\nv1.1.1\nv1.2.0\nv1.3.0-rc.1\n", **_text)
    registry.add(f"{BASE}/@latest", {"Version": "v1.2.0", "Time": "2024-02-01T10:00:00Z"})
    registry.add(f"{BASE}/@v/v1.2.0.mod", go_mod, **_text)
    registry.add(
        f"{BASE}/@v/v1.1.0.info",
        {"Version": "v1.1.0", "Time": "2023-05-02T20:01:35.123456789Z"},
    )
    registry.add(f"{BASE}/@v/{PSEUDO}.info", {"Version": PSEUDO, "Time": "2023-01-01T12:00:00Z"})


def test_dates_the_wanted_versions_and_the_latest_once_each(fake_registry: FakeRegistry) -> None:
    _proxy(fake_registry)
    history = GoProxySource(fake_registry.url).history(
        MODULE, wanted=["v1.1.0", PSEUDO, "v9.9.9", "v1.2.0", "v1.1.0"]
    )
    releases = {release.version: release for release in history.releases}
    assert history.ecosystem == "golang"
    assert history.latest == "v1.2.0"
    assert not history.dated
    assert set(releases) == {"v1.0.0", "v1.1.0", "v1.1.1", "v1.2.0", "v1.3.0-rc.1", PSEUDO}
    assert releases["v1.2.0"].published == datetime(2024, 2, 1, 10, tzinfo=timezone.utc)
    assert releases["v1.1.0"].published == datetime(
        2023, 5, 2, 20, 1, 35, 123456, tzinfo=timezone.utc
    )
    assert releases[PSEUDO].published == datetime(2023, 1, 1, 12, tzinfo=timezone.utc)
    assert releases["v1.0.0"].published is None
    # Every document once; nothing for the latest's .info (dated by @latest) or v9.9.9.
    assert fake_registry.seen == {
        f"{BASE}/@v/list": 1,
        f"{BASE}/@latest": 1,
        f"{BASE}/@v/v1.2.0.mod": 1,
        f"{BASE}/@v/v1.1.0.info": 1,
        f"{BASE}/@v/{PSEUDO}.info": 1,
    }


def test_reads_deprecation_and_retractions_from_the_latest_go_mod(
    fake_registry: FakeRegistry,
) -> None:
    _proxy(fake_registry)
    history = GoProxySource(fake_registry.url).history(MODULE)
    releases = {release.version: release for release in history.releases}
    assert history.status == (
        "deprecated: use github.com/Example/Lib/v2 instead; this module gets no more fixes."
    )
    assert releases["v1.0.0"].yanked
    assert releases["v1.0.0"].yanked_reason == "Published with a broken API."
    assert releases["v1.1.0"].yanked_reason == "data race in Client.Do"
    assert releases["v1.1.1"].yanked_reason == "data race in Client.Do"
    assert not releases["v1.2.0"].yanked
    assert not releases["v1.3.0-rc.1"].yanked


def test_without_latest_endpoint_the_highest_release_is_latest(
    fake_registry: FakeRegistry,
) -> None:
    fake_registry.add("/example.com/m/@v/list", "v1.0.0\nv1.1.0\nv1.2.0-rc.1\n", **_text)
    fake_registry.add("/example.com/m/@latest", "not found", status=410, **_text)
    fake_registry.add("/example.com/m/@v/v1.1.0.info", {"Version": "v1.1.0", "Time": None})
    fake_registry.add("/example.com/m/@v/v1.1.0.mod", "module example.com/m\n", **_text)
    history = GoProxySource(fake_registry.url).history("example.com/m", wanted=["v1.1.0"])
    assert history.latest == "v1.1.0"
    assert history.status is None
    assert fake_registry.seen["/example.com/m/@v/v1.1.0.info"] == 1
    assert sum(fake_registry.seen.values()) == 4


def test_a_module_without_tags_has_its_pseudo_version_as_latest(
    fake_registry: FakeRegistry,
) -> None:
    fake_registry.add("/example.com/m/@v/list", "", **_text)
    fake_registry.add("/example.com/m/@latest", {"Version": PSEUDO, "Time": "2023-01-01T12:00:00Z"})
    fake_registry.add(f"/example.com/m/@v/{PSEUDO}.mod", "module example.com/m\n", **_text)
    history = GoProxySource(fake_registry.url).history("example.com/m", wanted=[PSEUDO])
    assert [release.version for release in history.releases] == [PSEUDO]
    assert history.latest == PSEUDO
    assert sum(fake_registry.seen.values()) == 3


def test_a_pseudo_version_the_proxy_cannot_resolve_is_left_out(
    fake_registry: FakeRegistry,
) -> None:
    _proxy(fake_registry)
    other = "v0.0.0-20200101000000-000000000000"
    history = GoProxySource(fake_registry.url).history(MODULE, wanted=[other])
    assert history.release(other) is None
    assert fake_registry.seen[f"{BASE}/@v/{other}.info"] == 1


def test_unknown_module(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct):
        GoProxySource(fake_registry.url).history("example.com/nothing")
    assert list(fake_registry.seen) == ["/example.com/nothing/@v/list"]


def test_a_module_with_no_version_at_all(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/example.com/m/@v/list", "", **_text)
    with pytest.raises(UnknownProduct, match=r"lists no version of example\.com/m"):
        GoProxySource(fake_registry.url).history("example.com/m")


def test_a_list_of_another_shape(fake_registry: FakeRegistry) -> None:
    fake_registry.add(f"{BASE}/@v/list", "<html><body>Sign in</body></html>", **_text)
    with pytest.raises(SourceUnavailable, match=f"{BASE}/@v/list is not a version list"):
        GoProxySource(fake_registry.url).history(MODULE)


def test_an_info_document_of_another_shape(fake_registry: FakeRegistry) -> None:
    _proxy(fake_registry)
    fake_registry.add(f"{BASE}/@latest", {"version": "v1.2.0"})
    with pytest.raises(SourceUnavailable, match="@latest is not a version info document"):
        GoProxySource(fake_registry.url).history(MODULE)


def test_malformed_json(fake_registry: FakeRegistry) -> None:
    _proxy(fake_registry)
    fake_registry.add(f"{BASE}/@latest", b'{"Version": "v1.2')
    with pytest.raises(SourceUnavailable, match="malformed JSON"):
        GoProxySource(fake_registry.url).history(MODULE)


def test_server_error(fake_registry: FakeRegistry) -> None:
    fake_registry.add(f"{BASE}/@v/list", "internal error", status=500, **_text)
    with pytest.raises(SourceUnavailable, match="answered 500"):
        GoProxySource(fake_registry.url).history(MODULE)


def test_a_connection_dropped_while_dating(fake_registry: FakeRegistry) -> None:
    _proxy(fake_registry)
    fake_registry.add(f"{BASE}/@v/v1.1.0.info", {"Version": "v1.1.0", "X": "x" * 4000}, drop=True)
    with pytest.raises(SourceUnavailable, match="dropped"):
        GoProxySource(fake_registry.url).history(MODULE, wanted=["v1.1.0"])


def test_timeout(fake_registry: FakeRegistry) -> None:
    fake_registry.add(f"{BASE}/@v/list", "v1.0.0\n", delay=0.5, **_text)
    with pytest.raises(SourceUnavailable, match="timed out"):
        GoProxySource(fake_registry.url, timeout=0.1).history(MODULE)


def test_go_mod_comments_attach_as_the_go_command_attaches_them() -> None:
    notes = parse_go_mod(
        """\
// not attached: a blank line follows

module example.com/m // Deprecated: use example.com/n

// line one
//
// more detail
retract v1.0.0 // suffix

retract "v1.0.1"

// block comment
retract (
\tv1.0.2

\t// inner comment
\t[v1.1.0-rc.1, v1.1.0]
\t[v1.2.0 , v1.2.5] // spaced
)
retract not-a-version
"""
    )
    assert notes.deprecated == "use example.com/n"
    assert notes.retractions == (
        Retraction("v1.0.0", "v1.0.0", "line one"),
        Retraction("v1.0.1", "v1.0.1", None),
        Retraction("v1.0.2", "v1.0.2", "block comment"),
        Retraction("v1.1.0-rc.1", "v1.1.0", "inner comment"),
        Retraction("v1.2.0", "v1.2.5", "spaced"),
    )


@pytest.mark.parametrize(
    ("comments", "message"),
    [
        ("// Deprecated: one\n// two\n", "one two"),
        ("//Deprecated:blah\n", "blah"),
        ("// Deprecated:\n", ""),
        ("// some other comment\n// Deprecated: blah\n", None),
        ("// intro\n//\n// Deprecated: a\n//\n// not part of it\n", "a"),
        ("// module m is Deprecated: blah\n", None),
        ("// deprecated: blah\n", None),
        ("// Deprecated: bell \x07 rings\n", "bell rings"),
    ],
)
def test_deprecation_is_a_paragraph_starting_with_deprecated(
    comments: str, message: str | None
) -> None:
    assert parse_go_mod(f"{comments}module m\n").deprecated == message


def test_a_deprecation_without_message(fake_registry: FakeRegistry) -> None:
    _proxy(fake_registry, go_mod="// Deprecated:\nmodule github.com/Example/Lib\n")
    assert GoProxySource(fake_registry.url).history(MODULE).status == "deprecated"


def test_retraction_intervals_compare_as_semantic_versions() -> None:
    interval = Retraction("v1.1.0-rc.1", "v1.10.0")
    assert interval.covers("v1.1.0-rc.2")
    assert interval.covers("v1.9.0")
    assert interval.covers("v1.10.0+incompatible")
    assert not interval.covers("v1.1.0-beta.1")
    assert not interval.covers("v1.10.1")
    assert not interval.covers("latest")


def test_newest_prefers_releases() -> None:
    assert newest(["v1.9.0", "v1.10.0", "v2.0.0-rc.1"]) == "v1.10.0"
    assert newest(["v1.0.0-rc.1", "v1.0.0-rc.10", "v1.0.0-rc.2"]) == "v1.0.0-rc.10"
    assert newest([]) is None


def test_escaping_and_pseudo_versions() -> None:
    assert escape_path("github.com/BurntSushi/toml") == "github.com/!burnt!sushi/toml"
    assert is_pseudo_version("v0.0.0-20191109021931-daa7c04131f5")
    assert is_pseudo_version("v1.2.4-0.20191109021931-daa7c04131f5")
    assert is_pseudo_version("v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible")
    assert not is_pseudo_version("v1.2.3")
    assert not is_pseudo_version("v1.2.3-rc.1")


@pytest.mark.parametrize(
    ("value", "proxy"),
    [
        ("https://proxy.golang.org,direct", "https://proxy.golang.org"),
        ("direct|https://goproxy.io/", "https://goproxy.io"),
        ("goproxy.cn,direct", "https://goproxy.cn"),
        (" http://127.0.0.1:3000 | https://b.example ", "http://127.0.0.1:3000"),
        ("off", None),
        ("direct,off,https://late.example", None),
        ("https://first.example,off", "https://first.example"),
        ("file:///srv/goproxy,https://b.example", "https://b.example"),
        ("/srv/goproxy,direct", None),
        ("direct", None),
        ("", None),
    ],
)
def test_proxy_from_goproxy(value: str, proxy: str | None) -> None:
    assert proxy_from_goproxy(value) == proxy
