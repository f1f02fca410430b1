"""``several-majors`` and ``duplicate-purpose`` on real trees."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detectors.hygiene.majors import known_version
from scanner.model import Dependency, Finding, Severity

Hygiene = Callable[[dict[str, str], str], dict[str, Finding]]


def test_django_3_and_4_in_two_components(hygiene: Hygiene) -> None:
    files = {
        "legacy/requirements.txt": "django==3.2.25\n",
        "api/requirements.txt": "Django>=4.2,<5\n",
        "admin/requirements.txt": "django~=4.2.0\n",
        "tools/requirements.txt": "django>=3.2\n",  # open range: its major is unknown
    }
    (finding,) = hygiene(files, "several-majors").values()
    assert finding.id == "several-majors:django:."
    assert finding.severity == Severity.MEDIUM
    assert finding.title == "Django at 2 major versions: 3, 4"
    assert [(f.name, f.value) for f in finding.facts] == [
        ("majors", "3, 4"),
        ("Django 3", "legacy (3.2.25)"),
        ("Django 4", "admin (4.2.0), api (4.2)"),
    ]
    assert [(e.path, e.line, e.reason) for e in finding.evidence] == [
        ("legacy/requirements.txt", 1, "Django 3.2.25"),
        ("admin/requirements.txt", 1, "Django 4.2.0"),
        ("api/requirements.txt", 1, "Django 4.2"),
    ]


def test_react_majors_from_ranges_and_lockfiles(hygiene: Hygiene) -> None:
    files = {
        "web/package.json": '{"name": "web", "dependencies": {"react": "^18.2.0"}}',
        "docs/package.json": '{"name": "docs", "dependencies": {"react": "^18.3.1"}}',
        "admin/package.json": '{"name": "admin", "dependencies": {"react": ">=16"}}',
    }
    assert hygiene(files, "several-majors") == {}
    files["legacy/package.json"] = '{"name": "legacy", "dependencies": {"react": "~17.0.2"}}'
    (finding,) = hygiene(files, "several-majors").values()
    assert (finding.facts[0].name, finding.facts[0].value) == ("majors", "17, 18")


def test_fixtures_are_not_judged(hygiene: Hygiene) -> None:
    files = {
        "requirements.txt": "django==4.2.11\n",
        "tests/fixtures/old/requirements.txt": "django==1.11.29\n",
    }
    assert hygiene(files, "several-majors") == {}


@pytest.mark.parametrize(
    ("ecosystem", "declared", "resolved", "version"),
    [
        ("pypi", ">=4.2,<5", None, "4.2"),
        ("pypi", ">=4.2", None, None),
        ("pypi", "==3.2.25", None, "3.2.25"),
        ("npm", "^18.2.0", None, "18.2.0"),
        ("npm", "^18.2.0", "18.3.1", "18.3.1"),
        ("npm", "*", None, None),
        ("gem", "~> 7.1", None, "7.1"),
        ("gem", "~> 7.1.3", None, "7.1.3"),
        ("nuget", "8.0.2", None, "8.0.2"),
        ("maven", "6.1.4", None, "6.1.4"),
        ("composer", "^10.0|^11.0", None, None),
        ("hex", "~> 1.7", None, None),
    ],
)
def test_known_version(
    ecosystem: str, declared: str | None, resolved: str | None, version: str | None
) -> None:
    assert known_version(Dependency(ecosystem, "pkg", (), declared, resolved)) == version


def test_two_orms_in_one_component(hygiene: Hygiene) -> None:
    files = {
        "svc/requirements.txt": "sqlalchemy==2.0.30\npeewee==3.17.5\npsycopg2==2.9.9\n",
        "modern/requirements.txt": "sqlmodel==0.0.19\nsqlalchemy==2.0.30\n",  # built on it
        "split/requirements.txt": "sqlalchemy==2.0.30\n",
        "split/requirements-dev.txt": "peewee==3.17.5\n",
    }
    found = hygiene(files, "duplicate-purpose")
    (finding,) = found.values()
    assert finding.id == "duplicate-purpose:pypi/orm:svc"
    assert finding.severity == Severity.LOW
    assert finding.title == "2 ORMs in one component: peewee, SQLAlchemy"
    assert [(f.name, f.value) for f in finding.facts] == [
        ("purpose", "ORMs"),
        ("libraries", "peewee, SQLAlchemy"),
        ("peewee", "pypi/peewee"),
        ("SQLAlchemy", "pypi/sqlalchemy"),
    ]
    assert [(e.path, e.line) for e in finding.evidence] == [
        ("svc/requirements.txt", 2),
        ("svc/requirements.txt", 1),
    ]


def test_two_http_clients(hygiene: Hygiene) -> None:
    files = {
        "py/requirements.txt": "requests==2.32.3\nhttpx==0.27.0\n",
        "pinned/requirements.txt": "requests==2.32.3\nurllib3>=2.2.2\n",  # a pin of its base
        "web/package.json": (
            '{"name": "web", "dependencies": {"axios": "^1.7.0", "ky": "^1.4.0"}, '
            '"devDependencies": {"node-fetch": "^3.3.0"}}'
        ),
        "polyglot/composer.json": '{"name": "a/b", "require": {"guzzlehttp/guzzle": "^7.8"}}',
        "polyglot/package.json": '{"name": "front", "dependencies": {"ky": "^1.4.0"}}',
    }
    found = hygiene(files, "duplicate-purpose")
    assert sorted(found) == [
        "duplicate-purpose:npm/http-client:web",
        "duplicate-purpose:pypi/http-client:py",
    ]
    assert found["duplicate-purpose:npm/http-client:web"].title == (
        "2 HTTP clients in one component: Axios, ky"
    )
