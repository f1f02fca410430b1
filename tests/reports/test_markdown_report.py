"""The Markdown reporter: the lead's one-page answer per repository (summary, inventory, debt
catalog, top findings, then the rest), its size cap, and escaping of hostile data.

Two documents are compared with golden files: a small scanned tree with hand-made findings
in every debt category (``golden/scan-small.md``), and the corpus repository
mozilla/mozillians with end-of-life findings from the endoflife.date snapshot
(``golden/scan-mozillians.md``; needs ../shared/corpus and ../shared/endoflife, and fails
without them). Times and paths are fixed before rendering. After a deliberate change to the
Markdown, regenerate both and review their diff::

    STACKAUDIT_UPDATE_GOLDEN=1 python -m pytest tests/reports/test_markdown_report.py
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from helpers import SHARED, scan_with, write_tree

from detectors.census.detector import LanguageCensusDetector
from detectors.ci.detector import CiDetector
from detectors.javascript.detector import JavaScriptDetector
from detectors.ownership.detector import OwnershipDetector
from detectors.python.detector import PythonDetector
from detectors.runtimes.detector import RuntimesDetector
from detectors.technologies.detector import TechnologyRulesDetector
from reports.markdown_report import CAP, MarkdownReporter, markdown_code, markdown_text_safe
from reports.text_report import TextReporter
from reports.view import data_age
from scanner.errors import UnknownProduct
from scanner.model import (
    Component,
    DataSourceUse,
    Dependency,
    Evidence,
    Fact,
    Failure,
    FailureKind,
    Finding,
    PackageFreshness,
    Repository,
    RepositoryScan,
    ScanReport,
    Scope,
    Severity,
    SuppressedFinding,
    Suppression,
    Technology,
    WalkStats,
    finding_order,
)
from scanner.releases.assess import EndOfLifeAssessor
from scanner.releases.cycles import Product
from scanner.releases.endoflife import parse_product

GOLDEN = Path(__file__).parent / "golden"
GENERATED_AT = "2026-08-22T10:00:00+00:00"
PRODUCTS = SHARED / "endoflife" / "api" / "v1" / "products"
DETECTORS = (
    LanguageCensusDetector,
    PythonDetector,
    JavaScriptDetector,
    RuntimesDetector,
    CiDetector,
    OwnershipDetector,
    TechnologyRulesDetector,
)
SCRIPT = "<script>alert(1)</script>"
LINK = "](javascript:alert(1))"
IMG = "<img src=x onerror=alert(1)>"
OUR_TAGS = re.compile(r"<(?!/?(?:details|summary)>|wbr>)")


def render(*scans: RepositoryScan) -> str:
    return MarkdownReporter().render(ScanReport("0.1.0", GENERATED_AT, scans))


def stable(scan: RepositoryScan, name: str) -> RepositoryScan:
    """``scan`` with what changes from run to run fixed: the repository's name and source
    (from a temporary directory) and the walk's time."""
    assert scan.walk is not None
    repository = Repository(name, f"tests/{name}")
    return replace(scan, repository=repository, walk=replace(scan.walk, seconds=0.25))


