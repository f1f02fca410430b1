"""The Go detector on hand-made go.mod, go.sum and go.work files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import scan_with

from detectors.go.detector import GoDetector
from detectors.go.go_mod import parse_go_mod
from detectors.go.go_sum import parse_go_sum, read_go_sum
from detectors.go.go_work import parse_go_work
from detectors.go.modfile import parse_statements
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, FailureKind, RepositoryScan


def source(path: str, text: str | bytes) -> SourceFile:
    data = text.encode() if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), "go")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, GoDetector)


def by_name(dependencies: tuple[Dependency, ...] | list[Dependency]) -> dict[str, Dependency]:
    return {d.name: d for d in dependencies}


GO_MOD = """\
// The module of the tests.
module example.com/service/v2 // a trailing comment

go 1.22.1

toolchain go1.22.3

godebug (
\tdefault=go1.21
\tpanicnil=1
)

require github.com/single/line v1.0.0

require (
\tgithub.com/direct/dep v1.2.3
\tgithub.com/indirect/dep v0.4.0 // indirect
\tgithub.com/indirect/why v0.5.0 // indirect; needed by tests
\tgolang.org/x/pseudo v0.0.0-20191109021931-daa7c04131f5 // indirect
\tgithub.com/docker/docker v24.0.7+incompatible
\t"github.com/quoted/path" v1.1.0
\tgithub.com/replaced/everywhere v1.0.0
\tgithub.com/replaced/one v1.0.0
\tgithub.com/replaced/local v0.1.0
\tgithub.com/forked/upstream v1.5.0
\tgithub.com/excluded/dep v1.0.1
)

replace github.com/replaced/everywhere => github.com/replaced/everywhere v1.0.9

replace (
\tgithub.com/replaced/one v1.0.0 => github.com/replaced/one v1.0.1
\tgithub.com/replaced/one v0.9.0 => github.com/replaced/one v0.9.9
\tgithub.com/replaced/local => ../local/dep
\tgithub.com/forked/upstream => github.com/me/fork v1.5.1-fix
\tgithub.com/not/required => github.com/other v1.0.0
)

exclude github.com/excluded/dep v1.0.1

retract (
\tv2.0.0 // published by mistake
\t[v2.1.0, v2.1.5]
)

tool golang.org/x/tools/cmd/stringer

