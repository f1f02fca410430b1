"""The Elixir detector on hand-made mix.exs and mix.lock files, and its term reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import scan_with

from detectors.elixir.detector import ElixirDetector
from detectors.elixir.mix_exs import parse_mix_exs
from detectors.elixir.mix_lock import parse_mix_lock, read_mix_lock
from detectors.elixir.terms import Atom, Map, TermError, TermParser, tokenize
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import FailureKind, RepositoryScan, Scope


def source(path: str, text: str | bytes) -> SourceFile:
    data = text.encode() if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), "elixir")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, ElixirDetector)


def term(text: str) -> object:
    return TermParser(tokenize(text)).value()


def test_terms() -> None:
    assert term('%{"a": {:hex, :a, "1.0"}, :b => [1, 2.5, 0x1F], "c" => nil}') == Map(
        (
            (Atom("a"), (Atom("hex"), Atom("a"), "1.0"), 1),
            (Atom("b"), [1, 2.5, 31], 1),
            ("c", Atom("nil"), 1),
        )
    )
    assert term('[only: [:dev, :test], runtime: false, "x": 1,]') == [
        (Atom("only"), [Atom("dev"), Atom("test")]),
        (Atom("runtime"), Atom("false")),
        (Atom("x"), 1),
    ]
    assert term(':"quoted atom"') == Atom("quoted atom")
    assert term('"tab\\tand \\"quote\\""') == 'tab\tand "quote"'
    assert term('"""\nheredoc "with" quotes\n"""') == 'heredoc "with" quotes\n'
    assert term('  """\n    indented\n      more\n    """') == "indented\n  more\n"
    with pytest.raises(TermError, match="line 1: interpolated string"):
        term('"v#{x}"')
    with pytest.raises(TermError, match=r"line 2: not a literal: 'Mix'"):
        term("[\n Mix.env()]")


def test_tokenizer_skips_comments_sigils_and_never_raises() -> None:
    tokens = tokenize('# a comment {:x, "1"}\n~w(a b)a ~S"""\n}\n""" @version "1" ?x \x00 "open')
    assert [(t.kind, t.value) for t in tokens] == [
        ("sigil", "a b"),
        ("sigil", "\n}\n"),
        ("attribute", "version"),
        ("string", "1"),
        ("other", "?"),
        ("name", "x"),
        ("other", "\x00"),
        ("string", "open"),
    ]


MIX_LOCK = """\
%{
  "bunt": {:hex, :bunt, "0.2.0", "951c6e80", [:mix], [], "hexpm", "7af5c7e0"},
  "decimal": {:hex, :decimal, "2.1.1", "5611dca5", [:mix], [], "hexpm", "53cfe5f4"},
  "hpack": {:hex, :hpack_erl, "0.3.0", "2461899c", [:rebar3], [], "hexpm", "d6137d7"},
  "private": {:hex, :private, "1.0.0", "aa", [:mix], [], "hexpm:acme", "bb"},
  "old": {:hex, :old, "0.1.0", "cc", [:mix], [{:decimal, "~> 2.0", [hex: :decimal]}]},
  "oldest": {:hex, :oldest, "1.2.3"},
  "heroicons": {:git, "https://github.com/o/heroicons.git", "0435d4ca", [tag: "v2.2.0"]},
  "weird": {:svn, "x"},
}
"""


def test_mix_lock_entries() -> None:
    output = parse_mix_lock(source("mix.lock", MIX_LOCK))
    found = {
        d.name: (d.resolved, d.direct, d.version_note, d.evidence[0].line)
        for d in output.dependencies
    }
    assert found == {
        "bunt": ("0.2.0", False, None, 2),
        "decimal": ("2.1.1", False, None, 3),
        "hpack_erl": ("0.3.0", False, "Hex package hpack_erl, named hpack in this project", 4),
        "private": ("1.0.0", False, "from the Hex repository hexpm:acme", 5),
        "old": ("0.1.0", False, None, 6),
        "oldest": ("1.2.3", False, None, 7),
        "heroicons": (
            None,
            False,
            "git https://github.com/o/heroicons.git at 0435d4ca (tag v2.2.0)",
            8,
        ),
    }
    assert [f.reason for f in output.failures] == ["line 9: 'weird': unknown source :svn"]
    assert [t.key for t in output.technologies] == ["mix"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("[1, 2]", "not a mix.lock: expected a map"),
        ('%{\n  "a": {:hex, :a, "1.0"}\n  "b": {}\n}', "line 3: expected ',' or '}'"),
        ('%{"a": {:hex, :a, "1.0"}', "map is never closed"),
        ('%{"a": {:hex, :a, System.get_env("V")}}', "not a literal: 'System'"),
        ("%{} %{}", "line 1: text after the map"),
    ],
)
def test_malformed_mix_lock(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        read_mix_lock(text)


MIX_EXS = """\
defmodule ChatApi.MixProject do
  use Mix.Project

  @version "0.1.0"
  @phoenix_requirement "~> 1.5.9"

  def project do
    [
      app: :chat_api,
      version: @version,
      elixir: "~> 1.11",
      compilers: [:phoenix, :gettext] ++ Mix.compilers(),
      start_permanent: Mix.env() == :prod,
      deps: deps()
    ]
  end

  def application do
    [mod: {ChatApi.Application, []}, extra_applications: [:logger]]
  end

  defp deps do
    [
      {:phoenix, @phoenix_requirement},
      {:ecto_sql, "~> 3.4"},
      {:credo, "~> 1.5", only: [:dev, :test], runtime: false},
      {:ex_machina, "~> 2.4", only: :test},
      {:phoenix_live_reload, "~> 1.2", only: :dev},
      {:esbuild, "~> 0.2", runtime: Mix.env() == :dev},
      {:heroicons, github: "tailwindlabs/heroicons", tag: "v2.2.0", app: false},
      {:my_lib, path: "../my_lib"},
      {:renamed, "~> 1.0", hex: :real_package},
      {:tailwind, "~> 0.1.8", runtime: false},
      {:jason, "~> 1.0", optional: true},
      # {:commented_out, "~> 1.0"},
      {:"quoted_name", ">= 0.0.0"}
    ]
  end

  defp aliases do
    [setup: ["deps.get"], test: ["ecto.create --quiet", "test"]]
  end