def assert_golden(markdown: str, name: str) -> None:
    golden = GOLDEN / name
    if os.environ.get("STACKAUDIT_UPDATE_GOLDEN") == "1":
        golden.write_text(markdown, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8") if golden.is_file() else ""
    assert markdown == expected, (
        f"{golden} is out of date: review the change, then regenerate it with "
        "STACKAUDIT_UPDATE_GOLDEN=1"
    )


def finding(
    kind: str,
    severity: Severity,
    title: str,
    where: str = ".",
    component: str = ".",
    advice: str = "Fix it.",
    line: int | None = None,
) -> Finding:
    return Finding(
        id=f"{kind}:{title}:{component}",
        kind=kind,
        severity=severity,
        title=title,
        subject=kind,
        version=None,
        component=component,
        facts=(Fact("evaluated for", "2026-08-22"),),
        evidence=(Evidence(where, "test", "made by hand", line),),
        advice=advice,
    )


def freshness(name: str, libyears: float, *, direct: bool = True) -> PackageFreshness:
    return PackageFreshness(
        ecosystem="pypi", name=name, component=".", direct=direct, scope=Scope.RUNTIME,
        current="1.0.0", current_from="resolved", latest="3.0.0",
        current_published="2020-01-01", latest_published="2024-01-01", libyears=libyears,
        majors_behind=2, minors_behind=0, source="PyPI",
    )  # fmt: skip


SMALL_TREE = {
    ".python-version": "3.8.10\n",
    "runtime.txt": "python-3.11.4\n",
    "requirements.txt": "django==3.2.0\nrequests>=2.20\ncelery==5.2.0\n",
    "web/package.json": json.dumps(
        {
            "name": "web",
            "dependencies": {"@babel/core": "^7.0.0", "express": "4.17.1"},
            "engines": {"node": "14"},
        }
    ),
    ".github/CODEOWNERS": "* @acme/platform\n/web/ @acme/frontend alice@example.com\n",
    ".github/workflows/ci.yml": (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-22.04\n    steps:\n"
        "      - uses: actions/checkout@v2\n"
    ),
    "broken/package.json": "{not json",
    "app.py": "print('hi')\n",
}


def small_scan(root: Path) -> RepositoryScan:
    """A real scan of a small tree, with a finding in every debt category, one whose release
    data could not be had, a suppressed one, libyears and two release-data sources."""
    scan = scan_with(write_tree(root / "shop", SMALL_TREE), *DETECTORS)
    findings = [
        finding("end-of-life", Severity.CRITICAL, "Python 3.8 reached its end of life on "
                "2024-10-07", ".python-version", advice="Move to Python 3.13.", line=1),
        finding("majors-behind", Severity.MEDIUM, "Django 3.2.0 is 2 majors behind 5.2",
                "requirements.txt", advice="Upgrade Django.", line=1),
        finding("no-tests", Severity.LOW, "web has no tests", "web/package.json", "web"),
        finding("shared-database", Severity.MEDIUM, "api and worker share one database",
                "docker-compose.yml", advice="Give each service its own schema.", line=3),
        finding("single-database-instance", Severity.LOW, "Postgres runs one instance",
                "docker-compose.yml", line=3),
        finding("unknown", Severity.INFO, "Celery 5.2.0: end-of-life status unknown",
                "requirements.txt", advice="source unreachable: timed out", line=3),
    ]  # fmt: skip
    silenced = finding("deprecated", Severity.LOW, "requests is deprecated", "requirements.txt")
    return replace(
        stable(scan, "shop"),
        findings=tuple(sorted((*scan.findings, *findings), key=finding_order)),
        suppressed=(
            SuppressedFinding(silenced, Suppression("deprecated:*", "vendored", "2027-01-01")),
        ),
        freshness=(freshness("django", 4.0), freshness("sqlparse", 1.5, direct=False)),
        release_data=(
            DataSourceUse(
                "endoflife.date", "https://endoflife.date", "2026-08-22",
                ("no Celery release cycle matches version 5.2.0",), "2026-08-20T09:30:00+00:00",
            ),
            DataSourceUse("PyPI", "https://index.example/simple/", "2026-08-22"),
        ),
    )  # fmt: skip


def test_small_tree_matches_the_golden_file(tmp_path: Path) -> None:
    """See the module docstring for regenerating the golden file."""
    assert_golden(render(small_scan(tmp_path)), "scan-small.md")


def test_sections_come_in_the_lead_s_order(tmp_path: Path) -> None:
    markdown = render(small_scan(tmp_path))
    headings = re.findall(r"^#{1,4} (.*)$", markdown, re.M)
    assert headings == [
        "stackaudit report", "shop", "Summary", "Inventory", "Debt catalog", "Security risks (1)",
        "Outdated dependencies (1)", "Developer experience (2)", "Architectural coupling (1)",
        "Scaling bottlenecks (1)", "Top findings", "Components", "Versions that disagree",
        "Dependencies", "Not read", "Release data", "Suppressed",
    ]  # fmt: skip
    assert "- **Findings:** 6 (critical: 1, high: 0, medium: 2, low: 2, info: 1); 1 suppressed" in (
        markdown.splitlines()
    )
    assert (
        "- **Debt items:** 6 (Security risks: 1, Outdated dependencies: 1, Developer "
        "experience: 2, Architectural coupling: 1, Scaling bottlenecks: 1)"
    ) in markdown
    assert (
        "- **Libyears:** 4.0 libyears over 1 direct dependencies, 1.5 over 1 transitive ones."
        in (markdown)
    )
    assert (
        "- **Release data:** evaluated for 2026-08-22; endoflife.date: data from 2026-08-20 "
        "09:30 UTC, 2 days old; PyPI: no answer used"
    ) in markdown
    # The inventory names the owners of the components each technology is in.
    assert "| Runtimes | Node.js | 14 | web | @<wbr>acme/frontend, alice@<wbr>example.com |" in (
        markdown
    )
    assert "Overview" not in markdown and "Shortened" not in markdown


def test_top_findings_are_the_ten_most_severe_with_advice() -> None:
    findings = tuple(
        finding("majors-behind", severity, f"{severity.value} {n}", advice=f"do {n}")
        for n, severity in enumerate([Severity.LOW] * 8 + [Severity.HIGH] * 4 + [Severity.INFO])
    )
    markdown = render(plain_scan("many", findings=findings))
    top = markdown.split("### Top findings\n", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in top.splitlines() if line.startswith("| high") or "| low" in line]
    assert [row.split(" | ")[1] for row in rows] == [
        "high 8", "high 9", "high 10", "high 11", "low 0", "low 1", "low 2", "low 3", "low 4",
        "low 5",
    ]  # fmt: skip
    assert "| high | high 8 | `.` | do 8 | `.` |" in rows
    assert "The 10 most severe of 13 findings." in top


def test_several_repositories_get_an_overview_first(tmp_path: Path) -> None:
    shop = small_scan(tmp_path)
    gone = RepositoryScan(
        Repository("gone", "/nowhere"),
        failures=(Failure(FailureKind.TARGET_ERROR, "no such directory"),),
    )
    markdown = render(shop, plain_scan("other", dependencies=3), gone)
    lines = markdown.splitlines()
    start = lines.index("## Overview")
    assert lines[start + 2 : start + 8] == [
        "| Repository | Critical | High | Medium | Low | Info | Debt items | Components | "
        "Dependencies | Libyears (direct) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        "| shop | 1 | 0 | 2 | 2 | 1 | 6 | 2 | 6 | 4.0 |",
        "| other | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 3 | - |",
        "| gone | not scanned | - | - | - | - | - | - | - | - |",
        "| **All 3 repositories** | 1 | 0 | 2 | 2 | 1 | 6 | 3 | 9 | 4.0 |",
    ]
    assert start < lines.index("## shop") < lines.index("## other") < lines.index("## gone")
    gone_part = markdown.split("## gone\n", 1)[1]
    assert "### Summary" not in gone_part and "no such directory" in gone_part


# Escaping ----------------------------------------------------------------------------------


def outside_code(line: str) -> tuple[str, list[str]]:
    """A Markdown line as CommonMark reads it: the text outside code spans, with backslash
    escapes dropped (an escaped character is a plain one), and the code spans' contents."""
    text: list[str] = []
    spans: list[str] = []
    at = 0
    while at < len(line):
        if line[at] == "\\" and at + 1 < len(line) and not line[at + 1].isalnum():
            at += 2
            continue
        if line[at] == "`":
            run = re.match(r"`+", line[at:])
            assert run is not None
            fence = run.group()
            close = re.search(rf"(?<!`){fence}(?!`)", line[at + len(fence) :])
            if close:
                spans.append(line[at + len(fence) : at + len(fence) + close.start()])
                at += len(fence) + close.end()
                continue
            at += len(fence)
            continue
        text.append(line[at])
        at += 1
    return "".join(text), spans


def table_cells(line: str) -> int:
    """How many cells GitHub reads in a table row: it splits on every ``|`` not preceded by
    a backslash, code spans included."""
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def assert_harmless(markdown: str) -> None:
    expected_cells = None
    lines = markdown.splitlines()
    for number, line in enumerate(lines):
        text, spans = outside_code(line)
        assert not OUR_TAGS.search(line), f"raw HTML from data on line {number + 1}: {line}"
        assert "[" not in text, f"a link or image could open on line {number + 1}: {line}"
        assert not re.search(r"(?i)://|www\.", text) or "| https://endoflife.date |" in line
        assert not re.search(r"@(?!<wbr>)", text), f"a mention or e-mail link: {line}"
        assert all("<" not in span for span in spans)
        if line.startswith("|"):
            if lines[number + 1 : number + 2] and lines[number + 1].startswith("| ---"):
                expected_cells = table_cells(line)
            assert table_cells(line) == expected_cells, f"table broken on line {number + 1}"


def hostile_scan() -> RepositoryScan:
    place = Evidence(f"docs/{LINK}/{IMG}.md", "test", "made by hand", 3)
    name = "`rm -rf` | <b>x</b> ``"
    return RepositoryScan(
        repository=Repository(f"{SCRIPT} [x]{LINK}", f"/tmp/{IMG}"),
        components=(
            Component(".", "root", ("pypi",), ()),
            Component(f"svc{LINK}", IMG, ("npm",), (), owners=("@evil", f"{IMG}@x.y")),
        ),
        technologies=(
            Technology("x", name, "framework", (place,), f"1|{SCRIPT}", component=f"svc{LINK}"),
        ),
        dependencies=(
            Dependency("npm", SCRIPT, (place,), declared=f"^1 | {IMG}", component=f"svc{LINK}"),
        ),
        failures=(Failure(FailureKind.PARSE_ERROR, f"bad {IMG}", place.path, "test"),),
        findings=(
            Finding(
                f"no-tests:{SCRIPT}",
                "no-tests",
                Severity.HIGH,
                f"[click]({LINK}) {SCRIPT}",
                SCRIPT,
                None,
                f"svc{LINK}",
                (),
                (place,),
                "See https://evil.example, www.evil.example or mail bob@evil.example; **now**",
            ),
        ),
        walk=WalkStats("filesystem", 1, 1, 0, 1, 0.0),
    )


def test_hostile_data_comes_out_harmless() -> None:
    markdown = render(hostile_scan(), plain_scan(f"two {IMG}"))
    assert_harmless(markdown)
    assert "<script" not in markdown and "<img" not in markdown and "<b>" not in markdown
    assert "## &lt;script&gt;alert(1)&lt;/script&gt; \\[x\\]\\](javascript:alert(1))" in markdown
    assert "`&lt;script&gt;alert(1)&lt;/script&gt;`" in markdown  # the package, as code
    assert "\\`rm -rf\\` \\| &lt;b&gt;x&lt;/b&gt; \\`\\`" in markdown  # the technology
    assert "`docs/](javascript:alert(1))/&lt;img src=x onerror=alert(1)&gt;.md:3`" in markdown
    assert "https\\://evil.example, www\\.evil.example or mail bob@<wbr>evil.example" in markdown
    assert "\\*\\*now\\*\\*" in markdown


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        (SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (f"a{LINK}", "a\\](javascript:alert(1))"),
        ("[x](https://e.example)", "\\[x\\](https\\://e.example)"),
        ("<https://e.example>", "&lt;https\\://e.example&gt;"),
        ("WWW.e.example ftp://e", "WWW\\.e.example ftp\\://e"),
        ("@team a@b.example", "@<wbr>team a@<wbr>b.example"),
        ("a | b \\| c", "a \\| b \\\\\\| c"),
        ("`x` *y* _z_ ~w~ # $m$", "\\`x\\` \\*y\\* \\_z\\_ \\~w\\~ \\# \\$m\\$"),
        ("&lt; & &amp;", "&amp;lt; &amp; &amp;amp;"),
        ("two\nlines\r\n  here\u2028", "two lines here"),
        ("Python 3.8: fine (really)", "Python 3.8: fine (really)"),
    ],
)
def test_markdown_text_safe(text: str, safe: str) -> None:
    assert markdown_text_safe(text) == safe


