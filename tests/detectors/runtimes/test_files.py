"""Each runtime version file, parsed on its own: technologies, lines, failures."""

from __future__ import annotations

import pytest

from detectors.runtimes.detector import RuntimesDetector
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Category, DetectorOutput, FailureKind, Technology


def inspect(path: str, content: str | bytes) -> DetectorOutput:
    data = content.encode() if isinstance(content, str) else content
    return RuntimesDetector().inspect_file(SourceFile(FileContent(path, data), "runtimes"))


def techs(output: DetectorOutput) -> list[tuple[str, str | None, str | None]]:
    return [(t.key, t.version, t.version_source) for t in output.technologies]


def only(output: DetectorOutput) -> Technology:
    (technology,) = output.technologies
    return technology


# .python-version --------------------------------------------------------------------------


def test_python_version_several_lines_comments_and_lines() -> None:
    output = inspect(
        "svc/.python-version", "# pyenv\n3.12.4\n\n3.11  # fallback\npypy3.10-7.3.12\nsystem\n"
    )
    assert techs(output) == [
        ("python", "3.12.4", "resolved"),
        ("python", "3.11", "declared"),
        ("python", "3.10", "declared"),
        ("pypy", "7.3.12", "resolved"),
        ("python", None, None),
    ]
    assert [t.evidence[0].line for t in output.technologies] == [2, 4, 5, 5, 6]
    first = output.technologies[0]
    assert first.category == Category.RUNTIME and first.name == "Python"
    assert first.evidence[0].path == "svc/.python-version"
    assert first.evidence[0].detector == "runtimes"
    assert "3.12.4" in first.evidence[0].reason
    assert output.technologies[-1].version_note is not None
    assert output.failures == ()


def test_python_version_dev_build_and_bom_crlf() -> None:
    output = inspect(".python-version", b"\xef\xbb\xbf3.12-dev\r\n")
    technology = only(output)
    assert (technology.version, technology.version_source) == ("3.12", "declared")
    assert technology.version_note is not None and "3.12-dev" in technology.version_note


def test_python_version_path_line_is_a_line_failure() -> None:
    output = inspect(".python-version", "../elsewhere/python\n3.12.1\n")
    assert techs(output) == [("python", "3.12.1", "resolved")]
    (failure,) = output.failures
    assert failure.kind == FailureKind.PARSE_ERROR
    assert failure.reason.startswith("line 1: ")
    assert failure.path == ".python-version" and failure.detector == "runtimes"


@pytest.mark.parametrize("content", ["", "\n\n", "# only a comment\n"])
def test_empty_version_files_are_errors(content: str) -> None:
    for name in (".python-version", ".nvmrc", ".ruby-version", ".java-version", ".go-version"):
        with pytest.raises(DetectorError, match=r"no .* version"):
            inspect(name, content)


def test_python_version_with_only_bad_lines_is_an_error() -> None:
    with pytest.raises(DetectorError, match=r"line 1: .* is a path"):
        inspect(".python-version", "/usr/bin/python3\n")


# .nvmrc / .node-version -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "version", "source"),
    [
        ("v18.17.0\n", "18.17.0", "resolved"),
        ("18\n", "18", "declared"),
        ("lts/hydrogen\n", "18", "declared"),
        ("lts/iron", "20", "declared"),
        ("lts/*\n", None, None),
        ("node\n", None, None),
        ("# comment\nv20.11.1 # trailing\n", "20.11.1", "resolved"),
        (">=18.0.0\n", ">=18.0.0", "declared"),
    ],
)
def test_nvmrc(content: str, version: str | None, source: str | None) -> None:
    for name in (".nvmrc", ".node-version"):
        technology = only(inspect(name, content))
        assert (technology.key, technology.name) == ("nodejs", "Node.js")
        assert (technology.version, technology.version_source) == (version, source)
        if version is None:
            assert technology.version_note


def test_nvmrc_lts_star_note_and_settings_lines() -> None:
    technology = only(inspect(".nvmrc", "lts/*\n"))
    assert technology.version_note == "lts/*: the latest long-term-support release"
    technology = only(inspect(".nvmrc", "some-setting=x\n20\n"))
    assert (technology.version, technology.evidence[0].line) == ("20", 2)
    with pytest.raises(DetectorError, match=r"no Node.js version"):
        inspect(".nvmrc", "a=b\n")


