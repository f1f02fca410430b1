"""The GitHub releases client (GitHub Actions) against a local stand-in of GitHub's REST API
serving the documented answers: a repository, its releases, its tags, a commit, and the
rate-limit answer (403 or 429 with ``X-RateLimit-Remaining: 0``)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import requests
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.http import HttpSettings, make_session
from scanner.releases.registries.github import (
    GitHubReleasesSource,
    commit_time,
    parse_releases,
    parse_tags,
    rate_limit_message,
)

DATA = Path(__file__).parent / "data"
TOKEN = "ghp_s3cr3tT0k3nV4lu3ThatMustNeverLeak000"
CHECKOUT = "/repos/actions/checkout"
TOOL = "/repos/example/setup-tool"
FAR_RESET = "4102444800"  # 2100-01-01 00:00:00 UTC


class RecordingSession:
    """A plain session that remembers the URL and headers of every request."""

    def __init__(self) -> None:
        self.session = requests.Session()
        self.sent: list[tuple[str, dict[str, str]]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.sent.append((url, dict(kwargs.get("headers") or {})))
        return self.session.request(method, url, **kwargs)


def _data(file: str) -> Any:
    return json.loads((DATA / file).read_text())


def _source(
    registry: FakeRegistry, token: str | None = None, session: Any = None, timeout: float = 5.0
) -> GitHubReleasesSource:
    return GitHubReleasesSource(registry.url, session=session, timeout=timeout, token=token)


def _checkout(registry: FakeRegistry) -> FakeRegistry:
    registry.add(CHECKOUT, _data("github-repository.json"))
    registry.add(f"{CHECKOUT}/releases?per_page=100", _data("github-releases.json"))
    return registry


def _setup_tool(
    registry: FakeRegistry, releases: list[dict[str, object]] | None = None
) -> FakeRegistry:
    registry.add(TOOL, {**_data("github-repository.json"), "full_name": "example/setup-tool"})
    registry.add(f"{TOOL}/releases?per_page=100", releases or [])
    registry.add(f"{TOOL}/tags?per_page=100", _data("github-tags.json"))
    registry.add(
        f"{TOOL}/commits/5a4ac9002d0be2fb38bd78e4b4dbde5606d7042f",
        {
            "sha": "5a4ac9002d0be2fb38bd78e4b4dbde5606d7042f",
            "commit": {
                "author": {"name": "A. Author", "date": "2024-01-09T10:00:00Z"},
                "committer": {"name": "GitHub", "date": "2024-01-10T12:30:00Z"},
                "message": "Release 2.1.0",
            },
        },
    )
    return registry


def _limited(registry: FakeRegistry, path: str, status: int = 403, reset: str = FAR_RESET) -> None:
    registry.add(
        path,
        {"message": "API rate limit exceeded for 203.0.113.9.", "documentation_url": "https://x"},
        status=status,
        headers={
            "X-RateLimit-Limit": "60",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Used": "60",
            "X-RateLimit-Reset": reset,
            "X-RateLimit-Resource": "core",
        },
    )


def test_reads_releases_leaving_out_drafts(fake_registry: FakeRegistry) -> None:
    history = _source(_checkout(fake_registry)).history("actions/checkout")
    assert [release.version for release in history.releases] == ["v4.1.4", "v4.1.4-rc.1", "v3.6.0"]
    assert history.releases[0].published == datetime(2024, 4, 24, 10, 11, 16, tzinfo=timezone.utc)
    assert (history.ecosystem, history.source, history.status, history.dated) == (
        "githubactions",
        "GitHub",
        None,
        True,
    )
    assert history.url == f"{fake_registry.url}{CHECKOUT}/releases?per_page=100"
    assert fake_registry.seen[f"{CHECKOUT}/tags?per_page=100"] == 0


def test_an_action_in_a_subfolder_is_released_with_its_repository(
    fake_registry: FakeRegistry,
) -> None:
    history = _source(_checkout(fake_registry)).history("actions/checkout/sub/action")
    assert history.name == "actions/checkout/sub/action"
    assert len(history.releases) == 3
    assert fake_registry.seen[f"{CHECKOUT}/releases?per_page=100"] == 1


def test_an_archived_repository(fake_registry: FakeRegistry) -> None:
    _checkout(fake_registry)
    fake_registry.add(CHECKOUT, {**_data("github-repository.json"), "archived": True})
    assert _source(fake_registry).history("actions/checkout").status == "archived"


def test_headers_and_token_are_sent_and_the_token_stays_out_of_urls(
    fake_registry: FakeRegistry,
) -> None:
    session = RecordingSession()
    _source(_checkout(fake_registry), token=TOKEN, session=session).history("actions/checkout")
    assert len(session.sent) == 2
    for url, headers in session.sent:
        assert TOKEN not in url
        assert headers["Authorization"] == f"Bearer {TOKEN}"
        assert headers["Accept"] == "application/vnd.github+json"
        assert headers["X-GitHub-Api-Version"] == "2022-11-28"


def test_no_authorization_without_a_token(fake_registry: FakeRegistry) -> None:
    session = RecordingSession()
    _source(_checkout(fake_registry), session=session).history("actions/checkout")
    assert all("Authorization" not in headers for _, headers in session.sent)


def test_without_releases_the_tags_are_read_and_the_wanted_ones_dated(
    fake_registry: FakeRegistry,
) -> None:
    source = _source(_setup_tool(fake_registry))
    history = source.history("example/setup-tool", wanted={"v2"})
    releases = {release.version: release for release in history.releases}
    assert list(releases) == ["v2", "v2.1.0", "v1.0.0"]
    assert history.dated is False
    assert history.url == f"{fake_registry.url}{TOOL}/tags?per_page=100"
    assert releases["v2"].published == datetime(2024, 1, 10, 12, 30, tzinfo=timezone.utc)
    assert releases["v2.1.0"].published is None and releases["v1.0.0"].published is None
    commits = [path for path in fake_registry.seen if path.startswith(f"{TOOL}/commits/")]
    assert sum(fake_registry.seen[path] for path in commits) == 1


def test_tags_of_one_commit_are_dated_with_one_request(fake_registry: FakeRegistry) -> None:
    source = _source(_setup_tool(fake_registry))
    history = source.history("example/setup-tool", wanted={"v2", "v2.1.0"})
    assert [release.published is not None for release in history.releases] == [True, True, False]
    assert fake_registry.seen[f"{TOOL}/commits/5a4ac9002d0be2fb38bd78e4b4dbde5606d7042f"] == 1


def test_only_drafts_count_as_no_releases(fake_registry: FakeRegistry) -> None:
    drafts = [{"tag_name": "v3.0.0", "draft": True, "prerelease": False, "published_at": None}]
    history = _source(_setup_tool(fake_registry, drafts)).history("example/setup-tool")
    assert [release.version for release in history.releases] == ["v2", "v2.1.0", "v1.0.0"]
    assert all(release.published is None for release in history.releases)


def test_a_tag_whose_commit_cannot_be_read_stays_undated(fake_registry: FakeRegistry) -> None:
    _setup_tool(fake_registry)
    fake_registry.add(f"{TOOL}/commits/5a4ac9002d0be2fb38bd78e4b4dbde5606d7042f", "x", status=500)
    history = _source(fake_registry).history("example/setup-tool", wanted={"v2", "v1.0.0"})
    assert all(release.published is None for release in history.releases)
    assert fake_registry.seen[f"{TOOL}/commits/c5b97d5ae6c19d5c5df71a34c7fbeeda2479ccbc"] == 0


@pytest.mark.parametrize("status", [403, 429])
def test_an_exhausted_rate_limit_says_when_it_resets(
    fake_registry: FakeRegistry, status: int
) -> None:
    _checkout(fake_registry)
    _limited(fake_registry, f"{CHECKOUT}/releases?per_page=100", status)
    source = _source(fake_registry, session=make_session(HttpSettings(retries=0)))
    with pytest.raises(SourceUnavailable) as raised:
        source.history("actions/checkout")
    message = str(raised.value)
    assert "rate limit" in message and "exhausted" in message
    assert "2100-01-01 00:00:00 UTC" in message
    assert "GITHUB_TOKEN" in message


def test_with_a_token_the_rate_limit_message_keeps_it_secret(fake_registry: FakeRegistry) -> None:
    _limited(fake_registry, CHECKOUT)
    with pytest.raises(SourceUnavailable) as raised:
        _source(fake_registry, token=TOKEN).history("actions/checkout")
    message = str(raised.value)
    assert "rate limit for the token is exhausted" in message
    assert TOKEN not in message and TOKEN not in repr(raised.value)
    assert TOKEN not in str(raised.value.__cause__ or "")


def test_after_an_exhausted_rate_limit_nothing_is_asked_until_the_reset(
    fake_registry: FakeRegistry,
) -> None:
    _checkout(fake_registry)
    _limited(fake_registry, CHECKOUT)
    source = _source(fake_registry)
    for _ in range(3):
        with pytest.raises(SourceUnavailable, match="exhausted"):
            source.history("actions/checkout")
    assert fake_registry.seen[CHECKOUT] == 1


def test_once_the_limit_has_reset_the_source_asks_again(fake_registry: FakeRegistry) -> None:
    _checkout(fake_registry)
    _limited(fake_registry, CHECKOUT, reset="1")
    source = _source(fake_registry)
    with pytest.raises(SourceUnavailable, match="1970-01-01 00:00:01 UTC"):
        source.history("actions/checkout")
    _checkout(fake_registry)
    assert len(source.history("actions/checkout").releases) == 3


@pytest.mark.parametrize(
    ("status", "headers", "expected"),
    [
        (403, {"x-ratelimit-remaining": "0"}, "reset time not given"),
        (429, {"Retry-After": "30"}, "secondary rate limit was hit (retry after 30 seconds)"),
        (403, {"X-RateLimit-Remaining": "12"}, None),
        (500, {"X-RateLimit-Remaining": "0"}, None),
        (404, {}, None),
    ],
)
def test_rate_limit_message(status: int, headers: dict[str, str], expected: str | None) -> None:
    message = rate_limit_message(status, headers)
    assert message == expected if expected is None else expected in (message or "")


def test_a_forbidden_answer_that_is_not_the_rate_limit(fake_registry: FakeRegistry) -> None:
    fake_registry.add(CHECKOUT, {"message": "Forbidden"}, status=403)
    with pytest.raises(SourceUnavailable, match="GitHub answered 403"):
        _source(fake_registry).history("actions/checkout")


def test_unknown_repository(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct):
        _source(fake_registry).history("nobody/nothing")


@pytest.mark.parametrize("name", ["checkout", "actions/", "/checkout"])
def test_a_name_without_a_repository(fake_registry: FakeRegistry, name: str) -> None:
    with pytest.raises(UnknownProduct):
        _source(fake_registry).history(name)
    assert sum(fake_registry.seen.values()) == 0


@pytest.mark.parametrize(
    ("releases", "repository"),
    [
        ({"releases": []}, {}),
        ([{"name": "v1"}], {}),
        (["v1"], {}),
        ([], []),
    ],
)
def test_releases_of_the_wrong_shape(releases: object, repository: object) -> None:
    with pytest.raises(SourceUnavailable, match="http://api/repos/a/b/releases"):
        parse_releases(releases, repository, "a/b", "http://api/repos/a/b/releases")


@pytest.mark.parametrize("tags", [{}, [{"tag_name": "v1"}], [None]])
def test_tags_of_the_wrong_shape(tags: object) -> None:
    with pytest.raises(SourceUnavailable, match="http://api/repos/a/b/tags"):
        parse_tags(tags, {}, "a/b", "http://api/repos/a/b/tags")


def test_commit_time_prefers_the_committer() -> None:
    author_only = {"commit": {"author": {"date": "2020-05-01T08:00:00Z"}}}
    assert commit_time(author_only) == datetime(2020, 5, 1, 8, tzinfo=timezone.utc)
    assert commit_time({"sha": "x"}) is None


def test_a_dropped_connection(fake_registry: FakeRegistry) -> None:
    _checkout(fake_registry)
    fake_registry.add(f"{CHECKOUT}/releases?per_page=100", _data("github-releases.json"), drop=True)
    with pytest.raises(SourceUnavailable, match="dropped"):
        _source(fake_registry).history("actions/checkout")


def test_malformed_json(fake_registry: FakeRegistry) -> None:
    _checkout(fake_registry)
    fake_registry.add(f"{CHECKOUT}/releases?per_page=100", b'[{"tag_name": "v1"')
    with pytest.raises(SourceUnavailable, match="malformed JSON"):
        _source(fake_registry).history("actions/checkout")
