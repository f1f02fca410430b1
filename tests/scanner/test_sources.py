from __future__ import annotations

import os
from pathlib import Path

import git as gitpython
import pytest
from helpers import git, init_repository, write_tree

from scanner.config import DEFAULT_PRUNE_DIRS
from scanner.errors import SourceReadError
from scanner.globs import compile_globs
from scanner.sources import DirectorySource, GitTreeSource, WalkRules, WorkTreeSource

RULES = WalkRules(prune_dirs=DEFAULT_PRUNE_DIRS)
FILES = {
    "README.md": "hello\n",
    "src/app.py": "print('x')\n",
    "node_modules/left-pad/index.js": "module.exports = 1\n",
    "web/node_modules/x/y.js": "1\n",
    "vendor/lib.go": "package lib\n",
    "docs/guide.md": "# guide\n",
}


def _listed(source) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {entry.path: entry.size for entry in source.list_files(RULES).entries}


def test_directory_walk_lists_sizes_and_prunes(make_tree) -> None:  # type: ignore[no-untyped-def]
    root = make_tree(FILES)
    listing = DirectorySource(root).list_files(RULES)
    listed = {e.path: e.size for e in listing.entries}
    assert listed == {"README.md": 6, "src/app.py": 11, "docs/guide.md": 8}
    assert listing.pruned_directories == 3


def test_work_tree_lists_tracked_and_untracked_but_not_ignored(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({**FILES, ".gitignore": "*.log\n"})
    (root / "new.txt").write_text("untracked\n")
    (root / "debug.log").write_text("ignored\n")
    (root / "src" / "app.py").write_text("print('changed, longer')\n")
    listing = WorkTreeSource(root).list_files(RULES)
    listed = {e.path: e.size for e in listing.entries}
    assert "new.txt" in listed
    assert "debug.log" not in listed
    assert listed["src/app.py"] == len("print('changed, longer')\n")
    assert "node_modules/left-pad/index.js" not in listed
    assert listing.pruned_directories == 3


def test_work_tree_skips_files_deleted_since_commit(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"a.txt": "a", "b.txt": "b"})
    (root / "a.txt").unlink()
    assert _listed(WorkTreeSource(root)) == {"b.txt": 1}


def test_git_tree_reads_a_commit_without_checkout(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"a.txt": "first\n", "dir/b.txt": "bee\n"})
    first = git(root, "rev-parse", "HEAD")
    (root / "a.txt").write_text("second version\n")
    git(root, "commit", "-qam", "second")
    source = GitTreeSource(gitpython.Repo(root), first)
    try:
        assert _listed(source) == {"a.txt": 6, "dir/b.txt": 4}
        assert source.read("a.txt", 100) == b"first\n"
        with pytest.raises(SourceReadError, match="larger than 3 bytes"):
            source.read("a.txt", 3)
        with pytest.raises(SourceReadError, match="not in the scanned commit"):
            source.read("nope.txt", 100)
    finally:
        source.close()


def test_exclude_globs_apply_to_every_source(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({"keep.py": "1", "docs/a.md": "2", "x.min.js": "3"})
    rules = WalkRules(DEFAULT_PRUNE_DIRS, compile_globs(["docs", "*.min.js"]))
    for source in (DirectorySource(root), WorkTreeSource(root)):
        assert [e.path for e in source.list_files(rules).entries] == ["keep.py"]


def test_symlinks_are_listed_and_resolved_only_inside_the_tree(make_repo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "secret.txt"
    outside.write_text("do not read")
    root = make_repo({"real/package.json": "{}"})
    os.symlink("real/package.json", root / "inside.json")
    os.symlink(str(outside), root / "outside.json")
    os.symlink("../../etc/passwd", root / "real" / "climb")
    git(root, "add", "--all")
    git(root, "commit", "-qm", "links")
    work = WorkTreeSource(root)
    tree = GitTreeSource(gitpython.Repo(root), git(root, "rev-parse", "HEAD"))
    try:
        for source in (work, DirectorySource(root), tree):
            entries = {e.path: e for e in source.list_files(RULES).entries}
            assert entries["inside.json"].symlink
            assert source.symlink_target("inside.json") == "real/package.json"
            assert source.symlink_target("outside.json") is None
            assert source.symlink_target("real/climb") is None
    finally:
        tree.close()


def test_directory_walk_never_follows_a_linked_directory(make_tree, tmp_path) -> None:  # type: ignore[no-untyped-def]
    elsewhere = write_tree(tmp_path / "elsewhere", {"huge/a.py": "x"})
    root = make_tree({"a.py": "y"})
    os.symlink(elsewhere, root / "linked")
    entries = {e.path: e for e in DirectorySource(root).list_files(RULES).entries}
    assert set(entries) == {"a.py", "linked"}
    assert entries["linked"].symlink


def test_read_root_file(make_repo) -> None:  # type: ignore[no-untyped-def]
    root = make_repo({".stackaudit.toml": "exclude = []\n", "sub/x.txt": "x"})
    head = git(root, "rev-parse", "HEAD")
    tree = GitTreeSource(gitpython.Repo(root), head)
    try:
        for source in (WorkTreeSource(root), DirectorySource(root), tree):
            assert source.read_root_file(".stackaudit.toml") == b"exclude = []\n"
            assert source.read_root_file("missing.toml") is None
            assert source.read_root_file("sub") is None
    finally:
        tree.close()


def test_git_tree_of_a_subdirectory(tmp_path: Path) -> None:
    root = tmp_path / "r"
    head = init_repository(root, {"top.txt": "t", "sub/inner.txt": "i", "sub/.stackaudit.toml": ""})
    source = GitTreeSource(gitpython.Repo(root), f"{head}:sub")
    try:
        assert set(_listed(source)) == {"inner.txt", ".stackaudit.toml"}
        assert source.read("inner.txt", 10) == b"i"
        assert source.read_root_file(".stackaudit.toml") == b""
    finally:
        source.close()
