"""Every JavaScript file of the corpus (../shared/corpus), parsed, counted independently, and
scanned in its repository's layout. These tests need the corpus and fail without it."""

from __future__ import annotations

import contextlib
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from helpers import inventory, require_corpus, scan_with

from detectors.javascript.bun_lock import read_bun_lock
from detectors.javascript.detector import JavaScriptDetector
from detectors.javascript.lockfile import Lockfile, lockfile_output
from detectors.javascript.npm_lock import read_npm_lock
from detectors.javascript.package_json import parse_package_json
from detectors.javascript.pnpm_lock import read_pnpm_lock
from detectors.javascript.pnpm_workspace import parse_pnpm_workspace
from detectors.javascript.yarn_lock import read_yarn_lock
from detectors.javascript.yarnrc import parse_yarnrc_yml
from scanner.detector import FileContent, SourceFile
from scanner.errors import DetectorError
from scanner.model import RepositoryScan, Scope

LOCK_KINDS = {
    "npm-lock-v1": read_npm_lock,
    "npm-lock-v2": read_npm_lock,
    "npm-lock-v3": read_npm_lock,
    "yarn-lock-v1": read_yarn_lock,
    "yarn-berry": read_yarn_lock,
    "yarn-lock-empty": read_yarn_lock,
    "pnpm-lock-v9.0": read_pnpm_lock,
    "bun-lock": read_bun_lock,
}
OTHER_KINDS = {"package-json", "package-json-empty", "pnpm-workspace", "yarnrc-yml"}


def corpus_files(*kinds: str) -> list[tuple[Path, str, str]]:
    """(corpus file, repository-relative path, kind) of every file of these kinds."""
    corpus = require_corpus()
    return [(corpus / folder / path, path, kind) for folder, path, kind in inventory(*kinds)]


def source(file: Path, path: str) -> SourceFile:
    return SourceFile(FileContent(path, file.read_bytes()), "javascript")


def read(file: Path, path: str, kind: str) -> Lockfile:
    return LOCK_KINDS[kind](source(file, path))


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, JavaScriptDetector)


def test_the_corpus_has_every_kind_this_detector_claims() -> None:
    counts: dict[str, int] = {}
    for _, _, kind in corpus_files(*LOCK_KINDS, *OTHER_KINDS):
        counts[kind] = counts.get(kind, 0) + 1
    assert set(counts) == set(LOCK_KINDS) | OTHER_KINDS
    assert counts["package-json"] > 200
    assert counts["npm-lock-v3"] == 8


def test_every_package_json_parses_except_the_empty_one() -> None:
    checked = 0
    for file, path, kind in corpus_files("package-json", "package-json-empty"):
        if kind == "package-json-empty":
            with pytest.raises(DetectorError, match=r"^empty file$"):
                parse_package_json(source(file, path))
        else:
            output = parse_package_json(source(file, path))
            (found,) = output.manifests
            assert (found.path, found.ecosystem) == (path, "npm")
            document = json.loads(file.read_text(encoding="utf-8-sig"))
            declared = sum(
                len(document.get(section) or {})
                for section in (
                    "dependencies",
                    "devDependencies",
                    "optionalDependencies",
                    "peerDependencies",
                )
            )
            assert len(output.dependencies) == declared, path
        checked += 1
    assert checked == 223


@pytest.mark.parametrize("kind", sorted(LOCK_KINDS))
def test_every_lockfile_parses_and_gives_records(kind: str) -> None:
    found = corpus_files(kind)
    assert found
    for file, path, _ in found:
        lock = read(file, path, kind)
        output = lockfile_output(source(file, path), lock)
        identities = {(p.name, p.version) for p in lock.packages}
        assert {(d.name, d.resolved) for d in output.dependencies} == identities
        if kind == "yarn-lock-empty":
            assert lock.packages == []
        else:
            assert len(lock.packages) > 0, path
            assert all(p.line is not None for p in lock.packages), path


