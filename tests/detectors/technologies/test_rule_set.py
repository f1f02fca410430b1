"""The packaged rule set as a whole: valid, unambiguous, covered by examples, mapped to real
endoflife.date products, and large enough."""

from __future__ import annotations

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

import json
from importlib import resources
from urllib.parse import unquote

import pytest
from helpers import SHARED

from detectors.technologies.rules import (
    Claim,
    Rule,
    RuleTable,
    carve_outs,
    check_rules,
    choose,
    load_rules,
    parse_rule,
    rule_table,
)

RULES_DIR = resources.files("detectors.technologies") / "rules"
ENDOFLIFE = SHARED / "endoflife" / "api" / "v1" / "products"

# Canonical runtime keys (docs/detectors.md) with an image each must carry.
RUNTIME_IMAGES = {
    "python": "python",
    "nodejs": "node",
    "ruby": "ruby",
    "go": "golang",
    "java": "eclipse-temurin",
    "dotnet": "mcr.microsoft.com/dotnet/aspnet",
    "php": "php",
    "rust": "rust",
    "elixir": "elixir",
    "erlang": "erlang",
    "bun": "oven/bun",
    "deno": "denoland/deno",
}


def test_every_rule_file_loads_and_its_key_is_its_file_name() -> None:
    files = sorted(entry.name for entry in RULES_DIR.iterdir() if entry.name.endswith(".toml"))
    rules = load_rules()
    assert sorted(f"{rule.key}.toml" for rule in rules) == files
    assert len({rule.key for rule in rules}) == len(rules)


def test_there_are_at_least_300_rules() -> None:
    assert len(rule_table().rules) >= 300


def test_the_rule_set_has_no_conflict_and_every_example_resolves_to_its_own_rule() -> None:
    assert check_rules(rule_table()) == []


def test_the_only_carve_outs_are_the_deliberate_ones() -> None:
    # A narrower rule inside a broader rule's prefix wins the names it claims; each such case
    # must be meant. Blazor WebAssembly's packages are ASP.NET Core's, but say more.
    assert carve_outs(rule_table()) == [
        ("nuget:microsoft.aspnetcore.components.webassembly", "blazor", "aspnetcore"),
    ]


def test_every_endoflife_product_exists_in_the_snapshot() -> None:
    if not ENDOFLIFE.is_dir():
        pytest.fail(f"these tests need the endoflife.date snapshot at {ENDOFLIFE}", pytrace=False)
    missing = sorted(
        f"{rule.key} -> {rule.endoflife}"
        for rule in rule_table().rules
        if rule.endoflife and not (ENDOFLIFE / f"{rule.endoflife}.json").is_file()
    )
    assert missing == []


def test_endoflife_products_that_name_packages_agree_with_the_rules() -> None:
    """Where endoflife.date lists a package's purl for a product, the rule that maps to that
    product claims the package (an independent check of package names)."""
    if not ENDOFLIFE.is_dir():
        pytest.fail(f"these tests need the endoflife.date snapshot at {ENDOFLIFE}", pytrace=False)
    table = rule_table()
    checked = 0
    for rule in table.rules:
        if not rule.endoflife:
            continue
        document = json.loads((ENDOFLIFE / f"{rule.endoflife}.json").read_text(encoding="utf-8"))
        for identifier in document["result"]["identifiers"]:
            purl = identifier["id"]
            if identifier["type"] != "purl" or not purl.startswith(("pkg:npm/", "pkg:pypi/")):
                continue
            ecosystem, _, name = unquote(purl.removeprefix("pkg:")).partition("/")
            owners = {claim.rule.key for claim in table.claims(f"{ecosystem}:{name}")}
            assert rule.key in owners, f"{purl} ({rule.endoflife}) is not claimed by {rule.key}"
            checked += 1
    assert checked >= 15


def test_canonical_runtimes_carry_their_images_and_lifecycle() -> None:
    table = rule_table()
    for key, image in RUNTIME_IMAGES.items():
        rule = table.by_key[key]
        assert rule.category == "runtime", key
        assert image in rule.images, key
        assert [claim.rule.key for claim in table.claims(f"docker:{image}")] == [key]
    assert {key for key in RUNTIME_IMAGES if table.by_key[key].endoflife} == set(RUNTIME_IMAGES) - {
        "java"
    }  # endoflife.date has no product for Java as such, only per distribution


def test_vue_2_and_vue_3_share_the_package_with_disjoint_ranges() -> None:
    table = rule_table()
    claims = table.claims("npm:vue")
    assert sorted(claim.rule.key for claim in claims) == ["vue", "vue2"]
    assert choose(claims, (2, 7, 16)).rule.key == "vue2"  # type: ignore[union-attr]
    assert choose(claims, (3, 4, 21)).rule.key == "vue"  # type: ignore[union-attr]
    assert choose(claims, None).rule.key == "vue"  # type: ignore[union-attr]


