"""setup.cfg, setup.py, Pipfile and Pipfile.lock."""

from __future__ import annotations

import json

import pytest

from detectors.python.detector import FORMATS
from detectors.python.pipfile import parse_pipfile
from detectors.python.pipfile_lock import parse_pipfile_lock
from detectors.python.setup_cfg import parse_setup_cfg
from scanner.errors import DetectorError
from scanner.model import Scope

SETUP_CFG = """\
[metadata]
name = fake_package
version = 1.0.0

[options]
python_requires = >=3.8
setup_requires = setuptools>=40.8.0
install_requires =
    invoke
    # a comment inside the list
    attrs>=21
    vistir; python_version<"3.10"
tests_require = pytest; mock>=4

[options.extras_require]
dev =
    black;python_version>="3.6"
    flake8
docs = file: docs/requirements.txt

[flake8]
exclude = %(here)s/build
"""


def test_setup_cfg(source, named) -> None:  # type: ignore[no-untyped-def]
    output = parse_setup_cfg(source("pkg/setup.cfg", SETUP_CFG))
    (found,) = output.manifests
    assert (found.kind, found.name, found.version, found.directory) == (
        "setup.cfg",
        "fake_package",
        "1.0.0",
        "pkg",
    )
    deps = named(output.dependencies)
    assert {name: (d.declared, d.scope) for name, d in deps.items()} == {
        "setuptools": (">=40.8.0", Scope.BUILD),
        "invoke": (None, Scope.RUNTIME),
        "attrs": (">=21", Scope.RUNTIME),
        "vistir": (None, Scope.RUNTIME),
        "pytest": (None, Scope.TEST),
        "mock": (">=4", Scope.TEST),
        "black": (None, Scope.OPTIONAL),
        "flake8": (None, Scope.OPTIONAL),
    }
    assert deps["attrs"].evidence[0].line == 11
    assert deps["setuptools"].evidence[0].line == 7
    assert deps["black"].evidence[0].line == 17
    assert deps["vistir"].evidence[0].reason == (
        "[options] install_requires entry 'vistir; python_version<\"3.10\"'"
    )
    (python,) = output.technologies
    assert (python.key, python.version, python.version_source, python.evidence[0].line) == (
        "python",
        ">=3.8",
        "declared",
        6,
    )
    assert output.failures == ()


def test_setup_cfg_without_packaging_sections_is_a_manifest(source) -> None:  # type: ignore[no-untyped-def]
    output = parse_setup_cfg(source("setup.cfg", "[flake8]\nmax-line-length = 99\n"))
    assert [m.kind for m in output.manifests] == ["setup.cfg"]
    assert output.dependencies == ()


def test_setup_cfg_dynamic_version_and_bad_requirement(source) -> None:  # type: ignore[no-untyped-def]
    text = (
        "[metadata]\nname = x\nversion = attr: x.__version__\n"
        "[options]\ninstall_requires =\n  ok\n  ???\n"
    )
    output = parse_setup_cfg(source("setup.cfg", text))
    assert output.manifests[0].version is None
    assert [d.name for d in output.dependencies] == ["ok"]
    assert [f.reason.split(":")[0] for f in output.failures] == [
        "[options] install_requires entry '???'"
    ]


@pytest.mark.parametrize("text", ["no section header\n", "[metadata]\n  = broken\n[x\n"])
def test_malformed_setup_cfg_raises(source, text: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DetectorError, match=r"not valid setup\.cfg syntax"):
        parse_setup_cfg(source("setup.cfg", text))


def test_setup_py_is_present_but_never_run(source) -> None:  # type: ignore[no-untyped-def]
    output = FORMATS["setup.py"](source("lib/setup.py", "raise SystemExit('never run')\n"))
    assert [(m.kind, m.directory, m.ecosystem) for m in output.manifests] == [
        ("setup.py", "lib", "pypi")
    ]
    assert output.dependencies == ()


PIPFILE = """\
[[source]]
url = "https://pypi.example/simple"
name = "pypi"

[packages]
"psycopg2-binary" = "*"
Django = "==4.2.11"
requests = {version = ">=2.31", extras = ["socks"]}
stdeb = {version="*", sys_platform = "== 'linux'"}
legacy-cgi = {version = "*", markers = "python_version >= '3.13'"}
pyyaml = {git = "https://github.com/yaml/pyyaml.git", ref = "abc123"}
me = {path = ".", editable = true}
sibling = {path = "../sibling", editable = true}

[dev-packages]
pytest = ">=8"

[docs]
sphinx = "*"

[tests]
hypothesis = "*"

[requires]
python_version = "3.11"
python_full_version = "3.11.4"

[scripts]
test = "pytest"

[pipenv]
allow_prereleases = true
"""