def test_npm_v2_v3_counts_match_the_packages_map() -> None:
    for file, path, kind in corpus_files("npm-lock-v2", "npm-lock-v3"):
        text = file.read_text(encoding="utf-8")
        packages = json.loads(text)["packages"]
        unit = text.split("\n", 2)[1].split('"')[0]  # npm keeps the indentation it finds
        # v2 also has the v1 "dependencies" section after "packages": leave it out
        section = text[text.index(f'\n{unit}"packages": {{') :]
        section = section.split(f'\n{unit}"dependencies": {{')[0]
        links = section.count('"link": true')
        keys = re.findall(rf'^{unit * 2}"([^"]*)": {{$', section, re.MULTILINE)
        members = [key for key in keys if key and "node_modules/" not in key]
        lock = read(file, path, kind)
        assert len(keys) == len(packages), path
        assert len(packages) - 1 == len(lock.packages) + links + len(members), path


def test_npm_v1_counts_match_the_version_fields() -> None:
    entry_version = re.compile(r'^ {6,}"version": "', re.MULTILINE)
    for file, path, kind in corpus_files("npm-lock-v1"):
        text = file.read_text(encoding="utf-8")
        lock = read(file, path, kind)
        assert len(lock.packages) == len(entry_version.findall(text)), path
        assert set(lock.top_level) == set(json.loads(text)["dependencies"]), path


def test_yarn_classic_counts_match_the_headers() -> None:
    header = re.compile(r'\n"?[^ \n#][^\n]*:\n')
    for file, path, kind in corpus_files("yarn-lock-v1"):
        text = file.read_text(encoding="utf-8")
        headers = header.findall(text)
        lock = read(file, path, kind)
        assert len(lock.packages) == len(headers) == 497
        assert len(lock.descriptors) == sum(h.count(",") + 1 for h in headers)


def test_yarn_berry_counts_match_the_yaml_entries() -> None:
    for file, path, kind in corpus_files("yarn-berry"):
        text = file.read_text(encoding="utf-8")
        entries = len(yaml.safe_load(text)) - 1  # without __metadata
        soft = text.count("\n  linkType: soft\n")
        lock = read(file, path, kind)
        assert len(lock.packages) == entries - soft
        assert lock.format == "yarn.lock (Berry, v10)"


def test_pnpm_counts_match_the_packages_section() -> None:
    key = re.compile(r"^  \S[^\n]*:$", re.MULTILINE)
    for file, path, kind in corpus_files("pnpm-lock-v9.0"):
        text = file.read_text(encoding="utf-8")
        section = text[text.index("\npackages:\n") : text.index("\nsnapshots:\n")]
        lock = read(file, path, kind)
        assert len(lock.packages) == len(key.findall(section)), path
        assert len(lock.packages) == len(yaml.safe_load(text)["packages"]), path


def test_bun_counts_match_the_packages_section() -> None:
    for file, path, kind in corpus_files("bun-lock"):
        text = file.read_text(encoding="utf-8")
        section = text[text.index('\n  "packages": {') :]
        entries = re.findall(r'^    "[^"]+": \["', section, re.MULTILINE)
        workspaces = re.findall(r'^    "[^"]+": \["[^"]+@workspace:', section, re.MULTILINE)
        lock = read(file, path, kind)
        assert len(lock.packages) == len(entries) - len(workspaces) == 564 - 2


def test_pnpm_workspaces_and_yarnrc_of_the_corpus() -> None:
    workspaces = {
        path: parse_pnpm_workspace(source(file, path)).manifests[0].workspace
        for file, path, _ in corpus_files("pnpm-workspace")
    }
    docs = workspaces["docs/pnpm-workspace.yaml"]
    assert docs is not None
    assert docs.patterns == (".", "plugins/**")
    assert workspaces["web/pnpm-workspace.yaml"] is None
    ((file, path, _),) = corpus_files("yarnrc-yml")
    (yarn,) = parse_yarnrc_yml(source(file, path)).technologies
    assert (yarn.key, yarn.version, yarn.version_source) == ("yarn", "4.17.0", "resolved")


