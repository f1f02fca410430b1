"""pip requirements files, parsed on their own."""

from __future__ import annotations

import pytest

from detectors.python.requirements import file_scope, parse_requirements, read_requirements
from scanner.model import FailureKind, Scope


def test_pins_ranges_names_extras_and_markers(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        "# a comment\n"
        "\n"
        "Django==4.2.11  # the framework\n"
        "Django_REST.framework>=3.14,<4\n"
        "celery[redis] ~= 5.3 ; python_version >= '3.8'\n"
        "requests\n"
        "numpy==1.*\n"
        "legacy===1.0-custom\n"
        "old (>=1.0)\n"
    )
    output = parse_requirements(source("requirements.txt", text))
    deps = named(output.dependencies)
    assert set(deps) == {
        "django",
        "django-rest-framework",
        "celery",
        "requests",
        "numpy",
        "legacy",
        "old",
    }
    django = deps["django"]
    assert (django.declared, django.resolved, django.direct, django.scope) == (
        "==4.2.11",
        "4.2.11",
        True,
        Scope.RUNTIME,
    )
    assert django.evidence[0].line == 3
    assert django.evidence[0].reason == "requirement 'Django==4.2.11'"
    assert (deps["django-rest-framework"].declared, deps["django-rest-framework"].resolved) == (
        ">=3.14,<4",
        None,
    )
    celery = deps["celery"]
    assert (celery.declared, celery.resolved) == ("~= 5.3", None)
    assert "python_version >= '3.8'" in celery.evidence[0].reason
    assert "celery[redis]" in celery.evidence[0].reason
    assert (deps["requests"].declared, deps["requests"].version_note) == (
        None,
        "no version constraint",
    )
    assert (deps["numpy"].declared, deps["numpy"].resolved) == ("==1.*", None)
    assert deps["legacy"].resolved == "1.0-custom"
    assert deps["old"].declared == ">=1.0"
    assert output.failures == ()
    assert [m.kind for m in output.manifests] == ["requirements"]
    assert [(t.key, t.version) for t in output.technologies] == [("pip", None)]


def test_continuations_and_hashes_keep_the_first_line(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Django==1.11.25 \\\n"
        "    --hash=sha256:aaaa \\\n"
        "    --hash sha256:bbbb\n"
        "six==1.12.0 \\\n"
        "    --hash=sha256:cccc\n"
        "re\\\n"
        "quests==2.0\n"
    )
    output = parse_requirements(source("requirements.txt", text))
    deps = named(output.dependencies)
    assert (deps["django"].resolved, deps["django"].evidence[0].line) == ("1.11.25", 1)
    assert (deps["six"].resolved, deps["six"].evidence[0].line) == ("1.12.0", 4)
    assert (deps["requests"].resolved, deps["requests"].evidence[0].line) == ("2.0", 6)
    assert output.failures == ()


def test_a_comment_ends_a_continued_line(source, named) -> None:  # type: ignore[no-untyped-def]
    output = parse_requirements(source("requirements.txt", "flask==3.0 \\\n# note\nclick\n"))
    assert set(named(output.dependencies)) == {"flask", "click"}
    assert output.failures == ()


def test_includes_and_option_lines(source) -> None:  # type: ignore[no-untyped-def]
    text = (
        "-r base.txt\n"
        "--requirement=more/extra.txt\n"
        "-rshort.txt\n"
        "-c constraints.txt\n"
        "--constraint ../pins.txt\n"
        "-i https://pypi.example/simple\n"
        "--index-url=https://pypi.example/simple\n"
        "--extra-index-url https://mirror.example/simple\n"
        "-f ./wheels\n"
        "--find-links=https://wheels.example/\n"
        "--pre\n"
        "--no-binary :all:\n"
        "--only-binary=numpy\n"
        "--prefer-binary\n"
        "--require-hashes\n"
        "--trusted-host pypi.example\n"
        "--no-index\n"
        "flask\n"
    )
    document = read_requirements(text)
    assert [(i.target, i.constraint, i.line) for i in document.includes] == [
        ("base.txt", False, 1),
        ("more/extra.txt", False, 2),
        ("short.txt", False, 3),
        ("constraints.txt", True, 4),
        ("../pins.txt", True, 5),
    ]
    assert [e.name for e in document.entries] == ["flask"]
    assert document.errors == []


