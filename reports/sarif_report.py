"""The SARIF reporter: findings as SARIF 2.1.0, the format GitHub code scanning uploads.

One run per repository (code scanning takes one upload per checkout), one rule per finding
kind present, one result per finding, suppressed findings included with their suppression.
Locations are repository-relative, against ``%SRCROOT%``. Each result's partial fingerprint
is a hash of the finding id, so an alert keeps its identity from one scan to the next.

GitHub keeps the 5,000 most severe results of a run and shows 100 locations of a result
(it rejects a run over 25,000 results or a result over 1,000 locations), so runs are cut to
those figures, and a cut run says what it left out in its ``properties``.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from importlib.metadata import PackageNotFoundError, metadata
from typing import Any
from urllib.parse import quote

from reports.base import Reporter
from reports.finding_kinds import describe_kind
from scanner.model import (
    Failure,
    FailureKind,
    Finding,
    Repository,
    RepositoryScan,
    ScanReport,
    Severity,
    Suppression,
)

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
SOURCE_ROOT = "%SRCROOT%"
FINGERPRINT = "stackauditFindingId/v1"
MAX_RESULTS_PER_RUN = 5_000
MAX_LOCATIONS_PER_RESULT = 100

LEVELS = {
    Severity.CRITICAL: "error",
    Severity.HIGH: "error",
    Severity.MEDIUM: "warning",
    Severity.LOW: "note",
    Severity.INFO: "note",
}

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SCP = re.compile(r"^(?:(?P<user>[A-Za-z0-9._+-]+)@)?(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/].*)$")


class SarifReporter(Reporter):
    """Findings as SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""

    name = "sarif"
    description = "findings as SARIF 2.1.0, for GitHub code scanning"
    extension = "sarif"

    def render(self, report: ScanReport) -> str:
        return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: ScanReport) -> dict[str, Any]:
    """The whole SARIF log: one run per scanned repository, in the report's order.

    With several repositories each run gets its own ``automationDetails.id``
    (``stackaudit/<repository>/``), since code scanning refuses two runs of one tool in one
    category."""
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            _run(scan, report.tool_version, category)
            for scan, category in zip(report.scans, _categories(report.scans), strict=True)
        ],
    }


def _categories(scans: tuple[RepositoryScan, ...]) -> list[str | None]:
    """Each run's code-scanning category: none for a lone repository (the upload names
    one), ``stackaudit/<repository>/`` for each of several, numbered when names repeat."""
    if len(scans) < 2:
        return [None] * len(scans)
    categories: list[str | None] = []
    for scan in scans:
        name, count = scan.repository.name, 1
        while f"stackaudit/{name}/" in categories:
            count += 1
            name = f"{scan.repository.name}-{count}"
        categories.append(f"stackaudit/{name}/")
    return categories


def _run(scan: RepositoryScan, tool_version: str, category: str | None) -> dict[str, Any]:
    entries: list[tuple[Finding, Suppression | None]] = [(f, None) for f in scan.findings]
    entries += [(s.finding, s.suppression) for s in scan.suppressed]
    # Findings in force first, then the most severe: what code scanning should keep.
    entries.sort(key=lambda entry: (entry[1] is not None, entry[0].severity.rank))
    kept = entries[:MAX_RESULTS_PER_RUN]
    kinds = sorted({finding.kind for finding, _ in kept})
    results, locations_omitted = _results(kept, kinds, scan)

    driver: dict[str, Any] = {"name": "stackaudit", "version": tool_version}
    url = project_url()
    if url:
        driver["informationUri"] = url
    driver["rules"] = [_rule(kind) for kind in kinds]

    run: dict[str, Any] = {"tool": {"driver": driver}}
    if category is not None:
        run["automationDetails"] = {"id": category}
    provenance = _provenance(scan.repository)
    if provenance is not None:
        run["versionControlProvenance"] = [provenance]
    run["invocations"] = [
        {
            "executionSuccessful": scan.completed,
            "toolExecutionNotifications": [_notification(f) for f in scan.failures],
        }
    ]
    run["results"] = results
    properties: dict[str, Any] = {"repository": _repository_properties(scan.repository)}
    if len(entries) > len(kept) or locations_omitted:
        properties["truncated"] = {
            "resultsOmitted": len(entries) - len(kept),
            "locationsOmitted": locations_omitted,
            "maxResultsPerRun": MAX_RESULTS_PER_RUN,
            "maxLocationsPerResult": MAX_LOCATIONS_PER_RESULT,
        }
    run["properties"] = properties
    return run