def test_every_corpus_repository_scans_to_manifests_without_failures() -> None:
    """Each repository's copied files in their layout: every package.json and
    pnpm-workspace.yaml is a manifest of an npm component; the one failure is the empty file."""
    corpus = require_corpus()
    manifest_paths = {
        (file.parent.relative_to(corpus).parts[0], path)
        for file, path, _ in corpus_files("package-json", "pnpm-workspace")
    }
    failures: list[tuple[str, str | None, str]] = []
    found = set()
    for folder in sorted(p for p in corpus.iterdir() if (p / "TREE.tsv").is_file()):
        result = scan(folder)
        failures.extend((folder.name, f.path, f.reason) for f in result.failures)
        found |= {
            (folder.name, path)
            for component in result.components
            if "npm" in component.ecosystems
            for path in component.manifests
        }
    assert found == manifest_paths
    assert len(found) == 222 + 2
    assert failures == [
        (
            "f-droid__fdroidserver",
            "tests/source-files/lockfile.test/javascript/package.json",
            "empty file",
        )
    ]


CorpusTree = Callable[[str], Path]


def test_angular_phonecat_lock_v1_resolves_angular_as_direct(corpus_tree: CorpusTree) -> None:
    result = scan(corpus_tree("angular__angular-phonecat"))
    (angular,) = [d for d in result.dependencies if d.name == "angular"]
    assert (angular.declared, angular.direct, angular.scope) == ("1.8.x", True, Scope.RUNTIME)
    assert angular.resolved is not None
    assert angular.resolved.startswith("1.8.")
    assert {e.path for e in angular.evidence} == {"package.json", "package-lock.json"}
    assert sum(d.direct for d in result.dependencies) == 15  # 6 dependencies, 9 dev
    assert [(t.key, t.component) for t in result.technologies] == [("npm", ".")]


def test_documenso_members_get_their_own_dependencies() -> None:
    result = scan(require_corpus() / "documenso__documenso")
    members = {c.path for c in result.components if c.workspace_root == "."}
    assert "apps/remix" in members
    assert "packages/ui" in members
    by_component: dict[str, set[str]] = {}
    for d in result.dependencies:
        if d.direct and d.resolved:
            by_component.setdefault(d.component or ".", set()).add(d.name)
    assert set(by_component) >= {"apps/remix", "packages/lib", "packages/ui", "."}
    remix = {
        (d.name, d.resolved)
        for d in result.dependencies
        if d.component == "apps/remix" and d.name == "tsx"
    }
    assert remix == {("tsx", "4.23.1")}  # its own nested copy, not the root's
    root_tsx = [d for d in result.dependencies if d.name == "tsx" and d.component == "."]
    assert [(d.resolved, d.direct) for d in root_tsx] == [("4.20.6", False)]
    (npm,) = [t for t in result.technologies if t.key == "npm"]
    assert (npm.version, npm.version_source) == ("11.11.0", "declared")
    (node,) = [t for t in result.technologies if t.key == "nodejs"]
    assert node.version == ">=22.0.0"
    # apps/documentation is only a stale (extraneous) entry of the lockfile
    assert not any(d.component == "apps/documentation" for d in result.dependencies)


def test_babel_yarn_berry_workspaces_and_yarn_4() -> None:
    # The copied files only: laying out babel's 27,000 paths costs more than the scan.
    result = scan(require_corpus() / "babel__babel")
    (yarn,) = [t for t in result.technologies if t.key == "yarn"]
    assert yarn.version == "4.17.0"
    assert yarn.component == "."
    assert {e.path for e in yarn.evidence} == {".yarnrc.yml", "package.json"}
    assert len([c for c in result.components if c.workspace_root == "."]) > 150
    core_js = {
        (d.component, d.declared, d.resolved) for d in result.dependencies if d.name == "core-js"
    }
    assert (".", "^3.48.0", "3.49.0") in core_js  # "catalog:" in package.json, from .yarnrc.yml
    cli = [d for d in result.dependencies if d.component == "packages/babel-cli" and d.direct]
    assert cli
    resolvable = [
        d
        for d in cli
        if d.scope is not Scope.PEER and not (d.declared or "").startswith("workspace:")
    ]
    assert len(resolvable) == 6
    assert all(d.resolved for d in resolvable)
    assert result.failures == ()


