"""The roadmap draft from hand-made scan reports: catalog categories, initiatives and their
dependencies, RICE inputs, phases, quarters with the buffer, and checkable milestones."""

from __future__ import annotations

from dataclasses import replace

import pytest

from scanner.config import roadmap_settings
from scanner.debt.catalog import build_catalog
from scanner.debt.milestones import evaluate
from scanner.debt.model import DebtCategory, MilestoneCheck
from scanner.debt.planning import quarter_after
from scanner.debt.roadmap import draft_roadmap
from scanner.debt.settings import RoadmapSettings
from scanner.errors import ConfigError
from scanner.model import (
    DataSourceUse,
    Dependency,
    Evidence,
    Fact,
    Finding,
    Repository,
    RepositoryScan,
    ScanReport,
    Severity,
    Technology,
    VersionDisagreement,
    VersionPin,
    WalkStats,
)

WALK = WalkStats("filesystem", 10, 100, 0, 3, 0.01)


def evidence(path: str, line: int | None = None) -> tuple[Evidence, ...]:
    return (Evidence(path, "test", "seen", line),)


def technology(
    key: str, name: str, category: str, version: str, component: str = "."
) -> Technology:
    return Technology(
        key, name, category, evidence("Dockerfile", 1), version=version,
        version_source="declared", component=component,
    )  # fmt: skip


def end_of_life(key: str, version: str, target: str | None, *requires: str) -> Finding:
    facts = [Fact("version", version), Fact("cycle", version)]
    if target:
        facts.append(Fact("upgrade to", target))
    facts += [Fact("upgrade requires", text) for text in requires]
    return Finding(
        id=f"end-of-life:{key}:{version}:.", kind="end-of-life", severity=Severity.CRITICAL,
        title=f"{key} {version} reached its end of life", subject=key, version=version,
        component=".", facts=tuple(facts), evidence=evidence("setup.py", 3), advice="upgrade",
    )  # fmt: skip


def static(kind: str, component: str = ".", severity: Severity = Severity.HIGH) -> Finding:
    return Finding(
        id=f"{kind}:{component}", kind=kind, severity=severity, title=f"{kind} in {component}",
        subject=component, version=None, component=component, facts=(),
        evidence=evidence(f"{component}/x"), advice="fix",
    )  # fmt: skip


def report(*scans: RepositoryScan) -> ScanReport:
    return ScanReport("0", "2026-08-22T10:00:00+00:00", scans)


def scan(name: str = "app", **fields: object) -> RepositoryScan:
    uses = (DataSourceUse("endoflife.date", "http://x", "2026-08-22"),)
    return RepositoryScan(Repository(name, name), walk=WALK, release_data=uses, **fields)  # type: ignore[arg-type]


LEGACY = scan(
    technologies=(
        technology("python", "Python", "runtime", "2.7"),
        technology("django", "Django", "framework", "1.11"),
        technology("mariadb", "MariaDB", "datastore", "10.2"),
    ),
    findings=(
        end_of_life("django", "1.11", "6.1", "python 3.12"),
        end_of_life("mariadb", "10.2", "11.4"),
        end_of_life("python", "2.7", "3.14"),
        static("private-key"),
        static("no-tests", "web", Severity.LOW),
        Finding(
            id="unknown:npm/x::.",
            kind="unknown",
            severity=Severity.INFO,
            title="?",
            subject="npm/x",
            version=None,
            component=".",
            facts=(),
            evidence=(),
            advice="",
        ),
    ),
    disagreements=(
        VersionDisagreement(
            "python",
            "Python",
            ".",
            (
                VersionPin("2.7", evidence(".python-version")[0]),
                VersionPin("3.8", evidence("tox.ini")[0]),
            ),
        ),
    ),
)


def test_catalog_categories_and_what_is_not_debt() -> None:
    items, looked_for = build_catalog(report(LEGACY))
    categories = {item.id: item.category for item in items}
    assert categories["end-of-life:python:2.7:."] is DebtCategory.SECURITY
    assert categories["private-key:."] is DebtCategory.SECURITY
    assert categories["no-tests:web"] is DebtCategory.FRICTION
    assert categories["version-disagreement:python:."] is DebtCategory.FRICTION
    assert not any(item.kind == "unknown" for item in items)
    assert items[0].severity is Severity.CRITICAL
    assert any("endoflife.date" in text for text in looked_for)


