"""The CycloneDX reporter: the dependencies found, as a CycloneDX 1.6 JSON bill of materials.

Each scanned repository is an ``application`` component: ``metadata.component`` when there is
one repository, else nested under one parent application there. Every dependency record is a
``library`` component (the same package in two components of a repository is two records,
each with its own scope and evidence); the ``dependencies`` graph has each repository depend
on its direct dependencies. Transitive dependencies are listed as components but have no edge:
the scan knows they are in the lockfile, not which package pulls them in.

Written by hand rather than with cyclonedx-python-lib: the document is small, its shape is
fixed here, and the tests validate it against the official schema.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from reports.base import Reporter
from scanner.model import (
    Dependency,
    Ecosystem,
    Evidence,
    Repository,
    ScanReport,
    Scope,
)

SPEC_VERSION = "1.6"
SCHEMA = "http://cyclonedx.org/schema/bom-1.6.schema.json"
PROPERTY_PREFIX = "stackaudit:"

# CycloneDX scopes say whether a component is needed at run time: a peer dependency is (the
# host installs it), development, build and test dependencies are not.
SCOPES = {
    Scope.RUNTIME: "required",
    Scope.PEER: "required",
    Scope.OPTIONAL: "optional",
    Scope.DEVELOPMENT: "excluded",
    Scope.BUILD: "excluded",
    Scope.TEST: "excluded",
}
# Ecosystems whose names carry a namespace, split off as the component's group: a Go module
# path or a Terraform provider address up to its last slash, as the Package URL splits them.
_PATH_NAMESPACED = frozenset({Ecosystem.GOLANG, Ecosystem.TERRAFORM})


class CycloneDxReporter(Reporter):
    """The dependencies as a CycloneDX 1.6 software bill of materials (JSON)."""

    name = "cyclonedx"
    description = "the dependencies as a CycloneDX 1.6 SBOM (JSON)"
    extension = "cdx.json"

    def render(self, report: ScanReport) -> str:
        return json.dumps(bom(report), indent=2, ensure_ascii=False) + "\n"


def bom(report: ScanReport) -> dict[str, Any]:
    """The bill of materials of ``report``.

    ``serialNumber`` is a UUID derived from the rest of the document (which holds the scan's
    time), so rendering one report twice gives one BOM and two scans give two."""
    unique = _unique_refs()
    several = len(report.scans) > 1
    roots: list[dict[str, Any]] = []
    components: list[dict[str, Any]] = []
    graph: list[dict[str, Any]] = []
    for scan in report.scans:
        root = _repository_component(scan.repository, unique)
        roots.append(root)
        direct: list[str] = []
        for dependency in scan.dependencies:
            component = _library(
                dependency, root["bom-ref"], scan.repository.name if several else None, unique
            )
            components.append(component)
            if dependency.direct:
                direct.append(component["bom-ref"])
        graph.append({"ref": root["bom-ref"], "dependsOn": direct})

    metadata: dict[str, Any] = {}
    if report.generated_at:
        metadata["timestamp"] = report.generated_at
    metadata["lifecycles"] = [{"phase": "pre-build"}]
    metadata["tools"] = {
        "components": [
            {"type": "application", "name": "stackaudit", "version": report.tool_version}
        ]
    }
    if several:
        parent = {
            "type": "application",
            "bom-ref": unique("stackaudit-scan"),
            "name": "stackaudit scan",
            "description": f"{len(roots)} repositories scanned together",
            "components": roots,
        }
        metadata["component"] = parent
        graph.insert(0, {"ref": parent["bom-ref"], "dependsOn": [r["bom-ref"] for r in roots]})
    elif roots:
        metadata["component"] = roots[0]

    body = {"metadata": metadata, "components": components, "dependencies": graph}
    serial = uuid.uuid5(uuid.NAMESPACE_URL, "stackaudit:" + json.dumps(body, sort_keys=True))
    return {
        "$schema": SCHEMA,
        "bomFormat": "CycloneDX",
        "specVersion": SPEC_VERSION,
        "serialNumber": serial.urn,
        "version": 1,
        **body,
    }


def _repository_component(repository: Repository, unique: Callable[[str], str]) -> dict[str, Any]:
    properties = [
        _property("source", repository.source),
        _property("ref", repository.ref),
        _property("commit", repository.commit),
    ]
    return {
        "type": "application",
        "bom-ref": unique(f"repository:{repository.name}"),
        "name": repository.name,
        "properties": [p for p in properties if p is not None],
    }


def _library(
    dependency: Dependency,
    root_ref: str,
    repository_name: str | None,
    unique: Callable[[str], str],
) -> dict[str, Any]:
    """A dependency record as a library component; ``repository_name`` is recorded as a
    property when the BOM covers several repositories."""
    group, name = _group_and_name(dependency.ecosystem, dependency.name)
    component_path = dependency.component or "."
    identity = dependency.purl or f"{dependency.ecosystem}:{dependency.name}"
    component: dict[str, Any] = {
        "type": "library",
        "bom-ref": unique(f"{root_ref}:{component_path}:{identity}"),
    }
    if group:
        component["group"] = group
    component["name"] = name
    if dependency.resolved:
        component["version"] = dependency.resolved
    component["scope"] = SCOPES[dependency.scope]
    if dependency.purl:
        component["purl"] = dependency.purl
    properties = [
        _property("ecosystem", dependency.ecosystem),
        _property("declared", dependency.declared),
        _property("direct", "true" if dependency.direct else "false"),
        _property("scope", dependency.scope.value),
        _property("component", component_path),
        _property("version_note", dependency.version_note),
        _property("repository", repository_name),
    ]
    component["properties"] = [p for p in properties if p is not None]
    if dependency.evidence:
        component["evidence"] = {
            "occurrences": [_occurrence(evidence) for evidence in dependency.evidence]
        }
    return component


def _occurrence(evidence: Evidence) -> dict[str, Any]:
    occurrence: dict[str, Any] = {"location": evidence.path}
    if evidence.line is not None:
        occurrence["line"] = evidence.line
    occurrence["additionalContext"] = evidence.reason
    return occurrence


def _group_and_name(ecosystem: str, name: str) -> tuple[str | None, str]:
    """The namespace of a package name as the component's group, and the rest as its name:
    Maven ``group:artifact``, npm ``@scope/name``, Composer ``vendor/name``, a Go module path
    or Terraform address up to its last slash. Other names have no group."""
    group, separator, rest = "", "", name
    if ecosystem == Ecosystem.MAVEN:
        group, separator, rest = name.partition(":")
    elif ecosystem == Ecosystem.COMPOSER or (ecosystem == Ecosystem.NPM and name[:1] == "@"):
        group, separator, rest = name.partition("/")
    elif ecosystem in _PATH_NAMESPACED:
        group, separator, rest = name.rpartition("/")
    if not separator or not group or not rest:
        return None, name
    return group, rest


def _property(name: str, value: str | None) -> dict[str, str] | None:
    return None if value is None else {"name": PROPERTY_PREFIX + name, "value": value}


def _unique_refs() -> Callable[[str], str]:
    """A function that returns each wanted bom-ref, suffixed ``#2``, ``#3``... when a ref
    was already handed out, so that refs are unique within the BOM."""
    used: set[str] = set()

    def unique(wanted: str) -> str:
        ref, count = wanted, 1
        while ref in used:
            count += 1
            ref = f"{wanted}#{count}"
        used.add(ref)
        return ref

    return unique
