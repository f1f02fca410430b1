"""The CycloneDX reporter: real scans rendered as BOMs and validated against the CycloneDX 1.6
schema in ../shared/schemas (the tests fail when it is missing), and the whole corpus
rendered as SARIF and CycloneDX in one scan."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from helpers import SHARED, corpus_repositories, scan_with
from referencing import Registry, Resource

from detectors.go.detector import GoDetector
from detectors.javascript.detector import JavaScriptDetector
from detectors.jvm.detector import JvmDetector
from detectors.php.detector import PhpDetector
from detectors.python.detector import PythonDetector
from reports.cyclonedx_report import SCOPES, CycloneDxReporter
from reports.sarif_report import SarifReporter
from scanner.detector import Detector
from scanner.ecosystems import purl_for
from scanner.model import (
    Dependency,
    Evidence,
    Finding,
    Repository,
    RepositoryScan,
    ScanReport,
    Scope,
    Severity,
)
from scanner.registry import DETECTOR_GROUP, load_plugins
from scanner.runner import run_scan

SCHEMAS = SHARED / "schemas"
BOM_SCHEMAS = ("bom-1.6.schema.json", "spdx.schema.json", "jsf-0.82.schema.json")
SCRIPT = '<script>alert("x")</script>'
DETECTORS = (JavaScriptDetector, PythonDetector, JvmDetector, PhpDetector, GoDetector)
POM = """<?xml version="1.0"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.acme</groupId>
  <artifactId>app</artifactId>
  <version>1.0</version>
  <dependencies>
    <dependency>
      <groupId>org.springframework</groupId>
      <artifactId>spring-core</artifactId>
      <version>6.1.2</version>
    </dependency>
    <dependency>
      <groupId>junit</groupId>
      <artifactId>junit</artifactId>
      <version>4.13.2</version>
      <scope>test</scope>
    </dependency>
  </dependencies>
</project>
"""
PACKAGE_JSON = """{
  "name": "web",
  "dependencies": {"@angular/core": "^17.0.0"},
  "devDependencies": {"jest": "^29.0.0"}
}
"""
PACKAGE_LOCK = """{"name": "web", "lockfileVersion": 3, "requires": true, "packages": {
  "": {"name": "web", "dependencies": {"@angular/core": "^17.0.0"},
       "devDependencies": {"jest": "^29.0.0"}},
  "node_modules/@angular/core": {"version": "17.0.4"},
  "node_modules/jest": {"version": "29.7.0", "dev": true},
  "node_modules/tslib": {"version": "2.6.2"}
}}
"""
TREE = {
    "package.json": PACKAGE_JSON,
    "package-lock.json": PACKAGE_LOCK,
    "api/requirements.txt": "django==4.2.1\nrequests>=2.0\n",
    "java/pom.xml": POM,
    "php/composer.json": '{"name": "acme/site", "require": {"monolog/monolog": "^3.0"}}\n',
    "svc/go.mod": "module example.com/svc\n\ngo 1.22\n\nrequire github.com/google/uuid v1.6.0\n",
}


def _unique_items(
    validator: Any, unique: bool, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    """``uniqueItems`` by canonical JSON text: jsonschema compares items pair by pair, which
    takes minutes for the corpus BOM's thousands of components."""
    if unique and validator.is_type(instance, "array"):
        texts = [json.dumps(item, sort_keys=True) for item in instance]
        if len(set(texts)) != len(texts):
            yield jsonschema.ValidationError(f"{instance!r} has non-unique elements")


_BomValidator = jsonschema.validators.extend(
    jsonschema.Draft7Validator, {"uniqueItems": _unique_items}
)


