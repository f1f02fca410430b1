"""The SARIF reporter: real scans with findings added, validated against the SARIF 2.1.0
schema in ../shared/schemas (the tests fail when it is missing)."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import jsonschema
import pytest
from helpers import REPO_ROOT, SHARED, scan_with

from detectors.javascript.detector import JavaScriptDetector
from detectors.python.detector import PythonDetector
from detectors.runtimes.detector import RuntimesDetector
from reports.finding_kinds import describe_kind
from reports.sarif_report import (
    FINGERPRINT,
    LEVELS,
    MAX_LOCATIONS_PER_RESULT,
    MAX_RESULTS_PER_RUN,
    SarifReporter,
    repository_uri,
)
from scanner.model import (
    Evidence,
    Fact,
    Finding,
    Repository,
    RepositoryScan,
    ScanReport,
    Severity,
    SuppressedFinding,
    Suppression,
)
from scanner.runner import run_scan

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
ODD_PATH = "docs/naïve notes #1.txt"
SCRIPT = '<script>alert("x")</script>'
TREE = {
    "package.json": '{"name": "web", "dependencies": {"left-pad": "1.3.0"}}\n',
    ".python-version": "3.8\n",
    "api/requirements.txt": "django==4.2.1\nrequests>=2.0\n",
    ODD_PATH: "notes\n",
}


@cache
def _validator() -> jsonschema.Draft4Validator:
    if not SCHEMA.is_file():
        pytest.fail(
            f"these tests need the SARIF schema at {SCHEMA} (the shared/ folder beside the "
            "repository, or STACKAUDIT_SHARED); it is missing",
            pytrace=False,
        )
    return jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))


def validate(text: str) -> dict[str, Any]:
    """The SARIF text parsed, after checking it against the schema."""
    document: dict[str, Any] = json.loads(text)
    _validator().validate(document)
    return document


def finding(
    kind: str,
    severity: Severity,
    subject: str,
    evidence: tuple[Evidence, ...],
    component: str = ".",
    version: str | None = "1.0",
    title: str | None = None,
    advice: str = "Upgrade.",
) -> Finding:
    return Finding(
        id=f"{kind}:{subject}:{version}:{component}",
        kind=kind,
        severity=severity,
        title=title or f"{subject} {version} is {kind}",
        subject=subject,
        version=version,
        component=component,
        facts=(Fact("version", str(version)), Fact("evaluated for", "2026-01-01")),
        evidence=evidence,
        advice=advice,
    )


def with_findings(scan: RepositoryScan) -> RepositoryScan:
    """The scan of TREE with findings of known, new and odd kinds, and one suppressed."""
    python = next(t for t in scan.technologies if t.key == "python")
    deps = {d.name: d for d in scan.dependencies}
    findings = (
        finding("end-of-life", Severity.CRITICAL, "python", python.evidence, version="3.8"),
        finding("deprecated", Severity.HIGH, SCRIPT, (Evidence(ODD_PATH, "test", "seen", 3),),
                title='Bibliothèque « naïve » "quoted" 日本', advice=f"Drop {SCRIPT}."),
        finding("majors-behind", Severity.MEDIUM, "pypi/django", deps["django"].evidence,
                component="api", version="4.2.1"),
        finding("debt-of-the-future", Severity.LOW, "npm/left-pad", deps["left-pad"].evidence),
        finding("unknown", Severity.INFO, "census", (Evidence(".", "languages", "census"),),
                component="api"),
    )  # fmt: skip
    yanked = finding("yanked", Severity.HIGH, "npm/left-pad", deps["left-pad"].evidence)
    suppression = Suppression("yanked:*", "vendored copy, patched", "2099-12-31")
    return replace(scan, findings=findings, suppressed=(SuppressedFinding(yanked, suppression),))


def report(*scans: RepositoryScan) -> ScanReport:
    return ScanReport("0.1.0", "2026-01-01T00:00:00+00:00", scans)


@pytest.fixture
def sample(make_tree: Callable[[dict[str, str]], Path]) -> RepositoryScan:
    root = make_tree(TREE)
    return with_findings(scan_with(root, JavaScriptDetector, PythonDetector, RuntimesDetector))


def results_by_subject(run: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["properties"]["subject"] + "/" + r["ruleId"]: r for r in run["results"]}


def test_a_scan_with_findings_is_valid_sarif(sample: RepositoryScan) -> None:
    log = validate(SarifReporter().render(report(sample)))
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "stackaudit"
    assert run["tool"]["driver"]["version"] == "0.1.0"
    assert len(run["results"]) == 6
    assert run["invocations"][0]["executionSuccessful"] is True
    assert run["properties"]["repository"]["name"] == sample.repository.name
    assert "truncated" not in run["properties"]
    assert "automationDetails" not in run  # one repository: the upload names the category


def test_one_rule_per_kind_with_written_or_generic_descriptions(sample: RepositoryScan) -> None:
    (run,) = validate(SarifReporter().render(report(sample)))["runs"]
    rules = run["tool"]["driver"]["rules"]
    kinds = [
        "debt-of-the-future",
        "deprecated",
        "end-of-life",
        "majors-behind",
        "unknown",
        "yanked",
    ]
    assert [rule["id"] for rule in rules] == kinds
    eol = rules[kinds.index("end-of-life")]
    assert eol["name"] == "EndOfLife"
    assert eol["shortDescription"]["text"] == describe_kind("end-of-life").title
    assert eol["fullDescription"]["text"] == describe_kind("end-of-life").description
    assert eol["help"]["text"] == describe_kind("end-of-life").help
    assert eol["defaultConfiguration"]["level"] == "error"
    assert "end-of-life" in eol["properties"]["tags"]
    new = rules[0]
    assert new["name"] == "DebtOfTheFuture"
    assert new["shortDescription"]["text"] == "Debt of the future"
    assert "debt-of-the-future" in new["fullDescription"]["text"]
    for rule in rules:
        assert 0 < len(rule["properties"]["tags"]) <= 10  # code scanning shows ten
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_levels_follow_severity(sample: RepositoryScan) -> None:
    (run,) = validate(SarifReporter().render(report(sample)))["runs"]
    levels = {r["properties"]["severity"]: r["level"] for r in run["results"]}
    assert levels == {
        "critical": "error",
        "high": "error",
        "medium": "warning",
        "low": "note",
        "info": "note",
    }


def test_locations_are_repository_relative_with_lines(sample: RepositoryScan) -> None:
    (run,) = validate(SarifReporter().render(report(sample)))["runs"]
    results = results_by_subject(run)

    def places(key: str) -> list[tuple[str, int | None]]:
        found = []
        for location in results[key]["locations"]:
            physical = location["physicalLocation"]
            assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
            line = physical.get("region", {}).get("startLine")
            found.append((unquote(physical["artifactLocation"]["uri"]), line))
        return found

    assert places("python/end-of-life") == [(".python-version", 1)]
    assert places("pypi/django/majors-behind") == [("api/requirements.txt", 1)]
    assert places("npm/left-pad/debt-of-the-future") == [("package.json", None)]
    # A path with a space, a '#' and non-ASCII is percent-encoded, and decodes back.
    odd = results[f"{SCRIPT}/deprecated"]["locations"][0]["physicalLocation"]
    assert odd["artifactLocation"]["uri"] == "docs/na%C3%AFve%20notes%20%231.txt"
    assert places(f"{SCRIPT}/deprecated") == [(ODD_PATH, 3)]
    # About the repository as a whole: its component's manifest, so code scanning shows it.
    assert places("census/unknown") == [("api/requirements.txt", None)]


def test_fingerprints_are_stable_across_scans_and_distinct(
    make_tree: Callable[[dict[str, str]], Path],
) -> None:
    def fingerprints() -> dict[str, str]:
        scan = scan_with(make_tree(TREE), JavaScriptDetector, PythonDetector, RuntimesDetector)
        (run,) = json.loads(SarifReporter().render(report(with_findings(scan))))["runs"]
        return {
            r["properties"]["findingId"]: r["partialFingerprints"][FINGERPRINT]
            for r in run["results"]
        }

    first, second = fingerprints(), fingerprints()
    assert first == second
    assert len(set(first.values())) == len(first) == 6


def test_suppressed_findings_are_results_with_their_suppression(sample: RepositoryScan) -> None:
    (run,) = validate(SarifReporter().render(report(sample)))["runs"]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [r["ruleId"] for r in suppressed] == ["yanked"]
    assert run["results"][-1] is suppressed[0]  # after every finding in force
    (entry,) = suppressed[0]["suppressions"]
    assert entry["kind"] == "external"
    assert entry["justification"] == "vendored copy, patched"
    assert entry["properties"] == {"pattern": "yanked:*", "until": "2099-12-31"}


def test_text_comes_through_as_data(sample: RepositoryScan) -> None:
    text = SarifReporter().render(report(sample))
    (run,) = validate(text)["runs"]
    odd = results_by_subject(run)[f"{SCRIPT}/deprecated"]
    assert odd["message"]["text"] == f'Bibliothèque « naïve » "quoted" 日本. Drop {SCRIPT}.'
    assert odd["properties"]["subject"] == SCRIPT
    assert odd["properties"]["facts"] == [
        {"name": "version", "value": "1.0"},
        {"name": "evaluated for", "value": "2026-01-01"},
    ]
    assert "日本" in text  # written as UTF-8, not escaped


def test_several_repositories_are_one_run_each(sample: RepositoryScan) -> None:
    commit = "0123456789abcdef0123456789abcdef01234567"
    remote = replace(
        sample, repository=Repository("app", "https://github.com/acme/app.git", "main", commit)
    )
    scp = replace(sample, repository=Repository("app", "git@github.com:acme/app.git"))
    runs = validate(SarifReporter().render(report(sample, remote, scp)))["runs"]
    assert len(runs) == 3
    categories = [run["automationDetails"]["id"] for run in runs]
    assert categories == [f"stackaudit/{sample.repository.name}/", "stackaudit/app/",
                          "stackaudit/app-2/"]  # fmt: skip
    assert "versionControlProvenance" not in runs[0]  # a local path is no repository URI
    assert runs[1]["versionControlProvenance"] == [
        {
            "repositoryUri": "https://github.com/acme/app.git",
            "revisionId": commit,
            "mappedTo": {"uriBaseId": "%SRCROOT%"},
        }
    ]
    assert runs[1]["properties"]["repository"]["ref"] == "main"
    assert runs[2]["versionControlProvenance"][0]["repositoryUri"] == (
        "ssh://git@github.com/acme/app.git"
    )


@pytest.mark.parametrize(
    ("source", "uri"),
    [
        ("https://example.com/a/b", "https://example.com/a/b"),
        ("file:///srv/git/b", "file:///srv/git/b"),
        ("git@example.com:a/b.git", "ssh://git@example.com/a/b.git"),
        ("example.com:a/b.git", "ssh://example.com/a/b.git"),
        ("/home/me/b", None),
        (".", None),
        ("../b", None),
    ],
)
def test_repository_uri(source: str, uri: str | None) -> None:
    assert repository_uri(source) == uri


def test_runs_are_cut_to_what_code_scanning_keeps_saying_so(sample: RepositoryScan) -> None:
    many = tuple(Evidence(f"src/f{i}.txt", "test", "seen", i + 1) for i in range(150))
    findings = [finding("minors-behind", Severity.LOW, f"p{i}", many[:1]) for i in range(5002)]
    findings.insert(0, finding("end-of-life", Severity.CRITICAL, "wide", many))
    scan = replace(sample, findings=tuple(findings))
    (run,) = validate(SarifReporter().render(report(scan)))["runs"]
    assert len(run["results"]) == MAX_RESULTS_PER_RUN
    assert run["properties"]["truncated"] == {
        "resultsOmitted": 5004 - MAX_RESULTS_PER_RUN,  # with the suppressed one, cut first
        "locationsOmitted": 150 - MAX_LOCATIONS_PER_RESULT,
        "maxResultsPerRun": MAX_RESULTS_PER_RUN,
        "maxLocationsPerResult": MAX_LOCATIONS_PER_RESULT,
    }
    assert len(run["results"][0]["locations"]) == MAX_LOCATIONS_PER_RESULT
    assert not any("suppressions" in r for r in run["results"])


def test_a_target_that_could_not_be_scanned_says_so(tmp_path: Path) -> None:
    scanned = run_scan([str(tmp_path / "missing")], {})
    (run,) = validate(SarifReporter().render(scanned))["runs"]
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is False
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["descriptor"]["id"] == "target-error"
    assert run["results"] == []


def test_information_uri_is_the_project_url_when_pyproject_has_one() -> None:
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    urls = list(pyproject["project"].get("urls", {}).values())
    log = validate(SarifReporter().render(report(RepositoryScan(Repository("r", "r")))))
    driver = log["runs"][0]["tool"]["driver"]
    if urls:
        assert driver["informationUri"] in urls
    else:
        assert "informationUri" not in driver


def test_every_severity_has_a_level() -> None:
    assert set(LEVELS) == set(Severity)


def test_every_documented_kind_has_a_written_description() -> None:
    """Each kind in docs/output-schema.md's finding table gets its own rule text, not the
    generic one built from the name."""
    text = (REPO_ROOT / "docs" / "output-schema.md").read_text(encoding="utf-8")
    section = text.split("\n## Finding\n", 1)[1].split("\n## ", 1)[0]
    kinds = re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.M)[1:]  # after the header
    assert "end-of-life" in kinds
    generic = describe_kind("no-such-kind").description.replace("no-such-kind", "{}")
    assert [k for k in kinds if describe_kind(k).description == generic.format(k)] == []