def test_pipfile(source, named) -> None:  # type: ignore[no-untyped-def]
    output = parse_pipfile(source("Pipfile", PIPFILE))
    assert [(m.kind, m.directory) for m in output.manifests] == [("Pipfile", ".")]
    deps = named(output.dependencies)
    assert {name: (d.declared, d.scope) for name, d in deps.items()} == {
        "psycopg2-binary": ("*", Scope.RUNTIME),
        "django": ("==4.2.11", Scope.RUNTIME),
        "requests": (">=2.31", Scope.RUNTIME),
        "stdeb": ("*", Scope.RUNTIME),
        "legacy-cgi": ("*", Scope.RUNTIME),
        "pyyaml": (None, Scope.RUNTIME),
        "sibling": (None, Scope.RUNTIME),
        "pytest": (">=8", Scope.DEVELOPMENT),
        "sphinx": ("*", Scope.DEVELOPMENT),
        "hypothesis": ("*", Scope.TEST),
    }
    assert all(d.resolved is None for d in deps.values())
    assert deps["pyyaml"].version_note == (
        "git dependency (https://github.com/yaml/pyyaml.git@abc123)"
    )
    assert "sys_platform \"== 'linux'\"" in deps["stdeb"].evidence[0].reason
    assert deps["psycopg2-binary"].evidence[0].line == 6
    assert deps["hypothesis"].evidence[0].line == 22
    technologies = {(t.key, t.version, t.version_source) for t in output.technologies}
    assert technologies == {
        ("pipenv", None, None),
        ("python", "3.11", "declared"),
        ("python", "3.11.4", "resolved"),
    }
    assert output.failures == ()


def test_pipfile_bad_entries_and_bad_toml(source) -> None:  # type: ignore[no-untyped-def]
    output = parse_pipfile(source("Pipfile", '[packages]\na = 1\nb = {version = 2}\nc = "*"\n'))
    assert [d.name for d in output.dependencies] == ["c"]
    assert [f.reason for f in output.failures] == [
        "[packages] a: 1 is neither a constraint nor a table",
        "[packages] b: version 2 is not a string",
    ]
    with pytest.raises(DetectorError, match="not valid TOML"):
        parse_pipfile(source("Pipfile", "[packages\n"))


def _lock(**sections: object) -> str:
    return json.dumps(sections, indent=4)


def test_pipfile_lock(source, named) -> None:  # type: ignore[no-untyped-def]
    text = _lock(
        _meta={
            "hash": {"sha256": "x"},
            "pipfile-spec": 6,
            "requires": {"python_version": "3.11"},
            "sources": [],
        },
        default={
            "django": {
                "hashes": ["sha256:a"],
                "version": "==4.2.11",
                "markers": "python_version >= '3.8'",
            },
            "pyyaml": {"git": "https://github.com/yaml/pyyaml.git", "ref": "a9c2"},
        },
        develop={"pytest": {"version": "==8.1.1"}},
        docs={"sphinx": {"version": "==7.2.6"}},
    )
    output = parse_pipfile_lock(source("Pipfile.lock", text))
    assert output.manifests == ()
    deps = named(output.dependencies)
    assert {name: (d.resolved, d.scope, d.direct) for name, d in deps.items()} == {
        "django": ("4.2.11", Scope.RUNTIME, False),
        "pyyaml": (None, Scope.RUNTIME, False),
        "pytest": ("8.1.1", Scope.DEVELOPMENT, False),
        "sphinx": ("7.2.6", Scope.DEVELOPMENT, False),
    }
    assert deps["django"].declared is None
    assert deps["django"].evidence[0].reason == (
        "Pipfile.lock default package django 4.2.11 (markers \"python_version >= '3.8'\")"
    )
    assert deps["django"].evidence[0].line == 13
    assert deps["pyyaml"].version_note == "git dependency (https://github.com/yaml/pyyaml.git@a9c2)"
    pipenv = next(t for t in output.technologies if t.key == "pipenv")
    assert pipenv.evidence[0].reason == "Pipfile.lock present (pipfile-spec 6)"
    python = next(t for t in output.technologies if t.key == "python")
    assert (python.version, python.version_source) == ("3.11", "declared")
    assert output.failures == ()


def test_pipfile_lock_full_python_version_is_resolved(source) -> None:  # type: ignore[no-untyped-def]
    text = _lock(_meta={"requires": {"python_full_version": "3.6.5"}}, default={})
    python = [
        t
        for t in parse_pipfile_lock(source("Pipfile.lock", text)).technologies
        if t.key == "python"
    ]
    assert [(t.version, t.version_source) for t in python] == [("3.6.5", "resolved")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("{", "not valid JSON"),
        ("[]", "expected a JSON object"),
        ('{"_meta": []}', "_meta is not an object"),
    ],
)
def test_malformed_pipfile_lock_raises(source, text: str, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(DetectorError, match=message):
        parse_pipfile_lock(source("Pipfile.lock", text))


def test_pipfile_lock_bad_entries_are_failures(source) -> None:  # type: ignore[no-untyped-def]
    text = json.dumps(
        {"default": {"a": [], "b": {"version": 3}, "c": {"version": "==1"}}, "develop": 5}
    )
    output = parse_pipfile_lock(source("Pipfile.lock", text))
    assert [d.name for d in output.dependencies] == ["c"]
    assert [f.reason for f in output.failures] == [
        "default.a is not an object",
        "default.b: version 3 is not a string",
        "'develop' is not an object of packages",
    ]
