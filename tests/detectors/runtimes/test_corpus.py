"""The runtimes detector on every corpus file of its kinds, and through whole scans of corpus
trees (needs ../shared/corpus; fails without it)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import require_corpus, scan_with

from detectors.runtimes.detector import RuntimesDetector
from scanner.detector import FileContent, SourceFile
from scanner.model import DetectorOutput, RepositoryScan

# Corpus kind → the technology key its files pin.
KINDS = {
    "python-version": "python",
    "runtime-txt": "python",
    "nvmrc": "nodejs",
    "ruby-version": "ruby",
    "java-version": "java",
    "tool-versions": None,
}


def corpus_files() -> list[tuple[str, str, str]]:
    """``(folder, path, kind)`` of every corpus file of the kinds above."""
    corpus = require_corpus()
    with open(corpus / "INVENTORY.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (row["repo"].replace("/", "__"), row["path"], row["kind"])
        for row in rows
        if row["kind"] in KINDS
    ]


def inspect(folder: str, path: str) -> DetectorOutput:
    data = (require_corpus() / folder / path).read_bytes()
    return RuntimesDetector().inspect_file(SourceFile(FileContent(path, data), "runtimes"))


def test_every_corpus_version_file_parses() -> None:
    files = corpus_files()
    assert {kind for _, _, kind in files} == set(KINDS), "a kind is missing from the corpus"
    assert len(files) >= 9
    for folder, path, kind in files:
        output = inspect(folder, path)
        assert output.failures == (), (folder, path)
        assert output.technologies, (folder, path)
        # Independently: the first word of each meaningful line, as the file writes it.
        text = (require_corpus() / folder / path).read_text(encoding="utf-8-sig")
        lines = [line.split("#")[0].split() for line in text.splitlines()]
        words = [line for line in lines if line]
        if kind == "tool-versions":
            assert len(output.technologies) == sum(len(line) - 1 for line in words)
            continue
        technology = output.technologies[0]
        assert technology.key == KINDS[kind], (folder, path)
        written = words[0][0].removeprefix("python-").removeprefix("v")
        assert technology.version == written, (folder, path)
        exact = written.count(".") >= 2
        assert technology.version_source == ("resolved" if exact else "declared")
        for evidence in technology.evidence:
            assert (evidence.path, evidence.line, evidence.detector) == (path, 1, "runtimes")


def test_papercups_tool_versions() -> None:
    output = inspect("papercups-io__papercups", ".tool-versions")
    found = {(t.key, t.category): (t.version, t.version_source) for t in output.technologies}
    assert found == {
        ("erlang", "runtime"): ("23.0.3", "resolved"),
        ("elixir", "runtime"): ("1.11.3", "resolved"),
        ("nodejs", "runtime"): ("12.18.3", "resolved"),
        ("postgresql", "datastore"): ("12.3", "declared"),
    }
    erlang = next(t for t in output.technologies if t.key == "erlang")
    assert erlang.version is not None and erlang.version.split(".")[0] == "23"


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, RuntimesDetector)


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (
            "papercups-io__papercups",
            {
                ("nodejs", "12.18.3", "resolved"),
                ("erlang", "23.0.3", "resolved"),
                ("elixir", "1.11.3", "resolved"),
                ("postgresql", "12.3", "declared"),
            },
        ),
        ("postmanlabs__httpbin", {("python", "3.6.5", "resolved")}),
        ("python__pythondotorg", {("python", "3.14.6", "resolved")}),
        ("getsentry__self-hosted", {("python", "3.12", "declared")}),
        ("fastapi__full-stack-fastapi-template", {("python", "3.14", "declared")}),
        ("maybe-finance__maybe", {("ruby", "3.4.4", "resolved")}),
        (
            "open-telemetry__opentelemetry-demo",
            {("java", "21.0", "declared"), ("ruby", "4.0.5", "resolved")},
        ),
    ],
)
def test_scan_corpus_trees(
    folder: str,
    expected: set[tuple[str, str, str]],
    corpus_tree: Callable[[str], Path],
) -> None:
    result = scan(corpus_tree(folder))
    assert result.failures == ()
    found = {(t.key, t.version, t.version_source) for t in result.technologies}
    assert found == expected


def test_papercups_node_merges_nvmrc_and_tool_versions(
    corpus_tree: Callable[[str], Path],
) -> None:
    result = scan(corpus_tree("papercups-io__papercups"))
    (node,) = [t for t in result.technologies if t.key == "nodejs"]
    assert node.component == "."
    assert {(e.path, e.line) for e in node.evidence} == {(".nvmrc", 1), (".tool-versions", 3)}
