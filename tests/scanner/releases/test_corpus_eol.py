"""End of life on the corpus, through the command line, with the snapshot's day
(needs ../shared/corpus and ../shared/endoflife)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.cli import main


def eol_scan(
    root: Path, url: str, cache: Path, capsys: pytest.CaptureFixture[str], *extra: str
) -> tuple[int, dict[str, object]]:
    code = main(
        [
            "scan", str(root), "--release-data", "--eol-only", "--as-of", "2026-08-22",
            "--endoflife-url", url,
            "--data-cache", str(cache), "-f", "json", *extra,
        ]
    )  # fmt: skip
    return code, json.loads(capsys.readouterr().out)["scans"][0]


def end_of_life(scan: dict[str, object]) -> set[tuple[str, str]]:
    findings = scan["findings"]
    assert isinstance(findings, list)
    return {(f["subject"], f["version"]) for f in findings if f["kind"] == "end-of-life"}


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("mozilla__mozillians", {("python", "2.7"), ("django", "1.11.25")}),
        ("angular__angular-phonecat", {("nodejs", "6"), ("nodejs", "10"), ("angularjs", "1.8.0")}),
        ("macrozheng__mall", {("mysql", "5.7"), ("mongodb", "4"), ("spring-boot", "2.7.5")}),
    ],
)
def test_corpus_end_of_life(
    folder: str,
    expected: set[tuple[str, str]],
    corpus_repo: Callable[[str], Path],
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, scan = eol_scan(corpus_repo(folder), endoflife_url, tmp_path / "c.sqlite", capsys)
    assert code == 0
    assert expected <= end_of_life(scan)


def test_netbox_django_6_is_not_end_of_life_and_fail_on(
    corpus_repo: Callable[[str], Path],
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = corpus_repo("netbox-community__netbox")
    code, scan = eol_scan(root, endoflife_url, tmp_path / "c.sqlite", capsys, "--fail-on", "high")
    assert not {subject for subject, _ in end_of_life(scan)} & {"django"}
    assert code == (1 if end_of_life(scan) else 0)
    code, _ = eol_scan(
        corpus_repo("mozilla__mozillians"), endoflife_url, tmp_path / "c.sqlite", capsys,
        "--fail-on", "critical",
    )  # fmt: skip
    assert code == 1


def test_repository_suppressions_silence_and_expire(
    make_repo: Callable[[dict[str, str]], Path],
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_repo(
        {
            ".python-version": "2.7.18\n",
            ".stackaudit.toml": (
                '[[ignore]]\nid = "end-of-life:python:*"\nreason = "legacy"\nuntil = 2026-08-31\n'
            ),
        }
    )
    _, scan = eol_scan(root, endoflife_url, tmp_path / "c.sqlite", capsys)
    assert end_of_life(scan) == set()
    (silenced,) = scan["suppressed"]  # type: ignore[misc]
    assert silenced["suppression"]["reason"] == "legacy"
    code = main(
        [
            "scan", str(root), "--release-data", "--eol-only", "--as-of", "2026-09-01",
            "--endoflife-url", endoflife_url,
            "--data-cache", str(tmp_path / "c.sqlite"), "-f", "json",
        ]
    )  # fmt: skip
    later = json.loads(capsys.readouterr().out)["scans"][0]
    assert code == 0 and end_of_life(later) == {("python", "2.7.18")}


def test_retired_github_hosted_runners(
    make_repo: Callable[[dict[str, str]], Path],
    endoflife_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    workflow = (
        "on: push\njobs:\n"
        "  old:\n    runs-on: ubuntu-20.04\n    steps: [{run: 'true'}]\n"
        "  mac:\n    runs-on: macos-13\n    steps: [{run: 'true'}]\n"
        "  new:\n    runs-on: ubuntu-24.04\n    steps: [{run: 'true'}]\n"
    )
    root = make_repo({".github/workflows/ci.yml": workflow})
    _, scan = eol_scan(root, endoflife_url, tmp_path / "c.sqlite", capsys)
    assert end_of_life(scan) == {("ubuntu", "20.04"), ("macos", "13")}
    titles = {f["title"] for f in scan["findings"]}  # type: ignore[union-attr]
    assert (
        "GitHub Actions Runner Images ubuntu-20.04 reached its end of life on 2025-04-15" in titles
    )
