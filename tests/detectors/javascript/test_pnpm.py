"""pnpm-workspace.yaml and pnpm-lock.yaml (lockfileVersion 5.4, 6.0, 9.0)."""

from __future__ import annotations

import pytest

from detectors.javascript.pnpm_lock import parse_pnpm_lock, read_pnpm_lock
from detectors.javascript.pnpm_workspace import parse_pnpm_workspace, read_pnpm_workspace
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import Scope


def source(path: str, text: str) -> SourceFile:
    return SourceFile(FileContent(path, text.encode("utf-8")), "javascript")


def test_workspace_globs_with_exclusions_and_catalogs() -> None:
    text = """\
packages:
  - 'packages/*'
  - apps/**
  - '!packages/legacy'
catalog:
  react: ^18.2.0
catalogs:
  react17:
    react: ^17.0.2
    react-dom: ^17.0.2
"""
    read = read_pnpm_workspace(source("front/pnpm-workspace.yaml", text))
    (found,) = read.output.manifests
    assert (found.directory, found.ecosystem, found.kind) == ("front", "npm", "pnpm-workspace.yaml")
    assert found.workspace is not None
    assert found.workspace.tool == "pnpm-workspace"
    assert found.workspace.patterns == ("packages/*", "apps/**")
    assert found.workspace.excludes == ("packages/legacy",)
    assert read.catalogs == {
        "default": {"react": "^18.2.0"},
        "react17": {"react": "^17.0.2", "react-dom": "^17.0.2"},
    }


@pytest.mark.parametrize("text", ["", "allowBuilds:\n  esbuild: false\n", "packages: []\n"])
def test_a_workspace_file_without_packages_is_a_manifest_without_members(text: str) -> None:
    (found,) = parse_pnpm_workspace(source("pnpm-workspace.yaml", text)).manifests
    assert found.workspace is None


