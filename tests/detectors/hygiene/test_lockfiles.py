"""``no-lockfile`` per ecosystem, workspaces and fixtures; ``unpinned-dependencies``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detectors.hygiene.lockfiles import floating_requirement
from scanner.model import Dependency, Finding, Severity

Hygiene = Callable[[dict[str, str], str], dict[str, Finding]]

PACKAGE_JSON = '{"name": "app", "dependencies": {"express": "^4.18.2"}}'
NPM_LOCK = (
    '{"name": "app", "lockfileVersion": 3, "packages": {"": {"dependencies": '
    '{"express": "^4.18.2"}}, "node_modules/express": {"version": "4.18.2"}}}'
)
PIPFILE = '[packages]\nrequests = "*"\n'
POETRY = (
    '[tool.poetry]\nname = "svc"\nversion = "1.0.0"\n\n'
    '[tool.poetry.dependencies]\npython = "^3.11"\nfastapi = "^0.110"\n'
)
SETUPTOOLS = '[project]\nname = "lib"\nversion = "1.0"\ndependencies = ["attrs>=23"]\n'
CARGO = '[package]\nname = "tool"\nversion = "0.1.0"\n\n[dependencies]\nserde = "1"\n'
GEMFILE = 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\n'
COMPOSER = '{"name": "acme/site", "require": {"php": ">=8.2", "monolog/monolog": "^3.0"}}'
GO_MOD = "module example.com/svc\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n"


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"package.json": PACKAGE_JSON}, "no-lockfile:npm:."),
        ({"package.json": PACKAGE_JSON, "package-lock.json": NPM_LOCK}, None),
        ({"package.json": PACKAGE_JSON, "yarn.lock": "# yarn lockfile v1\n"}, None),
        ({"Pipfile": PIPFILE}, "no-lockfile:pypi:."),
        ({"Pipfile": PIPFILE, "Pipfile.lock": '{"_meta": {}, "default": {}}'}, None),
        ({"pyproject.toml": POETRY}, "no-lockfile:pypi:."),
        ({"pyproject.toml": POETRY, "poetry.lock": "# poetry\n"}, None),
        ({"pyproject.toml": SETUPTOOLS}, None),  # no manager that writes a lockfile
        ({"Cargo.toml": CARGO}, "no-lockfile:cargo:."),
        ({"Cargo.toml": CARGO, "Cargo.lock": "version = 3\n"}, None),
        ({"Gemfile": GEMFILE}, "no-lockfile:gem:."),
        ({"Gemfile": GEMFILE, "Gemfile.lock": "GEM\n  specs:\n"}, None),
        ({"composer.json": COMPOSER}, "no-lockfile:composer:."),
        ({"composer.json": COMPOSER, "composer.lock": '{"packages": []}'}, None),
        ({"go.mod": GO_MOD}, "no-lockfile:golang:."),
        ({"go.mod": GO_MOD, "go.sum": ""}, None),
        ({"go.mod": "module example.com/bare\n\ngo 1.22\n"}, None),  # nothing to lock
        ({"package.json": '{"name": "x", "scripts": {"t": "echo"}}'}, None),
        ({"tests/fixtures/app/package.json": PACKAGE_JSON}, None),  # a fixture
        ({"examples/demo/Cargo.toml": CARGO}, None),
    ],
)
def test_lockfile_presence_per_ecosystem(
    hygiene: Hygiene, files: dict[str, str], expected: str | None
) -> None:
    found = hygiene(files, "no-lockfile")
    assert sorted(found) == ([expected] if expected else [])


def test_the_finding_says_what_was_looked_for(hygiene: Hygiene) -> None:
    (finding,) = hygiene({"web/package.json": PACKAGE_JSON}, "no-lockfile").values()
    assert finding.id == "no-lockfile:npm:web"
    assert finding.severity == Severity.MEDIUM
    assert finding.title == "web/package.json: no lockfile (npm, Yarn, pnpm or Bun)"
    assert {f.name: f.value for f in finding.facts} == {
        "manifests": "web/package.json",
        "package manager": "npm, Yarn, pnpm or Bun",
        "lockfiles looked for": (
            "bun.lock, bun.lockb, npm-shrinkwrap.json, package-lock.json, pnpm-lock.yaml, yarn.lock"
        ),
        "looked in": "web",
    }
    assert [(e.path, e.reason, e.detector) for e in finding.evidence] == [
        ("web/package.json", "declares 1 dependencies; no lockfile", "hygiene")
    ]


def test_a_workspace_member_is_locked_at_its_workspace_root(hygiene: Hygiene) -> None:
    files = {
        "package.json": '{"name": "root", "private": true, "workspaces": ["packages/*"]}',
        "yarn.lock": "# yarn lockfile v1\n",
        "packages/a/package.json": PACKAGE_JSON,
        "tools/b/package.json": PACKAGE_JSON,  # not a member: its own lockfile is missing
    }
    assert sorted(hygiene(files, "no-lockfile")) == ["no-lockfile:npm:tools/b"]


def test_a_cargo_workspace_member(hygiene: Hygiene) -> None:
    files = {
        "Cargo.toml": '[workspace]\nmembers = ["crates/*"]\n',
        "Cargo.lock": "version = 3\n",
        "crates/core/Cargo.toml": CARGO,
    }
    assert hygiene(files, "no-lockfile") == {}


def test_floating_direct_runtime_dependencies(hygiene: Hygiene) -> None:
    files = {
        "requirements.txt": "django>=4.2\nrequests==2.31.0\nflask\ncelery[redis]~=5.3\n",
        "requirements-dev.txt": "pytest>=8\n",
        "web/package.json": (
            '{"name": "web", "dependencies": {"react": "^18.2.0", "left-pad": "1.3.0", '
            '"local": "file:../local", "anything": "*"}, "devDependencies": {"vite": "^5"}}'
        ),
    }
    found = hygiene(files, "unpinned-dependencies")
    assert sorted(found) == ["unpinned-dependencies:npm:web", "unpinned-dependencies:pypi:."]
    python = found["unpinned-dependencies:pypi:."]
    assert python.severity == Severity.LOW
    assert python.title == (
        "3 of 4 direct runtime pypi dependencies float (a range, no resolved version)"
    )
    assert {f.name: f.value for f in python.facts}["requirements"] == (
        "django >=4.2, flask any version, celery ~=5.3"
    )
    assert [(e.path, e.line) for e in python.evidence] == [
        ("requirements.txt", 1),
        ("requirements.txt", 3),
        ("requirements.txt", 4),
    ]
    web = found["unpinned-dependencies:npm:web"]
    assert {f.name: f.value for f in web.facts}["requirements"] == "anything *, react ^18.2.0"


def test_a_lockfile_resolves_what_the_manifest_floats(hygiene: Hygiene) -> None:
    files = {"package.json": PACKAGE_JSON, "package-lock.json": NPM_LOCK}
    assert hygiene(files, "unpinned-dependencies") == {}


@pytest.mark.parametrize(
    ("ecosystem", "declared", "note", "floating"),
    [
        ("pypi", ">=4.2,<5", None, ">=4.2,<5"),
        ("pypi", "==4.2.1", None, None),
        ("pypi", None, "no version constraint", "any version"),
        ("pypi", None, "direct URL requirement (https://x/y.whl)", None),
        ("npm", "1.2.3", None, None),
        ("npm", "latest", None, None),  # a dist-tag: not a version range
        ("npm", "workspace:*", "workspace protocol: a package of this workspace", None),
        ("cargo", "0.1.12", "path dependency ../cli", None),
        ("maven", "5.3.1", None, None),  # a soft requirement: the version used
        ("maven", "[5.0,6.0)", None, "[5.0,6.0)"),
        ("nuget", "8.0.2", None, None),  # NuGet takes the lowest version admitted
        ("nuget", "8.*", None, "8.*"),
        ("golang", "v1.6.0", None, None),
        ("hex", "~> 1.5", None, None),  # no version scheme to read it with
    ],
)
def test_floating_requirement(
    ecosystem: str, declared: str | None, note: str | None, floating: str | None
) -> None:
    dependency = Dependency(ecosystem, "pkg", (), declared=declared, version_note=note)
    assert floating_requirement(dependency) == floating
    assert floating_requirement(Dependency(ecosystem, "pkg", (), declared, "1.0.0")) is None


def test_development_dependencies_do_not_count(hygiene: Hygiene) -> None:
    files = {
        "pyproject.toml": '[project]\nname = "x"\n\n[dependency-groups]\ndev = ["ruff>=0.5"]\n'
    }
    assert hygiene(files, "unpinned-dependencies") == {}
