"""The Python detector through the core's scan: selection, includes and constraints files,
merging of declarations with lockfiles, components and workspaces."""

from __future__ import annotations

import pytest

from detectors.python.detector import PythonDetector, is_requirements_file
from scanner.dispatch import Dispatcher
from scanner.model import FailureKind, Scope


@pytest.mark.parametrize(
    ("path", "wanted"),
    [
        ("requirements.txt", True),
        ("svc/requirements-dev.txt", True),
        ("requirements.in", True),
        ("a/b/requirements/prod.txt", True),
        ("requirements/base.in", True),
        ("pyproject.toml", True),
        ("x/setup.cfg", True),
        ("setup.py", True),
        ("Pipfile", True),
        ("Pipfile.lock", True),
        ("poetry.lock", True),
        ("uv.lock", True),
        ("pdm.lock", True),
        ("dev-requirements.txt", False),
        ("requirements/notes.md", False),
        ("constraints.txt", False),
        ("pipfile", False),
    ],
)
def test_selected_files(path: str, wanted: bool) -> None:
    dispatcher = Dispatcher([PythonDetector()])
    assert bool(dispatcher.wanted_by(path)) is wanted
    if path.endswith((".txt", ".in")):
        assert is_requirements_file(path) is wanted


def test_carried_over_manifests_and_package_managers(make_tree, scan) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "requirements/prod.txt": "django\n",
            "setup.cfg": "[metadata]\n",
            "setup.py": "",
            "web/Pipfile": '[packages]\nflask = "*"\n',
            "tools/pyproject.toml": "[tool.ruff]\nline-length = 100\n",
            "lib/pyproject.toml": '[tool.poetry]\nname = "lib"\nversion = "0.3.0"\n',
        }
    )
    result = scan(root)
    assert [(c.path, c.name, c.manifests, c.ecosystems) for c in result.components] == [
        (".", "repo", ("requirements/prod.txt", "setup.cfg", "setup.py"), ("pypi",)),
        ("lib", "lib", ("lib/pyproject.toml",), ("pypi",)),
        ("tools", "tools", ("tools/pyproject.toml",), ("pypi",)),
        ("web", "web", ("web/Pipfile",), ("pypi",)),
    ]
    assert {(t.key, t.component) for t in result.technologies} == {
        ("pip", "."),
        ("poetry", "lib"),
        ("pipenv", "web"),
    }
    assert result.failures == ()


def test_uv_workspace_declaration_makes_members(make_tree, scan) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "pyproject.toml": (
                '[tool.uv.workspace]\nmembers = ["packages/*"]\nexclude = ["packages/old"]\n'
            ),
            "packages/a/pyproject.toml": '[project]\nname = "a"\n',
            "packages/old/pyproject.toml": '[project]\nname = "old"\n',
        }
    )
    components = {c.path: (c.workspace_root, c.workspace_members) for c in scan(root).components}
    assert components == {
        ".": (None, ("packages/a",)),
        "packages/a": (".", ()),
        "packages/old": (None, ()),
    }


def test_included_files_are_read_once_and_constraints_resolve(make_tree, scan, named) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "requirements.txt": "-r base-deps.txt\n-c constraints.txt\ndjango>=4.2\nflask\n",
            "base-deps.txt": "-r requirements.txt\ncelery[redis]>=5\n",
            "constraints.txt": "django==4.2.11\nflask<3\ncelery==5.3.6\nunused==1.0\n",
        }
    )
    result = scan(root)
    deps = named(result.dependencies)
    assert {n: (d.declared, d.resolved, d.direct) for n, d in deps.items()} == {
        "django": (">=4.2", "4.2.11", True),
        "flask": (None, None, True),
        "celery": (">=5", "5.3.6", True),
        "unused": (None, "1.0", False),
    }
    django_evidence = [(e.path, e.line, e.reason) for e in deps["django"].evidence]
    assert django_evidence == [
        ("requirements.txt", 3, "requirement 'django>=4.2'"),
        ("constraints.txt", 1, "constraint 'django==4.2.11'"),
    ]
    assert deps["celery"].evidence[0].path == "base-deps.txt"
    assert [c.manifests for c in result.components] == [("requirements.txt",)]
    assert result.failures == ()


def test_a_selected_file_only_used_as_constraints(make_tree, scan, named) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "requirements.in": "-c requirements-constraints.txt\nrequests\n",
            "requirements-constraints.txt": "requests==2.32.3\nidna==3.7\n",
        }
    )
    deps = named(scan(root).dependencies)
    assert {n: (d.declared, d.resolved, d.direct) for n, d in deps.items()} == {
        "requests": (None, "2.32.3", True),
        "idna": (None, "3.7", False),
    }