@pytest.mark.parametrize(
    ("text", "message"),
    [("packages: [\n", "not valid YAML"), ("- a\n", "expected a mapping at the top level")],
)
def test_malformed_workspace_files(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_pnpm_workspace(source("pnpm-workspace.yaml", text))


V9 = """\
lockfileVersion: '9.0'

settings:
  autoInstallPeers: true

importers:

  .:
    dependencies:
      react-dom:
        specifier: ^18.2.0
        version: 18.3.1(react@18.3.1)
      my-vite:
        specifier: npm:vite@^5.0.0
        version: vite@5.4.0(@types/node@20.0.0)
      '@acme/ui':
        specifier: workspace:*
        version: link:packages/ui
    devDependencies:
      typescript:
        specifier: ^5.4.0
        version: 5.4.5

  packages/ui:
    dependencies:
      react:
        specifier: 'catalog:'
        version: 18.3.1

packages:

  react@18.3.1:
    resolution: {integrity: sha512-aaa}
    engines: {node: '>=0.10.0'}

  react-dom@18.3.1:
    resolution: {integrity: sha512-bbb}
    peerDependencies:
      react: ^18.3.1

  vite@5.4.0:
    resolution: {integrity: sha512-ccc}

  esbuild@0.21.5:
    resolution: {integrity: sha512-ddd}

  fsevents@2.3.3:
    resolution: {integrity: sha512-eee}
    os: [darwin]

  '@types/node@20.0.0':
    resolution: {integrity: sha512-fff}

  typescript@5.4.5:
    resolution: {integrity: sha512-ggg}

  loose-envify@1.4.0:
    resolution: {integrity: sha512-hhh}

  tarball@https://x.example/tarball-1.0.0.tgz:
    resolution: {tarball: https://x.example/tarball-1.0.0.tgz}
    version: 1.0.0

snapshots:

  react@18.3.1:
    dependencies:
      loose-envify: 1.4.0

  react-dom@18.3.1(react@18.3.1):
    dependencies:
      react: 18.3.1

  vite@5.4.0(@types/node@20.0.0):
    dependencies:
      esbuild: 0.21.5
    optionalDependencies:
      '@types/node': 20.0.0
      fsevents: 2.3.3

  esbuild@0.21.5: {}

  fsevents@2.3.3:
    optional: true

  '@types/node@20.0.0': {}

  typescript@5.4.5: {}

  loose-envify@1.4.0: {}
"""


def test_v9_packages_importers_aliases_and_peer_suffixes() -> None:
    lock = read_pnpm_lock(source("pnpm-lock.yaml", V9))
    assert lock.format == "pnpm-lock.yaml v9.0"
    assert [(p.name, p.version) for p in lock.packages] == [
        ("react", "18.3.1"),
        ("react-dom", "18.3.1"),
        ("vite", "5.4.0"),
        ("esbuild", "0.21.5"),
        ("fsevents", "2.3.3"),
        ("@types/node", "20.0.0"),
        ("typescript", "5.4.5"),
        ("loose-envify", "1.4.0"),
        ("tarball", "1.0.0"),
    ]
    assert lock.local_names == {"@acme/ui"}
    text = V9.splitlines()
    assert [text[(p.line or 0) - 1] for p in lock.packages[:2]] == [
        "  react@18.3.1:",
        "  react-dom@18.3.1:",
    ]
    assert [(a.directory, a.package.name, a.package.version, a.scope) for a in lock.asks] == [
        (".", "react-dom", "18.3.1", Scope.RUNTIME),
        (".", "vite", "5.4.0", Scope.RUNTIME),
        (".", "typescript", "5.4.5", Scope.DEVELOPMENT),
        ("packages/ui", "react", "18.3.1", Scope.RUNTIME),
    ]


def test_v9_scope_of_the_rest_comes_from_the_graph() -> None:
    output = parse_pnpm_lock(source("web/pnpm-lock.yaml", V9))
    found = {(d.name, d.component): (d.direct, d.scope) for d in output.dependencies}
    assert found == {
        ("react", "web/packages/ui"): (True, Scope.RUNTIME),
        ("react-dom", None): (True, Scope.RUNTIME),
        ("vite", None): (True, Scope.RUNTIME),
        ("esbuild", None): (False, Scope.RUNTIME),
        ("fsevents", None): (False, Scope.OPTIONAL),
        ("@types/node", None): (False, Scope.RUNTIME),
        ("typescript", None): (True, Scope.DEVELOPMENT),
        ("loose-envify", None): (False, Scope.RUNTIME),
        ("tarball", None): (False, Scope.RUNTIME),
    }


def test_v9_development_only_packages() -> None:
    text = V9.replace(
        "    dependencies:\n      react-dom:", "    devDependencies:\n      react-dom:"
    )
    text = text.replace("    devDependencies:\n      typescript:", "      typescript:")
    lock = read_pnpm_lock(source("pnpm-lock.yaml", text))
    scopes = {p.name: p.scope for p in lock.packages}
    assert scopes["react-dom"] is Scope.DEVELOPMENT
    assert scopes["typescript"] is Scope.DEVELOPMENT
    # still runtime: packages/ui asks for react, which needs loose-envify, at runtime
    assert scopes["react"] is Scope.RUNTIME
    assert scopes["loose-envify"] is Scope.RUNTIME


V6 = """\
lockfileVersion: '6.0'

dependencies:
  lodash:
    specifier: ^4.17.21
    version: 4.17.21
  aliased:
    specifier: npm:real@^1.0.0
    version: /real@1.0.0

devDependencies:
  '@types/react':
    specifier: ^18.0.0
    version: 18.2.0(react@18.2.0)

packages:

  /lodash@4.17.21:
    resolution: {integrity: sha512-a}
    dev: false

  /real@1.0.0:
    resolution: {integrity: sha512-b}
    dev: false

  /@types/react@18.2.0(react@18.2.0):
    resolution: {integrity: sha512-c}
    dev: true

  /csstype@3.1.3:
    resolution: {integrity: sha512-d}
    dev: true

  /fsevents@2.3.3:
    resolution: {integrity: sha512-e}
    requiresBuild: true
    dev: true
    optional: true

  /opt@1.0.0:
    resolution: {integrity: sha512-f}
    optional: true

  github.com/a/b/0123abc:
    resolution: {tarball: https://codeload.github.com/a/b/tar.gz/0123abc}
    name: b
    version: 2.0.0
"""


def test_v6_top_level_importer_slash_keys_and_dev_flags() -> None:
    output = parse_pnpm_lock(source("pnpm-lock.yaml", V6))
    found = {(d.name, d.resolved): (d.direct, d.scope) for d in output.dependencies}
    assert found == {
        ("lodash", "4.17.21"): (True, Scope.RUNTIME),
        ("real", "1.0.0"): (True, Scope.RUNTIME),
        ("@types/react", "18.2.0"): (True, Scope.DEVELOPMENT),
        ("csstype", "3.1.3"): (False, Scope.DEVELOPMENT),
        ("fsevents", "2.3.3"): (False, Scope.DEVELOPMENT),
        ("opt", "1.0.0"): (False, Scope.OPTIONAL),
        ("b", "2.0.0"): (False, Scope.RUNTIME),
    }


V54 = """\
lockfileVersion: 5.4

importers:

  .:
    specifiers:
      react-dom: ^17.0.2
      aliased: npm:real@^1
    dependencies:
      react-dom: 17.0.2_react@17.0.2
      aliased: /real/1.0.0

  packages/app:
    specifiers:
      '@scope/pkg': ^2.0.0
      lib: workspace:*
    devDependencies:
      '@scope/pkg': 2.1.0
      lib: link:../lib

packages:

  /react-dom/17.0.2_react@17.0.2:
    resolution: {integrity: sha512-a}
    dev: false

  /react/17.0.2:
    resolution: {integrity: sha512-b}
    dev: false

  /real/1.0.0:
    resolution: {integrity: sha512-c}
    dev: false

  /@scope/pkg/2.1.0:
    resolution: {integrity: sha512-d}
    dev: true
"""


def test_v5_keys_with_peer_suffixes_and_workspace_links() -> None:
    assert read_pnpm_lock(source("pnpm-lock.yaml", V54)).local_names == {"lib"}
    output = parse_pnpm_lock(source("pnpm-lock.yaml", V54))
    found = {(d.name, d.resolved, d.component, d.direct, d.scope) for d in output.dependencies}
    assert found == {
        ("react-dom", "17.0.2", None, True, Scope.RUNTIME),
        ("react", "17.0.2", None, False, Scope.RUNTIME),
        ("real", "1.0.0", None, True, Scope.RUNTIME),
        ("@scope/pkg", "2.1.0", "packages/app", True, Scope.DEVELOPMENT),
    }


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty file"),
        ("lockfileVersion: [\n", "not valid YAML"),
        ("importers: {}\n", "no lockfileVersion"),
        ("lockfileVersion: nine\n", "lockfileVersion 'nine' is not a number"),
        ("lockfileVersion: '9.0'\npackages: [a]\n", "'packages' is not a mapping"),
        ("- lockfileVersion\n", "expected a mapping"),
    ],
)
def test_malformed_pnpm_lockfiles(text: str, message: str) -> None:
    with pytest.raises(DetectorError, match=message):
        parse_pnpm_lock(source("pnpm-lock.yaml", text))


def test_a_lockfile_without_packages_is_empty() -> None:
    assert parse_pnpm_lock(source("pnpm-lock.yaml", "lockfileVersion: '9.0'\n")).dependencies == ()


def test_crlf_lockfiles_keep_their_lines() -> None:
    lock = read_pnpm_lock(source("pnpm-lock.yaml", V9.replace("\n", "\r\n")))
    assert [p.line for p in lock.packages] == [
        p.line for p in read_pnpm_lock(source("pnpm-lock.yaml", V9)).packages
    ]
    assert all(p.line for p in lock.packages)
