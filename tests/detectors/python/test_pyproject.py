"""pyproject.toml: PEP 621, PEP 735, build-system, Poetry, PDM and uv tables."""

from __future__ import annotations

import pytest

from detectors.python.pyproject import parse_pyproject
from scanner.errors import DetectorError
from scanner.model import Scope

PEP621 = """\
[build-system]
requires = ["hatchling>=1.27", "packaging"]
build-backend = "hatchling.build"

[project]
name = "shop"
version = "1.2.0"
requires-python = ">=3.11"
dependencies = [
    "Django>=4.2,<5",
    "psycopg[binary]==3.1.18",
    "requests",
    "pywin32>=306; sys_platform == 'win32'",
]

[project.optional-dependencies]
s3 = ["boto3>=1.34"]

[dependency-groups]
test = ["pytest>=8", {include-group = "lint"}]
dev = [{include-group = "test"}, "ipython"]
lint = ["ruff==0.4.4"]
"""


def test_pep621_project_groups_and_build_system(source, named) -> None:  # type: ignore[no-untyped-def]
    output = parse_pyproject(source("pyproject.toml", PEP621))
    (found,) = output.manifests
    assert (found.kind, found.name, found.version, found.ecosystem) == (
        "pyproject.toml",
        "shop",
        "1.2.0",
        "pypi",
    )
    assert found.workspace is None
    deps = named(output.dependencies)
    assert {name: (d.declared, d.scope) for name, d in deps.items()} == {
        "hatchling": (">=1.27", Scope.BUILD),
        "packaging": (None, Scope.BUILD),
        "django": (">=4.2,<5", Scope.RUNTIME),
        "psycopg": ("==3.1.18", Scope.RUNTIME),
        "requests": (None, Scope.RUNTIME),
        "pywin32": (">=306", Scope.RUNTIME),
        "boto3": (">=1.34", Scope.OPTIONAL),
        "pytest": (">=8", Scope.TEST),
        "ipython": (None, Scope.DEVELOPMENT),
        "ruff": ("==0.4.4", Scope.DEVELOPMENT),
    }
    # A manifest declares; even an exact pin is resolved by the lockfile only.
    assert all(d.resolved is None and d.direct for d in deps.values())
    assert deps["requests"].version_note == "no version constraint"
    assert deps["django"].evidence[0].line == 10
    assert deps["django"].evidence[0].reason == "project.dependencies entry 'Django>=4.2,<5'"
    assert deps["boto3"].evidence[0].line == 17
    assert deps["hatchling"].evidence[0].line == 2
    assert deps["ruff"].evidence[0].reason == (
        "dependency-groups.lint entry 'ruff==0.4.4' (included by dev, test)"
    )
    assert deps["pytest"].evidence[0].reason.endswith("(included by dev)")
    (python,) = output.technologies
    assert (python.key, python.version, python.version_source, python.category) == (
        "python",
        ">=3.11",
        "declared",
        "runtime",
    )
    assert python.evidence[0].line == 8
    assert output.failures == ()


def test_dotted_optional_dependencies_get_their_lines(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        '[project]\nname = "p"\ndependencies = ["certifi"]\n'
        'optional-dependencies.tests = [\n  "mock",\n  "pytest>=5",\n]\n'
    )
    deps = named(parse_pyproject(source("pyproject.toml", text)).dependencies)
    assert (deps["pytest"].scope, deps["pytest"].evidence[0].line) == (Scope.OPTIONAL, 6)


def test_include_group_problems_are_failures(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        "[dependency-groups]\n"
        'a = [{include-group = "b"}, "x"]\n'
        'b = [{include-group = "a"}, "y"]\n'
        'c = [{include-group = "missing"}, 42, "z"]\n'
    )
    output = parse_pyproject(source("pyproject.toml", text))
    assert set(named(output.dependencies)) == {"x", "y", "z"}
    reasons = sorted(f.reason for f in output.failures)
    assert reasons == [
        "dependency-groups.a includes itself (include-group cycle)",
        "dependency-groups.b includes itself (include-group cycle)",
        "dependency-groups.c: 42 is not a requirement string",
        "dependency-groups.c: include-group 'missing' is no group",
    ]


def test_invalid_requirements_and_wrong_types_are_failures(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        "[project]\n"
        'dependencies = ["ok>=1", "not a requirement!!"]\n'
        'optional-dependencies = "nope"\n'
        "[build-system]\n"
        'requires = "setuptools"\n'
    )
    output = parse_pyproject(source("pyproject.toml", text))
    assert set(named(output.dependencies)) == {"ok"}
    reasons = [f.reason for f in output.failures]
    assert reasons[0].startswith("project.dependencies entry 'not a requirement!!': ")
    assert reasons[1:] == [
        "project.optional-dependencies is not a table",
        "build-system.requires is not a list of requirements",
    ]


POETRY = """\
[tool.poetry]
name = "rich"
version = "14.3.3"

[tool.poetry.dependencies]
python = "^3.8"
pygments = "^2.13.0"
ipywidgets = { version = ">=7.5.1,<9", optional = true }
markdown-it-py = ">=2.2.0"
requests = { version = "~2.31", extras = ["socks"], markers = "sys_platform == 'linux'" }
mylib = { git = "https://github.com/org/mylib.git", tag = "v1.0" }
local = { path = "../local", develop = true }
wheel-dep = { url = "https://example.com/x-1.0-py3-none-any.whl" }
exact = "2.0.1"
anything = "*"
numpy = [
    { version = "<=1.24", python = "<3.9" },
    { version = "^1.26", python = ">=3.9" },
]

[tool.poetry.group.test.dependencies]
pytest = "^7.0.0"

[tool.poetry.group.docs]
optional = true

[tool.poetry.group.docs.dependencies]
sphinx = "*"

[tool.poetry.dev-dependencies]
black = "^22.6"

[build-system]
requires = ["poetry-core>=1.0.0"]
build-backend = "poetry.core.masonry.api"
"""


