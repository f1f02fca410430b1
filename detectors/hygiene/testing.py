"""Components without tests: ``no-tests``.

Every source and test file (:mod:`detectors.hygiene.layout`) belongs to the nearest
component at or above it. A judged component with source files and no test file of its own
is reported (``medium`` from :data:`MANY_FILES` source files on, ``low`` below), except:

* a Rust component (a Cargo manifest, or only Rust sources): unit tests live inside the
  source files, which are not read;
* a .NET component (a NuGet manifest, or only C#, F# and VB sources) when the repository has
  any .NET test file: .NET tests live in separate test projects, which cannot be matched to
  the projects they test without reading them.

The repository root without a manifest of its own is judged only when it is the only
component: otherwise it only collects the files of projects whose build files no detector
reads. Tests kept in a package of their own (an end-to-end test package of a monorepo) are not
matched to the packages they test either: those packages are reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence

from detectors.hygiene.layout import CodeFile
from detectors.hygiene.records import REPOSITORY, finding, judged
from scanner.components import ComponentIndex
from scanner.detector import Findings
from scanner.model import Component, Ecosystem, Finding, Severity

MANY_FILES = 10
LOOKED_FOR = (
    "tests/, test/, __tests__/, spec/, src/test/, test_*.py, *_test.go, *.test.ts, "
    "*.spec.js, *_spec.rb, *Test.java, *Tests.cs…"
)


def test_findings(findings: Findings, code: Sequence[CodeFile]) -> Iterator[Finding]:
    """``no-tests`` for every component that needs tests and has none."""
    index = ComponentIndex(findings.components)
    sources: dict[str, Counter[str]] = {}
    tested: set[str] = set()
    for file in code:
        owner = index.owner_of(file.path)
        if file.test:
            tested.add(owner)
        else:
            sources.setdefault(owner, Counter())[file.family] += 1
    dotnet_tests = any(file.test and file.family == "dotnet" for file in code)
    catch_all = len(findings.components) > 1
    for component in findings.components:
        families = sources.get(component.path)
        if not families or component.path in tested or not judged(component.path):
            continue
        if catch_all and component.path == REPOSITORY and not component.manifests:
            continue
        kind = _kind(component, families)
        if kind == "rust" or (kind == "dotnet" and dotnet_tests):
            continue
        yield _no_tests(findings, component, sum(families.values()))


def _kind(component: Component, families: Counter[str]) -> str:
    """``rust``, ``dotnet`` or ``general``: by the component's manifests, else by its
    sources."""
    if Ecosystem.CARGO in component.ecosystems:
        return "rust"
    if Ecosystem.NUGET in component.ecosystems:
        return "dotnet"
    if not component.ecosystems and len(families) == 1:
        return next(iter(families))
    return "general"


def _no_tests(findings: Findings, component: Component, count: int) -> Finding:
    plural = "" if count == 1 else "s"
    return finding(
        "no-tests",
        Severity.MEDIUM if count >= MANY_FILES else Severity.LOW,
        "tests",
        component.path,
        title=f"{component.name}: {count} source file{plural} and no tests",
        facts=[("source files", str(count)), ("test files", "0"), ("looked for", LOOKED_FOR)],
        evidence=[
            findings.evidence("component with source code and no test files", path)
            for path in component.manifests or (component.path,)
        ],
        advice=(
            "Add tests where the code changes most, and run them in CI; without them every "
            "change and every upgrade is checked by hand, or not at all."
        ),
    )
