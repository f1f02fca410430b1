"""``stackaudit scan`` then ``stackaudit roadmap`` on corpus repositories with the
endoflife.date snapshot (needs ../shared/corpus and ../shared/endoflife): the Foundation
phase, the dependency order, the table's columns and milestones that a later scan can
check."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.debt.milestones import CHECK_KINDS, evaluate
from scanner.debt.model import MilestoneCheck
from scanner.deserialize import load_report

TABLE_HEADER = "| Phase | Initiative | Goal | Success metric | Target quarter |"


def scan_and_plan(
    folder: str,
    corpus_tree: Callable[[str], Path],
    endoflife_url: str,
    tmp_path: Path,
) -> tuple[Path, dict[str, object], str]:
    scan_file = tmp_path / "scan.json"
    code = main(
        [
            "scan", str(corpus_tree(folder)), "--release-data", "--eol-only", "--as-of",
            "2026-08-22", "--endoflife-url", endoflife_url, "--data-cache",
            str(tmp_path / "cache.sqlite"), "-f", "json", "-o", str(scan_file), "-q",
        ]
    )  # fmt: skip
    assert code == 0
    assert main(["roadmap", str(scan_file), "-o", str(tmp_path / "out"), "-q"]) == 0
    roadmap = json.loads((tmp_path / "out" / "roadmap.json").read_text())
    markdown = (tmp_path / "out" / "roadmap.md").read_text()
    assert (tmp_path / "out" / "roadmap.csv").is_file()
    return scan_file, roadmap, markdown


def test_mozillians_starts_with_python_then_django(
    corpus_tree: Callable[[str], Path], endoflife_url: str, tmp_path: Path
) -> None:
    scan_file, roadmap, markdown = scan_and_plan(
        "mozilla__mozillians", corpus_tree, endoflife_url, tmp_path
    )
    phases = roadmap["phases"]
    assert isinstance(phases, list)
    foundation = phases[0]
    assert foundation["name"] == "Foundation"
    assert foundation["initiatives"][:2] == ["upgrade:python", "upgrade:django"]
    titles = {i["id"]: i["title"] for i in roadmap["initiatives"]}  # type: ignore[attr-defined]
    assert titles["upgrade:python"].startswith("Upgrade Python 2.7 to 3.")
    assert titles["upgrade:django"].startswith("Upgrade Django 1.11 to ")
    assert TABLE_HEADER in markdown
    assert_milestones_checkable(roadmap, scan_file)


def test_mall_upgrades_java_before_spring_boot(
    corpus_tree: Callable[[str], Path], endoflife_url: str, tmp_path: Path
) -> None:
    scan_file, roadmap, markdown = scan_and_plan(
        "macrozheng__mall", corpus_tree, endoflife_url, tmp_path
    )
    order = [i["id"] for i in roadmap["initiatives"]]  # type: ignore[attr-defined]
    assert order.index("upgrade:java") < order.index("upgrade:spring-boot")
    spring = roadmap["initiatives"][order.index("upgrade:spring-boot")]  # type: ignore[index]
    assert spring["depends_on"] == ["upgrade:java"]
    assert "needs java 17 or newer" in spring["dependency_reasons"][0]
    java = roadmap["initiatives"][order.index("upgrade:java")]  # type: ignore[index]
    assert java["title"].startswith("Upgrade Java 8 to 17 in ")
    scheduled = [entry["initiative"] for entry in roadmap["schedule"]]  # type: ignore[attr-defined]
    assert scheduled.index("upgrade:java") < scheduled.index("upgrade:spring-boot")
    assert TABLE_HEADER in markdown and "```mermaid" in markdown
    assert_milestones_checkable(roadmap, scan_file)


def assert_milestones_checkable(roadmap: dict[str, object], scan_file: Path) -> None:
    """Every milestone is a check stackaudit can run, and none is met before the work."""
    report = load_report(scan_file)
    initiatives = roadmap["initiatives"]
    assert isinstance(initiatives, list) and initiatives
    for initiative in initiatives:
        check = MilestoneCheck(**initiative["milestone"]["check"])
        assert check.kind in CHECK_KINDS
        assert evaluate(check, report) is False, initiative["milestone"]["text"]


@pytest.mark.parametrize("bad", ["2027", "2027-Q5"])
def test_a_bad_start_quarter_is_a_usage_error(
    bad: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scan_file = tmp_path / "scan.json"
    scan_file.write_text(
        json.dumps(
            {
                "schema_version": "1.2", "tool": {"name": "stackaudit", "version": "0"},
                "generated_at": "2026-08-22T00:00:00+00:00", "detectors": [], "scans": [],
            }
        )
    )  # fmt: skip
    assert main(["roadmap", str(scan_file), "--start-quarter", bad, "-o", str(tmp_path)]) == 2
    assert "not a quarter" in capsys.readouterr().err
