"""Fetching one source's documents: every way a request can fail becomes one clear error.

A :class:`SourceClient` wraps the shared session (see :mod:`scanner.releases.http`) for one
source. It answers a document, or raises :class:`~scanner.errors.UnknownProduct` for a 404
and :class:`~scanner.errors.SourceUnavailable` with a short reason for anything else
(unreachable, timed out, an error status, offline and not cached, malformed JSON). When the
source's host cannot be reached at all, the client remembers it and fails every later
request at once, so that a dead host costs one timeout per run, not one per package.
Clients are safe to share between threads. Each remembers when the oldest answer it used
was fetched (a cached answer keeps its first fetch time), so reports can say how old the data
is.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any

from scanner.errors import SourceUnavailable, UnknownProduct

DEFAULT_TIMEOUT = 10.0


class SourceClient:
    """Requests to one source (``label``: ``"PyPI"``, ``"crates.io"``) through ``session``.

    ``session`` is a :class:`requests.Session` (normally the cached one from
    :func:`scanner.releases.http.make_session`; a plain one with stackaudit's User-Agent
    when ``None``); ``headers`` go with every request.
    ``explain`` sees every answer that is not a 200 (but for an offline cache miss) before the
    usual handling and may return the message of the :class:`SourceUnavailable` to raise for
    it, for a source whose error answers say more than their status (GitHub's exhausted rate
    limit); when it returns ``None`` the answer is handled as usual.
    """

    def __init__(
        self,
        label: str,
        session: Any,
        timeout: float = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
        explain: Callable[[Any], str | None] | None = None,
    ) -> None:
        if session is None:
            import requests

            from scanner.releases.http import USER_AGENT

            session = requests.Session()
            session.headers["User-Agent"] = USER_AGENT
        self.label = label
        self.session = session
        self.timeout = timeout
        self.headers = dict(headers or {})
        self.explain = explain
        self.oldest_answer: datetime | None = None
        self._down: SourceUnavailable | None = None
        self._lock = threading.Lock()

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        """The 200 response for ``url``.

        Raises :class:`UnknownProduct` for a 404 or 410, :class:`SourceUnavailable` for any
        other failure (the message names the source and says why).
        """
        return self._request("GET", url, headers)

    def head(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        """The 200 response to a HEAD request for ``url``; fails as :meth:`get` does."""
        return self._request("HEAD", url, headers)

    def get_json(self, url: str, headers: Mapping[str, str] | None = None) -> Any:
        """The JSON document at ``url``; malformed JSON is a :class:`SourceUnavailable`."""
        response = self.get(url, headers)
        try:
            return response.json()
        except ValueError as error:
            raise SourceUnavailable(f"{self.label} sent malformed JSON for {url}") from error

    def _request(self, method: str, url: str, headers: Mapping[str, str] | None) -> Any:
        import requests

        if self._down is not None:
            raise self._down
        merged = {**self.headers, **(headers or {})}
        try:
            response = self.session.request(method, url, headers=merged, timeout=self.timeout)
            if method == "GET":
                response.content  # noqa: B018 - read the body here, where failures are caught
        except requests.RequestException as error:
            failure = SourceUnavailable(
                f"{self.label} unreachable at {_origin(url)}: {short_reason(error)}"
            )
            if _host_unreachable(error):
                self._down = failure
            raise failure from error
        status = response.status_code
        if status == 504 and is_offline(self.session):
            raise SourceUnavailable(f"offline, and {url} is not in the cache")
        if status != 200 and self.explain is not None:
            message = self.explain(response)
            if message is not None:
                raise SourceUnavailable(message)
        if status in (404, 410):
            raise UnknownProduct(f"{self.label} has no {url}")
        if status == 429:
            raise SourceUnavailable(f"{self.label} is rate limiting (429) for {url}")
        if status != 200:
            raise SourceUnavailable(f"{self.label} answered {status} for {url}")
        self._note_age(response)
        return response

    def _note_age(self, response: Any) -> None:
        fetched = (
            getattr(response, "created_at", None)
            if getattr(response, "from_cache", False)
            else None
        )
        if not isinstance(fetched, datetime):
            fetched = datetime.now(timezone.utc)
        elif fetched.tzinfo is None:
            fetched = fetched.replace(tzinfo=timezone.utc)
        with self._lock:
            if self.oldest_answer is None or fetched < self.oldest_answer:
                self.oldest_answer = fetched


def _origin(url: str) -> str:
    """The scheme and host of ``url`` (``https://crates.io``), without path or credentials."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")


def short_reason(error: Exception) -> str:
    """What went wrong with a request, in a few words (``connection refused``,
    ``timed out``), rather than urllib3's nested representation."""
    import requests

    text = str(error)
    if isinstance(error, requests.Timeout) or "timed out" in text:
        return "timed out"
    if isinstance(error, requests.exceptions.ChunkedEncodingError) or "IncompleteRead" in text:
        return "connection dropped mid-answer"
    errno = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno:
        return errno.group(1).strip().lower()
    if "Max retries exceeded" in text:
        return "no answer after retries"
    return text[:200]


def _host_unreachable(error: Exception) -> bool:
    """Whether ``error`` means the host does not answer at all (not one bad request)."""
    import requests

    return isinstance(error, (requests.ConnectionError, requests.Timeout)) and not isinstance(
        error, requests.exceptions.ChunkedEncodingError
    )


def is_offline(session: Any) -> bool:
    """Whether ``session`` answers from its cache only."""
    settings = getattr(session, "settings", None)
    return bool(getattr(settings, "only_if_cached", False))
