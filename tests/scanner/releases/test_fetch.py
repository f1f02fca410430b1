"""The per-source client against a real local server: every failure becomes one clear error."""

from __future__ import annotations

import pytest
from fake_registry import FakeRegistry, Route

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.fetch import SourceClient
from scanner.releases.http import HttpSettings, make_session


def _client(timeout: float = 5.0, retries: int = 2) -> SourceClient:
    session = make_session(HttpSettings(retries=retries, backoff=0.01))
    return SourceClient("Example registry", session, timeout=timeout)


def test_reads_a_document(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/pkg", {"name": "pkg"})
    assert _client().get_json(f"{fake_registry.url}/pkg") == {"name": "pkg"}


def test_not_found_is_an_unknown_package(fake_registry: FakeRegistry) -> None:
    with pytest.raises(UnknownProduct, match="Example registry has no"):
        _client().get_json(f"{fake_registry.url}/missing")


def test_server_errors_are_retried_then_reported(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/flaky", "<html>down</html>", status=503, content_type="text/html")
    with pytest.raises(SourceUnavailable, match="answered 503"):
        _client(retries=2).get_json(f"{fake_registry.url}/flaky")
    assert fake_registry.seen["/flaky"] == 3


def test_a_retry_after_is_waited_for_then_the_answer_used(fake_registry: FakeRegistry) -> None:
    fake_registry.script("/limited", Route(429, b"{}", {"Retry-After": "1"}))
    fake_registry.add("/limited", {"ok": True})
    assert _client().get_json(f"{fake_registry.url}/limited") == {"ok": True}
    assert fake_registry.seen["/limited"] == 2


def test_rate_limiting_that_persists_is_reported(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/limited", {}, status=429, headers={"Retry-After": "0"})
    with pytest.raises(SourceUnavailable, match="rate limiting"):
        _client(retries=1).get_json(f"{fake_registry.url}/limited")


def test_malformed_json(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/broken", b'{"versions": [')
    with pytest.raises(SourceUnavailable, match="malformed JSON"):
        _client().get_json(f"{fake_registry.url}/broken")


def test_a_connection_dropped_mid_body(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/dropped", {"versions": ["1.0.0"] * 200}, drop=True)
    with pytest.raises(SourceUnavailable, match="dropped mid-answer"):
        _client(retries=0).get_json(f"{fake_registry.url}/dropped")


def test_a_timeout_marks_the_source_down_for_the_run(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/slow", {}, delay=1.0)
    fake_registry.add("/fast", {})
    client = _client(timeout=0.2, retries=0)
    with pytest.raises(SourceUnavailable, match="timed out"):
        client.get_json(f"{fake_registry.url}/slow")
    with pytest.raises(SourceUnavailable, match="timed out"):
        client.get_json(f"{fake_registry.url}/fast")
    assert fake_registry.seen["/fast"] == 0


def test_offline_and_not_cached() -> None:
    session = make_session(HttpSettings(offline=True))
    with pytest.raises(SourceUnavailable, match="offline"):
        SourceClient("Example registry", session).get_json("http://127.0.0.1:9/pkg")