# .ruby-version, .java-version, .go-version, .terraform-version ------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (".ruby-version", "3.2.2\n", [("ruby", "3.2.2", "resolved")]),
        (".ruby-version", "ruby-3.2.2\n", [("ruby", "3.2.2", "resolved")]),
        (".ruby-version", "jruby-9.4\n", [("ruby", None, None), ("jruby", "9.4", "declared")]),
        (".java-version", "17\n", [("java", "17", "declared")]),
        (".java-version", "1.8\n", [("java", "8", "declared")]),
        (".java-version", "temurin-21\n", [("java", "21", "declared")]),
        (".java-version", "17.0.2\n", [("java", "17.0.2", "resolved")]),
        (".go-version", "1.22.1\n", [("go", "1.22.1", "resolved")]),
        (".go-version", "1.21\n", [("go", "1.21", "declared")]),
        (".terraform-version", "1.5.7\n", [("terraform", "1.5.7", "resolved")]),
        (".terraform-version", "latest\n", [("terraform", None, None)]),
    ],
)
def test_single_version_files(
    name: str, content: str, expected: list[tuple[str, str | None, str | None]]
) -> None:
    assert techs(inspect(name, content)) == expected


def test_terraform_version_is_infrastructure() -> None:
    technology = only(inspect("infra/.terraform-version", "1.6.0\n"))
    assert (technology.key, technology.category) == ("terraform", Category.INFRASTRUCTURE)
    assert technology.evidence[0].line == 1


def test_jruby_keeps_its_implementation_in_the_note() -> None:
    ruby, jruby = inspect(".ruby-version", "jruby-9.4.3.0\n").technologies
    assert ruby.version is None and ruby.version_note is not None
    assert "JRuby" in ruby.version_note
    assert (jruby.name, jruby.category) == ("JRuby", Category.RUNTIME)


# runtime.txt and system.properties ----------------------------------------------------------


def test_runtime_txt_python() -> None:
    technology = only(inspect("runtime.txt", "python-3.6.5"))
    assert (technology.key, technology.version, technology.version_source) == (
        "python",
        "3.6.5",
        "resolved",
    )
    assert technology.evidence[0].line == 1
    technology = only(inspect("runtime.txt", "python-3.12\n"))
    assert (technology.version, technology.version_source) == ("3.12", "declared")


def test_runtime_txt_java_property_and_bad_line() -> None:
    output = inspect("runtime.txt", "java.runtime.version=17\nnonsense here\n")
    assert techs(output) == [("java", "17", "declared")]
    (failure,) = output.failures
    assert failure.reason.startswith("line 2: 'nonsense here' is not a runtime")
    with pytest.raises(DetectorError, match=r"line 1: .* is not a runtime"):
        inspect("runtime.txt", "ruby 3\n")
    with pytest.raises(DetectorError, match="no runtime"):
        inspect("runtime.txt", "\n")


def test_system_properties() -> None:
    output = inspect(
        "system.properties",
        "# Heroku\njava.runtime.version = 21\nmaven.version: 3.9.6\nother.key=\\\n  x\n",
    )
    assert techs(output) == [("java", "21", "declared"), ("maven", "3.9.6", "resolved")]
    assert [t.evidence[0].line for t in output.technologies] == [2, 3]
    assert output.technologies[1].category == Category.BUILD_TOOL
    assert inspect("src/main/resources/system.properties", "app.name=demo\n").technologies == ()


# .tool-versions -----------------------------------------------------------------------------


