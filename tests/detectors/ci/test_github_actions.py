"""GitHub Actions workflows and action definitions."""

from __future__ import annotations

import pytest

from detectors.ci.github_actions import parse_action, parse_workflow
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Scope, Technology

SHA = "b4ffde65f46336ab88eb53be808477a3936bae11"


def workflow(text: str, path: str = ".github/workflows/ci.yml") -> DetectorOutput:
    return parse_workflow(SourceFile(FileContent(path, text.encode()), "ci"))


def action(text: str, path: str = "action.yml") -> DetectorOutput:
    return parse_action(SourceFile(FileContent(path, text.encode()), "ci"))


def of(output: DetectorOutput, category: str) -> list[Technology]:
    return [t for t in output.technologies if t.category == category]


def versions(output: DetectorOutput, key: str) -> list[str | None]:
    return [t.version for t in output.technologies if t.key == key]


def test_uses_become_build_dependencies() -> None:
    output = workflow(
        f"""on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: Actions/Cache@v3.3.1
      - uses: actions/checkout@{SHA} # v4.1.1
      - uses: "github/codeql-action/init@{SHA}"  #v3
      - uses: docker/build-push-action@{SHA}
      - uses: ./.github/actions/local
      - uses: docker://alpine:3.19
      - uses: docker://ghcr.io/org/tool@sha256:{"0" * 64}
      - run: echo no uses here
  call:
    uses: octo-org/shared/.github/workflows/deploy.yml@main
  local-call:
    uses: ./.github/workflows/other.yml
"""
    )
    found = [(d.name, d.declared, d.version_note) for d in output.dependencies]
    assert found == [
        ("actions/checkout", "v4", None),
        ("actions/cache", "v3.3.1", None),
        ("actions/checkout", SHA, "pinned to a commit SHA; the comment says v4.1.1"),
        ("github/codeql-action/init", SHA, "pinned to a commit SHA; the comment says v3"),
        ("docker/build-push-action", SHA, "pinned to a commit SHA"),
        ("octo-org/shared/.github/workflows/deploy.yml", "main", None),
    ]
    assert {d.ecosystem for d in output.dependencies} == {"githubactions"}
    assert {d.scope for d in output.dependencies} == {Scope.BUILD}
    assert [d.evidence[0].line for d in output.dependencies] == [6, 7, 8, 9, 10, 16]
    assert "reusable workflow" in output.dependencies[-1].evidence[0].reason
    images = of(output, "container-image")
    assert [(t.key, t.version) for t in images] == [("alpine", "3.19"), ("ghcr.io/org/tool", None)]
    assert "pinned by digest" in (images[1].version_note or "")
    (system,) = of(output, "ci")
    assert (system.key, system.name) == ("github-actions", "GitHub Actions")


def test_runners_labels_lists_groups_and_matrix() -> None:
    output = workflow(
        """on: push
jobs:
  a:
    runs-on: ubuntu-20.04
  b:
    runs-on: [self-hosted, linux, x64]
  c:
    runs-on:
      group: big-runners
      labels: ubuntu-22.04-16core
  d:
    runs-on: ${{ matrix.os }}
    strategy:
      matrix:
        os: [windows-2019, macos-13]
        include:
          - os: ubuntu-24.04-arm
  e:
    runs-on: ${{ matrix.family }}-latest
    strategy:
      matrix:
        family: [ubuntu, macos]
  f:
    runs-on: ${{ fromJSON(inputs.runner) }}
  g:
    runs-on: warp-ubuntu-2204-x64-8x
  h:
    runs-on: {group: private-pool}
"""
    )
    runners = [(t.key, t.version, t.version_note) for t in of(output, "ci-runner")]
    assert runners == [
        ("ubuntu", "20.04", None),
        ("self-hosted", None, "labels: linux, x64"),
        ("ubuntu", "22.04", "variant 16core; runner group 'big-runners'"),
        ("windows", "2019", None),
        ("macos", "13", None),
        ("ubuntu", "24.04", "variant arm"),
        ("ubuntu", None, "ubuntu-latest: the version moves with the provider's images"),
        ("macos", None, "macos-latest: the version moves with the provider's images"),
        ("self-hosted", None, "custom runner label 'warp-ubuntu-2204-x64-8x'"),
        ("self-hosted", None, "runner group 'private-pool'"),
    ]
    assert of(output, "ci-runner")[0].evidence[0].line == 4
    assert {t.name for t in of(output, "ci-runner")} >= {"Ubuntu", "Windows", "macOS"}