def test_links_stay_for_configured_addresses() -> None:
    assert markdown_text_safe("https://index.example/simple/", links=True) == "https://index.example/simple/"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("requirements.txt:3", "`requirements.txt:3`"),
        ("@babel/core", "`@babel/core`"),
        ("a|b", "`a\\|b`"),
        (IMG, "`&lt;img src=x onerror=alert(1)&gt;`"),
        ("a `b` c", "``a `b` c``"),
        ("`a``", "``` `a`` ```"),
        ("  ", ""),
        ("x\ny", "`x y`"),
    ],
)
def test_markdown_code(text: str, code: str) -> None:
    assert markdown_code(text) == code


# The size cap ------------------------------------------------------------------------------

KINDS = (
    "end-of-life", "majors-behind", "no-tests", "shared-database", "single-database-instance",
)  # fmt: skip


def plain_scan(
    name: str,
    *,
    dependencies: int = 0,
    findings: tuple[Finding, ...] = (),
    components: int = 1,
    failures: int = 0,
    technologies: int = 0,
) -> RepositoryScan:
    """A scan made by hand, as large as asked."""
    paths = ["."] + [f"packages/component-{n:05}" for n in range(1, components)]
    return RepositoryScan(
        repository=Repository(name, f"/src/{name}"),
        components=tuple(
            Component(path, path.rpartition("/")[2] or name, ("npm",), (f"{path}/package.json",))
            for path in paths
        ),
        technologies=tuple(
            Technology(
                f"lib-{n}",
                f"Library number {n:05} of many",
                "library",
                (Evidence("package.json", "test", "named"),),
                "1.0.0",
                "resolved",
            )
            for n in range(technologies)
        ),
        dependencies=tuple(
            Dependency(
                "npm",
                f"@scope/package-number-{n:05}",
                (),
                "^1.0.0",
                "1.2.3",
                component=paths[n % len(paths)],
            )
            for n in range(dependencies)
        ),
        failures=tuple(
            Failure(FailureKind.PARSE_ERROR, "not valid JSON", f"broken/{n}/package.json", "js")
            for n in range(failures)
        ),
        findings=findings,
        walk=WalkStats("filesystem", 10, 1000, 0, 10, 0.5),
    )


