"""Reading a saved scan report back: real scans of trees and of every corpus repository (with
end-of-life findings from the endoflife.date snapshot) survive ``report_to_dict`` and
``report_from_dict`` equal to the original records; versions and shapes are checked, and
every error names its JSON path (needs ../shared/corpus and ../shared/endoflife)."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import SHARED, corpus_repositories, write_tree

from scanner.cli import main
from scanner.deserialize import _convert, load_report, report_from_dict
from scanner.detector import Detector
from scanner.errors import ConfigError, UnknownProduct
from scanner.model import (
    DataSourceUse,
    DetectorInfo,
    Evidence,
    Failure,
    FailureKind,
    PackageFreshness,
    Repository,
    RepositoryScan,
    ScanReport,
    Scope,
    Severity,
    Suppression,
    VersionDisagreement,
    VersionPin,
    finding_order,
)
from scanner.registry import DETECTOR_GROUP, load_plugins
from scanner.releases.assess import EndOfLifeAssessor
from scanner.releases.cycles import Product
from scanner.releases.endoflife import parse_product
from scanner.runner import run_scan
from scanner.serialize import SCHEMA_VERSION, report_to_dict
from scanner.suppress import apply_suppressions

PRODUCTS = SHARED / "endoflife" / "api" / "v1" / "products"
SNAPSHOT_DAY = date(2026, 8, 22)


class SnapshotSource:
    """The endoflife.date snapshot read from its files, in the shape the assessor asks for."""

    base_url = "https://endoflife.date"

    def product(self, name: str) -> Product:
        path = PRODUCTS / f"{name}.json"
        if not path.is_file():
            raise UnknownProduct(f"endoflife.date has no product {name!r}")
        return parse_product(json.loads(path.read_text(encoding="utf-8")), str(path))


def with_end_of_life(scan: RepositoryScan, *suppressions: Suppression) -> RepositoryScan:
    """The scan with its end-of-life findings as of the snapshot's day, suppressions applied."""
    if not PRODUCTS.is_dir():
        pytest.fail(f"these tests need the endoflife.date snapshot at {PRODUCTS}", pytrace=False)
    assessor = EndOfLifeAssessor(SnapshotSource(), SNAPSHOT_DAY)  # type: ignore[arg-type]
    findings, use = assessor.assess(scan.technologies)
    kept, suppressed = apply_suppressions(
        sorted(findings, key=finding_order), suppressions, SNAPSHOT_DAY
    )
    return replace(
        scan,
        findings=tuple(kept),
        suppressed=tuple(suppressed),
        suppressions=suppressions,
        release_data=(use,),
    )


def round_trip(report: ScanReport) -> ScanReport:
    """Through JSON text, as a saved report travels."""
    return report_from_dict(json.loads(json.dumps(report_to_dict(report))))


def scan_all(*targets: Path) -> ScanReport:
    return run_scan([str(target) for target in targets], load_plugins(DETECTOR_GROUP, Detector))


@pytest.mark.parametrize("folder", corpus_repositories())
def test_every_corpus_repository_round_trips(
    folder: str, corpus_repo: Callable[[str], Path]
) -> None:
    report = scan_all(corpus_repo(folder))
    (scan,) = report.scans
    report = replace(report, scans=(with_end_of_life(scan),))
    assert round_trip(report) == report


def test_end_of_life_findings_suppressions_and_several_targets_round_trip(
    corpus_repo: Callable[[str], Path], make_tree: Callable[[dict[str, str]], Path]
) -> None:
    tree = make_tree(
        {
            ".python-version": "2.7.18\n",
            "web/package.json": '{"name": "web", "engines": {"node": "10"}}',
            "api/requirements.txt": "django==1.11.25\n",
        }
    )
    report = scan_all(corpus_repo("mozilla__mozillians"), tree, tree / "missing")
    mozillians, plain, unreachable = report.scans
    silence = Suppression("end-of-life:python:*", "rewrite planned", "2099-12-31")
    report = replace(
        report,
        scans=(with_end_of_life(mozillians), with_end_of_life(plain, silence), unreachable),
    )
    assert report.scans[0].findings and report.scans[1].suppressed
    assert unreachable.walk is None and unreachable.failures[0].kind is FailureKind.TARGET_ERROR
    assert round_trip(report) == report


