"""GitHub Actions: the releases of an action's repository, through GitHub's REST API.

An action ``owner/repo[/path]`` is released as its repository is. ``GET
{api}/repos/{owner}/{repo}`` says whether the repository is ``archived``; ``GET
.../releases?per_page=100`` lists the newest hundred releases (``tag_name``,
``published_at``, ``draft``, ``prerelease``); drafts are left out, and a pre-release is
recorded like any other, its version telling it apart. A repository that publishes no
releases is read from ``GET .../tags?per_page=100`` (``name``, ``commit.sha``), which has no
dates: the tags asked for are dated by their commit (``GET .../commits/{sha}``), one request
each.

Requests send ``Accept: application/vnd.github+json`` and ``X-GitHub-Api-Version``, and the
token, when there is one, as ``Authorization: Bearer``: anonymous requests get 60 an hour.
When that limit is spent GitHub answers 403 or 429 with ``X-RateLimit-Remaining: 0`` and the
reset time (epoch seconds) in ``X-RateLimit-Reset``: that is reported as such, and the source
asks nothing more until the reset.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Mapping
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.fetch import DEFAULT_TIMEOUT
from scanner.releases.packages import PackageHistory, Release
from scanner.releases.registries.base import RegistrySource
from scanner.releases.timestamps import parse_timestamp

DEFAULT_BASE_URL = "https://api.github.com"
API_VERSION = "2022-11-28"
# How long to stop asking when an exhausted limit gives no reset time.
DEFAULT_PAUSE_SECONDS = 60.0


class GitHubReleasesSource(RegistrySource):
    """GitHub's REST API at ``base_url`` (GitHub Enterprise: ``https://HOST/api/v3``).

    ``session`` is the run's :class:`requests.Session` (a plain one is made when none is
    given); ``token``, when given, authenticates every request and appears nowhere else (not
    in URLs, messages or logs). Safe to share between threads.
    """

    ecosystem = "githubactions"
    label = "GitHub"
    accept = "application/vnd.github+json"

    def __init__(
        self,
        base_url: str,
        session: Any = None,
        timeout: float = DEFAULT_TIMEOUT,
        token: str | None = None,
    ) -> None:
        super().__init__(base_url, session, timeout)
        self.client.headers["X-GitHub-Api-Version"] = API_VERSION
        if token:
            self.client.headers["Authorization"] = f"Bearer {token}"
        self.client.explain = self._explain
        self._authenticated = bool(token)
        # (until when, message): set once the rate limit is spent; replaced whole, so that
        # threads never see half of it.
        self._paused: tuple[float, str] | None = None

    def history(self, name: str, wanted: Collection[str] = ()) -> PackageHistory:
        """The releases of the repository of action ``name`` (``owner/repo[/path]``).

        Falls back to the repository's tags when it has no releases; then only the tags in
        ``wanted`` are dated (``dated`` is false), and a tag whose commit cannot be read stays
        undated. Raises :class:`UnknownProduct` for a name with no repository part or a
        repository GitHub does not show, :class:`SourceUnavailable` otherwise (saying so when
        the rate limit is exhausted).
        """
        paused = self._paused
        if paused is not None and time.time() < paused[0]:
            raise SourceUnavailable(paused[1])
        owner, _, rest = name.partition("/")
        repository = rest.split("/", 1)[0]
        if not owner or not repository:
            raise UnknownProduct(f"{self.label} has no repository for action {name!r}")
        base = f"{self.base_url}/repos/{quote(owner, safe='')}/{quote(repository, safe='')}"
        about = self.client.get_json(base)
        releases_url = f"{base}/releases?per_page=100"
        history = parse_releases(self.client.get_json(releases_url), about, name, releases_url)
        if history.releases:
            return history
        tags_url = f"{base}/tags?per_page=100"
        tags = self.client.get_json(tags_url)
        dates = self._commit_dates(base, tags, wanted)
        return parse_tags(tags, about, name, tags_url, dates=dates)

    def _commit_dates(
        self, base: str, tags: object, wanted: Collection[str]
    ) -> dict[str, datetime]:
        """The commit time of each tag in ``wanted``, as far as it can be read: the first
        failure ends the dating (after a spent rate limit, every other request would fail)."""
        dates: dict[str, datetime] = {}
        by_commit: dict[str, datetime | None] = {}
        for tag, sha in tag_commits(tags).items():
            if tag not in wanted:
                continue
            if sha not in by_commit:
                try:
                    commit = self.client.get_json(f"{base}/commits/{quote(sha, safe='')}")
                except (SourceUnavailable, UnknownProduct):
                    break
                by_commit[sha] = commit_time(commit)
            when = by_commit[sha]
            if when is not None:
                dates[tag] = when
        return dates

    def _explain(self, response: Any) -> str | None:
        message = rate_limit_message(response.status_code, response.headers, self._authenticated)
        if message is not None and _remaining(response.headers) == 0:
            reset = _reset(response.headers)
            until = reset.timestamp() if reset else time.time() + DEFAULT_PAUSE_SECONDS
            self._paused = (until, message)
        return message


def rate_limit_message(
    status: int, headers: Mapping[str, str], authenticated: bool = False
) -> str | None:
    """What a 403 or 429 answer means when it is GitHub's rate limit, ``None`` otherwise.

    ``headers`` are the answer's (looked up ignoring case). A spent primary limit
    (``X-RateLimit-Remaining: 0``) says when it resets and, without a token, to set
    ``GITHUB_TOKEN``; a secondary limit (``Retry-After``) says how long to wait.
    """
    if status not in (403, 429):
        return None
    if _remaining(headers) == 0:
        reset = _reset(headers)
        when = f"resets at {reset:%Y-%m-%d %H:%M:%S} UTC" if reset else "reset time not given"
        if authenticated:
            return f"GitHub's API rate limit for the token is exhausted ({when})"
        return (
            f"GitHub's API rate limit for anonymous requests is exhausted ({when}); set "
            "GITHUB_TOKEN to a GitHub token to raise it from 60 to 5,000 requests an hour"
        )
    wait = _header(headers, "Retry-After")
    if wait is not None:
        return f"GitHub's secondary rate limit was hit (retry after {wait} seconds)"
    return None


def parse_releases(
    releases: object, repository: object, name: str, url: str, label: str = "GitHub"
) -> PackageHistory:
    """A :class:`PackageHistory` from a list-releases answer and the repository's
    (``archived``); drafts are left out. :class:`SourceUnavailable` naming ``url`` when the
    documents do not have the documented shape."""
    if not isinstance(releases, list) or not all(
        isinstance(r, dict) and isinstance(r.get("tag_name"), str) for r in releases
    ):
        raise SourceUnavailable(f"{label}: {url} is not a list of releases")
    return PackageHistory(
        ecosystem="githubactions",
        name=name,
        releases=tuple(
            Release(version=r["tag_name"], published=parse_timestamp(r.get("published_at")))
            for r in releases
            if r.get("draft") is not True
        ),
        source=label,
        url=url,
        status=_status(repository, url, label),
    )


def parse_tags(
    tags: object,
    repository: object,
    name: str,
    url: str,
    label: str = "GitHub",
    dates: Mapping[str, datetime] | None = None,
) -> PackageHistory:
    """A :class:`PackageHistory` from a list-tags answer and the repository's, undated but
    for the tags in ``dates``. :class:`SourceUnavailable` naming ``url`` when the documents
    do not have the documented shape."""
    if not isinstance(tags, list) or not all(
        isinstance(t, dict) and isinstance(t.get("name"), str) for t in tags
    ):
        raise SourceUnavailable(f"{label}: {url} is not a list of tags")
    dates = dates or {}
    return PackageHistory(
        ecosystem="githubactions",
        name=name,
        releases=tuple(Release(version=t["name"], published=dates.get(t["name"])) for t in tags),
        source=label,
        url=url,
        status=_status(repository, url, label),
        dated=False,
    )


def tag_commits(tags: object) -> dict[str, str]:
    """Each tag's commit SHA from a list-tags answer (tags without one are left out)."""
    found: dict[str, str] = {}
    for tag in tags if isinstance(tags, list) else []:
        commit = tag.get("commit") if isinstance(tag, dict) else None
        sha = commit.get("sha") if isinstance(commit, dict) else None
        if isinstance(tag, dict) and isinstance(tag.get("name"), str) and isinstance(sha, str):
            found.setdefault(tag["name"], sha)
    return found


