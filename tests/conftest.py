"""Shared fixtures; the helpers behind them live in ``helpers.py``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FileSpec, build_corpus_tree, commit_tree, init_repository, write_tree


@pytest.fixture
def make_tree(tmp_path: Path) -> Callable[[FileSpec], Path]:
    """A factory of plain directory trees under the test's temporary directory."""
    counter = iter(range(1000))

    def make(files: FileSpec) -> Path:
        return write_tree(tmp_path / f"tree{next(counter)}", files)

    return make


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[[FileSpec], Path]:
    """A factory of git repositories (one commit) under the test's temporary directory."""
    counter = iter(range(1000))

    def make(files: FileSpec) -> Path:
        root = tmp_path / f"repo{next(counter)}"
        init_repository(root, files)
        return root

    return make


@pytest.fixture(scope="session")
def corpus_repo(corpus_tree: Callable[[str], Path]) -> Callable[[str], Path]:
    """Corpus repositories as git repositories: the laid-out tree committed in one commit,
    each made once per test session (needs ../shared/corpus)."""
    made: set[str] = set()

    def repo(folder: str) -> Path:
        root = corpus_tree(folder)
        if folder not in made:
            commit_tree(root, f"corpus {folder}")
            made.add(folder)
        return root

    return repo


@pytest.fixture(scope="session")
def corpus_tree(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """Corpus repositories laid out as plain trees, each built once per test session.

    A test that wants git uses ``corpus_repo``, which commits the same tree in place."""
    built: dict[str, Path] = {}

    def tree(folder: str) -> Path:
        if folder not in built:
            built[folder] = build_corpus_tree(folder, tmp_path_factory.mktemp(folder))
        return built[folder]

    return tree


CLOSED_PORT_URL = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _no_release_data_from_the_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches a real release-data service: scans skip release data unless a test
    asks for it, and every source a test does not point elsewhere itself is a closed port
    on 127.0.0.1 (a refused connection, at once)."""
    import scanner.releases.registries as registries

    monkeypatch.setenv("STACKAUDIT_RELEASE_DATA", "0")
    monkeypatch.setenv("STACKAUDIT_ENDOFLIFE_URL", CLOSED_PORT_URL)
    monkeypatch.setenv("PIP_INDEX_URL", f"{CLOSED_PORT_URL}/simple/")
    monkeypatch.setenv("npm_config_registry", f"{CLOSED_PORT_URL}/npm/")
    monkeypatch.delenv("GOPROXY", raising=False)
    monkeypatch.delenv("GITHUB_API_URL", raising=False)
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setattr(
        registries,
        "public_registry_urls",
        lambda: {name: f"{CLOSED_PORT_URL}/{name}" for name in registries.SOURCE_ECOSYSTEMS},
    )
