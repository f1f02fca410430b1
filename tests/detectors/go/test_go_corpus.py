"""The Go detector on every go.mod and go.sum of the corpus (needs ../shared/corpus), with
counts checked by simpler means than the parsers'."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from helpers import inventory, require_corpus, scan_with

from detectors.go.detector import GoDetector
from detectors.go.go_mod import parse_go_mod
from detectors.go.go_sum import read_go_sum
from scanner.detector import FileContent, SourceFile
from scanner.model import RepositoryScan


def corpus_files(kind: str) -> list[Path]:
    return [require_corpus() / folder / path for folder, path, _ in inventory(kind)]


def source(path: Path) -> SourceFile:
    return SourceFile(FileContent(path.name, path.read_bytes()), "go")


def scan(root: Path) -> RepositoryScan:
    return scan_with(root, GoDetector)


def count_requirements(text: str) -> tuple[int, int]:
    """Requirements and indirect ones, counted line by line: ``require x v`` lines and the
    lines between ``require (`` and ``)``."""
    total = indirect = 0
    inside = False
    for line in text.splitlines():
        stripped = line.strip()
        if inside:
            if stripped == ")":
                inside = False
            elif stripped and not stripped.startswith("//"):
                total += 1
                indirect += "// indirect" in stripped
        elif stripped == "require (":
            inside = True
        elif stripped.startswith("require "):
            total += 1
            indirect += "// indirect" in stripped
    return total, indirect


def test_every_corpus_go_mod_parses_with_every_requirement() -> None:
    files = corpus_files("go-mod")
    assert len(files) == 9
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "replace" not in text  # so that one requirement is one dependency
        output = parse_go_mod(source(path))
        assert output.failures == (), path
        total, indirect = count_requirements(text)
        assert len(output.dependencies) == total, path
        assert sum(not d.direct for d in output.dependencies) == indirect, path
        go = re.search(r"^go (\S+)$", text, re.M)
        assert go is not None
        assert ("go", go.group(1), "declared") in {
            (t.key, t.version, t.version_source) for t in output.technologies
        }


def test_every_corpus_go_sum_parses_and_covers_its_go_mod() -> None:
    files = corpus_files("go-sum")
    assert len(files) == 9
    for path in files:
        text = path.read_text(encoding="utf-8")
        summary = read_go_sum(text)
        versions = {(f[0], f[1].removesuffix("/go.mod")) for f in map(str.split, text.splitlines())}
        assert summary.versions == len(versions), path
        assert summary.versions > 0
        requirements = parse_go_mod(source(path.with_name("go.mod"))).dependencies
        # Every selected version is checksummed (tidy modules); the converse does not hold.
        assert {(d.name, d.declared) for d in requirements} <= summary.modules | summary.go_mod_only


def test_woodpecker_go_version_and_dependencies(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("woodpecker-ci__woodpecker"))
    root = result.components[0]
    assert (root.path, root.name) == (".", "go.woodpecker-ci.org/woodpecker/v3")
    go = [t for t in result.technologies if t.key == "go"]
    assert [(t.component, t.version, t.version_source) for t in go] == [(".", "1.26.0", "declared")]
    assert go[0].evidence[0].path == "go.mod" and go[0].evidence[0].line == 3
    deps = {d.name: d for d in result.dependencies}
    assert len(deps) == 234
    gin = deps["github.com/gin-gonic/gin"]
    assert (gin.resolved, gin.direct, gin.purl) == (
        "v1.12.0",
        True,
        "pkg:golang/github.com/gin-gonic/gin@v1.12.0",
    )
    assert deps["github.com/docker/cli"].resolved == "v29.7.2+incompatible"
    assert deps["github.com/kylelemons/godebug"].direct is False
    assert result.failures == ()


def test_opentelemetry_demo_go_modules(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("open-telemetry__opentelemetry-demo"))
    modules = {c.path: c.name for c in result.components if c.path != "."}
    assert modules == {
        "internal/tools": "github.com/open-telemetry/opentelemetry-specification/internal/tools",
        "src/checkout": "github.com/open-telemetry/opentelemetry-demo/src/checkout",
        "src/load-generator/xk6-otel": (
            "github.com/open-telemetry/opentelemetry-demo/src/load-generator/xk6-otel"
        ),
        "src/product-catalog": "github.com/opentelemetry/opentelemetry-demo/src/product-catalog",
    }
    tools = [d for d in result.dependencies if d.component == "internal/tools"]
    # go 1.12: the requirements are minimum versions, not what the build selects.
    assert {(d.name, d.declared, d.resolved) for d in tools} == {
        ("github.com/client9/misspell", "v0.3.4", None),
        ("github.com/google/addlicense", "v1.2.0", None),
    }
    checkout = {d.name: d for d in result.dependencies if d.component == "src/checkout"}
    assert checkout["google.golang.org/grpc/cmd/protoc-gen-go-grpc"].direct is False
    assert result.failures == ()


def test_microservices_demo_toolchains(corpus_tree: Callable[[str], Path]) -> None:
    result = scan(corpus_tree("GoogleCloudPlatform__microservices-demo"))
    go = {(t.component, t.version, t.version_source) for t in result.technologies if t.key == "go"}
    assert ("src/frontend", "1.25.0", "declared") in go
    assert ("src/frontend", "1.26.5", "resolved") in go
    assert ("src/productcatalogservice", "1.25.8", "declared") in go
