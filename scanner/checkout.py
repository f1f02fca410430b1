"""Turning a validated target into a :class:`~scanner.sources.FileSource`.

A local directory is read where it is: through git when it is in a work tree, from a commit
when ``--ref`` names one, from disk otherwise. A remote repository is fetched shallow (one
commit, no tags, no checkout) into a bare repository in a temporary directory, removed after the
scan, or in ``--cache-dir`` where it is kept and fetched again next time. Git runs without a
terminal prompt and may use only the accepted protocols, also for anything it is redirected to.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.errors import TargetError
from scanner.model import Repository
from scanner.sources import DirectorySource, FileSource, GitTreeSource, WorkTreeSource
from scanner.targets import ALLOWED_SCHEMES, Target, scrub_credentials, validate_ref

if TYPE_CHECKING:
    import git

DEFAULT_FETCH_TIMEOUT = 600
_SHA_RE = re.compile(r"^[0-9a-fA-F]{7,64}$")


@dataclass
class OpenedTarget:
    """A source ready to list, the repository it stands for, and what to clean up after."""

    source: FileSource
    repository: Repository
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        """Close the source and remove any temporary clone; safe to call more than once."""
        self.source.close()
        while self.cleanups:
            self.cleanups.pop()()

    def __enter__(self) -> OpenedTarget:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_target(
    target: Target,
    ref: str | None = None,
    cache_dir: Path | None = None,
    timeout: int = DEFAULT_FETCH_TIMEOUT,
) -> OpenedTarget:
    """Open ``target`` at ``ref`` (a branch, tag or commit; the default branch when ``None``).

    Raises :class:`TargetError` with a message free of credentials when it cannot be opened.
    """
    if ref is not None:
        validate_ref(ref)
    if target.kind == "path":
        return _open_local(target, ref)
    return _open_remote(target, ref, cache_dir, timeout)


def _git_environment() -> dict[str, str]:
    env = {
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_ALLOW_PROTOCOL": ":".join(ALLOWED_SCHEMES),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if "GIT_SSH_COMMAND" not in os.environ:
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    return env


def _open_local(target: Target, ref: str | None) -> OpenedTarget:
    import git

    root = Path(target.location)
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        if ref is not None:
            raise TargetError(
                f"{target.display} is not a git repository, so --ref cannot apply"
            ) from None
        return OpenedTarget(DirectorySource(root), Repository(target.name, target.display))
    except git.GitError as error:
        raise TargetError(f"{target.display}: git could not open it: {error}") from error

    subdirectory = _relative_to_repository(repo, root)
    try:
        commit = repo.git.rev_parse("--verify", "--end-of-options", f"{ref or 'HEAD'}^{{commit}}")
    except git.GitCommandError as error:
        if ref is not None:
            repo.close()
            raise TargetError(f"{target.display}: no commit {ref!r}") from error
        commit = None  # a repository without commits yet
    repository = Repository(target.name, target.display, ref=ref, commit=commit)
    if ref is None and not repo.bare:
        repo.close()
        return OpenedTarget(WorkTreeSource(root), repository)
    if commit is None:
        repo.close()
        raise TargetError(f"{target.display}: the repository has no commit to scan")
    treeish = f"{commit}:{subdirectory}" if subdirectory else commit
    return OpenedTarget(GitTreeSource(repo, treeish), repository)


def _relative_to_repository(repo: git.Repo, root: Path) -> str:
    working_dir = repo.working_tree_dir
    if working_dir is None:
        return ""
    relative = os.path.relpath(root.resolve(), Path(working_dir).resolve())
    return "" if relative == "." else Path(relative).as_posix()


def _open_remote(
    target: Target, ref: str | None, cache_dir: Path | None, timeout: int
) -> OpenedTarget:
    import git

    cleanups: list[Callable[[], None]] = []
    if cache_dir is not None:
        key = hashlib.sha256(target.display.encode()).hexdigest()[:20]
        directory = cache_dir / f"{target.name}-{key}.git"
        directory.parent.mkdir(parents=True, exist_ok=True)
    else:
        directory = Path(tempfile.mkdtemp(prefix="stackaudit-clone-"))
        cleanups.append(lambda: shutil.rmtree(directory, ignore_errors=True))
    try:
        repo = git.Repo.init(directory, bare=True, mkdir=True)
        commit = _fetch(repo, target, ref, timeout)
    except BaseException:
        for cleanup in cleanups:
            cleanup()
        raise
    cleanups.insert(0, repo.close)
    repository = Repository(target.name, target.display, ref=ref, commit=commit)
    return OpenedTarget(GitTreeSource(repo, commit), repository, cleanups)


def _fetch(repo: git.Repo, target: Target, ref: str | None, timeout: int) -> str:
    """Fetch one commit of ``target`` into ``repo`` and return its id."""
    import git

    runner = repo.git
    runner.update_environment(**_git_environment())
    wanted = ref or "HEAD"
    try:
        runner.fetch(
            "--depth=1", "--no-tags", "--quiet", "--", target.location, wanted,
            kill_after_timeout=timeout,
        )  # fmt: skip
    except git.GitCommandError as error:
        if not (ref and _SHA_RE.match(ref)):
            raise _fetch_error(target, ref, error) from None
        # Some servers refuse a shallow fetch of a bare commit id: fetch history instead.
        try:
            runner.fetch(
                "--no-tags", "--quiet", "--", target.location,
                "+refs/heads/*:refs/stackaudit/heads/*", kill_after_timeout=timeout,
            )  # fmt: skip
            return str(runner.rev_parse("--verify", "--end-of-options", f"{ref}^{{commit}}"))
        except git.GitCommandError as retry_error:
            raise _fetch_error(target, ref, retry_error) from None
    return str(runner.rev_parse("--verify", "FETCH_HEAD^{commit}"))


def _fetch_error(target: Target, ref: str | None, error: Exception) -> TargetError:
    stderr = str(getattr(error, "stderr", "") or error)
    detail = " ".join(stderr.replace("stderr:", "").strip(" '\n").split())
    what = f"{target.display} at {ref}" if ref else target.display
    return TargetError(scrub_credentials(f"could not fetch {what}: {detail}", target))
