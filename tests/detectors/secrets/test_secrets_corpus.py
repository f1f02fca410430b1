"""The secrets detector on the corpus (needs ../shared/corpus).

The corpus copies no key or env file, only their paths and sizes (TREE.tsv): laid out, they
are zero-filled, so no finding is expected. What is checked is which files the detector
reads, by hand from TREE.tsv: the key and env files by name, at most 64 KiB, and nothing
else (templates such as ``.env.example``, ``.env.local.example`` and a ``.env.patch`` are
not read; pipenv's 234 KB ``cacert.pem`` bundle is too large to be read).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import CORPUS, corpus_repositories, require_corpus, scan_with

from detectors.secrets.detector import SecretsDetector
from scanner.detector import FileEntry, Findings, TreeView
from scanner.dispatch import Dispatcher
from scanner.model import FailureKind

READ = {
    "documenso__documenso": ["apps/remix/example/cert.p12"],
    "f-droid__fdroidserver": [
        "tests/aosp_testkey_debug.keystore",
        "tests/dummy-keystore.jks",
        "tests/keystore.jks",
    ],
    "fastapi__full-stack-fastapi-template": [".env", "frontend/.env"],
    "getsentry__self-hosted": [".env"],
    "heroku__heroku-django-template": [".env"],
    "open-telemetry__opentelemetry-demo": [".env", ".env.override", "src/react-native-app/.env"],
    "python__pythondotorg": ["infra/cdn/certs/psf.io.pem"],
}


@pytest.mark.parametrize("folder", corpus_repositories())
def test_the_detector_reads_only_small_candidates(folder: str) -> None:
    require_corpus()
    with open(CORPUS / folder / "TREE.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    entries = [FileEntry(path, int(size or 0)) for path, size in rows]
    detector = SecretsDetector()
    dispatcher = Dispatcher([detector])
    selected = [entry for entry in entries if dispatcher.wanted_by(entry.path)]
    sizes = {entry.path: entry.size for entry in entries}
    read: list[str] = []

    def reader(path: str, limit: int) -> bytes | None:
        """As the laid-out corpus holds it: zeros of the recorded size."""
        if sizes[path] > limit:
            return None
        read.append(path)
        return bytes(sizes[path])

    detector.inspect_tree(TreeView(entries, detector.name, reader, selected))
    assert read == READ.get(folder, [])
    assert detector.inspect_findings(Findings([], [], [], detector.name)).findings == ()


@pytest.mark.parametrize("folder", corpus_repositories())
def test_every_corpus_repository_scans(folder: str, corpus_tree: Callable[[str], Path]) -> None:
    require_corpus()
    result = scan_with(corpus_tree(folder), SecretsDetector)
    assert result.findings == ()
    assert [f for f in result.failures if f.kind == FailureKind.DETECTOR_ERROR] == []
    assert result.walk is not None and result.walk.files_read == len(READ.get(folder, []))
