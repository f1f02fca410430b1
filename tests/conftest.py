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