def test_tool_versions_runtimes_datastore_and_tools() -> None:
    output = inspect(
        ".tool-versions",
        "# asdf\n"
        "nodejs 12.18.3\n"
        "python 3.11.4 2.7.18  # two\n"
        "erlang 23.0.2\n"
        "elixir 1.11.2-otp-23\n"
        "golang 1.21\n"
        "ruby 3.2.2\n"
        "java openjdk-17\n"
        "postgres 12.3\n"
        "terraform 1.5.7\n"
        "kubectl 1.29.0\n"
        "yarn 1.22.19\n"
        "rust ref:1a2b3c\n",
    )
    assert techs(output) == [
        ("nodejs", "12.18.3", "resolved"),
        ("python", "3.11.4", "resolved"),
        ("python", "2.7.18", "resolved"),
        ("erlang", "23.0.2", "resolved"),
        ("elixir", "1.11.2", "resolved"),
        ("go", "1.21", "declared"),
        ("ruby", "3.2.2", "resolved"),
        ("java", "17", "declared"),
        ("postgresql", "12.3", "declared"),
        ("terraform", "1.5.7", "resolved"),
        ("kubectl", "1.29.0", "resolved"),
        ("yarn", "1.22.19", "resolved"),
        ("rust", None, None),
    ]
    by_key = {t.key: t for t in output.technologies}
    assert (by_key["postgresql"].name, by_key["postgresql"].category) == (
        "PostgreSQL",
        Category.DATASTORE,
    )
    assert by_key["terraform"].category == Category.INFRASTRUCTURE
    assert (by_key["kubectl"].name, by_key["kubectl"].category) == ("kubectl", Category.TOOL)
    assert by_key["yarn"].category == Category.PACKAGE_MANAGER
    assert by_key["elixir"].version_note == "compiled for Erlang/OTP 23"
    assert by_key["nodejs"].evidence[0].line == 2
    assert by_key["rust"].version_note is not None and "1a2b3c" in by_key["rust"].version_note


def test_tool_versions_line_without_version() -> None:
    output = inspect(".tool-versions", "nodejs\r\nruby 3.3.0\r\n")
    assert techs(output) == [("ruby", "3.3.0", "resolved")]
    (failure,) = output.failures
    assert failure.reason == "line 1: plugin 'nodejs' without a version"
    with pytest.raises(DetectorError, match="without a version"):
        inspect(".tool-versions", "nodejs\n")
    with pytest.raises(DetectorError, match="no tool versions"):
        inspect(".tool-versions", "# nothing\n")


# mise -------------------------------------------------------------------------------------


def test_mise_tools_strings_lists_tables_and_backends() -> None:
    output = inspect(
        "mise.toml",
        "[env]\nNODE_ENV = 'x'\n\n"
        "[tools]\n"
        'node = "20"\n'
        'python = ["3.11.4", "3.10"]\n'
        'go = { version = "1.22.1", os = ["linux"] }\n'
        'java = "temurin-21"\n'
        'ruby = "latest"\n'
        '"aqua:hashicorp/terraform" = "1.7.0"\n'
        '"npm:prettier" = "3"\n'
        'erlang = "prefix:26"\n'
        "\n[tasks.build]\nrun = 'make'\n",
    )
    assert techs(output) == [
        ("nodejs", "20", "declared"),
        ("python", "3.11.4", "resolved"),
        ("python", "3.10", "declared"),
        ("go", "1.22.1", "resolved"),
        ("java", "21", "declared"),
        ("ruby", None, None),
        ("terraform", "1.7.0", "resolved"),
        ("prettier", "3", "declared"),
        ("erlang", "26", "declared"),
    ]
    lines = [t.evidence[0].line for t in output.technologies]
    assert lines == [5, 6, 6, 7, 8, 9, 10, 11, 12]
    assert output.failures == ()


@pytest.mark.parametrize(
    "path",
    [
        ".mise.toml",
        "mise.local.toml",
        "mise.production.toml",
        ".config/mise.toml",
        "app/.config/mise/config.toml",
        ".mise/config.toml",
    ],
)
def test_mise_file_names(path: str) -> None:
    assert techs(inspect(path, '[tools]\nbun = "1.1.0"\n')) == [("bun", "1.1.0", "resolved")]