def test_rule_files_named_like_tool_configs_are_kept_from_the_tools() -> None:
    """ruff reads any ruff.toml it walks past: rules/ruff.toml would become its configuration
    unless the project excludes the rules directory; pyproject.toml must never be a rule."""
    names = {entry.name for entry in RULES_DIR.iterdir()}
    assert "pyproject.toml" not in names
    if names & {"ruff.toml", ".ruff.toml"}:
        project = tomllib.loads((RULES_DIR.parents[2] / "pyproject.toml").read_text())
        assert "detectors/technologies/rules" in project["tool"]["ruff"]["extend-exclude"]


def _rule(key: str, **fields: object) -> Rule:
    text = f'key = "{key}"\nname = "{key}"\ncategory = "tool"\n'
    for name, value in fields.items():
        text += f"{name} = {json.dumps(value)}\n"
    return parse_rule(text, f"{key}.toml")


def test_the_checks_catch_overlapping_claims_and_bad_examples() -> None:
    table = RuleTable(
        [
            _rule("a", dependencies=["npm:x"], images=["postgres"], files=["a.json"]),
            _rule("b", clients=["npm:x", "docker:postgres"], files=["a.json"]),
            _rule("c", dependencies=["npm:y-*"], examples=["npm:z"], files=["c.*"]),
            _rule("d", dependencies=["npm:y-*"], versions="<2", examples=["npm:y-1"]),
            _rule("e", dependencies=["npm:y-*"], versions=">=1", examples=["npm:y-2"]),
        ]
    )
    problems = check_rules(table)
    assert "'npm:x' is claimed by a and b, whose versions overlap" in problems
    assert "'docker:postgres' is claimed by a and b, whose versions overlap" in problems
    assert "file 'a.json' is claimed by a, b" in problems
    assert "'npm:y-*' is claimed by c and d, whose versions overlap" in problems
    assert "'npm:y-*' is claimed by d and e, whose versions overlap" in problems
    assert "c: example 'npm:z' resolves to no rule" in problems
    assert "c: no example shows the file pattern 'c.*'" in problems
    assert "d: example 'npm:y-1' resolves to ['c', 'd', 'e']" in problems


def test_disjoint_ranges_may_share_a_name_and_the_version_picks_the_rule() -> None:
    old = _rule("old", dependencies=["npm:x"], images=["x"], versions="<2")
    new = _rule("new", dependencies=["npm:x"], images=["x"], versions=">=2")
    table = RuleTable([old, new])
    assert check_rules(table) == []
    claims = table.claims("docker:x")
    assert [claim.rule.key for claim in claims] == ["old", "new"]
    assert choose(claims, (1, 9)) == Claim(old, True)
    assert choose(claims, (2, 0)) == Claim(new, True)


def test_the_longest_prefix_wins_and_exact_names_win_over_prefixes() -> None:
    table = RuleTable(
        [
            _rule("broad", dependencies=["nuget:ms.*"], examples=["nuget:ms.web"]),
            _rule("narrow", dependencies=["nuget:ms.web.ui*"], examples=["nuget:ms.web.ui"]),
            _rule("exact", dependencies=["nuget:ms.web.ui.special"]),
        ]
    )
    owner = {
        name: [c.rule.key for c in table.claims(name)]
        for name in (
            "nuget:ms.web",
            "nuget:ms.web.ui",
            "nuget:ms.web.uikit",
            "nuget:ms.web.ui.special",
            "nuget:other",
            "npm:ms.web",
        )
    }
    assert owner == {
        "nuget:ms.web": ["broad"],
        "nuget:ms.web.ui": ["narrow"],
        "nuget:ms.web.uikit": ["narrow"],
        "nuget:ms.web.ui.special": ["exact"],
        "nuget:other": [],
        "npm:ms.web": [],
    }
    assert carve_outs(table) == [
        ("nuget:ms.web.ui", "narrow", "broad"),
        ("nuget:ms.web.ui.special", "exact", "broad"),
        ("nuget:ms.web.ui.special", "exact", "narrow"),
    ]


def test_travis_services_name_technologies_as_the_rules_do() -> None:
    """A technology the CI detector names from a Travis service must be the same record
    (key, name, category) the rules give, or the two would never merge."""
    from detectors.ci import travis

    rules = {rule.key: rule for rule in rule_table().rules}
    table = next(value for name, value in vars(travis).items() if name.endswith("SERVICES"))
    for key, name, category in table.values():
        if key in rules:
            assert (name, category) == (rules[key].name, rules[key].category), key
