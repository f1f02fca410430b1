"""Opening targets: local work trees and commits, and remote URLs fetched shallow (file://
URLs of real repositories made in temporary directories stand in for remote servers)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from helpers import git, init_repository

from scanner.checkout import open_target
from scanner.errors import TargetError
from scanner.targets import parse_target


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository with two commits on main, a tag on the first and a branch 'old'."""
    root = tmp_path / "upstream"
    first = init_repository(root, {"version.txt": "1\n"})
    git(root, "tag", "v1")
    git(root, "branch", "old")
    (root / "version.txt").write_text("2\n")
    (root / "added.txt").write_text("new\n")
    git(root, "commit", "-qam", "second")
    git(root, "add", "added.txt")
    git(root, "commit", "-qm", "third")
    return root, {"first": first, "head": git(root, "rev-parse", "HEAD")}


def _files(opened) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    from scanner.config import DEFAULT_PRUNE_DIRS
    from scanner.sources import WalkRules

    entries = opened.source.list_files(WalkRules(DEFAULT_PRUNE_DIRS)).entries
    return {e.path: opened.source.read(e.path, 100) for e in entries}


def test_local_work_tree(upstream) -> None:  # type: ignore[no-untyped-def]
    root, commits = upstream
    with open_target(parse_target(str(root))) as opened:
        assert opened.source.mode == "git-work-tree"
        assert opened.repository.commit == commits["head"]
        assert _files(opened)["version.txt"] == b"2\n"


def test_local_ref_reads_that_commit(upstream) -> None:  # type: ignore[no-untyped-def]
    root, commits = upstream
    with open_target(parse_target(str(root)), ref="v1") as opened:
        assert opened.source.mode == "git-tree"
        assert opened.repository.commit == commits["first"]
        assert _files(opened) == {"version.txt": b"1\n"}


def test_local_unknown_ref(upstream) -> None:  # type: ignore[no-untyped-def]
    root, _ = upstream
    with pytest.raises(TargetError, match="no commit 'nope'"):
        open_target(parse_target(str(root)), ref="nope")


def test_plain_directory_with_ref_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TargetError, match="not a git repository"):
        open_target(parse_target(str(tmp_path)), ref="main")


@pytest.mark.parametrize(
    ("ref", "expected"),
    [(None, b"2\n"), ("old", b"1\n"), ("v1", b"1\n"), ("first", b"1\n")],
)
def test_remote_fetch_of_default_branch_tag_branch_and_commit(upstream, ref, expected) -> None:  # type: ignore[no-untyped-def]
    root, commits = upstream
    ref = commits.get(ref, ref)
    target = parse_target(root.as_uri())
    with open_target(target, ref=ref) as opened:
        assert opened.source.mode == "git-tree"
        assert _files(opened)["version.txt"] == expected
        clone_dir = Path(opened.source.repo.git_dir)  # type: ignore[attr-defined]
        shallow = (clone_dir / "shallow").is_file()
    assert not clone_dir.exists(), "the temporary clone is removed after the scan"
    assert shallow, "remote targets are fetched shallow"


def test_cache_dir_keeps_the_clone_for_reuse(upstream, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, commits = upstream
    cache = tmp_path / "cache"
    with open_target(parse_target(root.as_uri()), cache_dir=cache) as opened:
        assert opened.repository.commit == commits["head"]
    (kept,) = cache.iterdir()
    assert (kept / "HEAD").is_file()
    with open_target(parse_target(root.as_uri()), ref="v1", cache_dir=cache) as opened:
        assert opened.repository.commit == commits["first"]
    assert list(cache.iterdir()) == [kept]


def test_failed_fetch_is_a_target_error_without_credentials(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    target = parse_target("https://user:hunter2@127.0.0.1:9/nothing.git")
    with pytest.raises(TargetError) as caught:
        open_target(target, timeout=20)
    message = str(caught.value)
    assert "could not fetch https://127.0.0.1:9/nothing.git" in message
    assert "hunter2" not in message and "user" not in message
    assert list(tmp_path.iterdir()) == [], "the temporary clone is removed after a failure"


def test_missing_remote_branch(upstream) -> None:  # type: ignore[no-untyped-def]
    root, _ = upstream
    with pytest.raises(TargetError, match="at no-such-branch"):
        open_target(parse_target(root.as_uri()), ref="no-such-branch")
