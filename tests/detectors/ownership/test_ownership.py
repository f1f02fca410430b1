"""CODEOWNERS and Backstage descriptors: the rules, and owners given to components."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import FileSpec, require_corpus

from detectors.ownership.backstage import parse_catalog_info
from detectors.ownership.codeowners import parse_codeowners
from detectors.ownership.detector import OwnershipDetector
from scanner.config import Settings
from scanner.detector import Detector, FileContent, FileSelector, SourceFile
from scanner.errors import DetectorError
from scanner.model import DetectorOutput, Manifest, Repository, RepositoryScan
from scanner.scan import scan_source
from scanner.sources import DirectorySource


def source(text: str | bytes, path: str) -> SourceFile:
    data = text.encode() if isinstance(text, str) else text
    return SourceFile(FileContent(path, data), "ownership")


def test_codeowners_syntax() -> None:
    text = (
        "\ufeff# comment\r\n"
        "*       @org/everyone   # trailing comment @not-an-owner\r\n"
        "\r\n"
        "/docs/  docs@example.com @writer\r\n"
        "\\#odd.txt  @hash-owner\r\n"
        "path\\ with\\ spaces/  @spacer\r\n"
        "/unowned/\r\n"
        "*.js    @js-team not-an-owner @@maintainer\r\n"
    )
    rules = parse_codeowners(source(text.encode("utf-8"), ".github/CODEOWNERS")).ownership
    assert [(r.pattern, r.owners, r.evidence.line) for r in rules] == [
        ("*", ("@org/everyone",), 2),
        ("/docs/", ("docs@example.com", "@writer"), 4),
        ("#odd.txt", ("@hash-owner",), 5),
        ("path with spaces/", ("@spacer",), 6),
        ("/unowned/", (), 7),
        ("*.js", ("@js-team", "@@maintainer"), 8),
    ]
    assert {r.source for r in rules} == {"codeowners"}
    assert rules[0].evidence.reason == "CODEOWNERS rule * → @org/everyone"
    assert rules[4].evidence.reason == "CODEOWNERS rule /unowned/ → no owners"
    assert rules[0].evidence.path == ".github/CODEOWNERS"


def test_gitlab_sections() -> None:
    text = """* @default
[Documentation] @docs-team
docs/
README.md @readme-owner
^[Optional Reviews][2] @reviewers
*.css
[Backend]
app/ @backend
"""
    rules = parse_codeowners(source(text, ".gitlab/CODEOWNERS")).ownership
    assert [(r.pattern, r.owners) for r in rules] == [
        ("*", ("@default",)),
        ("docs/", ("@docs-team",)),
        ("README.md", ("@readme-owner",)),
        ("*.css", ("@reviewers",)),
        ("app/", ("@backend",)),
    ]
    assert rules[1].evidence.reason.endswith("(section Documentation)")
    assert rules[3].evidence.reason.endswith("(section Optional Reviews (optional))")


def test_codeowners_not_text() -> None:
    with pytest.raises(DetectorError, match="not valid UTF-8"):
        parse_codeowners(source(b"* @a\n\xff\n", "CODEOWNERS"))


def test_backstage_entities() -> None:
    text = """apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments
spec:
  type: service
  lifecycle: production
  owner: group:default/payments-team
