"""End-of-life findings against the local endoflife.date stand-in, for a fixed day."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from scanner.cli import main
from scanner.model import Evidence, Severity, Technology
from scanner.releases.assess import EndOfLifeAssessor
from scanner.releases.endoflife import EndOfLifeSource
from scanner.releases.http import HttpSettings, make_session

DAY = date(2026, 8, 22)


def tech(
    key: str, version: str | None, product: str | None = None, component: str = "."
) -> Technology:
    evidence = (Evidence("file", "test", f"{key} {version}"),)
    return Technology(
        key, key.title(), "runtime", evidence, version, component=component, product=product or key
    )


def assessor(url: str, as_of: date = DAY) -> EndOfLifeAssessor:
    source = EndOfLifeSource(url, session=make_session(HttpSettings(retries=0)))
    return EndOfLifeAssessor(source, as_of)


def test_kinds_and_severities(endoflife_url: str) -> None:
    findings, use = assessor(endoflife_url).assess(
        [
            tech("python", "2.7.18"),  # end of life in 2020: more than a year past
            tech("django", "6.0.8"),  # security fixes only (6.1 is out), not end of life
            tech("nodejs", "24.1.0"),  # supported
            tech("python", "3.10.4"),  # end of life on 2026-10-31: within the look-ahead
            tech("python", "3.12.4"),  # security fixes only on that day
        ]
    )
    found = {(f.subject, f.version): (f.kind, f.severity) for f in findings}
    assert found[("python", "2.7.18")] == ("end-of-life", Severity.CRITICAL)
    assert found[("python", "3.10.4")] == ("end-of-life-soon", Severity.MEDIUM)
    assert found[("python", "3.12.4")] == ("security-support-only", Severity.LOW)
    assert found[("django", "6.0.8")] == ("security-support-only", Severity.LOW)
    assert ("nodejs", "24.1.0") not in found
    assert use.problems == () and use.as_of == "2026-08-22"
    python27 = next(f for f in findings if f.version == "2.7.18")
    facts = {fact.name: fact.value for fact in python27.facts}
    assert facts["cycle"] == "2.7" and facts["end of life"] == "2020-01-01"
    assert facts["evaluated for"] == "2026-08-22"
    assert python27.advice.startswith("Move to Python 3.")
    assert python27.id == "end-of-life:python:2.7.18:."


def test_the_look_ahead_warns_before_the_end(endoflife_url: str) -> None:
    (finding,) = assessor(endoflife_url, date(2019, 9, 1)).assess([tech("python", "2.7")])[0]
    assert (finding.kind, finding.severity) == ("end-of-life-soon", Severity.MEDIUM)
    assert "in 122 days" in finding.title


def test_each_product_is_fetched_once(endoflife_url: str, requests_seen: Counter[str]) -> None:
    judge = assessor(endoflife_url)
    judge.assess([tech("django", "1.11", component="a"), tech("django", "4.2", component="b")])
    judge.assess([tech("django", "1.8", component="c")])
    assert requests_seen["/api/v1/products/django"] == 1


def test_unreachable_source_gives_unknown_findings_and_one_short_note() -> None:
    findings, use = assessor("http://127.0.0.1:9").assess(
        [tech("python", "2.7"), tech("django", "1.11"), tech("nodejs", "6")]
    )
    assert [(f.kind, f.severity) for f in findings] == [("unknown", Severity.INFO)] * 3
    assert use.problems == ("endoflife.date unreachable at http://127.0.0.1:9: connection refused",)
    assert findings[0].advice == f"source unreachable: {use.problems[0]}"


def test_unknown_products_and_versions_are_noted_not_found(endoflife_url: str) -> None:
    findings, use = assessor(endoflife_url).assess(
        [tech("thing", "1.0", product="no-such-product"), tech("python", "99.1")]
    )
    assert findings == []
    assert use.problems == (
        "endoflife.date has no product 'no-such-product'",
        "no Python release cycle matches version 99.1",
    )


def test_versionless_or_productless_technologies_are_skipped(endoflife_url: str) -> None:
    bare = Technology("python", "Python", "runtime", (), None, product="python")
    plain = Technology("tool", "Tool", "tool", (), "1.0")
    assert assessor(endoflife_url).assess([bare, plain])[0] == []


def test_findings_name_the_cycle_to_upgrade_to_and_what_it_needs(endoflife_url: str) -> None:
    findings, _ = assessor(endoflife_url).assess([tech("django", "1.11"), tech("python", "2.7")])
    facts = {f.subject: [(fact.name, fact.value) for fact in f.facts] for f in findings}
    assert ("upgrade to", "6.1") in facts["django"]
    assert ("upgrade requires", "python 3.12") in facts["django"]
    assert ("upgrade to", "3.14") in facts["python"]
    assert not any(name == "upgrade requires" for name, _ in facts["python"])


def test_dependencies_endoflife_lists_by_package_url_become_technologies() -> None:
    from scanner.model import Dependency, Evidence
    from scanner.releases.assess import technologies_by_package_url

    where = (Evidence("requirements.txt", "python", "dependency", 2),)
    numpy = Dependency("pypi", "numpy", where, resolved="1.21.0", purl="pkg:pypi/numpy@1.21.0")
    ranged = Dependency("pypi", "wagtail", where, declared=">=2", purl="pkg:pypi/wagtail")
    django = Dependency("pypi", "django", where, declared="==4.2", purl="pkg:pypi/django")
    known = tech("django", "4.2")
    found = technologies_by_package_url(
        [numpy, ranged, django],
        [replace(known, product="django", component=".")],
        {"pkg:pypi/numpy": "numpy", "pkg:pypi/wagtail": "wagtail", "pkg:pypi/django": "django"},
    )
    assert [(t.key, t.version, t.version_source, t.product) for t in found] == [
        ("numpy", "1.21.0", "resolved", "numpy")
    ]


def test_an_end_of_life_library_found_by_its_package_url(
    endoflife_url: str,
    make_repo: Callable[[dict[str, str]], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    repo = make_repo({"requirements.txt": "numpy==1.21.0\n"})
    code = main(
        [
            "scan", str(repo), "--release-data", "--eol-only", "--as-of", "2026-08-22",
            "--endoflife-url", endoflife_url, "--data-cache", str(tmp_path / "c.sqlite"),
            "-f", "json",
        ]
    )  # fmt: skip
    findings = json.loads(capsys.readouterr().out)["scans"][0]["findings"]
    assert code == 0
    assert ("end-of-life", "numpy", "1.21.0") in {
        (f["kind"], f["subject"], f["version"]) for f in findings
    }