ignore ./node_modules
"""


def test_go_mod_every_directive() -> None:
    output = parse_go_mod(source("svc/go.mod", GO_MOD))
    assert output.failures == ()
    (found,) = output.manifests
    assert (found.name, found.ecosystem, found.kind, found.directory) == (
        "example.com/service/v2",
        "golang",
        "go.mod",
        "svc",
    )
    runtimes = {(t.key, t.version, t.version_source) for t in output.technologies}
    assert runtimes == {
        ("go-modules", None, None),
        ("go", "1.22.1", "declared"),
        ("go", "1.22.3", "resolved"),
    }
    go = next(t for t in output.technologies if t.version == "1.22.1")
    assert go.evidence[0].line == 4
    deps = by_name(output.dependencies)
    assert len(output.dependencies) == 12  # every require line; replaced ones renamed

    single = deps["github.com/single/line"]
    assert (single.declared, single.resolved, single.direct) == ("v1.0.0", "v1.0.0", True)
    assert single.evidence[0].line == 13
    assert deps["github.com/direct/dep"].direct is True
    assert deps["github.com/indirect/dep"].direct is False
    assert deps["github.com/indirect/why"].direct is False
    pseudo = deps["golang.org/x/pseudo"]
    assert (pseudo.resolved, pseudo.direct) == ("v0.0.0-20191109021931-daa7c04131f5", False)
    assert deps["github.com/docker/docker"].resolved == "v24.0.7+incompatible"
    assert deps["github.com/quoted/path"].resolved == "v1.1.0"

    everywhere = deps["github.com/replaced/everywhere"]
    assert (everywhere.declared, everywhere.resolved) == ("v1.0.0", "v1.0.9")
    assert [e.line for e in everywhere.evidence] == [22, 29]
    # The replacement of this exact version applies, not the one of v0.9.0.
    assert deps["github.com/replaced/one"].resolved == "v1.0.1"
    local = deps["github.com/replaced/local"]
    assert (local.declared, local.resolved) == ("v0.1.0", None)
    assert local.version_note == "replaced by the local directory ../local/dep"
    fork = deps["github.com/me/fork"]
    assert (fork.declared, fork.resolved) == (None, "v1.5.1-fix")
    assert fork.version_note == "replaces github.com/forked/upstream v1.5.0"
    assert "github.com/forked/upstream" not in deps
    assert "github.com/other" not in deps  # replaces a module that is not required
    assert "excluded" in (deps["github.com/excluded/dep"].version_note or "")


def test_go_below_1_17_lists_minimum_versions_only() -> None:
    text = "module m\n\ngo 1.16\n\nrequire github.com/a/b v1.0.0\n"
    (dep,) = parse_go_mod(source("go.mod", text)).dependencies
    assert (dep.declared, dep.resolved) == ("v1.0.0", None)
    assert "minimum version" in (dep.version_note or "")
    (dep,) = parse_go_mod(
        source("go.mod", "module m\nrequire github.com/a/b v1.0.0\n")
    ).dependencies
    assert dep.resolved is None


def test_crlf_bom_and_raw_strings() -> None:
    text = (
        "\ufeffmodule `example.com/raw`\r\ngo 1.21\r\nrequire (\r\n\tgithub.com/a/b v1.0.0\r\n)\r\n"
    )
    output = parse_go_mod(source("go.mod", text.encode("utf-8")))
    assert output.manifests[0].name == "example.com/raw"
    assert by_name(output.dependencies)["github.com/a/b"].resolved == "v1.0.0"


def test_toolchain_default_and_invalid_toolchain() -> None:
    output = parse_go_mod(source("go.mod", "module m\ngo 1.21\ntoolchain default\n"))
    toolchain = [t for t in output.technologies if t.key == "go" and t.version is None]
    assert toolchain and "default" in (toolchain[0].version_note or "")
    output = parse_go_mod(source("go.mod", "module m\ngo 1.21\ntoolchain gcc9\n"))
    (failure,) = output.failures
    assert failure.reason == "line 3: invalid toolchain 'gcc9'"


def test_bad_entries_are_failures_and_the_rest_is_read() -> None:
    text = (
        "module m\ngo 1.21\n"
        "require (\n\tgithub.com/ok v1.0.0\n\tgithub.com/bad master\n\tgithub.com/short\n)\n"
        "replace github.com/x => github.com/y\n"
        "frobnicate everything\n"
    )
    output = parse_go_mod(source("go.mod", text))
    assert [d.name for d in output.dependencies] == ["github.com/ok"]
    reasons = [f.reason for f in output.failures]
    assert reasons == [
        "line 8: expected 'replace old [version] => new version' or 'replace old [version] => "
        "./directory'",
        "line 9: unknown directive 'frobnicate'",
        "line 5: github.com/bad: 'master' is not a module version",
        "line 6: expected 'require path version'",
    ]
    assert all(f.kind is FailureKind.PARSE_ERROR and f.detector == "go" for f in output.failures)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no module directive"),
        ("go 1.21\nrequire x v1.0.0\n", "no module directive"),
        ("module m\nrequire (\n\tx v1.0.0\n", "line 2: 'require (' block is never closed"),
        ('module "m\n', "line 1: unterminated string"),
        ("module m\n/* old */\n", "line 2: go.mod files must use // comments, not /* */"),
        ("module m\ngo 1.21\n)\n", "line 3: unexpected ')'"),
        ("module m\ngo one.two\n", "line 2: invalid go version 'one.two'"),
        ("module a\nmodule b\n", "line 2: expected one 'module path'"),
        ("module m\ngo 1.21\ngo 1.22\n", "line 3: repeated go directive"),
        (
            "module m\ntoolchain go1.21.1\ntoolchain go1.22.0\n",
            "line 3: repeated toolchain directive",
        ),
    ],
)
def test_malformed_go_mod(text: str, message: str) -> None:
    with pytest.raises(DetectorError) as raised:
        parse_go_mod(source("go.mod", text))
    assert str(raised.value) == message


def test_tokens_follow_go_syntax() -> None:
    (statement,) = parse_statements('replace "a\\tb" v1 => `c d` v2 // note\n')
    assert statement.args == ("a\tb", "v1", "=>", "c d", "v2")
    assert statement.comment == "note"
    (statement,) = parse_statements("retract [v1.0.0, v1.0.5]\n")
    assert statement.args == ("[", "v1.0.0", ",", "v1.0.5", "]")
    assert parse_statements("require ()\n") == []


def test_go_sum_counts_module_versions() -> None:
    text = (
        "github.com/a/b v1.0.0 h1:abc=\n"
        "github.com/a/b v1.0.0/go.mod h1:def=\n"
        "\n"
        "github.com/a/b v0.9.0/go.mod h1:ghi=\n"
        "golang.org/x/c v0.1.0 h1:jkl=\n"
    )
    summary = read_go_sum(text)
    assert summary.versions == 3
    assert summary.go_mod_only == frozenset({("github.com/a/b", "v0.9.0")})
    output = parse_go_sum(source("go.sum", text))
    assert output.dependencies == ()
    (technology,) = output.technologies
    assert technology.key == "go-modules"
    assert "3 module versions" in technology.evidence[0].reason


def test_malformed_go_sum() -> None:
    with pytest.raises(DetectorError, match="line 2: expected 'module version hash'"):
        parse_go_sum(source("go.sum", "a v1 h1:x=\nnot a go.sum line here\n"))


def test_go_work_uses_and_runtime() -> None:
    text = "go 1.22\n\ntoolchain go1.22.2\n\nuse (\n\t./api\n\t./tools // helpers\n)\nuse ./web\n"
    output = parse_go_work(source("go.work", text))
    (found,) = output.manifests
    assert found.kind == "go.work" and found.workspace is not None
    assert (found.workspace.tool, found.workspace.patterns) == (
        "go-work",
        ("./api", "./tools", "./web"),
    )
    versions = {(t.version, t.version_source) for t in output.technologies if t.key == "go"}
    assert versions == {("1.22", "declared"), ("1.22.2", "resolved")}
    output = parse_go_work(source("go.work", "go 1.22\nuse\nfoo bar\n"))
    assert [f.reason for f in output.failures] == [
        "line 2: expected 'use directory'",
        "line 3: unknown directive 'foo'",
    ]


def test_scan_components_workspace_and_failures(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "go.work": "go 1.22\nuse (\n\t./api\n\t./web\n)\n",
            "api/go.mod": "module example.com/api\n\ngo 1.22\n\nrequire github.com/a/b v1.0.0\n",
            "api/go.sum": "github.com/a/b v1.0.0 h1:x=\ngithub.com/a/b v1.0.0/go.mod h1:y=\n",
            "web/go.mod": "module example.com/web\n\ngo 1.21\n",
            "other/go.mod": "module example.com/other\ngo 1.20\n",
            "broken/go.mod": "require x v1.0.0\n",
        }
    )
    result = scan(root)
    components = {
        c.path: (c.name, c.workspace_root, c.workspace_members) for c in result.components
    }
    assert components == {
        ".": (root.name, None, ("api", "web")),
        "api": ("example.com/api", ".", ()),
        "web": ("example.com/web", ".", ()),
        "other": ("example.com/other", None, ()),
    }
    (dep,) = result.dependencies
    assert (dep.component, dep.name, dep.resolved, dep.purl) == (
        "api",
        "github.com/a/b",
        "v1.0.0",
        "pkg:golang/github.com/a/b@v1.0.0",
    )
    go = {(t.component, t.version) for t in result.technologies if t.key == "go"}
    assert go == {(".", "1.22"), ("api", "1.22"), ("web", "1.21"), ("other", "1.20")}
    modules = next(t for t in result.technologies if t.key == "go-modules" and t.component == "api")
    assert {e.path for e in modules.evidence} == {"api/go.mod", "api/go.sum"}
    (failure,) = result.failures
    assert (failure.path, failure.detector, failure.reason) == (
        "broken/go.mod",
        "go",
        "no module directive",
    )