def _require(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(
            f"these tests need the schema {path} (the shared/ folder beside the repository, "
            "or STACKAUDIT_SHARED); it is missing",
            pytrace=False,
        )
    return path


@cache
def _bom_validator() -> Any:
    schemas = [json.loads(_require(SCHEMAS / name).read_text("utf-8")) for name in BOM_SCHEMAS]
    registry: Registry[Any] = Registry().with_resources(
        (schema["$id"], Resource.from_contents(schema)) for schema in schemas
    )
    return _BomValidator(schemas[0], registry=registry)


@cache
def _sarif_validator() -> jsonschema.Draft4Validator:
    schema = _require(SCHEMAS / "sarif-schema-2.1.0.json").read_text("utf-8")
    return jsonschema.Draft4Validator(json.loads(schema))


def validate(text: str) -> dict[str, Any]:
    """The BOM text parsed, after checking it against the CycloneDX 1.6 schema."""
    document: dict[str, Any] = json.loads(text)
    _bom_validator().validate(document)
    return document


def report(*scans: RepositoryScan, at: str = "2026-01-01T00:00:00+00:00") -> ScanReport:
    return ScanReport("0.1.0", at, scans)


@pytest.fixture
def sample(make_tree: Callable[[dict[str, str]], Path]) -> RepositoryScan:
    return scan_with(make_tree(TREE), *DETECTORS)


def by_name(bom: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {(f"{c['group']}/" if "group" in c else "") + c["name"]: c for c in bom["components"]}


def properties(component: dict[str, Any]) -> dict[str, str]:
    return {p["name"]: p["value"] for p in component["properties"]}


def test_a_scan_is_a_valid_cyclonedx_1_6_bom(sample: RepositoryScan) -> None:
    bom = validate(CycloneDxReporter().render(report(sample)))
    assert (bom["bomFormat"], bom["specVersion"], bom["version"]) == ("CycloneDX", "1.6", 1)
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", bom["serialNumber"])
    metadata = bom["metadata"]
    assert metadata["timestamp"] == "2026-01-01T00:00:00+00:00"
    assert metadata["tools"]["components"] == [
        {"type": "application", "name": "stackaudit", "version": "0.1.0"}
    ]
    root = metadata["component"]
    assert (root["type"], root["name"]) == ("application", sample.repository.name)
    assert len(bom["components"]) == len(sample.dependencies) == 9


def test_names_groups_versions_and_purls(sample: RepositoryScan) -> None:
    components = by_name(validate(CycloneDxReporter().render(report(sample))))
    angular = components["@angular/core"]
    assert (angular["group"], angular["name"], angular["version"]) == ("@angular", "core", "17.0.4")
    assert angular["purl"] == "pkg:npm/%40angular/core@17.0.4"
    spring = components["org.springframework/spring-core"]
    assert "version" not in spring  # declared in the POM, not resolved
    assert properties(spring)["stackaudit:declared"] == "6.1.2"
    assert spring["purl"] == "pkg:maven/org.springframework/spring-core"
    assert components["monolog/monolog"]["group"] == "monolog"
    uuid = components["github.com/google/uuid"]
    assert (uuid["group"], uuid["name"], uuid["version"]) == ("github.com/google", "uuid", "v1.6.0")
    requests = components["requests"]
    assert "group" not in requests and "version" not in requests
    assert properties(requests)["stackaudit:declared"] == ">=2.0"
    assert components["django"]["version"] == "4.2.1"


def test_scopes_and_properties(sample: RepositoryScan) -> None:
    components = by_name(validate(CycloneDxReporter().render(report(sample))))
    scopes = {name: c["scope"] for name, c in components.items()}
    assert scopes["@angular/core"] == scopes["django"] == "required"
    assert scopes["jest"] == scopes["junit/junit"] == "excluded"
    assert properties(components["junit/junit"]) == {
        "stackaudit:ecosystem": "maven",
        "stackaudit:declared": "4.13.2",
        "stackaudit:direct": "true",
        "stackaudit:scope": "test",
        "stackaudit:component": "java",
    }
    assert properties(components["tslib"])["stackaudit:direct"] == "false"


def test_every_scope_has_a_cyclonedx_scope() -> None:
    assert set(SCOPES) == set(Scope)


def test_evidence_occurrences_carry_file_and_line(sample: RepositoryScan) -> None:
    components = by_name(validate(CycloneDxReporter().render(report(sample))))
    assert components["django"]["evidence"]["occurrences"] == [
        {
            "location": "api/requirements.txt",
            "line": 1,
            "additionalContext": "requirement 'django==4.2.1'",
        }
    ]
    locations = [o["location"] for o in components["@angular/core"]["evidence"]["occurrences"]]
    assert locations == ["package.json", "package-lock.json"]


def test_the_root_depends_on_the_direct_dependencies(sample: RepositoryScan) -> None:
    bom = validate(CycloneDxReporter().render(report(sample)))
    refs = [c["bom-ref"] for c in bom["components"]]
    assert len(set(refs)) == len(refs)
    (root,) = bom["dependencies"]
    assert root["ref"] == bom["metadata"]["component"]["bom-ref"]
    direct = {by_name(bom)[name]["bom-ref"] for name in by_name(bom) if name != "tslib"}
    assert set(root["dependsOn"]) == direct
    assert by_name(bom)["tslib"]["bom-ref"] in refs  # transitive: listed, no edge


def test_the_serial_number_follows_the_content(sample: RepositoryScan) -> None:
    first = validate(CycloneDxReporter().render(report(sample)))
    again = validate(CycloneDxReporter().render(report(sample)))
    later = validate(CycloneDxReporter().render(report(sample, at="2026-01-02T00:00:00+00:00")))
    assert first == again
    assert later["serialNumber"] != first["serialNumber"]


def test_several_repositories_nest_under_one_application(sample: RepositoryScan) -> None:
    one = replace(sample, repository=Repository("same", "https://example.com/a.git"))
    two = replace(sample, repository=Repository("same", "https://example.com/b.git"))
    bom = validate(CycloneDxReporter().render(report(one, two)))
    parent = bom["metadata"]["component"]
    assert parent["type"] == "application"
    nested = parent["components"]
    assert [c["bom-ref"] for c in nested] == ["repository:same", "repository:same#2"]
    assert [properties(c)["stackaudit:source"] for c in nested] == [
        "https://example.com/a.git",
        "https://example.com/b.git",
    ]
    graph = {entry["ref"]: entry["dependsOn"] for entry in bom["dependencies"]}
    assert graph[parent["bom-ref"]] == ["repository:same", "repository:same#2"]
    assert len(graph["repository:same"]) == len(graph["repository:same#2"]) == 8
    assert set(graph["repository:same"]).isdisjoint(graph["repository:same#2"])
    refs = [c["bom-ref"] for c in bom["components"]]
    assert len(refs) == len(set(refs)) == 18
    assert {properties(c)["stackaudit:repository"] for c in bom["components"]} == {"same"}


def test_odd_names_come_through_as_data(sample: RepositoryScan) -> None:
    name = f"@scope/{SCRIPT}-ünï 日本"
    odd = Dependency(
        ecosystem="npm",
        name=name,
        evidence=(Evidence("wéird/package.json", "test", "seen", 2),),
        declared="'quoted' \"range\"",
        purl=purl_for("npm", name),
        component="wéird",
    )
    scan = replace(sample, dependencies=(*sample.dependencies, odd))
    text = CycloneDxReporter().render(report(scan))
    component = by_name(validate(text))[name]
    assert (component["group"], component["name"]) == ("@scope", f"{SCRIPT}-ünï 日本")
    assert properties(component)["stackaudit:declared"] == "'quoted' \"range\""
    assert component["evidence"]["occurrences"][0]["location"] == "wéird/package.json"
    assert "ünï 日本" in text  # written as UTF-8, not escaped


def test_an_empty_report_is_a_valid_bom() -> None:
    bom = validate(CycloneDxReporter().render(report()))
    assert bom["components"] == [] and bom["dependencies"] == []
    assert "component" not in bom["metadata"]


# The whole corpus, scanned once: both machine-readable formats must stay valid on real data.


@pytest.fixture(scope="module")
def corpus_report(corpus_tree: Callable[[str], Path]) -> ScanReport:
    roots = [str(corpus_tree(folder)) for folder in corpus_repositories()]
    scanned = run_scan(roots, load_plugins(DETECTOR_GROUP, Detector))
    return replace(scanned, scans=tuple(_with_findings(scan) for scan in scanned.scans))


def _with_findings(scan: RepositoryScan) -> RepositoryScan:
    """A finding for every versioned technology, kinds and severities taken in turn."""
    kinds = ("end-of-life", "majors-behind", "yanked", "not-a-kind-yet")
    findings = []
    for number, tech in enumerate(t for t in scan.technologies if t.version):
        kind, component = kinds[number % len(kinds)], tech.component or "."
        findings.append(
            Finding(
                id=f"{kind}:{tech.key}:{tech.version}:{component}",
                kind=kind,
                severity=list(Severity)[number % len(Severity)],
                title=f"{tech.name} {tech.version}",
                subject=tech.key,
                version=tech.version,
                component=component,
                facts=(),
                evidence=tech.evidence,
                advice="",
            )
        )
    return replace(scan, findings=tuple(findings))


def test_the_corpus_renders_valid_sarif_and_cyclonedx(corpus_report: ScanReport) -> None:
    scans = corpus_report.scans
    assert len(scans) == len(corpus_repositories()) == 23
    assert all(scan.completed for scan in scans)

    bom = validate(CycloneDxReporter().render(corpus_report))
    assert len(bom["components"]) == sum(len(scan.dependencies) for scan in scans) > 10_000
    assert len(bom["metadata"]["component"]["components"]) == 23

    log: dict[str, Any] = json.loads(SarifReporter().render(corpus_report))
    _sarif_validator().validate(log)
    assert [len(run["results"]) for run in log["runs"]] == [len(s.findings) for s in scans]
    assert sum(len(s.findings) for s in scans) > 500
    lines = [
        location["physicalLocation"].get("region", {}).get("startLine")
        for run in log["runs"]
        for result in run["results"]
        for location in result["locations"]
    ]
    assert any(line is not None for line in lines)
