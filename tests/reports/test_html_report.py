"""The HTML reporter: a real scan with findings and freshness added, read back with
``html.parser`` for its structure and escaping, then opened in headless Chromium.

The browser test needs Debian's ``chromium`` (``/usr/bin/chromium``). Without it the test is
skipped, saying how to install it, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import scan_with

from detectors.census.detector import LanguageCensusDetector
from detectors.javascript.detector import JavaScriptDetector
from detectors.ownership.detector import OwnershipDetector
from detectors.python.detector import PythonDetector
from detectors.runtimes.detector import RuntimesDetector
from detectors.technologies.detector import TechnologyRulesDetector
from reports.charts import Bar, Span, eol_timeline, languages_chart
from reports.html_report import HtmlReporter
from reports.html_view import libyears_bars
from reports.view import data_age
from scanner.model import (
    DataSourceUse,
    Evidence,
    Fact,
    Finding,
    PackageFreshness,
    ScanReport,
    Scope,
    Severity,
    SuppressedFinding,
    Suppression,
    Technology,
)

SCRIPT = "<script>alert(1)</script>"
IMG_DIR = "\"'><img src=x onerror=alert(1)>"
CHROMIUM = Path("/usr/bin/chromium")
CHARTS = ("chart-languages", "chart-eol-timeline", "chart-libyears")
SECTIONS = ("summary", "stack", "end-of-life", "findings", "suppressed", "freshness", "failures")
TREE = {
    "CODEOWNERS": "* @acme/platform\nweb/ @acme/frontend\n",
    ".python-version": "3.8\n",
    "api/requirements.txt": "django==4.2.1\nrequests==2.25.0\n",
    "api/app.py": "import django\n" * 40,
    "web/package.json": '{"name": "web", "dependencies": {"react": "17.0.2"}}\n',
    "web/index.js": "console.log(1);\n" * 10,
    f"{IMG_DIR}/package.json": json.dumps({"name": "odd", "dependencies": {SCRIPT: "1.0.0"}}),
}


def eol_finding(
    subject: str, cycle: str, severity: Severity, end: str, active: str, component: str = "."
) -> Finding:
    return Finding(
        id=f"end-of-life:{subject}:{cycle}:{component}",
        kind="end-of-life",
        severity=severity,
        title=f"{subject} {cycle} reached its end of life",
        subject=subject,
        version=cycle,
        component=component,
        facts=(
            Fact("version", cycle),
            Fact("cycle", cycle),
            Fact("end of life", end),
            Fact("active support until", active),
            Fact("evaluated for", "2026-01-15"),
        ),
        evidence=(Evidence(".python-version", "runtimes", "pinned", 1),),
        advice="Move to a supported cycle.",
    )


def freshness(
    name: str, component: str, libyears: float | None, direct: bool = True
) -> PackageFreshness:
    return PackageFreshness(
        ecosystem="pypi",
        name=name,
        component=component,
        direct=direct,
        scope=Scope.RUNTIME,
        current="1.0.0",
        current_from="lockfile",
        latest="3.0.0",
        current_published="2020-01-01",
        latest_published="2024-01-01",
        libyears=libyears,
        majors_behind=2,
        minors_behind=None,
        source="pypi",
    )


@pytest.fixture
def report(make_tree: Callable[[dict[str, str]], Path]) -> ScanReport:
    """A real scan of TREE, with end-of-life findings, a hostile finding, a suppressed one,
    freshness records and release-data sources added."""
    scan = scan_with(
        make_tree(TREE),
        LanguageCensusDetector,
        OwnershipDetector,
        RuntimesDetector,
        PythonDetector,
        JavaScriptDetector,
        TechnologyRulesDetector,
    )
    hostile = Finding(
        id=f"majors-behind:npm/{SCRIPT}:1.0.0:{IMG_DIR}",
        kind="majors-behind",
        severity=Severity.MEDIUM,
        title=f"{SCRIPT} is 2 majors behind",
        subject=f"npm/{SCRIPT}",
        version="1.0.0",
        component=IMG_DIR,
        facts=(Fact("latest", SCRIPT), Fact("evaluated for", "2026-01-15")),
        evidence=(Evidence(f"{IMG_DIR}/package.json", "javascript", SCRIPT, 1),),
        advice=f"Upgrade {SCRIPT}.",
    )
    findings = (
        hostile,
        eol_finding("django", "4.2", Severity.LOW, "2026-04-30", "2023-12-04", "api"),
        eol_finding("python", "3.8", Severity.CRITICAL, "2024-10-07", "2021-05-03"),
        eol_finding("python", "3.8", Severity.CRITICAL, "2024-10-07", "2021-05-03", "api"),
        eol_finding("react", "17", Severity.HIGH, "yes", "2022-03-29", "web"),
    )
    silenced = SuppressedFinding(
        eol_finding("node", "14", Severity.CRITICAL, "2023-04-30", "2021-10-19", "web"),
        Suppression("end-of-life:node:*", f"migrating {SCRIPT}", "2099-12-31"),
    )
    return ScanReport(
        "0.1.0",
        "2026-01-15T12:00:00+00:00",
        (
            replace(
                scan,
                technologies=(
                    *scan.technologies,
                    Technology(SCRIPT, SCRIPT, "framework", (), "1.0", component=IMG_DIR),
                ),
                findings=findings,
                suppressed=(silenced,),
                release_data=(
                    DataSourceUse(
                        "endoflife.date",
                        "https://endoflife.date",
                        "2026-01-15",
                        (f"unknown product {SCRIPT}",),
                        "2026-01-12T08:00:00+00:00",
                    ),
                ),
                freshness=(
                    freshness("django", "api", 2.5),
                    freshness("requests", "api", 1.25),
                    freshness("react", "web", 4.0),
                    freshness("idna", "api", 0.5, direct=False),
                    freshness("urllib3", "api", None, direct=False),
                ),
            ),
        ),
    )


class Page(HTMLParser):
    """Every element's tag and attributes, in document order, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def classed(self, tag: str, css_class: str) -> list[dict[str, str]]:
        return [
            attrs
            for name, attrs in self.elements
            if name == tag and css_class in attrs.get("class", "").split()
        ]

    def tags(self) -> set[str]:
        return {name for name, _ in self.elements}

    def chart(self, css_class: str) -> dict[str, str]:
        """The one ``svg`` of ``css_class``, checked to be an image with a name and a title."""
        (index,) = [
            i
            for i, (name, attrs) in enumerate(self.elements)
            if name == "svg" and css_class in attrs.get("class", "").split()
        ]
        attrs = self.elements[index][1]
        assert attrs["role"] == "img"
        assert attrs["aria-label"]
        assert self.elements[index + 1][0] == "title"
        return attrs


