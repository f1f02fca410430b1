"""The version schemes on the corpus's real manifests (needs ../shared/corpus): every version a
lockfile resolved parses, the requirements manifests declare can be read but for the listed
few, and locked versions meet their manifests' requirements but for the listed drift. Listing
the exceptions exactly makes a regression in a scheme, or in a detector, show."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
from helpers import corpus_repositories, require_corpus, scan_with

from scanner.detector import Detector
from scanner.model import Dependency
from scanner.registry import DETECTOR_GROUP, load_plugins
from scanner.releases.versions import VersionScheme, scheme_for

ECOSYSTEMS = (
    "pypi", "npm", "cargo", "golang", "maven", "gem", "composer", "nuget", "githubactions",
)  # fmt: skip
# The detectors that report dependencies of those ecosystems.
DETECTORS = ("ci", "dotnet", "go", "javascript", "jvm", "php", "python", "ruby", "rust")
# Ecosystems whose lockfiles the corpus holds (Maven, NuGet and Actions have none).
LOCKED = {"pypi", "npm", "cargo", "golang", "gem", "composer"}

# Resolved "versions" that are not versions: a Composer branch installed by name.
UNPARSED = {"composer": {"dev-latest"}}
# Requirements that cannot be read (GitHub Actions pinned to commit SHAs aside): local
# links and workspace references, a branch, and Actions following branches.
UNREADABLE = {
    "npm": {"link:../scripts/repo-utils", "link:./scripts/repo-utils", "workspace:^"},
    "composer": {"dev-latest"},
    "githubactions": {"main", "master", "release/v1"},
}
# Locked versions outside their manifest's requirement: the repositories' own drift.
OUTSIDE = {
    ("npm", "@babel/core", "^8.0.0", "7.12.9"),
    ("npm", "typescript", "^5.9.3", "5.6.2"),
    ("npm", "markdown-it", "^14.3.0", "14.2.0"),
}
_COMMIT = re.compile(r"[0-9a-f]{40}")


@pytest.fixture(scope="module")
def manifests(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the corpus repositories' manifests are laid out, once for this module."""
    return tmp_path_factory.mktemp("corpus-manifests")


@cache
def _dependencies(root: Path) -> tuple[Dependency, ...]:
    """The dependencies of every corpus repository, scanned once.

    Each repository is laid out under ``root`` from the files the corpus copied, without the
    empty placeholders its TREE.tsv lists (``build_corpus_tree``): those ~47,000 files hold no
    dependency, give the same dependencies when present, and take seconds to create.
    """
    corpus = require_corpus()
    detectors = load_plugins(DETECTOR_GROUP, Detector)
    selected = [detectors[name] for name in DETECTORS]
    dependencies: list[Dependency] = []
    for folder in corpus_repositories():
        source, tree = corpus / folder, root / folder
        for path in source.rglob("*"):
            if path.is_file() and path.name != "TREE.tsv":
                target = tree / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(path.read_bytes())
        dependencies.extend(scan_with(tree, *selected).dependencies)
    return tuple(dependencies)


def _corpus(root: Path, ecosystem: str) -> tuple[VersionScheme, list[Dependency]]:
    scheme = scheme_for(ecosystem)
    assert scheme is not None
    return scheme, [d for d in _dependencies(root) if d.ecosystem == ecosystem]


@pytest.mark.parametrize("ecosystem", ECOSYSTEMS)
def test_every_resolved_version_parses(ecosystem: str, manifests: Path) -> None:
    scheme, dependencies = _corpus(manifests, ecosystem)
    resolved = {d.resolved for d in dependencies if d.resolved is not None}
    assert bool(resolved) == (ecosystem in LOCKED)
    unparsed = {version for version in resolved if scheme.parse(version) is None}
    assert unparsed == UNPARSED.get(ecosystem, set())


@pytest.mark.parametrize("ecosystem", ECOSYSTEMS)
def test_declared_requirements_are_read(ecosystem: str, manifests: Path) -> None:
    scheme, dependencies = _corpus(manifests, ecosystem)
    declared = {d.declared for d in dependencies if d.declared is not None}
    assert declared
    probe = scheme.parse("v1.0.0" if ecosystem in ("golang", "githubactions") else "1.0.0")
    assert probe is not None
    unreadable = {
        requirement for requirement in declared if scheme.admits(requirement, probe) is None
    }
    commits = {requirement for requirement in unreadable if _COMMIT.fullmatch(requirement)}
    assert unreadable - commits == UNREADABLE.get(ecosystem, set())
    if ecosystem != "githubactions":
        assert not commits
        assert len(unreadable) * 20 < len(declared)


def test_locked_versions_meet_their_declared_requirements(manifests: Path) -> None:
    outside: set[tuple[str, str, str, str]] = set()
    checked = 0
    for ecosystem in sorted(LOCKED):
        scheme, dependencies = _corpus(manifests, ecosystem)
        for dependency in dependencies:
            if dependency.declared is None or dependency.resolved is None:
                continue
            version = scheme.parse(dependency.resolved)
            if version is None or scheme.admits(dependency.declared, version) is None:
                continue
            checked += 1
            if not scheme.admits(dependency.declared, version):
                outside.add((ecosystem, dependency.name, dependency.declared, version.text))
    assert checked > 1000
    assert outside == OUTSIDE
