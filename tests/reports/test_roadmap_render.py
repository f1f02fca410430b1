"""The roadmap draft rendered as Markdown (with its Mermaid Gantt chart and dependency graph),
CSV and JSON, from roadmaps built by hand.

The Markdown of one fixed roadmap is compared with ``tests/reports/golden/roadmap.md``. After
a deliberate change to the Markdown, regenerate that file and review its diff::

    STACKAUDIT_UPDATE_GOLDEN=1 python -m pytest tests/reports/test_roadmap_render.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from reports.roadmap import render_csv, render_json, render_markdown, write_roadmap
from reports.roadmap.csv_writer import COLUMNS
from reports.roadmap.markdown import mermaid_text
from reports.roadmap.view import quarter_end, quarter_start
from scanner.debt.model import (
    Confidence,
    DebtCategory,
    DebtItem,
    Estimate,
    Initiative,
    Milestone,
    MilestoneCheck,
    Phase,
    Roadmap,
    ScheduledInitiative,
)
from scanner.debt.serialize import SCHEMA_PATH, SCHEMA_VERSION, roadmap_to_dict
from scanner.errors import ConfigError
from scanner.model import Evidence, Fact, Severity

GOLDEN = Path(__file__).parent / "golden" / "roadmap.md"
SCRIPT = "<script>alert(1)</script>"
HOSTILE = f'{SCRIPT} "quotes" [brackets]'
DASH = "\N{EN DASH}"
TIMES = "\N{MULTIPLICATION SIGN}"
HEADER = "| Phase | Initiative | Goal | Success metric | Target quarter |"


def initiative(
    identifier: str,
    title: str,
    *,
    depends_on: tuple[str, ...] = (),
    category: DebtCategory = DebtCategory.OUTDATED,
    risk_reduction: bool = False,
    one_way: bool = False,
    check: MilestoneCheck | None = None,
    goal: str = "",
    milestone: str = "",
) -> Initiative:
    return Initiative(
        id=identifier,
        title=title,
        goal=goal or f"Nothing past its end of life in {identifier}",
        category=category,
        items=(f"end-of-life:{identifier}:1:.", f"end-of-life:{identifier}:1:api"),
        components=("shop:.", "shop:api"),
        estimate=Estimate(
            reach=2,
            reach_detail="2 components, 1 repository, 3 files",
            impact=2.0,
            impact_reason="end of life (critical)",
            confidence=0.8,
            confidence_reason="1 of 2 versions resolved from a lockfile",
            effort_weeks=3.0,
            effort_reason="1.5 weeks per component for a major upgrade",
            score=1.0667,
        ),
        risk_reduction=risk_reduction,
        one_way=one_way,
        depends_on=depends_on,
        dependency_reasons=tuple(f"{identifier} needs {other} first" for other in depends_on),
        milestone=Milestone(
            milestone or f"Every component runs a supported {identifier}",
            check or MilestoneCheck("min-version", identifier, "3.12"),
        ),
        rationale=f"{identifier} reached its end of life; every week adds unpatched risk.",
        evidence=(
            Evidence(".python-version", "runtimes", "pins 3.8", 1),
            Evidence("api", "python", "requirements_[dev].txt names it"),
        ),
    )


def scheduled(identifier: str, phase: str, start: str, end: str) -> ScheduledInitiative:
    return ScheduledInitiative(identifier, phase, start, end, 3.75)


def sample_roadmap() -> Roadmap:
    """Three phases, five initiatives: python → django → frontend (same quarter), python →
    workers (the quarter after), and one on its own with a hostile title."""
    initiatives = (
        initiative("python", "Upgrade Python 3.8 to 3.12", risk_reduction=True),
        initiative("django", "Upgrade Django 3.2 to 5.2", depends_on=("python",)),
        initiative(
            "frontend",
            HOSTILE,
            depends_on=("django",),
            category=DebtCategory.FRICTION,
            one_way=True,
            check=MilestoneCheck("no-technology", "angularjs"),
            goal='=HYPERLINK("http://evil.example","x")',
            milestone="-1 AngularJS component left",
        ),
        initiative(
            "workers",
            "Section: move the workers to Node 22",
            depends_on=("python",),
            category=DebtCategory.SCALING,
            check=MilestoneCheck("no-finding", "end-of-life", about="nodejs"),
        ),
        initiative("secrets", "Remove committed keys", category=DebtCategory.SECURITY),
    )
    schedule = (
        scheduled("python", "Stabilise", "2027-Q1", "2027-Q1"),
        scheduled("secrets", "Stabilise", "2027-Q1", "2027-Q1"),
        scheduled("django", "Modernise", "2027-Q2", "2027-Q3"),
        scheduled("workers", "Modernise", "2027-Q2", "2027-Q2"),
        scheduled("frontend", "Rebuild", "2027-Q3", "2028-Q1"),
    )
    phases = (
        Phase("Stabilise", "Close end-of-life and security gaps", "2027-Q1", "2027-Q1",
              ("python", "secrets")),
        Phase("Modernise", "Current frameworks", "2027-Q2", "2027-Q3", ("django", "workers")),
        Phase("Rebuild", "Leave AngularJS", "2027-Q3", "2028-Q1", ("frontend",)),
    )  # fmt: skip
    catalog = (
        DebtItem(
            "end-of-life:python:3.8:.", DebtCategory.OUTDATED, "end-of-life", Severity.CRITICAL,
            "Python 3.8 is past its end of life", "shop", ".", "python", "3.8",
            Confidence.RESOLVED, (Fact("end of life", "2024-10-07"),),
            (Evidence(".python-version", "runtimes", "pins 3.8", 1),),
        ),
        DebtItem(
            "private-key:deploy.pem:.", DebtCategory.SECURITY, "private-key", Severity.HIGH,
            HOSTILE, "shop", "api", "deploy.pem", None, Confidence.INFERRED, (), (),
        ),
    )  # fmt: skip
    return Roadmap(
        generated_at="2026-08-22T10:00:00+00:00",
        as_of="2026-08-22",
        repositories=("shop", "web|app"),
        start_quarter="2027-Q1",
        capacity_weeks=12.0,
        buffer=0.25,
        catalog=catalog,
        initiatives=initiatives,
        schedule=schedule,
        phases=phases,
        looked_for=("end-of-life runtimes and frameworks", "committed private keys"),
    )


ORDER = ["python", "secrets", "django", "workers", "frontend"]


def mermaid_block(markdown: str, kind: str) -> list[str]:
    """The lines of the one Mermaid block whose first line is ``kind``."""
    blocks = re.findall(r"^```mermaid\n(.*?)^```$", markdown, re.S | re.M)
    (block,) = [b for b in blocks if b.startswith(kind + "\n")]
    return [line.strip() for line in block.splitlines()[1:]]


def table_rows(markdown: str) -> list[list[str]]:
    lines = markdown.splitlines()
    start = lines.index(HEADER)
    assert lines[start + 1] == "| --- | --- | --- | --- | --- |"
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_the_table_has_exactly_the_columns_and_a_row_per_initiative_in_phase_order() -> None:
    rows = table_rows(render_markdown(sample_roadmap()))
    assert [row[0] for row in rows] == [
        "Stabilise", "Stabilise", "Modernise", "Modernise", "Rebuild",
    ]  # fmt: skip
    assert [row[1] for row in rows] == [
        "Upgrade Python 3.8 to 3.12",
        "Remove committed keys",
        "Upgrade Django 3.2 to 5.2",
        "Section: move the workers to Node 22",
        r'&lt;script&gt;alert(1)&lt;/script&gt; "quotes" \[brackets\]',
    ]
    assert rows[0][3] == "Every component runs a supported python"
    assert [row[4] for row in rows] == [
        "2027-Q1", "2027-Q1", f"2027-Q2{DASH}2027-Q3", "2027-Q2", f"2027-Q3{DASH}2028-Q1",
    ]  # fmt: skip


def test_the_title_names_the_repositories_the_day_and_the_planning_inputs() -> None:
    lines = render_markdown(sample_roadmap()).splitlines()
    assert lines[0] == r"# Roadmap draft: shop, web\|app"
    assert lines[2] == (
        "Evaluated for 2026-08-22. Planned from 2027-Q1, with a capacity of 12 person-weeks "
        "a quarter and a 25% buffer added to every effort."
    )


def test_each_initiative_has_its_section_with_rice_lenses_milestone_and_evidence() -> None:
    markdown = render_markdown(sample_roadmap())
    sections = re.split(r"^### ", markdown, flags=re.M)[1:]
    assert len(sections) == 5 + 5  # the initiatives, then the catalog's five categories
    django = sections[2]
    assert django.startswith("Upgrade Django 3.2 to 5.2\n")
    for expected in (
        "| Reach | 2 | 2 components, 1 repository, 3 files |",
        "| Impact | 2 | end of life (critical) |",
        "| Confidence | 0.8 | 1 of 2 versions resolved from a lockfile |",
        "| Effort | 3 person-weeks | 1.5 weeks per component for a major upgrade |",
        f"| Score | 1.07 | reach {TIMES} impact {TIMES} confidence ÷ effort = "
        f"2 {TIMES} 2 {TIMES} 0.8 ÷ 3 |",
        "| Planned | 3.75 person-weeks | effort with the 25% buffer |",
        "- Risk reduction: no",
        "- One-way: no",
        "  - Upgrade Python 3.8 to 3.12: django needs python first",
        "**Milestone:** Every component runs a supported django  ",
        "**Check:** `min-version: django 3.12 or newer`",
        "<details><summary>Evidence (2)</summary>",
        "- `.python-version:1`: pins 3.8 (runtimes)",
        r"- `api`: requirements\_\[dev\].txt names it (python)",
    ):
        assert expected in django.splitlines(), expected
    assert "**Check:** `no-finding: end-of-life about nodejs`" in sections[3]
    assert "**Check:** `no-technology: angularjs`" in sections[4]
    assert "- One-way: yes" in sections[4]


def test_the_gantt_chart_has_a_section_per_phase_and_a_task_per_initiative() -> None:
    gantt = mermaid_block(render_markdown(sample_roadmap()), "gantt")
    assert gantt[:2] == ["dateFormat YYYY-MM-DD", "axisFormat %Y-%m"]
    assert gantt[2:] == [
        "section Stabilise",
        "Upgrade Python 3.8 to 3.12 :crit, i1, 2027-01-01, 2027-04-01",
        "Remove committed keys :i2, 2027-01-01, 2027-04-01",
        "section Modernise",
        # Starts when python ends: placed after it.
        "Upgrade Django 3.2 to 5.2 :i3, after i1, 2027-10-01",
        "#83;ection#58; move the workers to Node 22 :i4, after i1, 2027-07-01",
        "section Rebuild",
        # Starts in the quarter django ends in: "after" would move it, so its dates stay.
        "#60;script#62;alert(1)#60;/script#62; #34;quotes#34; #91;brackets#93; "
        ":i5, 2027-07-01, 2028-04-01",
    ]


def test_the_dependency_graph_has_an_edge_per_dependency() -> None:
    graph = mermaid_block(render_markdown(sample_roadmap()), "graph LR")
    assert graph == [
        'i1["Upgrade Python 3.8 to 3.12"]',
        'i3["Upgrade Django 3.2 to 5.2"]',
        'i4["#83;ection#58; move the workers to Node 22"]',
        'i5["#60;script#62;alert(1)#60;/script#62; #34;quotes#34; #91;brackets#93;"]',
        "i1 --> i3",
        "i1 --> i4",
        "i3 --> i5",
    ]


def test_no_dependency_no_graph() -> None:
    roadmap = sample_roadmap()
    alone = tuple(replace(i, depends_on=(), dependency_reasons=()) for i in roadmap.initiatives)
    markdown = render_markdown(replace(roadmap, initiatives=alone))
    assert "graph LR" not in markdown
    assert "No initiative depends on another." in markdown
    assert "after" not in "\n".join(mermaid_block(markdown, "gantt"))


def test_data_never_reaches_markdown_or_mermaid_raw() -> None:
    markdown = render_markdown(sample_roadmap())
    assert "<script" not in markdown
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markdown
    gantt = mermaid_block(markdown, "gantt")
    graph = mermaid_block(markdown, "graph LR")
    texts = [line.rpartition(" :")[0] for line in gantt if " :" in line]
    texts += [line.removeprefix("section ") for line in gantt if line.startswith("section ")]
    texts += [match[1] for line in graph if (match := re.fullmatch(r'i\d+\["(.*)"\]', line))]
    assert len(texts) == 5 + 3 + 4
    for text in texts:
        assert not set(re.sub(r"#\d+;", "", text)) & set('<>[]:;#"`%'), text


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        ('say "hi" [now]', "say #34;hi#34; #91;now#93;"),
        ("a;b:c#d%e", "a#59;b#58;c#35;d#37;e"),
        ("<b>&amp;</b>", "#60;b#62;#38;amp#59;#60;/b#62;"),
        ("two\nlines\t here ", "two lines here"),
        ("section 2", "#115;ection 2"),
        ("Click here", "#67;lick here"),
        ("dateformat", "#100;ateformat"),
        ("2027-01-01 cut-over", "#50;027-01-01 cut-over"),
        ("Section-free, (fine) a/b_c", "#83;ection-free, (fine) a/b_c"),
        ("Upgrade Ruby 2.7", "Upgrade Ruby 2.7"),
        ("Übergang 日本", "Übergang 日本"),
    ],
)
def test_mermaid_text(text: str, coded: str) -> None:
    assert mermaid_text(text) == coded


def test_csv_has_the_columns_a_row_per_initiative_and_guards_formulas() -> None:
    reader = csv.reader(io.StringIO(render_csv(sample_roadmap()), newline=""))
    assert tuple(next(reader)) == COLUMNS == (
        "phase", "initiative", "goal", "success metric", "target quarter", "start quarter",
        "end quarter", "reach", "impact", "confidence", "effort weeks", "planned weeks",
        "score", "risk reduction", "one way", "depends on", "items",
    )  # fmt: skip
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in reader]
    assert [row["initiative"] for row in rows][:3] == [
        "Upgrade Python 3.8 to 3.12", "Remove committed keys", "Upgrade Django 3.2 to 5.2",
    ]  # fmt: skip
    assert rows[2] == {
        "phase": "Modernise",
        "initiative": "Upgrade Django 3.2 to 5.2",
        "goal": "Nothing past its end of life in django",
        "success metric": "Every component runs a supported django",
        "target quarter": f"2027-Q2{DASH}2027-Q3",
        "start quarter": "2027-Q2",
        "end quarter": "2027-Q3",
        "reach": "2",
        "impact": "2",
        "confidence": "0.8",
        "effort weeks": "3",
        "planned weeks": "3.75",
        "score": "1.07",
        "risk reduction": "no",
        "one way": "no",
        "depends on": "Upgrade Python 3.8 to 3.12",
        "items": "end-of-life:django:1:.; end-of-life:django:1:api",
    }
    hostile = rows[4]
    assert hostile["initiative"] == HOSTILE
    assert hostile["goal"] == '\'=HYPERLINK("http://evil.example","x")'
    assert hostile["success metric"] == "'-1 AngularJS component left"
    assert rows[0]["risk reduction"] == "yes" and hostile["one way"] == "yes"


def test_json_validates_against_the_schema_and_holds_every_field() -> None:
    roadmap = sample_roadmap()
    document = json.loads(render_json(roadmap))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    assert document == roadmap_to_dict(roadmap)
    assert document["schema_version"] == SCHEMA_VERSION == "1.0"
    assert document["catalog"][0]["category"] == "outdated-dependencies"
    assert document["catalog"][0]["severity"] == "critical"
    assert document["initiatives"][2]["title"] == HOSTILE
    assert document["initiatives"][3]["milestone"]["check"] == {
        "kind": "no-finding", "subject": "end-of-life", "version": None, "about": "nodejs",
    }  # fmt: skip
    assert set(document) == {"schema_version", *Roadmap.__dataclass_fields__}


def test_an_empty_roadmap_renders_and_validates() -> None:
    roadmap = replace(
        sample_roadmap(), catalog=(), initiatives=(), schedule=(), phases=(), looked_for=()
    )
    markdown = render_markdown(roadmap)
    assert HEADER not in markdown and "```mermaid" not in markdown
    assert "No initiative was planned" in markdown
    assert "0 items, one per finding." in markdown
    assert markdown.count("None found.") == 5
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(render_json(roadmap)), schema)
    assert render_csv(roadmap).splitlines() == [",".join(f'"{c}"' for c in COLUMNS)]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schedule": ()}, "roadmap initiative django, frontend, python, secrets, workers is "
                           "in a phase but not scheduled"),
        ({"phases": ()}, "is scheduled but in no phase"),
        ({"initiatives": ()}, "is in a phase but not among the initiatives"),
    ],
)  # fmt: skip
def test_a_roadmap_breaking_the_contract_is_refused(
    change: dict[str, object], message: str, tmp_path: Path
) -> None:
    roadmap = replace(sample_roadmap(), **change)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=message):
        render_markdown(roadmap)
    with pytest.raises(ValueError, match=message):
        write_roadmap(roadmap, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_initiatives_the_plan_left_out_are_shown_as_not_scheduled() -> None:
    """The planner keeps at most so many phases: what does not fit is in no phase and has
    no schedule entry, yet stays in the roadmap."""
    roadmap = sample_roadmap()
    roadmap = replace(roadmap, phases=roadmap.phases[:2], schedule=roadmap.schedule[:4])
    markdown = render_markdown(roadmap)
    assert table_rows(markdown)[-1] == [
        "Not scheduled",
        r'&lt;script&gt;alert(1)&lt;/script&gt; "quotes" \[brackets\]',
        '=HYPERLINK("http\\://evil.example","x")',
        "-1 AngularJS component left",
        "-",
    ]
    unscheduled = markdown.split("\n## Not scheduled\n", 1)[1].split("\n## Timeline\n")[0]
    assert "**Quarters:** not scheduled  " in unscheduled
    assert "| Planned |" not in unscheduled and "| Score | 1.07 |" in unscheduled
    assert "i5" not in "\n".join(mermaid_block(markdown, "gantt"))
    assert "i3 --> i5" in mermaid_block(markdown, "graph LR")
    last = list(csv.reader(io.StringIO(render_csv(roadmap), newline="")))[-1]
    row = dict(zip(COLUMNS, last, strict=True))
    assert row["initiative"] == HOSTILE
    assert [row[c] for c in ("phase", "target quarter", "start quarter", "end quarter")] == [""] * 4
    assert row["planned weeks"] == "" and row["score"] == "1.07"


def test_a_dependency_on_an_unknown_initiative_is_refused() -> None:
    roadmap = sample_roadmap()
    lost = replace(roadmap.initiatives[1], depends_on=("gone",), dependency_reasons=("why",))
    with pytest.raises(ValueError, match="gone is depended on but not among the initiatives"):
        render_markdown(replace(roadmap, initiatives=(roadmap.initiatives[0], lost,
                                                      *roadmap.initiatives[2:])))  # fmt: skip


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [("2027-Q1", "2027-01-01", "2027-04-01"), ("2027-Q4", "2027-10-01", "2028-01-01")],
)
def test_quarters_become_days(quarter: str, start: str, end: str) -> None:
    assert quarter_start(quarter).isoformat() == start
    assert quarter_end(quarter).isoformat() == end


@pytest.mark.parametrize("quarter", ["2027-Q5", "2027Q1", "Q1-2027", "2027-q1"])
def test_a_malformed_quarter_is_refused(quarter: str) -> None:
    with pytest.raises(ValueError, match="is not written like 2027-Q1"):
        quarter_start(quarter)


def test_write_roadmap_writes_the_three_files(tmp_path: Path) -> None:
    roadmap = sample_roadmap()
    paths = write_roadmap(roadmap, tmp_path / "new" / "dir")
    assert [path.name for path in paths] == ["roadmap.md", "roadmap.csv", "roadmap.json"]
    assert paths[0].read_text(encoding="utf-8") == render_markdown(roadmap)
    assert paths[1].read_text(encoding="utf-8") == render_csv(roadmap)
    assert json.loads(paths[2].read_text(encoding="utf-8")) == roadmap_to_dict(roadmap)


def test_write_roadmap_to_an_unwritable_place_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(
        ConfigError, match=f"^cannot write the roadmap to {re.escape(str(blocker))}"
    ):
        write_roadmap(sample_roadmap(), blocker / "roadmap")


def test_markdown_matches_the_golden_file() -> None:
    """See the module docstring for regenerating the golden file."""
    markdown = render_markdown(sample_roadmap())
    if os.environ.get("STACKAUDIT_UPDATE_GOLDEN") == "1":
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(markdown, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8") if GOLDEN.is_file() else ""
    assert markdown == expected, (
        f"{GOLDEN} is out of date: review the change, then regenerate it with "
        "STACKAUDIT_UPDATE_GOLDEN=1"
    )
