""".NET detector on the real files of the corpus (needs ../shared/corpus; fails without)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from helpers import inventory, require_corpus, scan_with

from detectors.dotnet.detector import DotnetDetector
from scanner.model import RepositoryScan, Scope

CLAIMED_KINDS = frozenset(
    {
        "csproj",
        "dotnet-directory-packages-props",
        "dotnet-directory-build-props",
        "dotnet-global-json",
        "dotnet-tools-json",
        "dotnet-sln",
    }
)
ESHOP = "dotnet-architecture__eShopOnWeb"
OTEL = "open-telemetry__opentelemetry-demo"


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, DotnetDetector)


def claimed_files() -> list[tuple[str, str, str]]:
    return inventory(*CLAIMED_KINDS)


def test_every_claimed_corpus_file_is_read_without_failure(
    corpus_tree: Callable[[str], Path],
) -> None:
    files = claimed_files()
    checked = 0
    for folder in sorted({folder for folder, _, _ in files}):
        result = scan(corpus_tree(folder))
        ours = [f for f in result.failures if f.detector == "dotnet"]
        assert not ours, f"{folder}: {ours}"
        assert not [f for f in result.failures if f.path in {p for _, p, _ in files}]
        manifests = {p: c for c in result.components for p in c.manifests}
        evidence = {e.path for d in result.dependencies for e in d.evidence} | {
            e.path for t in result.technologies for e in t.evidence
        }
        for _, path, kind in (f for f in files if f[0] == folder):
            if kind in ("csproj", "dotnet-sln"):
                assert path in manifests, f"{folder}/{path} gave no manifest"
                assert "nuget" in manifests[path].ecosystems
            elif kind != "dotnet-directory-build-props":
                assert path in evidence, f"{folder}/{path} contributed nothing"
            checked += 1
    assert checked == len(files) == 25


def test_eshop_every_package_reference_is_versioned_centrally(
    corpus_tree: Callable[[str], Path],
) -> None:
    result = scan(corpus_tree(ESHOP))
    references = [
        d for d in result.dependencies if d.evidence[0].reason.startswith("PackageReference")
    ]
    assert references and all(d.declared for d in references), [
        d.name for d in references if not d.declared
    ]
    assert all(d.evidence[1].path == "Directory.Packages.props" for d in references)
    assert not [d for d in references if "$(" in (d.declared or "")]
    # Independent count: <PackageReference elements of the copied project files, by regex.
    corpus = require_corpus() / ESHOP
    expected = sum(
        len(re.findall(r"<PackageReference\s", p.read_text(encoding="utf-8-sig")))
        for p in corpus.rglob("*.csproj")
    )
    assert len(references) == expected == 77
    # Independent count: every <PackageVersion but the one no project uses (and that pins
    # nothing, as transitive pinning is off) versions some reference.
    props = (corpus / "Directory.Packages.props").read_text(encoding="utf-8")
    versions = set(re.findall(r'<PackageVersion Include="([^"]+)"', props))
    used = {d.evidence[1].reason.split()[1] for d in references}
    assert len(versions) == len(re.findall(r"<PackageVersion\s", props)) == 50
    assert versions - used == {"Microsoft.AspNetCore.Mvc"}
    assert not [d for d in result.dependencies if not d.direct]

    web = {d.name: d for d in result.dependencies if d.component == "src/Web"}
    assert web["microsoft.aspnetcore.identity.ui"].declared == "8.0.2"
    assert web["microsoft.entityframeworkcore.tools"].scope is Scope.BUILD
    assert web["dotnet-ef"].declared == "8.0.0"
    unit = {d.name: d for d in result.dependencies if d.component == "tests/UnitTests"}
    assert unit["xunit"].scope is Scope.TEST

    projects = [
        c.path for c in result.components if any(m.endswith(".csproj") for m in c.manifests)
    ]
    assert len(projects) == 10
    runtimes = {t.component: t.version for t in result.technologies if t.key == "dotnet"}
    assert runtimes == {".": "8.0", **{project: "8.0" for project in projects}}
    sdk = next(t for t in result.technologies if t.key == "dotnet-sdk")
    assert (sdk.version, sdk.component) == ("8.0.x", ".")
    root = result.components[0]
    assert root.workspace_members == tuple(sorted(projects))


def test_opentelemetry_demo_props_per_service(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree(OTEL))
    assert not [f for f in result.failures if f.detector == "dotnet"]
    cart = {d.name: d for d in result.dependencies if d.component == "src/cart/src"}
    assert cart["opentelemetry.instrumentation.process"].declared == "1.17.0-rc.1"
    assert cart["opentelemetry.instrumentation.process"].evidence[1].path == (
        "src/cart/Directory.Packages.props"
    )
    accounting = {d.name: d for d in result.dependencies if d.component == "src/accounting"}
    assert accounting["grpc.tools"].scope is Scope.BUILD
    assert accounting["confluent.kafka"].declared == "2.15.0"
    runtimes = {(t.component, t.version) for t in result.technologies if t.key == "dotnet"}
    assert runtimes == {
        ("src/accounting", "10.0"),
        ("src/cart/src", "10.0"),
        ("src/cart/tests", "10.0"),
    }
    # Independent count per props file: every <PackageVersion (by regex) versions a reference.
    corpus = require_corpus() / OTEL
    for props in ("src/cart/Directory.Packages.props", "src/accounting/Directory.Packages.props"):
        text = (corpus / props).read_text(encoding="utf-8")
        used = {
            d.name
            for d in result.dependencies
            if len(d.evidence) > 1 and d.evidence[1].path == props
        }
        assert len(used) == len(re.findall(r"<PackageVersion\s", text))


def test_eshop_tool_manifest_count(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree(ESHOP))
    path = "src/Web/.config/dotnet-tools.json"
    tools = json.loads((require_corpus() / ESHOP / path).read_text(encoding="utf-8"))["tools"]
    found = [d for d in result.dependencies if d.evidence[0].path == path]
    assert len(found) == len(tools) == 1
