"""Where a tree's files come from: a git work tree, a commit in a git repository, or a plain
directory. Each source lists the files once and reads the ones the detectors want.

* :class:`WorkTreeSource` asks git for the file list (tracked files plus untracked ones that are
  not ignored) and takes sizes from ``lstat``: no directory is walked.
* :class:`GitTreeSource` reads a commit without a checkout: ``ls-tree -l`` gives paths and sizes,
  a persistent ``cat-file`` process gives contents. Remote targets are scanned this way.
* :class:`DirectorySource` walks a directory that is not under git with ``os.scandir``, never
  entering pruned directories and never following a link to a directory.

Listing applies :class:`WalkRules` (pruned directory names, excluded globs); symbolic links are
listed as such and never followed out of the tree.
"""

from __future__ import annotations

import os
import posixpath
import re
import stat
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from scanner.detector import FileEntry
from scanner.errors import SourceReadError, TargetError

if TYPE_CHECKING:
    import git

_GITLINK_MODE = "160000"
_SYMLINK_MODE = "120000"
_MAX_LINK_HOPS = 8
_MAX_ROOT_FILE = 1024 * 1024


@dataclass(frozen=True)
class WalkRules:
    """What the walk leaves out: directories by base name, paths by glob (compiled)."""

    prune_dirs: frozenset[str]
    exclude: re.Pattern[str] | None = None
    _prune_re: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = "|".join(re.escape(name) for name in sorted(self.prune_dirs))
        pattern = re.compile(f"(?:^|/)(?:{names})/") if names else None
        object.__setattr__(self, "_prune_re", pattern)

    def pruned_prefix(self, path: str) -> str | None:
        """The pruned directory that contains ``path``, or ``None`` when it is not pruned."""
        if self._prune_re is None:
            return None
        match = self._prune_re.search(path)
        return path[: match.end() - 1] if match else None

    def excluded(self, path: str) -> bool:
        """Whether a configured exclude glob matches ``path``."""
        return self.exclude is not None and self.exclude.match(path) is not None


@dataclass
class Listing:
    """The files of a tree after pruning, and how many directories were pruned."""

    entries: list[FileEntry]
    pruned_directories: int


class FileSource(ABC):
    """A tree of files that can be listed once and read by path."""

    mode: str

    @abstractmethod
    def list_files(self, rules: WalkRules) -> Listing:
        """Every regular file and symbolic link of the tree, pruned and filtered by ``rules``."""

    @abstractmethod
    def read(self, path: str, limit: int) -> bytes:
        """The bytes of a regular file; raises :class:`SourceReadError` saying why not.

        Raises too when the file holds more than ``limit`` bytes, so a file that grew after
        listing is never read whole.
        """

    @abstractmethod
    def read_root_file(self, name: str) -> bytes | None:
        """A small file at the root of the tree (configuration), read before listing;
        ``None`` when there is no such regular file or it is over 1 MiB."""

    @abstractmethod
    def symlink_target(self, path: str) -> str | None:
        """Where a symbolic link points, as a repository-relative path, following chains of
        links; ``None`` when it leads out of the tree (or nowhere)."""

    def close(self) -> None:  # noqa: B027 - optional hook, a no-op for most sources
        """Release what the source holds open (a git process, a temporary clone)."""