def test_poetry_tables(source) -> None:  # type: ignore[no-untyped-def]
    output = parse_pyproject(source("pyproject.toml", POETRY))
    (found,) = output.manifests
    assert (found.name, found.version) == ("rich", "14.3.3")
    deps = {(d.name, d.declared): d for d in output.dependencies}
    assert {(name, declared, d.scope) for (name, declared), d in deps.items()} == {
        ("pygments", "^2.13.0", Scope.RUNTIME),
        ("ipywidgets", ">=7.5.1,<9", Scope.OPTIONAL),
        ("markdown-it-py", ">=2.2.0", Scope.RUNTIME),
        ("requests", "~2.31", Scope.RUNTIME),
        ("mylib", None, Scope.RUNTIME),
        ("local", None, Scope.RUNTIME),
        ("wheel-dep", None, Scope.RUNTIME),
        ("exact", "2.0.1", Scope.RUNTIME),
        ("anything", "*", Scope.RUNTIME),
        ("numpy", "<=1.24", Scope.RUNTIME),
        ("numpy", "^1.26", Scope.RUNTIME),
        ("pytest", "^7.0.0", Scope.TEST),
        ("sphinx", "*", Scope.DEVELOPMENT),
        ("black", "^22.6", Scope.DEVELOPMENT),
        ("poetry-core", ">=1.0.0", Scope.BUILD),
    }
    assert all(d.resolved is None for d in deps.values())
    assert deps[("mylib", None)].version_note == (
        "git dependency (https://github.com/org/mylib.git@v1.0)"
    )
    assert deps[("local", None)].version_note == "path dependency (../local)"
    requests = deps[("requests", "~2.31")]
    assert "extras ['socks']" in requests.evidence[0].reason
    assert "markers \"sys_platform == 'linux'\"" in requests.evidence[0].reason
    assert deps[("pygments", "^2.13.0")].evidence[0].line == 7
    assert deps[("pytest", "^7.0.0")].evidence[0].line == 22
    assert deps[("black", "^22.6")].evidence[0].line == 31
    assert "numpy" not in {name for name, _ in deps if name == "python"}
    technologies = {(t.key, t.version, t.version_source) for t in output.technologies}
    assert technologies == {("poetry", None, None), ("python", "^3.8", "declared")}
    python = next(t for t in output.technologies if t.key == "python")
    assert python.evidence[0].line == 6
    assert output.failures == ()


def test_poetry_python_table_and_bad_entries(source) -> None:  # type: ignore[no-untyped-def]
    text = (
        "[tool.poetry.dependencies]\n"
        'python = { version = ">=3.10,<4" }\n'
        "bad = 3\n"
        "worse = { version = 3 }\n"
        "[tool.poetry.group]\n"
        "broken = 1\n"
    )
    output = parse_pyproject(source("pyproject.toml", text))
    assert [(t.key, t.version) for t in output.technologies if t.key == "python"] == [
        ("python", ">=3.10,<4")
    ]
    assert output.dependencies == ()
    assert [f.reason for f in output.failures] == [
        "tool.poetry.dependencies.bad: 3 is neither a constraint nor a table",
        "tool.poetry.dependencies.worse: version 3 is not a string",
        "tool.poetry.group.broken is not a table",
    ]


def test_pdm_and_uv_tables_and_the_uv_workspace(source) -> None:  # type: ignore[no-untyped-def]
    text = """\
[project]
name = "mono"
dependencies = []

[tool.pdm.dev-dependencies]
lint = ["flake8>=7"]
testing = ["pytest-cov"]

[tool.uv]
dev-dependencies = ["mypy==1.10.0"]

[tool.uv.workspace]
members = ["packages/*", "apps/web"]
exclude = ["packages/legacy"]
"""
    output = parse_pyproject(source("pyproject.toml", text))
    workspace = output.manifests[0].workspace
    assert workspace is not None
    assert (workspace.tool, workspace.patterns, workspace.excludes) == (
        "uv-workspace",
        ("packages/*", "apps/web"),
        ("packages/legacy",),
    )
    assert {(d.name, d.declared, d.scope) for d in output.dependencies} == {
        ("flake8", ">=7", Scope.DEVELOPMENT),
        ("pytest-cov", None, Scope.TEST),
        ("mypy", "==1.10.0", Scope.DEVELOPMENT),
    }
    tools = {t.key: t.evidence[0].line for t in output.technologies}
    assert tools == {"pdm": 5, "uv": 9}


def test_uv_tool_known_only_by_its_workspace_subtable(source) -> None:  # type: ignore[no-untyped-def]
    text = '[dependency-groups]\ndev = ["prek"]\n\n[tool.uv.workspace]\nmembers = ["backend"]\n'
    output = parse_pyproject(source("pyproject.toml", text))
    (uv,) = output.technologies
    assert (uv.key, uv.evidence[0].line) == ("uv", 4)
    assert output.manifests[0].workspace is not None


def test_a_tools_only_pyproject_is_still_a_manifest(source) -> None:  # type: ignore[no-untyped-def]
    output = parse_pyproject(source("tools/pyproject.toml", "[tool.black]\nline-length = 90\n"))
    (found,) = output.manifests
    assert (found.directory, found.name, found.kind) == ("tools", None, "pyproject.toml")
    assert output.dependencies == output.technologies == output.failures == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [("", "empty file"), ("[project\n", "not valid TOML"), ("a = 1\na = 2\n", "not valid TOML")],
)
def test_malformed_pyproject_raises(source, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DetectorError, match=message):
        parse_pyproject(source("pyproject.toml", text))