@pytest.mark.parametrize("directory", ["web", "docs"])
def test_woodpecker_pnpm_9_lockfiles(directory: str) -> None:
    result = scan(require_corpus() / "woodpecker-ci__woodpecker")
    (pnpm,) = [t for t in result.technologies if t.key == "pnpm" and t.component == directory]
    assert pnpm.version == "11.22.0"
    mine = [d for d in result.dependencies if (d.component or "").startswith(directory)]
    direct = [d for d in mine if d.direct]
    assert direct
    assert all(d.resolved and d.declared for d in direct if d.scope is not Scope.PEER)
    assert any(d.scope is Scope.DEVELOPMENT and not d.direct for d in mine)
    if directory == "docs":
        assert any(d.component == "docs/plugins/woodpecker-plugins" for d in direct)


def test_koel_pnpm_lock_with_aliases() -> None:
    result = scan(require_corpus() / "koel__koel")
    (pnpm,) = [t for t in result.technologies if t.key == "pnpm"]
    assert pnpm.version == "10.32.1"
    (core,) = [d for d in result.dependencies if d.name == "@voidzero-dev/vite-plus-core"]
    assert (core.declared, core.resolved, core.direct) == ("^0.1.24", "0.1.24", True)
    assert core.scope is Scope.DEVELOPMENT
    (vue,) = [d for d in result.dependencies if d.name == "vue"]
    assert (vue.direct, vue.scope, vue.resolved) == (True, Scope.RUNTIME, "3.5.29")


def test_fastapi_template_bun_lock(corpus_tree: CorpusTree) -> None:
    result = scan(corpus_tree("fastapi__full-stack-fastapi-template"))
    assert [(t.key, t.component) for t in result.technologies if t.key == "bun"] == [("bun", ".")]
    frontend = {d.name: d for d in result.dependencies if d.component == "frontend" and d.direct}
    assert len(frontend) == 46
    vite = frontend["vite"]
    assert (vite.declared, vite.scope, vite.resolved) == ("^8.2.0", Scope.DEVELOPMENT, "8.2.0")
    assert all(d.resolved for d in frontend.values())
    emails = [d for d in result.dependencies if d.component == "packages/react-email"]
    assert len(emails) == 8


PARSERS: dict[str, Callable[[SourceFile], object]] = {
    "package-json": parse_package_json,
    "pnpm-workspace": parse_pnpm_workspace,
    "yarnrc-yml": parse_yarnrc_yml,
    **LOCK_KINDS,
}


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_damaged_corpus_files_parse_or_fail_with_a_reason_never_crash(kind: str) -> None:
    """Bytes deleted, inserted and replaced at random (with a fixed seed) in a real file of
    each kind: the parser returns or raises DetectorError, nothing else."""
    generator = random.Random(20240601)
    file, path, _ = corpus_files(kind)[0]
    original = file.read_bytes()[:20_000]
    alphabet = b"{}[]\":,\n \t#@/\\-'0a"
    for _ in range(60):
        data = bytearray(original)
        for _ in range(generator.randint(1, 6)):
            where = generator.randrange(len(data) or 1)
            choice = generator.random()
            if choice < 0.4 and data:
                data[where] = generator.choice(alphabet)
            elif choice < 0.7:
                del data[where : where + generator.randint(1, 40)]
            else:
                data[where:where] = bytes(generator.choices(alphabet, k=generator.randint(1, 4)))
        with contextlib.suppress(DetectorError):
            PARSERS[kind](SourceFile(FileContent(path, bytes(data)), "javascript"))