class _DiskSource(FileSource):
    """Reading from files on disk, shared by the work-tree and directory sources."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._real_root = os.path.realpath(root)
        self._prefix = os.path.join(root, "")

    def read(self, path: str, limit: int) -> bytes:
        try:
            with open(os.path.join(self.root, path), "rb") as handle:
                data = handle.read(limit + 1)
        except OSError as error:
            raise SourceReadError(error.strerror or str(error)) from error
        if len(data) > limit:
            raise SourceReadError(f"larger than {limit} bytes")
        return data

    def read_root_file(self, name: str) -> bytes | None:
        path = os.path.join(self.root, name)
        if not os.path.isfile(path) or os.path.islink(path):
            return None
        try:
            return self.read(name, _MAX_ROOT_FILE)
        except SourceReadError:
            return None

    def symlink_target(self, path: str) -> str | None:
        real = os.path.realpath(os.path.join(self.root, path))
        if real != self._real_root and not real.startswith(self._real_root + os.sep):
            return None
        if not os.path.exists(real):
            return None
        return Path(os.path.relpath(real, self._real_root)).as_posix()

    def _entry_for(self, path: str) -> FileEntry | None:
        try:
            info = os.lstat(self._prefix + path)
        except OSError:
            return None  # listed by git but deleted from the work tree since
        if stat.S_ISLNK(info.st_mode):
            return FileEntry(path, 0, symlink=True)
        if stat.S_ISREG(info.st_mode):
            return FileEntry(path, info.st_size)
        return None  # a submodule directory or a special file


class WorkTreeSource(_DiskSource):
    """A git work tree: git lists the files, the disk gives their sizes and contents."""

    mode = "git-work-tree"

    def list_files(self, rules: WalkRules) -> Listing:
        import git

        try:
            raw = git.Git(str(self.root)).ls_files(
                "-z", "--cached", "--others", "--exclude-standard",
                stdout_as_string=False, strip_newline_in_stdout=False,
            )
        except git.GitCommandError as error:
            raise TargetError(f"git could not list {self.root}: {_git_message(error)}") from error
        entries: list[FileEntry] = []
        pruned: set[str] = set()
        seen: set[str] = set()
        for raw_path in raw.split(b"\0"):
            if not raw_path:
                continue
            path = os.fsdecode(raw_path)
            if path in seen:
                continue  # a conflicted file is listed once per merge stage
            seen.add(path)
            prefix = rules.pruned_prefix(path)
            if prefix is not None:
                pruned.add(prefix)
                continue
            if rules.excluded(path):
                continue
            entry = self._entry_for(path)
            if entry is not None:
                entries.append(entry)
        return Listing(entries, len(pruned))


class DirectorySource(_DiskSource):
    """A plain directory, walked with ``os.scandir``."""

    mode = "filesystem"

    def list_files(self, rules: WalkRules) -> Listing:
        entries: list[FileEntry] = []
        pruned = 0
        stack = [""]
        while stack:
            prefix = stack.pop()
            try:
                iterator = os.scandir(os.path.join(self.root, prefix) if prefix else self.root)
            except OSError:
                continue
            with iterator:
                for item in iterator:
                    path = prefix + item.name
                    try:
                        if item.is_symlink():
                            if not rules.excluded(path):
                                entries.append(FileEntry(path, 0, symlink=True))
                        elif item.is_dir():
                            if item.name in rules.prune_dirs or rules.excluded(path):
                                pruned += 1
                            else:
                                stack.append(path + "/")
                        elif item.is_file() and not rules.excluded(path):
                            entries.append(FileEntry(path, item.stat().st_size))
                    except OSError:
                        continue
        return Listing(entries, pruned)


class GitTreeSource(FileSource):
    """One commit of a git repository, read without a checkout."""

    mode = "git-tree"

    def __init__(self, repo: git.Repo, treeish: str) -> None:
        self.repo = repo
        self.treeish = treeish
        self._blobs: dict[str, str] = {}
        self._links: set[str] = set()

    def list_files(self, rules: WalkRules) -> Listing:
        import git

        try:
            raw = self.repo.git.ls_tree(
                "-r", "-l", "-z", "--full-tree", self.treeish,
                stdout_as_string=False, strip_newline_in_stdout=False,
            )
        except git.GitCommandError as error:
            message = f"git could not list {self.treeish}: {_git_message(error)}"
            raise TargetError(message) from error
        entries: list[FileEntry] = []
        pruned: set[str] = set()
        for record in raw.split(b"\0"):
            if not record:
                continue
            meta, _, raw_path = record.partition(b"\t")
            mode, _kind, sha, size = meta.decode("ascii").split(maxsplit=3)
            if mode == _GITLINK_MODE:
                continue
            path = os.fsdecode(raw_path)
            prefix = rules.pruned_prefix(path)
            if prefix is not None:
                pruned.add(prefix)
                continue
            if rules.excluded(path):
                continue
            self._blobs[path] = sha
            if mode == _SYMLINK_MODE:
                self._links.add(path)
                entries.append(FileEntry(path, 0, symlink=True))
            else:
                entries.append(FileEntry(path, int(size)))
        return Listing(entries, len(pruned))

    def read(self, path: str, limit: int) -> bytes:
        sha = self._blobs.get(path)
        if sha is None:
            raise SourceReadError("not in the scanned commit (or left out of the scan)")
        try:
            stream = self.repo.odb.stream(bytes.fromhex(sha))
        except Exception as error:  # gitdb raises several unrelated types
            raise SourceReadError(f"git could not read blob {sha}: {error}") from error
        if stream.size > limit:
            raise SourceReadError(f"larger than {limit} bytes")
        data: bytes = stream.read()
        return data

    def read_root_file(self, name: str) -> bytes | None:
        import git

        separator = "/" if ":" in self.treeish else ":"
        try:
            kind = self.repo.git.cat_file("-t", f"{self.treeish}{separator}{name}")
            if kind.strip() != "blob":
                return None
            data = self.repo.git.cat_file(
                "blob",
                f"{self.treeish}{separator}{name}",
                stdout_as_string=False,
                strip_newline_in_stdout=False,
            )
        except git.GitCommandError:
            return None
        return data if len(data) <= _MAX_ROOT_FILE else None

    def symlink_target(self, path: str) -> str | None:
        for _ in range(_MAX_LINK_HOPS):
            try:
                target = os.fsdecode(self.read(path, 4096))
            except SourceReadError:
                return None
            if target.startswith("/"):
                return None
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target))
            if resolved == ".." or resolved.startswith("../") or resolved not in self._blobs:
                return None
            if resolved not in self._links:
                return resolved
            path = resolved
        return None

    def close(self) -> None:
        self.repo.close()


def _git_message(error: Exception) -> str:
    stderr = getattr(error, "stderr", "") or ""
    text = stderr.strip().removeprefix("stderr:").strip().strip("'").strip()
    return text or str(error)
