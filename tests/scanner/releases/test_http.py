"""The shared HTTP session against the local server: caching, revalidation, retries."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from urllib3.response import HTTPResponse

from scanner.errors import SourceUnavailable
from scanner.releases.endoflife import EndOfLifeSource
from scanner.releases.http import (
    MAX_RETRY_AFTER_SECONDS,
    USER_AGENT,
    HttpSettings,
    _capped_retry_type,
    make_session,
)

DJANGO = "/api/v1/products/django"
FAST = {"retries": 3, "backoff": 0.0}


def source(url: str, **settings: object) -> EndOfLifeSource:
    return EndOfLifeSource(url, session=make_session(HttpSettings(**settings)))  # type: ignore[arg-type]


def test_a_document_is_fetched_once_per_ttl(
    endoflife_url: str, requests_seen: Counter[str]
) -> None:
    endoflife = source(endoflife_url)
    first = endoflife.product("django")
    assert endoflife.product("django") == first
    assert requests_seen[DJANGO] == 1
    assert endoflife.client.session.headers["User-Agent"] == USER_AGENT


def test_expired_documents_are_revalidated_with_their_etag(
    endoflife_url: str, requests_seen: Counter[str]
) -> None:
    endoflife = source(endoflife_url, default_ttl=0)
    first = endoflife.product("django")
    assert endoflife.product("django") == first
    assert requests_seen[DJANGO] == 2
    assert requests_seen[f"{DJANGO} 304"] == 1


def test_the_cache_persists_and_serves_offline(
    endoflife_url: str, requests_seen: Counter[str], tmp_path: Path
) -> None:
    cache = tmp_path / "cache" / "http.sqlite"
    source(endoflife_url, cache_path=cache).product("django")
    offline = source(endoflife_url, cache_path=cache, offline=True)
    assert offline.product("django").name == "django"
    assert requests_seen[DJANGO] == 1
    with pytest.raises(SourceUnavailable, match=r"offline, and .* is not in the cache"):
        offline.product("python")
    assert requests_seen["/api/v1/products/python"] == 0


def test_429_with_retry_after_is_retried(
    endoflife_url: str,
    requests_seen: Counter[str],
    scripted: dict[str, list[tuple[int, dict[str, str]]]],
) -> None:
    scripted["/api/v1/products/python"] = [(429, {"Retry-After": "0"})]
    assert source(endoflife_url, **FAST).product("python").name == "python"
    assert requests_seen["/api/v1/products/python"] == 2


def test_server_errors_are_retried_then_reported(
    endoflife_url: str,
    requests_seen: Counter[str],
    scripted: dict[str, list[tuple[int, dict[str, str]]]],
) -> None:
    scripted["/api/v1/products/ruby"] = [(503, {}), (502, {})]
    assert source(endoflife_url, **FAST).product("ruby").name == "ruby"
    assert requests_seen["/api/v1/products/ruby"] == 3
    scripted["/api/v1/products/go"] = [(503, {})] * 5
    with pytest.raises(SourceUnavailable, match="answered 503"):
        source(endoflife_url, retries=2, backoff=0.0).product("go")
    assert requests_seen["/api/v1/products/go"] == 3


def test_retry_after_is_capped() -> None:
    retry = _capped_retry_type()(total=1)
    response = HTTPResponse(body=b"", headers={"Retry-After": "3600"}, status=429)
    assert retry.get_retry_after(response) == MAX_RETRY_AFTER_SECONDS
    assert retry.get_retry_after(HTTPResponse(body=b"", status=429)) is None


def test_a_host_name_that_does_not_resolve_is_not_retried() -> None:
    from urllib3.exceptions import MaxRetryError, NameResolutionError

    from scanner.releases.http import _capped_retry_type

    retry = _capped_retry_type()(total=3, connect=3)
    error = NameResolutionError("no-such-host.invalid", None, OSError("not known"))  # type: ignore[arg-type]
    with pytest.raises(MaxRetryError):
        retry.increment("GET", "/x", error=error)
    assert retry.increment("GET", "/x", error=ConnectionResetError()).total == 2
