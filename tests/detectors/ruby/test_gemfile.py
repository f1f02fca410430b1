"""The Ruby detector on hand-made Gemfiles and Gemfile.lock files."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import scan_with

from detectors.ruby.detector import RubyDetector
from detectors.ruby.gemfile import parse_gemfile
from detectors.ruby.gemfile_lock import parse_gemfile_lock, read_gemfile_lock
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Dependency, FailureKind, RepositoryScan, Scope


def source(path: str, text: str | bytes) -> SourceFile:
    data = text.encode() if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), "ruby")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, RubyDetector)


def by_name(dependencies: tuple[Dependency, ...] | list[Dependency]) -> dict[str, Dependency]:
    return {d.name: d for d in dependencies}


GEMFILE = """\
source "https://rubygems.org"
git_source(:github) { |repo| "https://github.com/#{repo}.git" }

ruby "3.3.0"

gem "rails", "~> 7.1.2"
gem 'pg', '~> 1.5', ">= 1.5.4" # two requirements
gem "tzinfo-data", platforms: %i[ windows jruby ]
gem "bootsnap", require: false
gem "lucide-rails", github: "maybe-finance/lucide-rails", branch: "main"
gem "local_gem", :path => "vendor/local_gem"
gem "sidekiq",
  "~> 7.2",
  require: "sidekiq/web"
gem "newrelic_rpm" if ENV["NEW_RELIC"]
gem "rubocop", group: :lint
gem "rspec-rails", groups: [:development, :test]
gem "interpolated", "~> #{VERSION}"

group :development, :test do
  gem "debug", platforms: %i[ mri windows ], require: "debug/prelude"
end

group :development do
  if ENV["CI"] then gem "ci_only" end
  gem "web-console"
  if RUBY_VERSION >= "3.0"
    gem "inside_if"
  end
end

group :test do
  gem "capybara"
end

platforms :jruby do
  gem "activerecord-jdbc-adapter"
end

%w[one two].each do |name|
  gem name
end

gem "after_blocks"
"""


def test_gemfile_statements_groups_and_blocks() -> None:
    output = parse_gemfile(source("app/Gemfile", GEMFILE))
    (found,) = output.manifests
    assert (found.kind, found.ecosystem, found.directory) == ("Gemfile", "gem", "app")
    assert {(t.key, t.version, t.version_source) for t in output.technologies} == {
        ("bundler", None, None),
        ("ruby", "3.3.0", "resolved"),
    }
    deps = by_name(output.dependencies)
    expected = {
        "rails": ("~> 7.1.2", Scope.RUNTIME, None, 6),
        "pg": ("~> 1.5, >= 1.5.4", Scope.RUNTIME, None, 7),
        "tzinfo-data": (None, Scope.RUNTIME, "only on platforms windows, jruby", 8),
        "bootsnap": (None, Scope.RUNTIME, None, 9),
        "lucide-rails": (
            None,
            Scope.RUNTIME,
            "github maybe-finance/lucide-rails (branch main)",
            10,
        ),
        "local_gem": (None, Scope.RUNTIME, "path vendor/local_gem", 11),
        "sidekiq": ("~> 7.2", Scope.RUNTIME, None, 12),
        "newrelic_rpm": (None, Scope.RUNTIME, "installed only under a condition", 15),
        "rubocop": (None, Scope.RUNTIME, None, 16),
        "rspec-rails": (None, Scope.DEVELOPMENT, None, 17),
        "interpolated": (
            None,
            Scope.RUNTIME,
            "a version requirement is computed in Ruby (not evaluated)",
            18,
        ),
        "debug": (None, Scope.DEVELOPMENT, "only on platforms mri, windows", 21),
        "web-console": (None, Scope.DEVELOPMENT, None, 26),
        "inside_if": (None, Scope.DEVELOPMENT, None, 28),
        "capybara": (None, Scope.TEST, None, 33),
        "activerecord-jdbc-adapter": (None, Scope.RUNTIME, "only on platforms jruby", 37),
        "after_blocks": (None, Scope.RUNTIME, None, 44),
    }
    assert set(deps) == set(expected)
    for name, (declared, scope, note, line) in expected.items():
        dep = deps[name]
        assert (dep.declared, dep.scope, dep.version_note, dep.evidence[0].line) == (
            declared,
            scope,
            note,
            line,
        ), name
        assert dep.direct is True and dep.resolved is None
    assert deps["rubocop"].evidence[0].reason == "gem 'rubocop' in group lint"
    assert deps["debug"].evidence[0].reason == "gem 'debug' in group development, test"


@pytest.mark.parametrize(
    ("line", "version", "source_", "note"),
    [
        ('ruby "3.2.2"', "3.2.2", "resolved", None),
        ("ruby '~> 3.2'", "~> 3.2", "declared", None),
        ('ruby "3.2"', "3.2", "declared", None),
        (
            'ruby "3.1.4", engine: "jruby", engine_version: "9.4.5.0"',
            "3.1.4",
            "resolved",
            "engine jruby",
        ),
        ('ruby file: ".ruby-version"', None, None, "read from .ruby-version"),
        (
            "ruby File.read('.ruby-version').strip",
            None,
            None,
            "the Ruby version is computed in Ruby (not evaluated)",
        ),
    ],
)
def test_gemfile_ruby_statement(line: str, version: str, source_: str, note: str) -> None:
    output = parse_gemfile(source("Gemfile", f"source 'https://rubygems.org'\n{line}\n"))
    (ruby,) = [t for t in output.technologies if t.key == "ruby"]
    assert (ruby.version, ruby.version_source, ruby.version_note) == (version, source_, note)
    assert ruby.evidence[0].line == 2


def test_gemfile_tolerates_anything() -> None:
    text = 'gem\ngem(\n"unterminated\nend\nend\n%w[\n:: ?x ~> #{\n\x00\ngem "still_read", "1.0"\n'
    output = parse_gemfile(source("gems.rb", text))
    assert output.manifests[0].kind == "gems.rb"
    # `gem(` continues on the next line, and that line names a gem; the broken rest does not
    # swallow the statement after it.
    assert [(d.name, d.declared) for d in output.dependencies] == [
        ("unterminated", None),
        ("still_read", "1.0"),
    ]


GEMFILE_LOCK = """\
GIT
  remote: https://github.com/maybe-finance/lucide-rails.git
  revision: 272e5fb8418ea458da3995d6abe0ba0ceee9c9f0
  branch: main
  specs:
    lucide-rails (0.2.0)
      railties (>= 4.1.0)