def _results(
    entries: list[tuple[Finding, Suppression | None]], kinds: list[str], scan: RepositoryScan
) -> tuple[list[dict[str, Any]], int]:
    """The results of ``entries``, each pointing at its rule in ``kinds``, and how many
    locations were left out to keep each result within the limit."""
    rule_index = {kind: index for index, kind in enumerate(kinds)}
    manifests = {component.path: component.manifests for component in scan.components}
    results = []
    omitted = 0
    for finding, suppression in entries:
        locations = _finding_locations(finding, manifests)
        omitted += max(0, len(locations) - MAX_LOCATIONS_PER_RESULT)
        locations = locations[:MAX_LOCATIONS_PER_RESULT]
        results.append(_result(finding, suppression, rule_index[finding.kind], locations))
    return results, omitted


def _rule(kind: str) -> dict[str, Any]:
    words = describe_kind(kind)
    return {
        "id": kind,
        "name": "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", kind)),
        "shortDescription": {"text": words.title},
        "fullDescription": {"text": words.description},
        "help": {"text": words.help},
        "defaultConfiguration": {"level": LEVELS[words.severity]},
        "properties": {"tags": list(words.tags)},
    }


def _result(
    finding: Finding,
    suppression: Suppression | None,
    rule_index: int,
    locations: list[dict[str, Any]],
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.kind,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": locations,
        "partialFingerprints": {
            FINGERPRINT: hashlib.sha256(finding.id.encode("utf-8")).hexdigest()
        },
        "properties": {
            "findingId": finding.id,
            "severity": finding.severity.value,
            "subject": finding.subject,
            "version": finding.version,
            "component": finding.component,
            "facts": [{"name": fact.name, "value": fact.value} for fact in finding.facts],
        },
    }
    if suppression is not None:
        entry: dict[str, Any] = {
            "kind": "external",
            "status": "accepted",
            "justification": suppression.reason,
            "properties": {"pattern": suppression.id},
        }
        if suppression.until:
            entry["properties"]["until"] = suppression.until
        result["suppressions"] = [entry]
    return result


def _message(finding: Finding) -> str:
    title = finding.title.strip()
    advice = finding.advice.strip()
    if not advice:
        return title
    return f"{title} {advice}" if title.endswith((".", "!", "?")) else f"{title}. {advice}"


def _finding_locations(
    finding: Finding, manifests: dict[str, tuple[str, ...]]
) -> list[dict[str, Any]]:
    """A location per distinct file and line of the evidence; for a finding about the
    repository as a whole, its component's first manifest, so that it has a file."""
    places = dict.fromkeys((e.path, e.line) for e in finding.evidence if _is_file(e.path))
    if not places:
        places = dict.fromkeys((path, None) for path in manifests.get(finding.component, ())[:1])
    return [_location(path, line) for path, line in places]


def _is_file(path: str) -> bool:
    return path not in ("", ".")


def _location(path: str, line: int | None) -> dict[str, Any]:
    physical: dict[str, Any] = {
        "artifactLocation": {"uri": quote(path, safe="/"), "uriBaseId": SOURCE_ROOT}
    }
    if line is not None and line >= 1:
        physical["region"] = {"startLine": line}
    return {"physicalLocation": physical}


def _notification(failure: Failure) -> dict[str, Any]:
    notification: dict[str, Any] = {
        "descriptor": {"id": failure.kind.value},
        "level": "error" if failure.kind is FailureKind.TARGET_ERROR else "warning",
        "message": {"text": failure.reason},
    }
    if failure.path and _is_file(failure.path):
        notification["locations"] = [_location(failure.path, None)]
    if failure.detector:
        notification["properties"] = {"detector": failure.detector}
    return notification


def _provenance(repository: Repository) -> dict[str, Any] | None:
    """Where the repository lives, when its source is a URL (a local path is not one)."""
    uri = repository_uri(repository.source)
    if uri is None:
        return None
    provenance: dict[str, Any] = {"repositoryUri": uri}
    if repository.commit:
        provenance["revisionId"] = repository.commit
    provenance["mappedTo"] = {"uriBaseId": SOURCE_ROOT}
    return provenance


def repository_uri(source: str) -> str | None:
    """``source`` as an absolute URI: a URL as given, scp-like ``user@host:path`` as
    ``ssh://user@host/path``; ``None`` for a local path."""
    if _URL.match(source):
        return source
    match = _SCP.match(source)
    if match is None:
        return None
    user = f"{match['user']}@" if match["user"] else ""
    return f"ssh://{user}{match['host']}/{match['path']}"


def _repository_properties(repository: Repository) -> dict[str, str]:
    fields = {
        "name": repository.name,
        "source": repository.source,
        "ref": repository.ref,
        "commit": repository.commit,
    }
    return {key: value for key, value in fields.items() if value}


@cache
def project_url() -> str | None:
    """stackaudit's home page from its installed metadata (the first ``[project.urls]``
    entry, else ``Home-page``), or ``None`` when it declares none."""
    try:
        meta = metadata("stackaudit")
    except PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or ():
        url = str(entry).partition(",")[2].strip()
        if url:
            return url
    homepage = str((meta.get_all("Home-page") or [""])[0]).strip()
    return homepage or None