def commit_time(document: object) -> datetime | None:
    """When a commit (a get-a-commit answer) was committed: ``commit.committer.date``, else
    its author date."""
    commit = document.get("commit") if isinstance(document, dict) else None
    if not isinstance(commit, dict):
        return None
    for role in ("committer", "author"):
        person = commit.get(role)
        when = parse_timestamp(person.get("date")) if isinstance(person, dict) else None
        if when is not None:
            return when
    return None


def _status(repository: object, url: str, label: str) -> str | None:
    if not isinstance(repository, dict):
        raise SourceUnavailable(f"{label}: the repository document for {url} is not an object")
    return "archived" if repository.get("archived") is True else None


def _header(headers: Mapping[str, str], name: str) -> str | None:
    value = headers.get(name)
    if value is None:  # a plain mapping (not requests' case-insensitive one)
        lowered = name.lower()
        value = next((v for k, v in headers.items() if k.lower() == lowered), None)
    return value


def _remaining(headers: Mapping[str, str]) -> int | None:
    value = _header(headers, "X-RateLimit-Remaining")
    return int(value) if value is not None and value.strip().isdigit() else None


def _reset(headers: Mapping[str, str]) -> datetime | None:
    value = _header(headers, "X-RateLimit-Reset")
    if value is None or not value.strip().isdigit():
        return None
    return datetime.fromtimestamp(int(value), timezone.utc)