def test_a_framework_upgrade_waits_for_the_runtime_it_needs() -> None:
    roadmap = draft_roadmap(report(LEGACY))
    by_id = {initiative.id: initiative for initiative in roadmap.initiatives}
    django = by_id["upgrade:django"]
    assert django.depends_on == ("upgrade:python",)
    assert "needs python 3.12 or newer" in django.dependency_reasons[0]
    foundation = roadmap.phases[0]
    assert foundation.name == "Foundation"
    assert foundation.initiatives[:2] == ("upgrade:python", "upgrade:django")
    assert by_id["upgrade:python"].one_way  # Python 2 to 3 is a language migration
    assert by_id["upgrade:mariadb"].one_way  # data files migrate forward only
    assert by_id["upgrade:python"].title == "Upgrade Python 2.7 to 3.14 in 1 component"


def test_a_missing_runtime_upgrade_becomes_a_prerequisite() -> None:
    mall = scan(
        "mall",
        technologies=(
            technology("spring-boot", "Spring Boot", "framework", "2.7.5"),
            *(technology("java", "Java", "runtime", "8", c) for c in (".", "admin", "portal")),
        ),
        findings=(end_of_life("spring-boot", "2.7", "4.1", "java 17"),),
    )
    roadmap = draft_roadmap(report(mall))
    order = [initiative.id for initiative in roadmap.initiatives]
    assert order.index("upgrade:java") < order.index("upgrade:spring-boot")
    java = roadmap.initiatives[order.index("upgrade:java")]
    assert java.title == "Upgrade Java 8 to 17 in 3 components"
    assert java.items == () and java.risk_reduction  # it inherits the framework's urgency
    assert java.milestone.check == MilestoneCheck("min-version", "java", "17")


def test_rice_inputs_are_shown_and_the_score_follows_them() -> None:
    roadmap = draft_roadmap(report(LEGACY))
    python = next(i for i in roadmap.initiatives if i.id == "upgrade:python")
    estimate = python.estimate
    assert estimate.reach == 1 and "1 component in 1 repository" in estimate.reach_detail
    assert estimate.impact == 3.0 and estimate.impact_reason.startswith("critical (3)")
    assert (estimate.confidence, estimate.confidence_reason) == (0.8, "1 declared")
    assert (
        "runtime-upgrade base 2" in estimate.effort_reason
        and "1 majors jumped" in estimate.effort_reason
    )
    expected = estimate.reach * estimate.impact * estimate.confidence / estimate.effort_weeks
    assert estimate.score == pytest.approx(expected, abs=0.01)