def many_findings(count: int) -> tuple[Finding, ...]:
    made = (
        finding(KINDS[n % len(KINDS)], list(Severity)[n % 4],
                f"Finding number {n:05} about package-number-{n:05}",
                f"packages/component-{n % 300:05}/package.json", advice=f"Do thing {n}.")
        for n in range(count)
    )  # fmt: skip
    return tuple(sorted(made, key=finding_order))


@pytest.fixture(scope="module")
def huge() -> RepositoryScan:
    return plain_scan(
        "huge",
        dependencies=4000,
        findings=many_findings(3000),
        components=300,
        failures=200,
        technologies=20,
    )


def test_a_huge_repository_is_cut_to_fit_keeping_summary_inventory_and_top_findings(
    huge: RepositoryScan,
) -> None:
    markdown = render(huge)
    assert len(markdown) < CAP
    assert_harmless(markdown)
    assert "- **Findings:** 3000 (critical: 750, high: 750, medium: 750, low: 750, info: 0)" in (
        markdown
    )
    assert "- **Components:** 300; **dependencies:** 4000 (npm: 4000 direct)" in markdown
    top = markdown.split("### Top findings\n", 1)[1].split("\n### ", 1)[0]
    assert top.count("| critical | Finding number") == 10
    assert "### Inventory" in markdown
    note = next(line for line in markdown.splitlines() if line.startswith("> **Shortened"))
    assert note.startswith("> **Shortened to stay under 60,000 characters**")
    assert "the tables of all dependencies (4,000 rows; the counts stay)" in note
    assert "The table of all 4000 dependencies was left out to fit" in markdown
    assert "<summary>All 4000 dependencies</summary>" not in markdown
    # Catalog categories keep their counts; rows past the cut are counted where they were.
    assert "#### Security risks (600)" in markdown
    assert re.search(r"debt-catalog rows past the first \d+ of each category", note)
    assert re.search(r"^… and \d+ more \(see --format json\)$", markdown, re.M)