def test_editables_urls_and_paths(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        "-e .\n"
        "-e ./libs/local[extra]\n"
        "-e git+https://github.com/org/tool.git@v1.2#egg=Tool_Kit\n"
        "--editable=hg+https://hg.example/lib#egg=hglib\n"
        "https://github.com/mozilla/happyforms/archive/master.zip#egg=happyforms \\\n"
        "    --hash=sha256:9f82\n"
        "./wheels/numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.whl\n"
        "pkg @ https://files.example/pkg-1.0.tar.gz ; sys_platform == 'linux'\n"
        "./vendor/some-project\n"
    )
    output = parse_requirements(source("requirements.txt", text))
    deps = named(output.dependencies)
    assert set(deps) == {"tool-kit", "hglib", "happyforms", "numpy", "pkg"}
    tool = deps["tool-kit"]
    assert (tool.declared, tool.resolved) == (None, None)
    assert tool.version_note == "VCS requirement (git+https://github.com/org/tool.git@v1.2)"
    assert tool.evidence[0].reason.startswith("editable requirement ")
    assert deps["happyforms"].version_note == (
        "URL requirement (https://github.com/mozilla/happyforms/archive/master.zip)"
    )
    assert (deps["numpy"].resolved, deps["numpy"].version_note) == ("1.26.4", None)
    pkg = deps["pkg"]
    assert (pkg.declared, pkg.resolved) == (None, None)
    assert pkg.version_note == "direct URL requirement (https://files.example/pkg-1.0.tar.gz)"
    assert output.failures == ()


def test_pip_compile_output_tells_direct_from_transitive(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        "#\n"
        "# This file is autogenerated by pip-compile with Python 3.12\n"
        "# by the following command:\n"
        "#\n"
        "#    pip-compile requirements.in\n"
        "#\n"
        "certifi==2024.7.4 \\\n"
        "    --hash=sha256:abcd\n"
        "    # via requests\n"
        "flask==3.0.0\n"
        "    # via -r requirements.in\n"
        "requests==2.32.3\n"
        "    # via\n"
        "    #   -r requirements.in\n"
        "    #   flask\n"
        "myapp-helper==1.0\n"
        "    # via myapp (pyproject.toml)\n"
        "urllib3==2.2.2\n"
        "    # via\n"
        "    #   -c constraints.txt\n"
        "    #   requests\n"
        "\n"
        "# The following packages are considered to be unsafe in a requirements file:\n"
        "setuptools==70.0.0\n"
        "    # via flask\n"
    )
    output = parse_requirements(source("requirements.txt", text))
    deps = named(output.dependencies)
    assert {name: d.direct for name, d in deps.items()} == {
        "certifi": False,
        "flask": True,
        "requests": True,
        "myapp-helper": True,
        "urllib3": False,
        "setuptools": False,
    }
    assert (deps["certifi"].declared, deps["certifi"].resolved) == (None, "2024.7.4")
    assert (deps["requests"].declared, deps["requests"].resolved) == ("==2.32.3", "2.32.3")
    assert deps["requests"].evidence[0].reason == (
        "requirement 'requests==2.32.3' (via -r requirements.in, flask)"
    )
    tools = {(t.key, t.evidence[0].line) for t in output.technologies}
    assert tools == {("pip", None), ("pip-tools", 2)}


def test_uv_pip_compile_header_names_uv(source) -> None:  # type: ignore[no-untyped-def]
    text = (
        "# This file was autogenerated by uv via the following command:\n"
        "#    uv pip compile requirements.in -o requirements.txt\n"
        "idna==3.7\n"
        "    # via requests\n"
    )
    output = parse_requirements(source("requirements.txt", text))
    assert {t.key for t in output.technologies} == {"pip", "uv"}
    assert [d.direct for d in output.dependencies] == [False]