def test_quarters_follow_capacity_and_buffer() -> None:
    settings = RoadmapSettings(start_quarter="2027-Q1", capacity_weeks=4, buffer=0.25)
    roadmap = draft_roadmap(report(LEGACY), settings)
    cursor = 0.0
    for entry in roadmap.schedule:
        initiative = next(i for i in roadmap.initiatives if i.id == entry.initiative)
        assert entry.planned_weeks == pytest.approx(
            initiative.estimate.effort_weeks * 1.25, abs=0.01
        )
        assert entry.start_quarter == quarter_after("2027-Q1", int(cursor // 4))
        cursor += entry.planned_weeks
    assert roadmap.phases[0].start_quarter == "2027-Q1"
    assert roadmap.schedule[-1].end_quarter > "2027-Q2"


def test_phases_hold_two_to_five_initiatives_and_at_most_four() -> None:
    eol = [end_of_life(f"tech{n}", "1.0", "2.0") for n in range(13)]
    friction = [static("no-tests", "a", Severity.LOW), static("no-ci", ".", Severity.LOW)]
    many = scan(findings=(*eol, *friction))
    roadmap = draft_roadmap(report(many))
    assert 3 <= len(roadmap.phases) <= 4
    assert all(1 <= len(phase.initiatives) <= 5 for phase in roadmap.phases)
    scheduled = {entry.initiative for entry in roadmap.schedule}
    assert len(scheduled) <= 20 and len(roadmap.initiatives) == 15


def test_milestones_are_checks_a_later_scan_can_meet() -> None:
    before = report(LEGACY)
    roadmap = draft_roadmap(before)
    assert roadmap.initiatives
    assert not any(evaluate(i.milestone.check, before) for i in roadmap.initiatives)
    upgraded = replace(
        LEGACY,
        technologies=(technology("python", "Python", "runtime", "3.14.2"),),
        findings=(),
        disagreements=(),
    )
    after = report(upgraded)
    for initiative in roadmap.initiatives:
        assert evaluate(initiative.milestone.check, after), initiative.milestone.text


def test_milestone_checks_on_packages_and_globs() -> None:
    dependency = Dependency("npm", "left-pad", evidence("package.json"), resolved="1.3.0")
    state = report(scan(dependencies=(dependency,), findings=(static("no-tests", "web"),)))
    assert not evaluate(MilestoneCheck("min-version", "npm/left-pad", "2.0.0"), state)
    assert evaluate(MilestoneCheck("min-version", "npm/left-pad", "1.3.0"), state)
    assert not evaluate(MilestoneCheck("no-technology", "npm/left-pad"), state)
    assert not evaluate(MilestoneCheck("no-finding", "no-tests", about="we*"), state)
    assert evaluate(MilestoneCheck("no-finding", "no-tests", about="api,db"), state)
    with pytest.raises(ValueError, match="unknown milestone check"):
        evaluate(MilestoneCheck("sometime", "x"), state)


def test_an_empty_report_gives_an_empty_roadmap() -> None:
    roadmap = draft_roadmap(report(scan()))
    assert roadmap.initiatives == () and roadmap.phases == () and roadmap.start_quarter == "2026-Q4"


def test_roadmap_configuration_is_validated() -> None:
    settings = roadmap_settings(
        {
            "start-quarter": "2027-q2",
            "capacity-weeks": 20,
            "buffer": 0.3,
            "base-effort": {"tests": 5},
        },
        "stackaudit.toml",
    )
    assert (settings.start_quarter, settings.capacity_weeks, settings.buffer) == (
        "2027-Q2",
        20.0,
        0.3,
    )
    assert settings.base_effort["tests"] == 5.0 and settings.base_effort["secrets"] == 1.0
    for bad, message in [
        ({"buffer": 0.5}, "buffer: expected a number from 0.2 to 0.3"),
        ({"start-quarter": "2027"}, "not a quarter"),
        ({"base-effort": {"nonsense": 1}}, "unknown entry 'nonsense'"),
        ({"impact": {"critical": "high"}}, "impact.critical"),
        ({"capacity": 3}, "unknown key"),
    ]:
        with pytest.raises(ConfigError, match=message):
            roadmap_settings(bad, "stackaudit.toml")


def test_a_package_upgrade_waits_for_the_runtime_its_newest_release_needs() -> None:
    behind = Finding(
        id="majors-behind:pypi/django:3.2.25:.", kind="majors-behind", severity=Severity.HIGH,
        title="django 3.2.25 is 3 major versions behind 6.0", subject="pypi/django",
        version="3.2.25", component=".",
        facts=(
            Fact("current", "3.2.25 (resolved)"), Fact("latest", "6.0"),
            Fact("majors behind", "3"), Fact("upgrade requires", "python 3.12"),
        ),
        evidence=evidence("requirements.txt", 1), advice="upgrade",
    )  # fmt: skip
    state = scan(
        technologies=(technology("python", "Python", "runtime", "3.8"),), findings=(behind,)
    )
    roadmap = draft_roadmap(report(state))
    by_id = {initiative.id: initiative for initiative in roadmap.initiatives}
    upgrade = by_id["upgrade:pypi/django"]
    assert upgrade.depends_on == ("upgrade:python",)
    assert upgrade.dependency_reasons == ("django 6.0 needs python 3.12 or newer",)
    assert by_id["upgrade:python"].title == "Upgrade Python 3.8 to 3.12 in 1 component"


def test_actions_and_minor_updates_are_one_initiative_each() -> None:
    def drift(kind: str, subject: str, path: str) -> Finding:
        return Finding(
            id=f"{kind}:{subject}:v2:.", kind=kind, severity=Severity.MEDIUM, title=subject,
            subject=subject, version="v2", component=".", facts=(),
            evidence=evidence(path, 7), advice="",
        )  # fmt: skip

    state = scan(
        findings=(
            drift("action-old-major", "githubactions/actions/checkout", ".github/workflows/a.yml"),
            drift(
                "action-old-major", "githubactions/actions/setup-node", ".github/workflows/b.yml"
            ),
            drift("action-old-major", "githubactions/actions/checkout", ".github/workflows/b.yml"),
            drift("minors-behind", "npm/left-pad", "package.json"),
        )
    )
    titles = {i.id: (i.title, i.milestone.check) for i in draft_roadmap(report(state)).initiatives}
    assert titles["fix:action-old-major"] == (
        "Move 2 Actions to their current majors in 2 workflows",
        MilestoneCheck("no-finding", "action-old-major"),
    )
    assert titles["fix:minors-behind"][0] == "Apply minor updates to 1 dependency"