def test_detail_is_dropped_in_order_dependency_tables_first() -> None:
    markdown = render(plain_scan("deps", dependencies=3000, findings=many_findings(40)))
    assert len(markdown) < CAP
    note = next(line for line in markdown.splitlines() if line.startswith("> **Shortened"))
    assert "Left out: the tables of all dependencies (3,000 rows; the counts stay)." in note
    assert "more (see --format json)" not in markdown  # the catalog is whole
    assert "#### Security risks (8)" in markdown and markdown.count("| Finding number") == 40 + 10


def test_past_the_last_step_the_last_repositories_are_left_out_but_stay_in_the_overview() -> None:
    scans = [
        plain_scan(f"repo-{n}", findings=many_findings(20), technologies=150) for n in range(10)
    ]
    markdown = render(*scans)
    assert len(markdown) < CAP
    assert all(f"| repo-{n} | 5 | 5 | 5 | 5 | 0 | 20 | 1 | 0 | - |" in markdown for n in range(10))
    assert "## repo-0\n" in markdown and "## repo-9\n" not in markdown
    assert markdown.count("| Libraries | Library number 00000 of many |") == markdown.count(
        "## repo-"
    )
    note = next(line for line in markdown.splitlines() if line.startswith("> **Shortened"))
    assert re.search(
        r"the sections of the last \d+ repositories \(they are in the overview\)", note
    )
    assert re.search(r"The sections of the last \d+ repositories were left out to fit", markdown)


