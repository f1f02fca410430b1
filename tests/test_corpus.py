"""The whole scan on every corpus repository (needs ../shared/corpus; fails without it).

Each repository is laid out from its TREE.tsv as sparse files of the recorded sizes, with the
manifests copied into the corpus laid over them, committed into a git repository, and scanned
as a git work tree with every built-in detector.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import corpus_repositories

from scanner.detector import Detector
from scanner.model import FailureKind, RepositoryScan
from scanner.registry import DETECTOR_GROUP, load_plugins
from scanner.runner import run_scan

# Failures a sparse tree may legitimately produce: files the corpus did not copy are all NUL
# bytes, so a detector that asks for one finds binary content; the empty fixtures of
# f-droid/fdroidserver and the like are parse errors. Nothing may crash.
ALLOWED_FAILURES = {FailureKind.BINARY, FailureKind.PARSE_ERROR}


def scan(tree: Path) -> RepositoryScan:
    detectors = load_plugins(DETECTOR_GROUP, Detector)
    (result,) = run_scan([str(tree)], detectors).scans
    return result


@pytest.mark.parametrize("folder", corpus_repositories())
def test_scan_completes_on_every_corpus_repository(
    folder: str, corpus_repo: Callable[[str], Path]
) -> None:
    result = scan(corpus_repo(folder))
    assert result.walk is not None and result.walk.files > 0
    assert result.walk.mode == "git-work-tree"
    crashes = [f for f in result.failures if f.kind not in ALLOWED_FAILURES]
    assert crashes == []
    assert result.languages, "every corpus repository has some code"
    assert abs(sum(share.percent for share in result.languages) - 100) < 0.1


@pytest.mark.parametrize(
    ("folder", "first", "present"),
    [
        ("woodpecker-ci__woodpecker", "Go", {"TypeScript", "Vue"}),
        ("netbox-community__netbox", "Python", {"HTML", "JavaScript"}),
        ("spring-projects__spring-petclinic", None, {"Java"}),
        ("BurntSushi__ripgrep", "Rust", set()),
        ("dotnet-architecture__eShopOnWeb", "C#", set()),
        ("koel__koel", None, {"PHP", "Vue", "TypeScript"}),
        ("maybe-finance__maybe", "Ruby", set()),
        ("papercups-io__papercups", None, {"Elixir", "TypeScript"}),
        ("babel__babel", None, {"TypeScript", "JavaScript"}),
    ],
)
def test_expected_languages(
    folder: str, first: str | None, present: set[str], corpus_repo: Callable[[str], Path]
) -> None:
    names = [share.name for share in scan(corpus_repo(folder)).languages]
    if first is not None:
        assert names[0] == first, names[:5]
    assert present <= set(names), names


def test_compiled_translations_are_not_modelica(corpus_repo: Callable[[str], Path]) -> None:
    """netbox commits 17 gettext catalogues (``LC_MESSAGES/django.mo``, 4.5 MiB): binary files
    sharing Modelica's extension, which once made Modelica a third of the census."""
    result = scan(corpus_repo("netbox-community__netbox"))
    assert "Modelica" not in {share.name for share in result.languages}


def test_babel_workspaces(corpus_repo: Callable[[str], Path]) -> None:
    result = scan(corpus_repo("babel__babel"))
    root = result.components[0]
    assert root.path == "." and root.name == "babel"
    assert len(root.workspace_members) > 150
    assert "packages/babel-core" in root.workspace_members
    assert {t.key for t in result.technologies if t.component == "."} >= {"yarn"}
