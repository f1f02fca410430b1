"""The Python detector on every Python file of the corpus of real repositories (needs
../shared/corpus; these tests fail without it), with counts checked independently of the
parsers, and whole corpus repositories scanned through the core."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import inventory, require_corpus

from detectors.python.pipfile_lock import parse_pipfile_lock
from detectors.python.poetry_lock import parse_poetry_lock
from detectors.python.requirements import parse_requirements
from detectors.python.uv_lock import parse_uv_lock
from scanner.detector import FileContent, SourceFile
from scanner.model import Dependency, RepositoryScan, Scope

MANIFEST_KINDS = frozenset(
    {
        "pip-requirements",
        "pip-requirements-in",
        "pyproject-pep621",
        "pyproject-poetry",
        "pyproject-tools-only",
        "setup-cfg",
        "pipfile",
    }
)
LOCK_KINDS = frozenset({"pipfile-lock", "poetry-lock", "uv-lock"})


def _inventory() -> list[tuple[str, str, str]]:
    return inventory()


def _file(folder: str, path: str) -> SourceFile:
    data = (require_corpus() / folder / path).read_bytes()
    return SourceFile(FileContent(path, data), "python")


def _text(folder: str, path: str) -> str:
    return (require_corpus() / folder / path).read_text(encoding="utf-8-sig")


def test_every_corpus_file_of_a_claimed_kind_parses(scan) -> None:  # type: ignore[no-untyped-def]
    corpus = require_corpus()
    inventory = [row for row in _inventory() if row[2] in MANIFEST_KINDS | LOCK_KINDS]
    checked = 0
    for folder in sorted({folder for folder, _, _ in inventory}):
        result: RepositoryScan = scan(corpus / folder)
        assert result.failures == (), f"{folder}: {result.failures}"
        manifests = {path for c in result.components for path in c.manifests}
        evidence = {e.path for d in result.dependencies for e in d.evidence}
        evidence |= {e.path for t in result.technologies for e in t.evidence}
        for row_folder, path, kind in inventory:
            if row_folder != folder:
                continue
            if kind in MANIFEST_KINDS:
                assert path in manifests, f"{folder}/{path} ({kind}) gave no manifest"
            else:
                assert path in evidence, f"{folder}/{path} ({kind}) gave nothing"
            checked += 1
    assert checked == len(inventory) == 59


def _headers(text: str) -> list[tuple[str, str | None]]:
    """(name, version) of each [[package]] table, read with regular expressions only."""
    found = []
    for block in re.split(r"^\[\[package\]\]\s*$", text, flags=re.MULTILINE)[1:]:
        name = re.search(r'^name = "([^"]+)"', block, re.MULTILINE)
        version = re.search(r'^version = "([^"]+)"', block, re.MULTILINE)
        assert name is not None
        found.append((name.group(1), version.group(1) if version else None))
    return found


def test_poetry_lock_count_matches_the_package_headers() -> None:
    text = _text("Textualize__rich", "poetry.lock")
    headers = _headers(text)
    assert len(headers) == len(re.findall(r"^\[\[package\]\]$", text, re.MULTILINE)) == 49
    output = parse_poetry_lock(_file("Textualize__rich", "poetry.lock"))
    assert len(output.dependencies) == 49
    assert {(d.name, d.resolved) for d in output.dependencies} == {
        (name.lower().replace("_", "-"), version) for name, version in headers
    }
    assert output.failures == ()


@pytest.mark.parametrize(
    ("folder", "packages", "workspace"),
    [
        ("fastapi__full-stack-fastapi-template", 81, 1),
        ("python__pythondotorg", 143, 1),
        ("getsentry__self-hosted", 28, 1),
    ],
)
def test_uv_lock_counts_match_the_package_headers(
    folder: str, packages: int, workspace: int
) -> None:
    text = _text(folder, "uv.lock")
    headers = _headers(text)
    own = len(re.findall(r"^source = \{ (?:editable|virtual) = ", text, re.MULTILINE))
    assert (len(headers), own) == (packages, workspace)
    output = parse_uv_lock(_file(folder, "uv.lock"))
    found = {(d.name, d.resolved) for d in output.dependencies}
    assert len(found) == packages - workspace
    assert found <= set(headers)
    assert output.failures == ()


@pytest.mark.parametrize(
    ("folder", "path", "default", "develop"),
    [
        ("pypa__pipenv", "Pipfile.lock", 10, 100),
        ("pypa__pipenv", "examples/Pipfile.lock", 5, 5),
        ("postmanlabs__httpbin", "Pipfile.lock", 19, 1),
    ],
)
def test_pipfile_lock_counts_match_the_json(
    folder: str, path: str, default: int, develop: int
) -> None:
    document = json.loads(_text(folder, path))
    assert (len(document["default"]), len(document["develop"])) == (default, develop)
    output = parse_pipfile_lock(_file(folder, path))
    scopes = [d.scope for d in output.dependencies]
    assert (scopes.count(Scope.RUNTIME), scopes.count(Scope.DEVELOPMENT)) == (default, develop)
    assert output.failures == ()


def test_hash_pinned_requirements_count_matches_their_first_lines() -> None:
    for path, expected in (("requirements/prod.txt", 147), ("requirements/dev.txt", 51)):
        text = _text("mozilla__mozillians", path)
        starts = [line for line in text.splitlines() if re.match(r"[A-Za-z0-9h]", line)]
        output = parse_requirements(_file("mozilla__mozillians", path))
        assert len(starts) == len(output.dependencies) == expected
        assert output.failures == ()


def _requirement_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if line.split("#")[0].strip())


def test_pip_compile_outputs_mark_exactly_the_in_files_requirements_direct() -> None:
    inventory = _inventory()
    compiled = [(folder, path) for folder, path, kind in inventory if kind == "pip-requirements-in"]
    assert len(compiled) == 11
    for folder, source in compiled:
        target = source.removesuffix(".in") + ".txt"
        output = parse_requirements(_file(folder, target))
        direct = {d.name for d in output.dependencies if d.direct}
        via_in = len(
            re.findall(r"#\s+(?:via )?-r \S*requirements\.in$", _text(folder, target), re.M)
        )
        assert len(direct) == via_in == _requirement_lines(_text(folder, source)), target
        assert all(d.resolved for d in output.dependencies)
        assert output.failures == ()


def _dependency(result: RepositoryScan, name: str, component: str = ".") -> Dependency:
    (found,) = [d for d in result.dependencies if d.name == name and d.component == component]
    return found


Tree = Callable[[str], Path]


def _scan_corpus(corpus_tree: Tree, scan, folder: str) -> RepositoryScan:  # type: ignore[no-untyped-def]
    result: RepositoryScan = scan(corpus_tree(folder))
    # setup.py files were not copied into the corpus: their placeholders are not text.
    assert [f for f in result.failures if not f.path.endswith("setup.py")] == []
    return result


def test_netbox_requirements_pin_django(corpus_tree: Tree, scan) -> None:  # type: ignore[no-untyped-def]
    result = _scan_corpus(corpus_tree, scan, "netbox-community__netbox")
    django = _dependency(result, "django")
    assert (django.declared, django.resolved, django.direct, django.scope) == (
        "==6.0.8",
        "6.0.8",
        True,
        Scope.RUNTIME,
    )
    assert django.evidence[0].path == "requirements.txt"
    assert _dependency(result, "psycopg").resolved == "3.3.4"
    assert [(t.key, t.version) for t in result.technologies if t.key == "python"] == [
        ("python", ">=3.12")
    ]


def test_mozillians_hash_pinned_requirements(corpus_tree: Tree, scan) -> None:  # type: ignore[no-untyped-def]
    result = _scan_corpus(corpus_tree, scan, "mozilla__mozillians")
    django = _dependency(result, "django")
    assert django.resolved is not None and django.resolved.startswith("1.11.")
    assert (django.resolved, django.direct) == ("1.11.25", True)
    assert (django.evidence[0].path, django.evidence[0].line) == ("requirements/prod.txt", 239)
    assert _dependency(result, "sphinx").scope is Scope.DEVELOPMENT
    assert _dependency(result, "happyforms").version_note == (
        "URL requirement (https://github.com/mozilla/happyforms/archive/master.zip)"
    )
    assert [c.manifests for c in result.components] == [
        ("requirements/dev.txt", "requirements/prod.txt", "setup.cfg")
    ]


def test_rich_poetry_declarations_merge_with_the_lock(corpus_tree: Tree, scan) -> None:  # type: ignore[no-untyped-def]
    result = _scan_corpus(corpus_tree, scan, "Textualize__rich")
    pygments = _dependency(result, "pygments")
    assert (pygments.declared, pygments.resolved, pygments.direct, pygments.scope) == (
        "^2.13.0",
        "2.19.2",
        True,
        Scope.RUNTIME,
    )
    assert {e.path for e in pygments.evidence} == {"pyproject.toml", "poetry.lock"}
    ipywidgets = _dependency(result, "ipywidgets")
    assert (ipywidgets.declared, ipywidgets.resolved, ipywidgets.scope) == (
        ">=7.5.1,<9",
        "8.1.7",
        Scope.OPTIONAL,
    )
    pytest_dep = _dependency(result, "pytest")
    assert (pytest_dep.declared, pytest_dep.resolved, pytest_dep.scope) == (
        "^7.0.0",
        "7.4.4",
        Scope.DEVELOPMENT,
    )
    mdurl = _dependency(result, "mdurl")
    assert (mdurl.declared, mdurl.resolved, mdurl.direct) == (None, "0.1.2", False)
    assert _dependency(result, "poetry-core").scope is Scope.BUILD
    poetry = [t for t in result.technologies if t.key == "poetry"]
    assert [(t.version, t.version_source) for t in poetry] == [("2.1.3", "resolved")]
    assert {e.path for e in poetry[0].evidence} == {"poetry.lock", "pyproject.toml"}
    assert result.components[0].name == "rich"


def test_fastapi_template_uv_workspace(corpus_tree: Tree, scan) -> None:  # type: ignore[no-untyped-def]
    result = _scan_corpus(corpus_tree, scan, "fastapi__full-stack-fastapi-template")
    python_components = {
        c.path: (c.workspace_root, c.workspace_members)
        for c in result.components
        if "pypi" in c.ecosystems
    }
    assert python_components == {".": (None, ("backend",)), "backend": (".", ())}
    fastapi = _dependency(result, "fastapi", "backend")
    assert (fastapi.declared, fastapi.resolved, fastapi.direct, fastapi.scope) == (
        ">=0.141.1,<1.0.0",
        "0.141.1",
        True,
        Scope.RUNTIME,
    )
    starlette = _dependency(result, "starlette", "backend")
    assert (starlette.declared, starlette.direct) == (None, False)
    pytest_dep = _dependency(result, "pytest", "backend")
    assert (pytest_dep.direct, pytest_dep.scope) == (True, Scope.DEVELOPMENT)
    prek = _dependency(result, "prek", ".")
    assert (prek.declared, prek.resolved, prek.direct, prek.scope) == (
        ">=0.4.11,<1.0.0",
        "0.4.11",
        True,
        Scope.DEVELOPMENT,
    )
    assert not [d for d in result.dependencies if d.name == "app"]
    direct_backend = {d.name for d in result.dependencies if d.component == "backend" and d.direct}
    assert direct_backend == {
        "alembic",
        "email-validator",
        "emails",
        "fastapi",
        "httpx",
        "jinja2",
        "psycopg",
        "pwdlib",
        "pydantic",
        "pydantic-settings",
        "pyjwt",
        "python-multipart",
        "sentry-sdk",
        "sqlmodel",
        "tenacity",
        "coverage",
        "mypy",
        "pytest",
        "ruff",
        "ty",
        "hatchling",
    }
    uv = [t for t in result.technologies if t.key == "uv"]
    assert [t.component for t in uv] == ["."]


def test_pythondotorg_uv_lock_direct_flags(corpus_tree: Tree, scan) -> None:  # type: ignore[no-untyped-def]
    result = _scan_corpus(corpus_tree, scan, "python__pythondotorg")
    django = _dependency(result, "django")
    assert (django.declared, django.resolved, django.direct, django.scope) == (
        "==5.2.16",
        "5.2.16",
        True,
        Scope.RUNTIME,
    )
    asgiref = _dependency(result, "asgiref")
    assert (asgiref.direct, asgiref.scope) == (False, Scope.RUNTIME)
    gunicorn = _dependency(result, "gunicorn")
    assert (gunicorn.direct, gunicorn.scope, gunicorn.resolved) == (True, Scope.OPTIONAL, "23.0.0")
    botocore = _dependency(result, "botocore")
    assert (botocore.direct, botocore.scope) == (False, Scope.OPTIONAL)
    sphinx = _dependency(result, "sphinx")
    assert (sphinx.direct, sphinx.scope, sphinx.declared) == (True, Scope.DEVELOPMENT, None)
    direct = {d.name for d in result.dependencies if d.direct}
    # 49 runtime + 5 optional + 9 dev + 4 docs requirements, and the build backend.
    assert len(direct) == 49 + 5 + 9 + 4 + 1
    assert not [d for d in result.dependencies if d.name == "pythondotorg"]
