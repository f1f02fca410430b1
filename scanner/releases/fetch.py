"""Fetching one source's documents: every way a request can fail becomes one clear error.

A :class:`SourceClient` wraps the shared session (see :mod:`scanner.releases.http`) for one
source. It answers a document, or raises :class:`~scanner.errors.UnknownProduct` for a 404
and :class:`~scanner.errors.SourceUnavailable` with a short reason for anything else
(unreachable, timed out, an error status, offline and not cached, malformed JSON). When the
source's host cannot be reached at all, the client remembers it and fails every later
request at once, so that a dead host costs one timeout per run, not one per package.
Clients are safe to share between threads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from scanner.errors import SourceUnavailable, UnknownProduct

DEFAULT_TIMEOUT = 10.0


class SourceClient:
    """Requests to one source (``label``: ``"PyPI"``, ``"crates.io"``) through ``session``.

    ``session`` is a :class:`requests.Session` (normally the cached one from
    :func:`scanner.releases.http.make_session`); ``headers`` go with every request.
    """

    def __init__(
        self,
        label: str,
        session: Any,
        timeout: float = DEFAULT_TIMEOUT,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.label = label
        self.session = session
        self.timeout = timeout
        self.headers = dict(headers or {})
        self._down: SourceUnavailable | None = None

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
            failure = SourceUnavailable(f"{self.label} unreachable: {short_reason(error)}")
            if _host_unreachable(error):
                self._down = failure
            raise failure from error
        status = response.status_code
        if status == 504 and is_offline(self.session):
            raise SourceUnavailable(f"offline, and {url} is not in the cache")
        if status in (404, 410):
            raise UnknownProduct(f"{self.label} has no {url}")
        if status == 429:
            raise SourceUnavailable(f"{self.label} is rate limiting (429) for {url}")
        if status != 200:
            raise SourceUnavailable(f"{self.label} answered {status} for {url}")
        return response


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
