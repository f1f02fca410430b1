from __future__ import annotations

import pytest

from scanner.model import Component, Evidence, OwnershipRule
from scanner.ownership import assign_owners


def rule(pattern: str, *owners: str) -> OwnershipRule:
    return OwnershipRule(pattern, owners, "codeowners", Evidence("CODEOWNERS", "ci", pattern))


def owners_of(manifest: str | None, *rules: OwnershipRule) -> tuple[str, ...]:
    path = manifest.rpartition("/")[0] or "." if manifest else "."
    component = Component(path, "c", (), (manifest,) if manifest else ())
    (owned,) = assign_owners([component], list(rules))
    return owned.owners


@pytest.mark.parametrize(
    ("pattern", "manifest", "owned"),
    [
        ("*", "deep/dir/package.json", True),
        ("*.json", "deep/dir/package.json", True),
        ("apps/", "src/apps/web/package.json", True),
        ("/apps/", "src/apps/web/package.json", False),
        ("/apps/", "apps/web/package.json", True),
        ("services/api", "services/api/go.mod", True),
        ("docs/*", "docs/package.json", True),
        ("docs/*", "docs/site/package.json", False),
        ("**/logs", "a/b/logs/pom.xml", True),
        ("/web/", "webapp/package.json", False),
    ],
)
def test_codeowners_patterns(pattern: str, manifest: str, owned: bool) -> None:
    assert owners_of(manifest, rule(pattern, "@org/team")) == (("@org/team",) if owned else ())


def test_the_last_matching_rule_wins() -> None:
    rules = (rule("*", "@org/all"), rule("/services/", "@org/backend"), rule("*.md", "@org/docs"))
    assert owners_of("services/api/go.mod", *rules) == ("@org/backend",)
    assert owners_of("web/package.json", *rules) == ("@org/all",)


def test_root_without_manifest_uses_a_root_file() -> None:
    assert owners_of(None, rule("*", "@org/all")) == ("@org/all",)
    assert owners_of(None, rule("/src/", "@org/src")) == ()


def test_rule_evidence_is_kept() -> None:
    component = Component("api", "api", ("npm",), ("api/package.json",))
    (owned,) = assign_owners([component], [rule("/api/", "@a", "@b")])
    assert owned.owners == ("@a", "@b")
    assert owned.owners_evidence[0].path == "CODEOWNERS"
