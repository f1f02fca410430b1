from __future__ import annotations

from datetime import date

import pytest

from scanner.config import settings_from_mapping
from scanner.errors import ConfigError
from scanner.model import Finding, Severity, Suppression
from scanner.suppress import apply_suppressions


def finding(identifier: str) -> Finding:
    kind, subject, version, component = identifier.split(":")
    return Finding(
        identifier, kind, Severity.HIGH, "t", subject, version, component, (), (), "advice"
    )


FINDINGS = [finding("end-of-life:python:2.7:."), finding("end-of-life:django:1.11:web")]


def test_exact_and_glob_ids_silence_findings() -> None:
    kept, silenced = apply_suppressions(
        FINDINGS, [Suppression("end-of-life:python:*", "legacy job")], date(2026, 1, 1)
    )
    assert [f.id for f in kept] == ["end-of-life:django:1.11:web"]
    assert [(s.finding.id, s.suppression.reason) for s in silenced] == [
        ("end-of-life:python:2.7:.", "legacy job")
    ]


def test_an_expired_suppression_lets_the_finding_back_saying_so() -> None:
    entry = Suppression("end-of-life:django:1.11:web", "upgrade planned", "2026-03-31")
    kept, silenced = apply_suppressions(FINDINGS, [entry], date(2026, 3, 31))
    assert len(kept) == 1 and len(silenced) == 1
    kept, silenced = apply_suppressions(FINDINGS, [entry], date(2026, 4, 1))
    assert silenced == ()
    django = next(f for f in kept if f.subject == "django")
    assert django.facts[-1].name == "suppression expired"
    assert django.facts[-1].value == "2026-03-31 (upgrade planned)"


def test_ignore_entries_are_read_from_configuration() -> None:
    settings = settings_from_mapping(
        {"ignore": [{"id": "end-of-life:*", "reason": "r", "until": date(2026, 9, 30)}]}, "cfg"
    )
    assert settings.ignore == (Suppression("end-of-life:*", "r", "2026-09-30"),)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"reason": "r"}, "needs an id"),
        ({"id": "x"}, r"\(x\) needs a reason"),
        ({"id": "x", "reason": "r", "until": "soon"}, "is not a day"),
        ({"id": "x", "reason": "r", "owner": "me"}, "unknown key"),
    ],
)
def test_bad_ignore_entries_are_config_errors(entry: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        settings_from_mapping({"ignore": [entry]}, "cfg")