def parse(markup: str) -> Page:
    page = Page()
    page.feed(markup)
    page.close()
    return page


def test_page_has_the_sections_and_charts_and_loads_nothing(report: ScanReport) -> None:
    markup = HtmlReporter().render(report)
    page = parse(markup)
    for css_class in SECTIONS:
        assert page.classed("section", css_class), css_class
    for css_class in CHARTS:
        page.chart(css_class)
    assert "script" not in page.tags()
    assert not {"img", "link", "iframe", "object", "embed"} & page.tags()
    links = [attrs[name] for _, attrs in page.elements for name in ("src", "href") if name in attrs]
    assert all(link.startswith("#") for link in links), links
    (policy,) = [a for tag, a in page.elements if a.get("http-equiv") == "Content-Security-Policy"]
    assert policy["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert "prefers-color-scheme: dark" in markup
    assert "@media print" in markup


def test_findings_are_sorted_by_severity_with_details(report: ScanReport) -> None:
    markup = HtmlReporter().render(report)
    findings = markup[
        markup.index('<section class="findings">') : markup.index('<section class="suppressed">')
    ]
    badges = [part.split("<", 1)[0] for part in findings.split('<span class="badge">')[1:]]
    assert badges == ["critical", "critical", "high", "medium", "low"]
    assert findings.count("<details>") == 5
    assert "<dt>end of life</dt><dd>2024-10-07</dd>" in findings
    suppressed = markup[markup.index('<section class="suppressed">') :]
    assert "<code>end-of-life:node:*</code>" in suppressed
    assert "2099-12-31" in suppressed


def test_eol_timeline_plots_each_dated_cycle_once(report: ScanReport) -> None:
    page = parse(HtmlReporter().render(report))
    spans = page.classed("g", "span")
    # node 14 (suppressed), then Python 3.8 (two components, one bar), then Django 4.2;
    # React 17 has no end-of-life day
    assert [s["class"] for s in spans] == ["span sev-critical", "span sev-critical", "span sev-low"]
    assert len(page.classed("line", "today")) == 1
    assert "as of 2026-01-15" in page.text
    assert any(
        "Not plotted" in text and "React 17 (end of life: yes)" in text for text in page.text
    )


def test_summary_counts_sources_and_freshness(report: ScanReport) -> None:
    markup = HtmlReporter().render(report)
    assert '<li class="sev-critical"><span class="count">2</span> critical</li>' in markup
    assert "2026-01-12T08:00:00+00:00 (3 days old)" in markup
    assert "<strong>7.8 libyears</strong> over 3 direct dependencies" in markup
    assert "<strong>0.5 libyears</strong> over 1 transitive ones" in markup
    assert "5 assessed against their registries, 1 of them without known release dates" in markup
    assert "@acme/frontend" in markup


def test_scanned_text_is_escaped_everywhere(report: ScanReport) -> None:
    (scan,) = report.scans
    # the scan itself read the hostile names: a dependency, and a component's path
    assert SCRIPT in {dependency.name for dependency in scan.dependencies}
    assert IMG_DIR in {component.path for component in scan.components}
    markup = HtmlReporter().render(report)
    assert SCRIPT not in markup
    assert "<img" not in markup
    assert IMG_DIR not in markup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "&#34;&#39;&gt;&lt;img src=x onerror=alert(1)&gt;" in markup
    page = parse(markup)
    assert not {"script", "img"} & page.tags()
    assert any(SCRIPT in text for text in page.text)  # shown, as text
    assert any(IMG_DIR in text for text in page.text)


def test_languages_chart_uses_only_hex_colours() -> None:
    chart = languages_chart(
        [
            Bar("Python", 60.0, "60.0%", "Python", "#3572A5"),
            Bar("Evil", 40.0, "40.0%", "Evil", 'red" onload="alert(1)'),
        ]
    )
    assert chart is not None
    assert 'fill="#3572A5"' in chart
    assert "onload" not in chart
    assert languages_chart([]) is None


def test_timeline_marks_the_evaluation_day() -> None:
    span = Span("Python 3.8", date(2024, 10, 7), date(2021, 5, 3), date(2026, 1, 15), "high", "n")
    chart = eol_timeline([span])
    assert chart is not None
    assert 'class="chart chart-eol-timeline"' in chart
    assert 'class="security"' in chart
    assert "as of 2026-01-15" in chart
    assert eol_timeline([]) is None


def test_libyears_bars_sum_direct_dependencies_per_component() -> None:
    bars = libyears_bars(
        [
            freshness("a", "api", 1.0),
            freshness("b", "api", 2.0),
            freshness("c", "web", 4.0),
            freshness("d", "web", 9.0, direct=False),
            freshness("e", "cli", None),
        ]
    )
    assert [(bar.label, bar.value, bar.shown) for bar in bars] == [
        ("web", 4.0, "4.0 y"),
        ("api", 3.0, "3.0 y"),
    ]


@pytest.mark.parametrize(
    ("fetched", "age"),
    [
        ("2026-01-15T11:30:00+00:00", "under an hour old"),
        ("2026-01-15T11:00:00+00:00", "1 hour old"),
        ("2026-01-14T12:00:00Z", "24 hours old"),
        ("2026-01-05T12:00:00", "10 days old"),
        ("yesterday", "age unknown"),
    ],
)
def test_answer_age(fetched: str, age: str) -> None:
    assert data_age(fetched, "2026-01-15T12:00:00+00:00") == age


def chromium() -> Path:
    """The browser, or the test skips (fails under CI) saying how to install it."""
    if CHROMIUM.is_file():
        return CHROMIUM
    message = (
        f"{CHROMIUM} is missing: install Debian's chromium (as root: "
        "`apt-get update && apt-get install -y chromium`); .ci/run installs it"
    )
    if "CI" in os.environ:
        pytest.fail(f"{message}; CI is set, so this test fails instead of skipping", pytrace=False)
    pytest.skip(message)


@pytest.mark.parametrize(
    ("ci", "outcome"), [(None, pytest.skip.Exception), ("true", pytest.fail.Exception)]
)
def test_a_missing_chromium_skips_except_under_ci(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ci: str | None, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "CHROMIUM", tmp_path / "no-chromium")
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome, match="apt-get install -y chromium"):
        chromium()


def run_chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    return subprocess.run(
        [
            str(chromium()),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_chromium_renders_the_charts_and_no_injected_element(
    report: ScanReport, tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    path.write_text(HtmlReporter().render(report), encoding="utf-8")

    loaded = run_chromium(tmp_path, "--enable-logging=stderr", "--v=0", "--dump-dom", path.as_uri())
    # The console stays silent: a load the Content-Security-Policy blocked would be logged.
    assert ":CONSOLE" not in loaded.stderr, loaded.stderr
    dom = parse(loaded.stdout)
    for css_class in CHARTS:
        dom.chart(css_class)
    assert dom.classed("rect", "bar-fill")
    assert dom.classed("g", "span")
    assert not {"script", "img", "iframe", "object", "embed"} & dom.tags()
    assert any(SCRIPT in text for text in dom.text)
    assert any(IMG_DIR in text for text in dom.text)

    screenshot = tmp_path / "report.png"
    run_chromium(tmp_path, f"--screenshot={screenshot}", "--window-size=1280,2400", path.as_uri())
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 2400)
    assert len(data) > 10_000