def test_setup_actions_give_runtimes_per_version() -> None:
    output = workflow(
        """on: push
env:
  NODE: "20.11.1"
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python-version: ["3.10", 3.12]
        java: [{version: 17, dist: temurin}]
        include:
          - python-version: pypy3.10
    steps:
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python-version }}
      - uses: actions/setup-python@v5
        with:
          python-version: |
            3.8
            3.9.18
      - uses: actions/setup-python@v5
      - uses: actions/setup-node@v4
        with:
          node-version: ${{ env.NODE }}
      - uses: actions/setup-node@v4
        with:
          node-version-file: .nvmrc
      - uses: actions/setup-node@v4
        with:
          node-version: lts/*
      - uses: actions/setup-java@v4
        with:
          distribution: temurin
          java-version: ${{ matrix.java.version }}
      - uses: actions/setup-go@v5
        with:
          go-version: '1.22'
      - uses: actions/setup-dotnet@v4
        with:
          dotnet-version: |
            6.0.x
            8.0.x
      - uses: ruby/setup-ruby@v1
      - uses: ruby/setup-ruby@v1
        with:
          ruby-version: '3.3'
      - uses: shivammathur/setup-php@v2
        with:
          php-version: ${{ matrix.php }}
      - uses: erlef/setup-beam@v1
        with:
          otp-version: '26.2'
          elixir-version: '1.16.1'
      - uses: dtolnay/rust-toolchain@1.75.0
      - uses: pnpm/action-setup@v4
        with:
          version: 9
"""
    )
    assert versions(output, "python") == ["3.10", "3.12", None, "3.8", "3.9.18", None]
    python = [t for t in output.technologies if t.key == "python"]
    assert python[0].version_source == "declared" and python[4].version_source == "resolved"
    assert python[2].version_note == "'pypy3.10' is not a version number"
    assert python[5].version_note == "no version given (the runner's default)"
    assert python[0].evidence[0].line == 16
    assert "(= 3.10 from ${{ matrix.python-version }})" in python[0].evidence[0].reason
    assert versions(output, "nodejs") == ["20.11.1", None, None]
    node = [t for t in output.technologies if t.key == "nodejs"]
    assert node[1].version_note == "version read from .nvmrc"
    assert node[2].version_note == "'lts/*' is not a version number"
    (java,) = [t for t in output.technologies if t.key == "java"]
    assert (java.version, java.version_note) == ("17", "distribution temurin")
    assert versions(output, "go") == ["1.22"]
    assert versions(output, "dotnet") == ["6.0.x", "8.0.x"]
    assert versions(output, "ruby") == [None, "3.3"]
    (php,) = [t for t in output.technologies if t.key == "php"]
    assert php.version is None and php.version_note == "set by the expression ${{ matrix.php }}"
    assert versions(output, "erlang") == ["26.2"] and versions(output, "elixir") == ["1.16.1"]
    assert versions(output, "rust") == ["1.75.0"]
    (pnpm,) = [t for t in output.technologies if t.key == "pnpm"]
    assert (pnpm.category, pnpm.version) == ("package-manager", "9")
    assert {t.name for t in output.technologies if t.category == "runtime"} >= {
        "Python",
        "Node.js",
        "Java",
        ".NET",
        "Erlang/OTP",
    }


def test_containers_and_services() -> None:
    output = workflow(
        """on: push
jobs:
  test:
    runs-on: ubuntu-latest
    container:
      image: node:20-bookworm
    services:
      db:
        image: postgres:${{ matrix.pg }}
      cache:
        image: redis
    strategy:
      matrix:
        pg: [15, 16.2]
  other:
    runs-on: ubuntu-latest
    container: python:3.12
"""
    )
    images = [(t.key, t.version, t.evidence[0].line) for t in of(output, "container-image")]
    assert images == [
        ("node", "20-bookworm", 5),
        ("postgres", "15", 8),
        ("postgres", "16.2", 8),
        ("redis", None, 10),
        ("python", "3.12", 17),
    ]


def test_action_definitions() -> None:
    composite = action(
        """name: setup
inputs:
  node-version:
    default: v22.x
runs:
  using: composite
  steps:
    - uses: actions/setup-node@v4
      with:
        node-version: ${{ inputs.node-version }}
    - uses: ./local
    - run: echo hi
      shell: bash
""",
        ".github/actions/setup/action.yml",
    )
    assert [d.name for d in composite.dependencies] == ["actions/setup-node"]
    assert versions(composite, "nodejs") == ["22.x"]
    javascript = action("runs:\n  using: node20\n  main: index.js\n")
    assert [(t.key, t.version) for t in javascript.technologies] == [
        ("github-actions", None),
        ("nodejs", "20"),
    ]
    docker = action("runs:\n  using: docker\n  image: docker://debian:12\n")
    assert [(t.key, t.version) for t in of(docker, "container-image")] == [("debian", "12")]
    dockerfile = action("runs:\n  using: docker\n  image: Dockerfile\n")
    assert of(dockerfile, "container-image") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("on: push\njobs: [\n", "not valid YAML"),
        ("on: push\n", "no 'jobs' mapping"),
        ("- a\n", "expected a mapping"),
        ("", "empty workflow"),
    ],
)
def test_malformed_workflows(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        workflow(text)


def test_malformed_action() -> None:
    with pytest.raises(DetectorError, match="no 'runs' mapping"):
        action("name: x\n")


def test_odd_but_valid_values_are_skipped_quietly() -> None:
    output = workflow(
        """on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: not-a-slug
      - uses: ${{ matrix.action }}
      - uses: owner/repo
      - {}
      - just a string
  b: not a job
"""
    )
    assert [(d.name, d.declared, d.version_note) for d in output.dependencies] == [
        ("owner/repo", None, "no ref given")
    ]