---
kind: Group
metadata: {name: payments-team}
spec: {type: team}
---
kind: API
metadata: {name: payments-api}
spec: {type: openapi, owner: api-guild}
---
kind: Resource
metadata: {name: no-owner}
spec: {type: database}
---
just a string
"""
    rules = parse_catalog_info(source(text, "services/payments/catalog-info.yaml")).ownership
    assert [(r.pattern, r.owners, r.source, r.evidence.line) for r in rules] == [
        ("/services/payments/", ("group:default/payments-team",), "backstage", 8),
        ("/services/payments/", ("api-guild",), "backstage", 16),
    ]
    assert rules[0].evidence.reason == (
        "Backstage Component 'payments' (type service, lifecycle production) owned by "
        "group:default/payments-team"
    )
    (root,) = parse_catalog_info(
        source("kind: System\nmetadata: {name: s}\nspec: {owner: team}\n", "catalog-info.yml")
    ).ownership
    assert root.pattern == "*"
    with pytest.raises(DetectorError, match="not valid YAML"):
        parse_catalog_info(source("kind: [\n", "catalog-info.yaml"))


class PackageJson(Detector):
    """A stand-in manifest detector: every package.json directory is a component."""

    name = "package-json"
    selector = FileSelector(filenames=frozenset({"package.json"}))

    def inspect_file(self, file: SourceFile) -> DetectorOutput:
        manifest = Manifest(file.path, file.directory, "npm", "package.json", file.evidence("m"))
        return DetectorOutput(manifests=(manifest,))


def scan(root: Path) -> RepositoryScan:
    detectors = [PackageJson, OwnershipDetector]
    return scan_source(DirectorySource(root), Repository("r", str(root)), detectors, Settings())


def owners(result: RepositoryScan) -> dict[str, tuple[str, ...]]:
    return {component.path: component.owners for component in result.components}


def test_first_codeowners_wins_and_backstage_fills_gaps(
    make_tree: Callable[[FileSpec], Path],
) -> None:
    root = make_tree(
        {
            "package.json": "{}",
            "apps/web/package.json": "{}",
            "apps/api/package.json": "{}",
            "libs/ui/package.json": "{}",
            "libs/ui/catalog-info.yaml": "kind: Component\nspec: {owner: ui-team}\n",
            "apps/api/catalog-info.yaml": "kind: Component\nspec: {owner: api-team}\n",
            "catalog-info.yaml": "kind: System\nspec: {owner: platform}\n",
            ".github/CODEOWNERS": "/apps/web/ @web\n/apps/api/\n",
            "CODEOWNERS": "* @root-file-is-ignored\n",
            "docs/CODEOWNERS": "* @docs-file-is-ignored\n",
            "nested/CODEOWNERS": "* @not-a-codeowners-location\n",
        }
    )
    result = scan(root)
    assert owners(result) == {
        ".": ("platform",),
        "apps/api": (),
        "apps/web": ("@web",),
        "libs/ui": ("ui-team",),
    }
    (web,) = [c for c in result.components if c.path == "apps/web"]
    assert web.owners_evidence[0].path == ".github/CODEOWNERS"
    assert web.owners_evidence[0].reason.endswith(
        "(CODEOWNERS, docs/CODEOWNERS ignored: .github/CODEOWNERS comes first)"
    )
    assert result.failures == ()


def test_gitlab_location_is_read_alone(make_tree: Callable[[FileSpec], Path]) -> None:
    root = make_tree({"package.json": "{}", ".gitlab/CODEOWNERS": "[Main]\n* @gitlab-team\n"})
    assert owners(scan(root)) == {".": ("@gitlab-team",)}


@pytest.mark.parametrize(
    ("folder", "expected"),
    [("koel__koel", ("@phanan",)), ("python__pythondotorg", ("@JacobCoffee",))],
)
def test_corpus_codeowners_give_owners(
    folder: str, expected: tuple[str, ...], corpus_tree: Callable[[str], Path]
) -> None:
    result = scan(corpus_tree(folder))
    assert len(result.components) >= 1
    assert {component.owners for component in result.components} == {expected}
    root = result.components[0]
    assert root.owners_evidence[0].path == ".github/CODEOWNERS"


def test_every_corpus_codeowners_parses() -> None:
    corpus = require_corpus()
    files = sorted(corpus.glob("*/.github/CODEOWNERS"))
    assert len(files) == 4
    for file in files:
        text = file.read_text(encoding="utf-8")
        rules = parse_codeowners(source(text, ".github/CODEOWNERS")).ownership
        counted = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
        assert len(rules) == len(counted) and all(rule.owners for rule in rules), file
