"""Helpers for tests: real file trees and real git repositories in temporary directories, and
the corpus of real-world repositories in ``../shared/corpus``.

Tests that use the corpus need the ``shared/`` folder that sits beside this repository (or the
directory named by ``STACKAUDIT_SHARED``). When it is missing they FAIL with a message saying
so; they never skip, so that CI cannot pass without them.
"""

from __future__ import annotations

import csv
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

import pytest

from scanner.config import Settings
from scanner.detector import Detector
from scanner.model import Repository, RepositoryScan
from scanner.scan import scan_source
from scanner.sources import DirectorySource

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STACKAUDIT_SHARED", REPO_ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"

GIT_ENV = {
    "GIT_AUTHOR_NAME": "stackaudit tests",
    "GIT_AUTHOR_EMAIL": "tests@stackaudit.invalid",
    "GIT_COMMITTER_NAME": "stackaudit tests",
    "GIT_COMMITTER_EMAIL": "tests@stackaudit.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
}

FileSpec = Mapping[str, "str | bytes"]


def write_tree(root: Path, files: FileSpec) -> Path:
    """Create ``files`` (relative path -> text or bytes) under ``root``; returns ``root``."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity and no user configuration; returns stdout."""
    completed = subprocess.run(
        ["git", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV},
        check=True,
        capture_output=True,
        text=True,
    )
    return completed.stdout.strip()


def init_repository(root: Path, files: FileSpec, message: str = "initial") -> str:
    """Make ``root`` a git repository holding ``files`` in one commit; returns its id."""
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root, files)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "--message", message)
    return git(root, "rev-parse", "HEAD")


def commit_tree(root: Path, message: str) -> str:
    """Make the existing directory ``root`` a git repository with all its files committed,
    and return the commit id.

    Much faster than ``git add`` + ``git commit`` for trees of thousands of files: git
    fast-import writes one pack instead of one file per object, and ``read-tree`` fills the
    index without touching the work tree.
    """
    git(root, "init", "--quiet", "--initial-branch=main")
    header = (
        "commit refs/heads/main\n"
        f"committer {GIT_ENV['GIT_COMMITTER_NAME']} <{GIT_ENV['GIT_COMMITTER_EMAIL']}> 0 +0000\n"
        f"data {len(message.encode())}\n{message}\n"
    )
    stream = [header.encode()]
    for directory, subdirectories, names in os.walk(root):
        if directory == str(root):
            subdirectories[:] = [name for name in subdirectories if name != ".git"]
        for name in sorted(names):
            path = Path(directory, name)
            data = path.read_bytes()
            relative = path.relative_to(root).as_posix().encode()
            if relative.startswith(b'"') or b"\n" in relative:
                relative = b'"' + relative.replace(b"\\", b"\\\\").replace(b'"', b'\\"')
                relative = relative.replace(b"\n", b"\\n") + b'"'
            stream.append(b"M 100644 inline %s\ndata %d\n%s\n" % (relative, len(data), data))
    stream.append(b"done\n")
    subprocess.run(
        ["git", "fast-import", "--quiet", "--done"],
        cwd=root,
        input=b"".join(stream),
        env={**os.environ, **GIT_ENV},
        check=True,
    )
    git(root, "read-tree", "HEAD")
    return git(root, "rev-parse", "HEAD")


def scan_with(
    root: Path, *detectors: type[Detector], settings: Settings | None = None
) -> RepositoryScan:
    """Scan the directory ``root`` with only ``detectors``, through the whole core (merge,
    components, findings hooks)."""
    repository = Repository(root.name, str(root))
    return scan_source(DirectorySource(root), repository, detectors, settings or Settings())


def inventory(*kinds: str) -> list[tuple[str, str, str]]:
    """The corpus files of ``kinds`` (all when none) as ``(folder, path, kind)`` rows of
    INVENTORY.tsv, ``folder`` being the corpus directory (``owner__name``)."""
    with open(require_corpus() / "INVENTORY.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))[1:]
    return [
        (repo.replace("/", "__"), path, kind)
        for repo, path, kind, _ in rows
        if not kinds or kind in kinds
    ]


def require_corpus() -> Path:
    """The corpus directory; fails the calling test when it is missing."""
    if not (CORPUS / "INVENTORY.tsv").is_file():
        pytest.fail(
            f"these tests need the shared corpus at {CORPUS} (the shared/ folder beside the "
            "repository, or STACKAUDIT_SHARED); it is missing",
            pytrace=False,
        )
    return CORPUS


def corpus_repositories() -> list[str]:
    """The corpus repository folder names (``owner__name``), or one placeholder when the
    corpus is missing so that the parametrised tests run and fail saying so."""
    if not CORPUS.is_dir():
        return ["corpus-missing"]
    return sorted(p.name for p in CORPUS.iterdir() if (p / "TREE.tsv").is_file())


def build_corpus_tree(folder: str, destination: Path) -> Path:
    """Lay out a corpus repository: every path of its TREE.tsv as a sparse file of the
    recorded size, with the manifests copied into the corpus laid over them."""
    source = require_corpus() / folder
    with open(source / "TREE.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    made_dirs: set[Path] = set()
    for path, size in rows[1:]:
        target = destination / path
        if target.parent not in made_dirs:
            target.parent.mkdir(parents=True, exist_ok=True)
            made_dirs.add(target.parent)
        with open(target, "wb") as handle:
            handle.truncate(int(size) if size else 0)
    for copied in source.rglob("*"):
        if copied.is_file() and copied.name != "TREE.tsv":
            target = destination / copied.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(copied.read_bytes())
    return destination