DRIFTED = PackageFreshness(
    ecosystem="npm",
    name="left-pad",
    component=".",
    direct=False,
    scope=Scope.PEER,
    current="1.0.0",
    current_from="pinned",
    latest="1.3.0",
    current_published="2016-01-01",
    latest_published="2018-01-01",
    libyears=2.0,
    majors_behind=0,
    minors_behind=3,
    source="npm",
)


def test_records_a_plain_scan_lacks_round_trip_too() -> None:
    """Freshness, disagreements, data-source problems and floats written as whole numbers."""
    evidence = Evidence("api/Dockerfile", "containers", "FROM python:3.11", 1)
    scan = RepositoryScan(
        repository=Repository("api", "https://example.test/api.git", "main", "a" * 40),
        failures=(Failure(FailureKind.PARSE_ERROR, "bad TOML", "pyproject.toml", "python"),),
        disagreements=(
            VersionDisagreement(
                "python",
                "Python",
                ".",
                (VersionPin("3.11", evidence), VersionPin("3.12", replace(evidence, line=None))),
            ),
        ),
        release_data=(
            DataSourceUse(
                "pypi", "https://pypi.test", "2026-08-22", ("slow",), "2026-08-21T10:00Z"
            ),
        ),
        freshness=(
            replace(DRIFTED, latest=None, latest_published=None, libyears=None, minors_behind=None),
            DRIFTED,
        ),
        detectors=("containers", "python"),
    )
    detector = DetectorInfo("python", "Python packages", ("python",), ("*.py",), False)
    report = ScanReport("0.1.0", "2026-08-22T10:00:00+00:00", (scan,), (detector,))
    document = report_to_dict(report)
    document["scans"][0]["freshness"][1]["libyears"] = 2  # an integer where a float is held
    assert report_from_dict(document) == report