def test_a_plain_file_without_via_comments_is_all_direct(source) -> None:  # type: ignore[no-untyped-def]
    output = parse_requirements(source("requirements.txt", "# via nothing at the top\na==1\n"))
    assert [d.direct for d in output.dependencies] == [True]


def test_bad_lines_are_failures_and_the_rest_is_kept(source, named) -> None:  # type: ignore[no-untyped-def]
    text = (
        "good==1.0\n"
        "bad==${VERSION}\n"
        "--frobnicate\n"
        "also-good>=2 --no-such-option\n"
        "https://example.com/archive.zip\n"
        "-r\n"
        "--index-url 'unterminated\n"
        "fine\n"
    )
    output = parse_requirements(source("requirements.txt", text))
    assert set(named(output.dependencies)) == {"good", "fine"}
    reasons = [f.reason for f in output.failures]
    assert all(f.kind is FailureKind.PARSE_ERROR for f in output.failures)
    assert all(f.path == "requirements.txt" and f.detector == "python" for f in output.failures)
    assert reasons[0].startswith("line 2: invalid requirement 'bad==${VERSION}'")
    assert reasons[1] == "line 3: unknown option '--frobnicate' in a requirements file"
    assert reasons[2] == "line 4: unknown option '--no-such-option' after a requirement"
    assert reasons[3] == (
        "line 5: cannot tell the package of 'https://example.com/archive.zip' (no #egg= name)"
    )
    assert reasons[4] == "line 6: option '-r' needs a value"
    assert reasons[5].startswith("line 7: cannot split options")
    assert len(reasons) == 6


def test_crlf_and_byte_order_mark(source, named) -> None:  # type: ignore[no-untyped-def]
    data = "\ufeffflask==3.0 \\\r\n    --hash=sha256:aa\r\nclick>=8\r\n".encode()
    output = parse_requirements(source("requirements.txt", data))
    deps = named(output.dependencies)
    assert (deps["flask"].resolved, deps["click"].declared) == ("3.0", ">=8")
    assert deps["click"].evidence[0].line == 3
    assert output.failures == ()


def test_utf16_file_is_read(source) -> None:  # type: ignore[no-untyped-def]
    output = parse_requirements(source("requirements.txt", "flask==3.0\n".encode("utf-16")))
    assert [d.resolved for d in output.dependencies] == ["3.0"]


@pytest.mark.parametrize(
    ("path", "scope"),
    [
        ("requirements.txt", Scope.RUNTIME),
        ("requirements/prod.txt", Scope.RUNTIME),
        ("requirements.example.txt", Scope.RUNTIME),
        ("requirements-dev.txt", Scope.DEVELOPMENT),
        ("requirements/docs.txt", Scope.DEVELOPMENT),
        ("requirements_lint.in", Scope.DEVELOPMENT),
        ("requirements-test.txt", Scope.TEST),
        ("requirements/tests.txt", Scope.TEST),
    ],
)
def test_scope_follows_the_file_name(path: str, scope: Scope) -> None:
    assert file_scope(path) is scope


def test_files_in_a_requirements_folder_belong_to_the_project(source) -> None:  # type: ignore[no-untyped-def]
    nested = parse_requirements(source("svc/requirements/prod.txt", "a\n")).manifests[0]
    top = parse_requirements(source("requirements/base.txt", "a\n")).manifests[0]
    plain = parse_requirements(source("svc/requirements.txt", "a\n")).manifests[0]
    assert (nested.directory, top.directory, plain.directory) == ("svc", ".", "svc")
    assert nested.ecosystem == "pypi"


def test_messages_about_huge_lines_are_cut(source) -> None:  # type: ignore[no-untyped-def]
    output = parse_requirements(source("requirements.txt", "bad name " + "x" * 5000 + "\n"))
    (failure,) = output.failures
    assert failure.reason.startswith("line 1: invalid requirement 'bad name xxx")
    assert len(failure.reason) < 400
