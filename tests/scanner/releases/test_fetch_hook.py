"""SourceClient's ``explain`` hook: a source may read its own error answers (GitHub's rate
limit) into the message, and leaves every other answer to the usual handling."""

from __future__ import annotations

from typing import Any

import pytest
from fake_registry import FakeRegistry

from scanner.errors import SourceUnavailable, UnknownProduct
from scanner.releases.fetch import SourceClient
from scanner.releases.http import HttpSettings, make_session


class Explainer:
    """Says "quota spent" for a 403 carrying ``X-Quota: 0``, nothing otherwise; counts the
    answers it was shown."""

    def __init__(self) -> None:
        self.statuses: list[int] = []

    def __call__(self, response: Any) -> str | None:
        self.statuses.append(response.status_code)
        if response.status_code == 403 and response.headers.get("x-quota") == "0":
            return "Example registry: quota spent"
        return None


def _client(explain: Explainer, offline: bool = False) -> SourceClient:
    session = make_session(HttpSettings(retries=0, offline=offline))
    return SourceClient("Example registry", session, timeout=5, explain=explain)


def test_the_explanation_is_the_error(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/limited", {}, status=403, headers={"X-Quota": "0"})
    explain = Explainer()
    with pytest.raises(SourceUnavailable, match=r"^Example registry: quota spent$"):
        _client(explain).get_json(f"{fake_registry.url}/limited")
    assert explain.statuses == [403]


def test_without_an_explanation_the_usual_handling(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/forbidden", {}, status=403)
    fake_registry.add("/error", "<html>down</html>", status=500, content_type="text/html")
    explain = Explainer()
    client = _client(explain)
    with pytest.raises(SourceUnavailable, match="answered 403"):
        client.get_json(f"{fake_registry.url}/forbidden")
    with pytest.raises(SourceUnavailable, match="answered 500"):
        client.get_json(f"{fake_registry.url}/error")
    with pytest.raises(UnknownProduct):
        client.get_json(f"{fake_registry.url}/missing")
    assert explain.statuses == [403, 500, 404]


def test_a_good_answer_is_not_shown_to_the_hook(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/pkg", {"name": "pkg"})
    explain = Explainer()
    assert _client(explain).get_json(f"{fake_registry.url}/pkg") == {"name": "pkg"}
    assert explain.statuses == []


def test_an_offline_cache_miss_is_not_shown_to_the_hook() -> None:
    explain = Explainer()
    with pytest.raises(SourceUnavailable, match="offline"):
        _client(explain, offline=True).get_json("http://127.0.0.1:9/pkg")
    assert explain.statuses == []


def test_clients_without_a_hook_are_unchanged(fake_registry: FakeRegistry) -> None:
    fake_registry.add("/limited", {}, status=403, headers={"X-Quota": "0"})
    client = SourceClient("Example registry", make_session(HttpSettings(retries=0)))
    with pytest.raises(SourceUnavailable, match="answered 403"):
        client.get_json(f"{fake_registry.url}/limited")