def test_the_saved_output_of_the_command_line_loads(
    make_repo: Callable[[dict[str, str]], Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = make_repo({"package.json": '{"name": "web", "dependencies": {"express": "^4"}}'})
    saved = tmp_path / "scan.json"
    assert main(["scan", str(root), "-f", "json", "-o", str(saved)]) == 0
    report = load_report(saved)
    assert report.scans[0].repository.source == str(root)
    assert report_to_dict(report) == json.loads(saved.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A real scan's document with a walk, a disagreement, end-of-life findings and a
    suppressed one."""
    root = write_tree(
        tmp_path_factory.mktemp("tree"),
        {
            ".python-version": "2.7.18\n",
            "Dockerfile": "FROM python:3.11-slim\n",
            "web/package.json": '{"name": "web", "engines": {"node": "10"}}',
        },
    )
    (scan,) = scan_all(root).scans
    scan = with_end_of_life(scan, Suppression("end-of-life:nodejs:*", "later"))
    assert scan.walk and scan.disagreements and scan.findings and scan.suppressed
    return report_to_dict(ScanReport("0.1.0", "2026-08-22T10:00:00+00:00", (scan,)))


def mutated(document: dict[str, Any], path: str, value: object) -> dict[str, Any]:
    """A copy of ``document`` with the value at ``path`` (``scans.0.walk``) replaced, or
    removed when ``value`` is :data:`REMOVE`."""
    copied = copy.deepcopy(document)
    *parents, last = path.split(".")
    target: Any = copied
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    if value is REMOVE:
        del target[last]
    else:
        target[int(last) if isinstance(target, list) else last] = value
    return copied


REMOVE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "scans.0.findings.0.severity", "urgent",
            'scans[0].findings[0].severity: the string "urgent" is not one of critical, high, '
            "medium, low, info",
        ),
        (
            "scans.0.findings.0.facts.0.value", 3,
            "scans[0].findings[0].facts[0].value: expected a string, found the number 3",
        ),
        (
            "scans.0.suppressed.0.suppression.until", [],
            "scans[0].suppressed[0].suppression.until: expected a string or null, found an array",
        ),
        (
            "scans.0.disagreements.0.pins.0.evidence.line", "1",
            'scans[0].disagreements[0].pins[0].evidence.line: expected a whole number or null, '
            'found the string "1"',
        ),
        ("scans.0.walk.files", True, "scans[0].walk.files: expected a whole number, found true"),
        ("scans.0.walk.seconds", "0.1", 'scans[0].walk.seconds: expected a number, found the '
         'string "0.1"'),
        ("scans.0.walk", 7, "scans[0].walk: expected an object or null, found the number 7"),
        ("scans.0.technologies", {}, "scans[0].technologies: expected an array, found an object"),
        ("scans.0.repository.name", REMOVE, "scans[0].repository.name: missing"),
        ("scans.0.findings.0.stars", 5, "scans[0].findings[0]: unknown field(s) stars"),
        ("scans", None, "scans: expected an array, found null"),
        ("tool", {"name": "other"}, "tool: expected"),
        ("tool.version", 1, "tool.version: expected a string, found the number 1"),
    ],
)  # fmt: skip
def test_shape_errors_name_the_json_path(
    document: dict[str, Any], path: str, value: object, message: str
) -> None:
    with pytest.raises(ConfigError) as raised:
        report_from_dict(mutated(document, path, value))
    assert str(raised.value).startswith(message)


def test_a_document_that_is_not_an_object() -> None:
    with pytest.raises(ConfigError, match="document: expected an object, found an array"):
        report_from_dict([])  # type: ignore[arg-type]


@pytest.mark.parametrize("version", ["2.0", "0.9", "1", "one", 1.2, None])
def test_another_major_version_is_refused_saying_which(
    document: dict[str, Any], version: object
) -> None:
    major = SCHEMA_VERSION.split(".")[0]
    shown = "is missing" if version is None else json.dumps(version)
    with pytest.raises(ConfigError) as raised:
        report_from_dict({**document, "schema_version": version})
    assert str(raised.value) == (
        f"schema_version {shown}: this stackaudit reads scan reports of schema version "
        f"{major}.x (it writes {SCHEMA_VERSION})"
    )


def test_a_newer_minor_version_may_add_fields(document: dict[str, Any]) -> None:
    major, minor = SCHEMA_VERSION.split(".")
    newer = mutated(document, "scans.0.findings.0.cvss", 9.8)
    newer = {**newer, "schema_version": f"{major}.{int(minor) + 1}", "signature": "x"}
    assert report_from_dict(newer) == report_from_dict(document)


def test_an_older_minor_version_may_lack_the_fields_added_since(document: dict[str, Any]) -> None:
    """1.0 had no freshness, disagreements, purl, owners, product nor oldest_answer."""
    older = mutated(document, "scans.0.freshness", REMOVE)
    older = mutated(older, "scans.0.disagreements", REMOVE)
    older = mutated(older, "scans.0.release_data.0.oldest_answer", REMOVE)
    for technology in older["scans"][0]["technologies"]:
        del technology["product"]
    report = report_from_dict({**older, "schema_version": "1.0"})
    (scan,) = report.scans
    assert scan.freshness == () and scan.disagreements == ()
    assert scan.release_data[0].oldest_answer is None
    assert all(technology.product is None for technology in scan.technologies)


def test_load_report_names_the_file(tmp_path: Path, document: dict[str, Any]) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(
        ConfigError, match=f"^{re.escape(str(missing))}: cannot read the scan report: "
    ):
        load_report(missing)
    broken = tmp_path / "broken.json"
    broken.write_text('{"schema_version": "1.2",\n  "tool": }', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=rf"^{re.escape(str(broken))}: not JSON \(line 2, column 11: "
    ):
        load_report(broken)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe{}")
    with pytest.raises(
        ConfigError, match=f"^{re.escape(str(binary))}: cannot read the scan report: not UTF-8"
    ):
        load_report(binary)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(mutated(document, "scans.0.walk", 7)), encoding="utf-8")
    with pytest.raises(
        ConfigError, match=rf"^{re.escape(str(wrong))}: scans\[0\]\.walk: expected an object"
    ):
        load_report(wrong)


def test_dictionaries_of_records_are_read_with_their_paths() -> None:
    """No field of the model is a dict today; the reader handles one all the same."""
    hint = dict[str, tuple[Severity, ...]]
    assert _convert({"api": ["high", "low"]}, hint, "levels", True) == {
        "api": (Severity.HIGH, Severity.LOW)
    }
    with pytest.raises(ConfigError, match=r"^levels\.api\[1\]: an array is not one of critical"):
        _convert({"api": ["high", []]}, hint, "levels", True)
    with pytest.raises(ConfigError, match=r"^levels: expected an object, found an array"):
        _convert([], hint, "levels", True)