def test_includes_that_cannot_be_read_are_failures(make_tree, scan) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "app/requirements.txt": (
                "-r missing.txt\n-r ../../outside.txt\n-c https://example.com/c.txt\n"
                "-r binary.txt\nflask\n"
            ),
            "app/binary.txt": b"ok\n\xc3\x28 bad\n",
        }
    )
    result = scan(root)
    assert [d.name for d in result.dependencies] == ["flask"]
    failures = [(f.kind, f.path, f.reason) for f in result.failures]
    outside = "is a URL or lies outside the scanned tree; not read"
    assert failures == [
        (FailureKind.UNREADABLE, "app/requirements.txt", reason)
        for reason in (
            "line 1: included file -r 'missing.txt' is not in the scanned tree "
            "(or too large to read)",
            f"line 2: included file -r '../../outside.txt' {outside}",
            f"line 3: included file -c 'https://example.com/c.txt' {outside}",
            "line 4: included file -r 'binary.txt' cannot be read: not valid UTF-8 text "
            "(byte 3: invalid continuation byte)",
        )
    ]


def test_bad_lines_of_an_included_file_are_reported(make_tree, scan) -> None:  # type: ignore[no-untyped-def]
    root = make_tree({"requirements.txt": "-r common.txt\n", "common.txt": "ok\nnot valid!!\n"})
    result = scan(root)
    assert [d.name for d in result.dependencies] == ["ok"]
    assert [(f.path, f.reason.split(":")[0]) for f in result.failures] == [("common.txt", "line 2")]


def test_poetry_declarations_merge_with_the_lock(make_tree, scan, named) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "pyproject.toml": (
                '[tool.poetry]\nname = "app"\n[tool.poetry.dependencies]\npython = "^3.11"\n'
                'django = "^4.2"\n[tool.poetry.group.dev.dependencies]\npytest = "^8"\n'
            ),
            "poetry.lock": (
                "# This file is automatically @generated by Poetry 1.8.2 and should not be "
                "changed by hand.\n\n"
                '[[package]]\nname = "django"\nversion = "4.2.11"\ngroups = ["main"]\n\n'
                '[[package]]\nname = "asgiref"\nversion = "3.8.1"\ngroups = ["main"]\n\n'
                '[[package]]\nname = "pytest"\nversion = "8.1.1"\ngroups = ["dev"]\n\n'
                '[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\n'
            ),
        }
    )
    result = scan(root)
    deps = named(result.dependencies)
    assert {n: (d.declared, d.resolved, d.direct, d.scope) for n, d in deps.items()} == {
        "django": ("^4.2", "4.2.11", True, Scope.RUNTIME),
        "asgiref": (None, "3.8.1", False, Scope.RUNTIME),
        "pytest": ("^8", "8.1.1", True, Scope.DEVELOPMENT),
    }
    assert deps["django"].purl == "pkg:pypi/django@4.2.11"
    technologies = {(t.key, t.version) for t in result.technologies}
    assert technologies == {("poetry", "1.8.2"), ("python", "^3.11")}
    python = next(t for t in result.technologies if t.key == "python")
    assert {e.path for e in python.evidence} == {"pyproject.toml", "poetry.lock"}


def test_uv_lock_member_without_a_manifest_falls_back_to_the_nearest_component(
    make_tree, scan
) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "pyproject.toml": (
                '[project]\nname = "root"\n[tool.uv.workspace]\nmembers = ["libs/*"]\n'
            ),
            "uv.lock": (
                'version = 1\n[manifest]\nmembers = ["root", "gone"]\n\n'
                '[[package]]\nname = "root"\nversion = "0.1.0"\nsource = { editable = "." }\n'
                'dependencies = [{ name = "a" }]\n\n'
                '[[package]]\nname = "gone"\nversion = "0.1.0"\n'
                'source = { editable = "libs/gone" }\ndependencies = [{ name = "b" }]\n\n'
                '[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "r" }\n\n'
                '[[package]]\nname = "b"\nversion = "2.0"\nsource = { registry = "r" }\n'
            ),
        }
    )
    result = scan(root)
    assert {(d.name, d.component, d.direct) for d in result.dependencies} == {
        ("a", ".", True),
        ("b", ".", True),
    }


@pytest.mark.parametrize(
    ("files", "path", "message"),
    [
        ({"pyproject.toml": "[project"}, "pyproject.toml", "not valid TOML"),
        ({"Pipfile": ""}, "Pipfile", "empty file"),
        ({"Pipfile.lock": "{"}, "Pipfile.lock", "not valid JSON"),
        ({"poetry.lock": "x = "}, "poetry.lock", "not valid TOML"),
        ({"uv.lock": "package = 1\n"}, "uv.lock", "'package' is not an array of tables"),
        ({"pdm.lock": "metadata = 1\n"}, "pdm.lock", "'metadata' is not a table"),
        ({"setup.cfg": "key = value\n"}, "setup.cfg", "not valid setup.cfg syntax"),
        ({"requirements.txt": b"\xff\xfeab\xd8"}, "requirements.txt", "not valid UTF-16 text"),
    ],
)
def test_malformed_files_become_parse_errors(
    make_tree, scan, files, path: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    result = scan(make_tree(files))
    (failure,) = result.failures
    assert (failure.kind, failure.path, failure.detector) == (
        FailureKind.PARSE_ERROR,
        path,
        "python",
    )
    assert message in failure.reason