PATH
  remote: .
  specs:
    mygem (1.0.0)
      rack (~> 3.0)

PATH
  remote: vendor/engines/billing
  specs:
    billing (0.1.0)

GEM
  remote: https://rubygems.org/
  specs:
    ffi (1.17.4)
    ffi (1.17.4-arm64-darwin)
    ffi (1.17.4-x86_64-linux-gnu)
    rack (3.1.8)
    rails (7.2.2.1)
      actionpack (= 7.2.2.1)
      railties (= 7.2.2.1)
    railties (7.2.2.1)
      rack (>= 2.2.4, < 3.2)

PLATFORMS
  arm64-darwin
  ruby
  x86_64-linux-gnu

DEPENDENCIES
  billing!
  ffi
  lucide-rails!
  mygem!
  rails (~> 7.2.2, >= 7.2.2.1)
  tzinfo-data

CHECKSUMS
  ffi (1.17.4) sha256=abc
  rails (7.2.2.1) sha256=def

RUBY VERSION
   ruby 3.4.4p34

BUNDLED WITH
   2.6.9
"""


def test_gemfile_lock_every_section() -> None:
    output = parse_gemfile_lock(source("Gemfile.lock", GEMFILE_LOCK))
    assert output.failures == ()
    deps = by_name(output.dependencies)
    assert "mygem" not in deps  # the project's own gem (PATH remote: .)
    found = {
        name: (d.declared, d.resolved, d.direct, d.version_note, d.evidence[0].line)
        for name, d in deps.items()
    }
    assert found == {
        "lucide-rails": (
            None,
            "0.2.0",
            True,
            "git https://github.com/maybe-finance/lucide-rails.git (branch main, revision "
            "272e5fb8418ea458da3995d6abe0ba0ceee9c9f0)",
            6,
        ),
        "billing": (None, "0.1.0", True, "path vendor/engines/billing", 18),
        "ffi": (None, "1.17.4", True, None, 23),  # one dependency for its three platforms
        "rack": (None, "3.1.8", True, None, 26),  # required by the project's own gem
        "rails": ("~> 7.2.2, >= 7.2.2.1", "7.2.2.1", True, None, 27),
        "railties": (None, "7.2.2.1", False, None, 30),
        "tzinfo-data": (
            None,
            None,
            True,
            "not locked for the lockfile's platforms (arm64-darwin, ruby, x86_64-linux-gnu)",
            44,
        ),
    }
    assert [e.line for e in deps["rails"].evidence] == [27, 43]
    technologies = {(t.key, t.version, t.version_source) for t in output.technologies}
    assert technologies == {("bundler", "2.6.9", "resolved"), ("ruby", "3.4.4", "resolved")}
    ruby = next(t for t in output.technologies if t.key == "ruby")
    assert (ruby.evidence[0].line, ruby.evidence[0].reason) == (51, "RUBY VERSION ruby 3.4.4p34")


def test_gemfile_lock_jruby_old_bundler_and_crlf() -> None:
    text = (
        "GEM\r\n  remote: https://rubygems.org/\r\n  specs:\r\n    rake (13.0.6)\r\n\r\n"
        "PLATFORMS\r\n  java\r\n\r\nDEPENDENCIES\r\n  rake\r\n\r\n"
        "RUBY VERSION\r\n   ruby 2.6.8p205 (jruby 9.3.0.0)\r\n"
    )
    output = parse_gemfile_lock(source("gems.locked", text))
    (dep,) = output.dependencies
    assert (dep.name, dep.resolved, dep.direct) == ("rake", "13.0.6", True)
    ruby = next(t for t in output.technologies if t.key == "ruby")
    assert (ruby.version, ruby.version_note) == ("2.6.8", "engine jruby 9.3.0.0")
    bundler = next(t for t in output.technologies if t.key == "bundler")
    assert bundler.version is None and "BUNDLED WITH" in (bundler.version_note or "")


def test_gemfile_lock_bad_lines_are_failures() -> None:
    text = (
        "GEM\n  remote: x\n  specs:\n    good (1.0)\n   three spaces\n    noversion\n\n"
        "DEPENDENCIES\n  good\n"
    )
    output = parse_gemfile_lock(source("Gemfile.lock", text))
    assert [d.name for d in output.dependencies] == ["good"]
    assert [f.reason for f in output.failures] == [
        "line 5: unexpected line in GEM: 'three spaces'",
        "line 6: locked gem without a version",
    ]
    assert all(f.kind is FailureKind.PARSE_ERROR for f in output.failures)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("just some text\nmore\n", "not a Gemfile.lock"),
        ("GEM\n  specs:\n<<<<<<< HEAD\n    a (1)\n", "line 3: merge conflict marker"),
    ],
)
def test_malformed_gemfile_lock(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        read_gemfile_lock(text)


def test_gemfile_and_lock_merge(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(
        {
            "Gemfile": GEMFILE,
            "Gemfile.lock": GEMFILE_LOCK,
            "engines/admin/Gemfile": b"\x00" * 64,  # unreadable: still a component
        }
    )
    result = scan(root)
    assert [(c.path, c.manifests) for c in result.components] == [
        (".", ("Gemfile",)),
        ("engines/admin", ("engines/admin/Gemfile",)),
    ]
    deps = {d.name: d for d in result.dependencies}
    rails = deps["rails"]
    # The Gemfile (edited since) and the lock's DEPENDENCIES disagree: the Gemfile's
    # declaration is the current one and wins; the lock gives the resolution.
    assert (rails.declared, rails.resolved, rails.direct, rails.scope) == (
        "~> 7.1.2",
        "7.2.2.1",
        True,
        Scope.RUNTIME,
    )
    assert rails.purl == "pkg:gem/rails@7.2.2.1"
    assert {e.path for e in rails.evidence} == {"Gemfile", "Gemfile.lock"}
    capybara = deps["capybara"]
    assert (capybara.resolved, capybara.scope) == (None, Scope.TEST)
    ruby = {(t.version, t.version_source) for t in result.technologies if t.key == "ruby"}
    assert ruby == {("3.3.0", "resolved"), ("3.4.4", "resolved")}
    bundler = [t for t in result.technologies if t.key == "bundler" and t.component == "."]
    assert [(t.version, len(t.evidence)) for t in bundler] == [("2.6.9", 2)]
    (failure,) = result.failures
    assert (failure.path, failure.kind) == ("engines/admin/Gemfile", FailureKind.BINARY)
