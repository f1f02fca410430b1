"""The one HTTP session every release-data source uses.

One factory, so that caching, retries and identification are decided in one place:

* a persistent cache (requests-cache, SQLite, safe for concurrent use), with a time to live
  per source given as URL patterns; an expired answer that carries an ``ETag`` or
  ``Last-Modified`` is revalidated with a conditional request instead of fetched again;
* retries with exponential backoff on connection errors, 429 and 5xx, honouring a
  ``Retry-After`` header (capped, so a hostile server cannot stall a scan);
* a timeout on every request is the caller's (each source passes its own), a User-Agent
  naming stackaudit and its version;
* offline: answers come from the cache only; a document that is not cached is a 504, which
  sources report as "source unreachable (offline, not cached)".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scanner import __version__

USER_AGENT = f"stackaudit/{__version__}"
DEFAULT_TTL_SECONDS = 24 * 60 * 60
RETRIED_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER_SECONDS = 60


@dataclass(frozen=True)
class HttpSettings:
    """How release data is fetched.

    ``cache_path`` is the SQLite file of the cache (``None``: a cache in memory, for one
    run); ``ttl`` maps URL glob patterns (``"*/api/v1/products/*"``) to seconds, the first
    match winning, ``default_ttl`` covering the rest. ``retries`` counts the extra attempts
    after a failure, spaced ``backoff * 2**n`` seconds unless the server says otherwise.
    """

    cache_path: Path | None = None
    ttl: Mapping[str, int] = field(default_factory=dict)
    default_ttl: int = DEFAULT_TTL_SECONDS
    retries: int = 3
    backoff: float = 0.5
    offline: bool = False


def make_session(settings: HttpSettings) -> Any:
    """A cached, retrying :class:`requests.Session` configured by ``settings``."""
    import requests_cache
    from requests.adapters import HTTPAdapter
    from requests_cache.backends.sqlite import SQLiteCache

    backend: Any = (
        SQLiteCache(str(settings.cache_path)) if settings.cache_path is not None else "memory"
    )
    if settings.cache_path is not None:
        settings.cache_path.parent.mkdir(parents=True, exist_ok=True)
    session = requests_cache.CachedSession(
        backend=backend,
        expire_after=settings.default_ttl,
        urls_expire_after=_expiry_rules(settings.ttl),
        allowable_codes=(200,),
        stale_if_error=True,
    )
    session.settings.only_if_cached = settings.offline
    retry = _capped_retry_type()(
        total=settings.retries,
        connect=settings.retries,
        read=settings.retries,
        status=settings.retries,
        backoff_factor=settings.backoff,
        status_forcelist=sorted(RETRIED_STATUSES),
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry, pool_connections=8, pool_maxsize=16)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    _remember_environment_settings(session)
    return session


def _remember_environment_settings(session: Any) -> None:
    """Read the proxy and certificate settings of the environment once per host instead of
    on every request (requests scans the whole environment each time, which costs more than
    a cached answer); ``no_proxy`` and per-scheme proxies keep working, being per host."""
    from urllib.parse import urlsplit

    original = session.merge_environment_settings
    remembered: dict[tuple[Any, ...], dict[str, Any]] = {}

    def merge(url: str, proxies: Any, stream: Any, verify: Any, cert: Any) -> dict[str, Any]:
        if proxies:
            return original(url, proxies, stream, verify, cert)  # type: ignore[no-any-return]
        parts = urlsplit(url)
        key = (parts.scheme, parts.netloc, stream, verify, cert)
        if key not in remembered:
            remembered[key] = original(url, proxies, stream, verify, cert)
        settings = remembered[key]
        return {**settings, "proxies": dict(settings["proxies"])}

    session.merge_environment_settings = merge


def _capped_retry_type() -> type:
    """urllib3's retry class, capped (made on demand: urllib3 is imported lazily)."""
    from urllib3.exceptions import MaxRetryError, NameResolutionError
    from urllib3.util.retry import Retry

    class CappedRetry(Retry):
        """urllib3's retry, with a server's ``Retry-After`` capped at a minute, and no retry
        for a host name that does not resolve (asking again will not make it exist)."""

        def get_retry_after(self, response: Any) -> float | None:
            seconds = super().get_retry_after(response)
            return None if seconds is None else min(seconds, MAX_RETRY_AFTER_SECONDS)

        def increment(self, method: Any = None, url: Any = None, *args: Any, **kwargs: Any) -> Any:
            error = kwargs.get("error")
            pool: Any = kwargs.get("_pool")
            if isinstance(error, NameResolutionError):
                raise MaxRetryError(pool, url or "", error) from error
            return super().increment(method, url, *args, **kwargs)

    return CappedRetry


def _expiry_rules(ttl: Mapping[str, int]) -> dict[Any, Any]:
    """The TTL patterns in the form requests-cache takes."""
    return dict(ttl)