end
"""


def test_mix_exs_project_and_deps() -> None:
    output = parse_mix_exs(source("apps/chat/mix.exs", MIX_EXS))
    (found,) = output.manifests
    assert (found.name, found.version, found.kind, found.ecosystem, found.workspace) == (
        "chat_api",
        "0.1.0",
        "mix.exs",
        "hex",
        None,
    )
    assert {(t.key, t.version, t.version_source) for t in output.technologies} == {
        ("mix", None, None),
        ("elixir", "~> 1.11", "declared"),
    }
    deps = {
        d.name: (d.declared, d.scope, d.version_note, d.evidence[0].line)
        for d in output.dependencies
    }
    assert deps == {
        "phoenix": ("~> 1.5.9", Scope.RUNTIME, None, 24),
        "ecto_sql": ("~> 3.4", Scope.RUNTIME, None, 25),
        "credo": ("~> 1.5", Scope.DEVELOPMENT, None, 26),
        "ex_machina": ("~> 2.4", Scope.TEST, None, 27),
        "phoenix_live_reload": ("~> 1.2", Scope.DEVELOPMENT, None, 28),
        "esbuild": (
            "~> 0.2",
            Scope.RUNTIME,
            "an option is computed in Elixir (not evaluated)",
            29,
        ),
        "heroicons": (None, Scope.RUNTIME, "github tailwindlabs/heroicons (tag v2.2.0)", 30),
        "my_lib": (None, Scope.RUNTIME, "path ../my_lib", 31),
        "real_package": (
            "~> 1.0",
            Scope.RUNTIME,
            "Hex package real_package, named renamed in this project",
            32,
        ),
        "tailwind": ("~> 0.1.8", Scope.BUILD, None, 33),
        "jason": ("~> 1.0", Scope.OPTIONAL, None, 34),
        "quoted_name": (">= 0.0.0", Scope.RUNTIME, None, 36),
    }


def test_mix_exs_umbrella_and_keyword_deps() -> None:
    text = (
        "defmodule Umbrella.MixProject do\n  use Mix.Project\n"
        '  def project, do: [apps_path: "apps", version: "1.0.0", deps: deps()]\n'
        '  defp deps, do: [{:credo, "~> 1.7", only: :dev}]\nend\n'
    )
    output = parse_mix_exs(source("mix.exs", text))
    (found,) = output.manifests
    assert found.name is None
    assert found.workspace is not None
    assert (found.workspace.tool, found.workspace.patterns) == ("mix-umbrella", ("apps/*",))
    assert [(d.name, d.scope) for d in output.dependencies] == [("credo", Scope.DEVELOPMENT)]


def test_mix_exs_tolerates_anything() -> None:
    for text in ("", "defp deps do\n  [\n", 'defp deps do [{:ok, "1"}, {', "\x00\x01 ~w(", "%{{{"):
        output = parse_mix_exs(source("mix.exs", text))
        assert len(output.manifests) == 1
    output = parse_mix_exs(source("mix.exs", 'defp deps do\n  [{:ok, "1"}, {Broken\n'))
    assert [d.name for d in output.dependencies] == ["ok"]


def test_mix_exs_and_lock_merge(make_tree) -> None:  # type: ignore[no-untyped-def]
    lock = (
        '%{\n  "phoenix": {:hex, :phoenix, "1.5.14", "a", [:mix], [], "hexpm", "b"},\n'
        '  "plug": {:hex, :plug, "1.14.0", "c", [:mix], [], "hexpm", "d"},\n}\n'
    )
    root = make_tree(
        {
            "mix.exs": MIX_EXS,
            "mix.lock": lock,
            "apps/broken/mix.exs": b"\x00binary",
        }
    )
    result = scan(root)
    assert [(c.path, c.name) for c in result.components] == [
        (".", "chat_api"),
        ("apps/broken", "broken"),
    ]
    deps = {d.name: d for d in result.dependencies}
    phoenix = deps["phoenix"]
    assert (phoenix.declared, phoenix.resolved, phoenix.direct) == ("~> 1.5.9", "1.5.14", True)
    assert phoenix.purl == "pkg:hex/phoenix@1.5.14"
    assert deps["plug"].direct is False
    (failure,) = result.failures
    assert (failure.path, failure.kind) == ("apps/broken/mix.exs", FailureKind.BINARY)
