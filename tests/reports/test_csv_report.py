"""The CSV reporter: a row per finding, suppressed ones included, cells safe to open in a
spreadsheet, and everything else exactly as the scan had it."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.python.detector import PythonDetector
from reports.csv_report import COLUMNS, CsvReporter, spreadsheet_safe
from scanner.model import (
    Evidence,
    Fact,
    Finding,
    RepositoryScan,
    ScanReport,
    Severity,
    SuppressedFinding,
    Suppression,
)

SCRIPT = '<script>alert("x")</script>'


def finding(kind: str, subject: str, evidence: tuple[Evidence, ...], **fields: str) -> Finding:
    values = {
        "title": f"{subject} is {kind}",
        "advice": "Upgrade.",
        "component": "api",
        "version": "4.2.1",
        **fields,
    }
    return Finding(
        id=f"{kind}:{subject}:{values['version']}:{values['component']}",
        kind=kind,
        severity=Severity.HIGH,
        title=values["title"],
        subject=subject,
        version=values["version"],
        component=values["component"],
        facts=(Fact("latest", "5.1"), Fact("evaluated for", "2026-01-01")),
        evidence=evidence,
        advice=values["advice"],
    )


@pytest.fixture
def sample(make_tree: Callable[[dict[str, str]], Path]) -> RepositoryScan:
    root = make_tree({"api/requirements.txt": "django==4.2.1\n"})
    scan = scan_with(root, PythonDetector)
    (django,) = scan.dependencies
    evidence = (*django.evidence, Evidence("api/Dockerfile", "test", "seen"))
    findings = (
        finding("majors-behind", "pypi/django", evidence),
        finding(
            "deprecated",
            '=HYPERLINK("http://evil.example","x")',
            (Evidence("+cmd|' /C calc'!A0", "test", "seen", 7),),
            title="@SUM(1+1)",
            advice="-2+3",
            component="\tweb",
            version="\r1",
        ),
        finding("yanked", SCRIPT, (), title='Bibliothèque « naïve », "quoted"\nsecond line'),
    )
    silenced = SuppressedFinding(
        finding("libyears", "pypi/django", django.evidence),
        Suppression("libyears:*", "accepted until the rewrite", "2099-12-31"),
    )
    return replace(scan, findings=findings, suppressed=(silenced,))


def rows(text: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    assert tuple(header) == COLUMNS
    return [dict(zip(header, row, strict=True)) for row in reader]


def render(scan: RepositoryScan) -> str:
    return CsvReporter().render(ScanReport("0.1.0", "2026-01-01T00:00:00+00:00", (scan,)))


def test_one_row_per_finding_with_evidence_and_facts(sample: RepositoryScan) -> None:
    text = render(sample)
    assert text.endswith("\n")
    table = rows(text)
    assert [row["kind"] for row in table] == ["majors-behind", "deprecated", "yanked", "libyears"]
    first = table[0]
    assert first == {
        "repository": sample.repository.name,
        "component": "api",
        "severity": "high",
        "kind": "majors-behind",
        "subject": "pypi/django",
        "version": "4.2.1",
        "title": "pypi/django is majors-behind",
        "advice": "Upgrade.",
        "evidence": "api/requirements.txt:1; api/Dockerfile",
        "facts": "latest=5.1; evaluated for=2026-01-01",
        "suppressed": "",
    }


def test_suppressed_findings_carry_the_reason(sample: RepositoryScan) -> None:
    last = rows(render(sample))[-1]
    assert last["kind"] == "libyears"
    assert last["suppressed"] == "accepted until the rewrite (until 2099-12-31)"


def test_cells_a_spreadsheet_would_run_as_formulas_are_quoted(sample: RepositoryScan) -> None:
    row = rows(render(sample))[1]
    assert row["subject"] == '\'=HYPERLINK("http://evil.example","x")'
    assert row["evidence"] == "'+cmd|' /C calc'!A0:7"
    assert row["title"] == "'@SUM(1+1)"
    assert row["advice"] == "'-2+3"
    assert row["component"] == "'\tweb"
    assert row["version"] == "'\r1"


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        ("", ""),
        ("'=already", "'=already"),
    ],
)
def test_spreadsheet_safe(cell: str, safe: str) -> None:
    assert spreadsheet_safe(cell) == safe


def test_odd_text_comes_through_intact(sample: RepositoryScan) -> None:
    row = rows(render(sample))[2]
    assert row["subject"] == SCRIPT
    assert row["title"] == 'Bibliothèque « naïve », "quoted"\nsecond line'
    assert row["evidence"] == ""


def test_a_report_without_findings_is_the_header_alone(sample: RepositoryScan) -> None:
    text = render(replace(sample, findings=(), suppressed=()))
    assert text == ",".join(f'"{column}"' for column in COLUMNS) + "\n"