def test_mise_without_tools_bad_entries_and_bad_toml() -> None:
    assert inspect("mise.toml", "[env]\nA = '1'\n").technologies == ()
    assert inspect("mise.toml", "").technologies == ()
    output = inspect("mise.toml", '[tools]\nnode = true\ndeno = "1.40.0"\n')
    assert techs(output) == [("deno", "1.40.0", "resolved")]
    (failure,) = output.failures
    assert failure.reason.startswith("line 2: tools.node: expected a version")
    with pytest.raises(DetectorError, match="not valid TOML"):
        inspect("mise.toml", "[tools\nnode = 1\n")
    with pytest.raises(DetectorError, match="'tools' is a str"):
        inspect("mise.toml", 'tools = "node"\n')


# rust-toolchain -----------------------------------------------------------------------------


def test_rust_toolchain_toml() -> None:
    technology = only(
        inspect(
            "rust-toolchain.toml",
            '# pinned\n[toolchain]\ncomponents = ["clippy"]\nchannel = "1.76.0"\n',
        )
    )
    assert (technology.key, technology.name, technology.category) == (
        "rust",
        "Rust",
        Category.RUNTIME,
    )
    assert (technology.version, technology.version_source) == ("1.76.0", "resolved")
    assert technology.evidence[0].line == 4


@pytest.mark.parametrize(
    ("content", "version"),
    [
        ("1.76.0\n", "1.76.0"),
        ("1.76\n", "1.76"),
        ("stable\n", None),
        ("nightly-2024-01-01\n", None),
        ('[toolchain]\nchannel = "nightly"\n', None),
    ],
)
def test_legacy_rust_toolchain(content: str, version: str | None) -> None:
    technology = only(inspect("rust-toolchain", content))
    assert technology.version == version
    if version is None:
        assert technology.version_note


def test_rust_toolchain_errors() -> None:
    with pytest.raises(DetectorError, match=r"no \[toolchain\] table"):
        inspect("rust-toolchain.toml", '[package]\nname = "x"\n')
    with pytest.raises(DetectorError, match="neither a channel nor a path"):
        inspect("rust-toolchain.toml", "[toolchain]\nprofile = 'minimal'\n")
    with pytest.raises(DetectorError, match="no toolchain channel"):
        inspect("rust-toolchain", "\n")
    custom = only(inspect("rust-toolchain.toml", '[toolchain]\npath = "/opt/rust"\n'))
    assert custom.version is None and custom.version_note


# .sdkmanrc ----------------------------------------------------------------------------------


def test_sdkmanrc() -> None:
    output = inspect(
        ".sdkmanrc",
        "# Enable auto-env\njava=17.0.2-tem\nmaven=3.9.6\ngradle = 8.5\nkotlin=1.9.22\nbroken\n",
    )
    assert techs(output) == [
        ("java", "17.0.2", "resolved"),
        ("maven", "3.9.6", "resolved"),
        ("gradle", "8.5", "declared"),
        ("kotlin", "1.9.22", "resolved"),
    ]
    java, maven, gradle, kotlin = output.technologies
    assert java.version_note == "distribution tem"
    assert maven.category == gradle.category == Category.BUILD_TOOL
    assert kotlin.category == Category.TOOL
    assert [t.evidence[0].line for t in output.technologies] == [2, 3, 4, 5]
    (failure,) = output.failures
    assert failure.reason == "line 6: 'broken' is not candidate=version"
    with pytest.raises(DetectorError, match="not candidate=version"):
        inspect(".sdkmanrc", "java 17\n")


# the selector -------------------------------------------------------------------------------


def test_selector_covers_every_format() -> None:
    from scanner.dispatch import Dispatcher

    dispatcher = Dispatcher([RuntimesDetector()])
    for path in (
        ".python-version",
        "a/.nvmrc",
        ".node-version",
        ".ruby-version",
        ".java-version",
        ".go-version",
        ".tool-versions",
        "mise.toml",
        ".mise.toml",
        "mise.local.toml",
        "mise.staging.toml",
        ".config/mise.toml",
        "sub/.config/mise/config.toml",
        "rust-toolchain",
        "rust-toolchain.toml",
        ".sdkmanrc",
        "runtime.txt",
        ".terraform-version",
    ):
        assert dispatcher.wanted_by(path), path
    for path in ("python-version", "config.toml", "mise.json", "src/runtime.txt.bak"):
        assert not dispatcher.wanted_by(path), path