def test_a_huge_inventory_is_cut_last_and_past_that_the_text(huge: RepositoryScan) -> None:
    markdown = render(replace(huge, technologies=plain_scan("t", technologies=3000).technologies))
    assert len(markdown) < CAP
    assert "| Libraries | Library number 00000 of many | 1.0.0 | . | - |" in markdown
    assert "|  | … and 2990 more (see --format json) | | | |" in markdown
    assert "3,000 inventory rows" not in markdown and "2,990 inventory rows past the first 10" in (
        markdown
    )
    giant = render(replace(huge, repository=Repository("x" * CAP, "/src")))
    assert len(giant) < CAP
    assert giant.endswith("**Cut here to stay under 60,000 characters; everything is in "
                          "`--format json`.**\n")  # fmt: skip
    assert "the end of the document, past the cut" in giant


# The corpus --------------------------------------------------------------------------------


class SnapshotSource:
    """The endoflife.date snapshot read from its files, in the shape the assessor asks for."""

    base_url = "https://endoflife.date"

    def product(self, name: str) -> Product:
        path = PRODUCTS / f"{name}.json"
        if not path.is_file():
            raise UnknownProduct(f"endoflife.date has no product {name!r}")
        return parse_product(json.loads(path.read_text(encoding="utf-8")), str(path))


def corpus_scan(folder: str, corpus_tree: Callable[[str], Path]) -> RepositoryScan:
    """A corpus repository scanned with :data:`DETECTORS`, with its end-of-life findings as
    of the snapshot's day."""
    if not PRODUCTS.is_dir():
        pytest.fail(f"these tests need the endoflife.date snapshot at {PRODUCTS}", pytrace=False)
    scan = stable(scan_with(corpus_tree(folder), *DETECTORS), folder)
    assessor = EndOfLifeAssessor(SnapshotSource(), date(2026, 8, 22))  # type: ignore[arg-type]
    found, use = assessor.assess(scan.technologies)
    findings = sorted((*scan.findings, *found), key=finding_order)
    return replace(scan, findings=tuple(findings), release_data=(use,))


def test_mozillians_matches_the_golden_file(corpus_tree: Callable[[str], Path]) -> None:
    """See the module docstring for regenerating the golden file."""
    markdown = render(corpus_scan("mozilla__mozillians", corpus_tree))
    assert "| critical | Python 2.7 reached its end of life on 2020-01-01 |" in markdown
    assert_harmless(markdown)
    assert_golden(markdown, "scan-mozillians.md")


# Other reports share the view ----------------------------------------------------------------


def test_the_text_report_still_reads_the_view(tmp_path: Path) -> None:
    text = TextReporter().render(ScanReport("0.1.0", GENERATED_AT, (small_scan(tmp_path),)))
    assert text.startswith("shop  (tests/shop)\n")
    assert "Findings (6)" in text and "Libyears: 4.0 direct (1 packages)" in text


@pytest.mark.parametrize(
    ("fetched", "age"),
    [
        ("2026-08-22T09:30:00+00:00", "under an hour old"),
        ("2026-08-22T09:00:00Z", "1 hour old"),
        ("2026-08-21T09:00:00", "25 hours old"),
        ("2026-08-19T10:00:00+00:00", "3 days old"),
        ("yesterday", "age unknown"),
    ],
)
def test_data_age(fetched: str, age: str) -> None:
    assert data_age(fetched, GENERATED_AT) == age
