"""From debt items to initiatives: the pieces of work that resolve them.

Items are grouped by what one piece of work fixes:

* a technology past or near its end of life, wherever it is used: "Upgrade Python 2.7 to
  3.14 in 3 components", or "Move off AngularJS" when no cycle of it is supported any more;
* a package that is deprecated, abandoned, yanked or badly behind: "Replace request",
  "Upgrade django to 5.2"; packages a major or two behind, per ecosystem: "Catch up 14 npm
  dependencies on new majors"; minor updates in one "routine updates" initiative;
* every Action on an old major; CI on retired runner images;
* each kind of static finding (committed secrets, missing lockfiles, no tests...).

An upgrade whose target needs a newer runtime than the components run (Django 6.0 needs
Python 3.12, Spring Boot 3 needs Java 17, from endoflife.date's cycle data) depends on that
runtime's upgrade; when no finding asks for that upgrade, a prerequisite initiative is made
for it from the technologies the scan saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from scanner.debt.model import DebtCategory, DebtItem, Milestone, MilestoneCheck
from scanner.model import Evidence, ScanReport, Severity, Technology
from scanner.releases.cycles import release_numbers

TECHNOLOGY_KINDS = frozenset({"end-of-life", "end-of-life-soon", "security-support-only"})
PACKAGE_KINDS = frozenset(
    {"majors-behind", "deprecated", "abandoned", "yanked", "range-excludes-supported"}
)
REPLACEMENT_KINDS = frozenset({"deprecated", "abandoned"})
# Runtimes whose major versions are different languages to migrate between (2 to 3).
LANGUAGE_GENERATIONS = {"python": 3}
_WORK_BY_CATEGORY = {
    "runtime": "runtime-upgrade",
    "framework": "framework-upgrade",
    "datastore": "datastore-upgrade",
}

# (work, title, goal, milestone text) for the initiative that resolves every finding of a
# kind; titles may name {count} components, {repositories}, {subjects}, {dependencies}
# and {workflows}.
STATIC_WORK: dict[str, tuple[str, str, str, str]] = {
    "action-old-major": (
        "actions", "Move {subjects} Actions to their current majors in {workflows}",
        "Every Action on a supported major", "No Action older than its current major",
    ),
    "retired-runner": (
        "ci-runners", "Move CI off retired runner images", "CI runs on supported images",
        "No CI job on a retired runner image",
    ),
    "minors-behind": (
        "routine-updates", "Apply minor updates to {dependencies}",
        "Dependencies current within their major versions",
        "No dependency behind on minor versions",
    ),
    "private-key": (
        "secrets", "Remove committed private keys and rotate them",
        "No private key is kept in a repository", "No private key committed",
    ),
    "env-file-with-values": (
        "secrets", "Take .env files with values out of the repositories",
        "Secrets live in a secret store, not in committed files",
        "No .env file with values committed",
    ),
    "no-lockfile": (
        "lockfiles", "Commit lockfiles for {count}",
        "Every install resolves the same versions", "Every component has its lockfile",
    ),
    "unpinned-dependencies": (
        "lockfiles", "Pin or lock the dependencies of {count}",
        "Every runtime dependency resolves to a known version",
        "No direct dependency left unpinned and unlocked",
    ),
    "no-ci": (
        "ci-setup", "Set up CI for {repositories}",
        "Every change is built and tested before it merges", "Every repository has CI",
    ),
    "several-ci-systems": (
        "ci-consolidation", "Consolidate CI onto one system in {repositories}",
        "One CI system per repository to maintain", "One CI system per repository",
    ),
    "no-tests": (
        "tests", "Add tests to {count}", "Changes are checked by tests",
        "Every component has tests",
    ),
    "version-disagreement": (
        "runtime-pins", "Pin each runtime once in {count}",
        "One version of each runtime per component, wherever it is pinned",
        "No runtime pinned to different versions in one component",
    ),
    "shared-database": (
        "decoupling", "Give each service its own database or API",
        "Services change their data independently", "No database shared by services",
    ),
    "duplicate-purpose": (
        "consolidation", "Settle on one library per job in {count}",
        "One library per job to learn and keep current", "No two libraries doing one job",
    ),
    "several-majors": (
        "consolidation", "Align each framework on one major version",
        "One major version of each framework to support",
        "No framework at several major versions",
    ),
    "single-database-instance": (
        "scaling", "Add replicas to single database instances",
        "A database failure or upgrade does not stop the service",
        "No single database instance",
    ),
}  # fmt: skip


@dataclass
class Draft:
    """An initiative before it is scored and scheduled (see :mod:`scanner.debt.scoring`).

    ``work`` names the kind of work (the base effort's key); ``majors`` the major versions
    jumped; ``uses`` the files that use what changes; ``requires`` the runtimes the target
    needs, as ``(runtime key, oldest version)``; ``subject`` what the initiative changes (a
    technology key, an ``ecosystem/package``, a finding kind); ``target`` the version aimed
    at, if any.
    """

    id: str
    title: str
    goal: str
    category: DebtCategory
    work: str
    items: list[DebtItem]
    components: set[str]
    milestone: Milestone
    subject: str
    target: str | None = None
    name: str = ""
    majors: int = 0
    one_way: str | None = None
    requires: list[tuple[str, str]] = field(default_factory=list)
    depends_on: list[tuple[str, str]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def uses(self) -> int:
        """Files that use what the initiative changes."""
        return len({evidence.path for evidence in self.all_evidence()})

    @property
    def severity(self) -> Severity:
        """The most severe item's severity (low for a prerequisite without items)."""
        return min(
            (item.severity for item in self.items), key=lambda s: s.rank, default=Severity.LOW
        )

    def all_evidence(self) -> list[Evidence]:
        """The evidence of every item, then the initiative's own, without repeats."""
        seen = dict.fromkeys([e for item in self.items for e in item.evidence] + self.evidence)
        return list(seen)


def draft_initiatives(items: Sequence[DebtItem], report: ScanReport) -> list[Draft]:
    """The initiatives that resolve ``items`` (found in ``report``), with the prerequisite
    runtime upgrades their targets need and the dependencies between them."""
    technologies = _technologies(report)
    drafts: list[Draft] = []
    drafts += _technology_upgrades([i for i in items if _is_technology_item(i)], technologies)
    drafts += _package_work([i for i in items if i.kind in PACKAGE_KINDS])
    drafts += _grouped(items)
    _link_runtime_requirements(drafts, technologies)
    return drafts


def _is_technology_item(item: DebtItem) -> bool:
    return item.kind in TECHNOLOGY_KINDS and item.category is not DebtCategory.FRICTION


def _technologies(report: ScanReport) -> dict[str, list[tuple[str, Technology]]]:
    """Every technology of the reached scans by key, with its repository."""
    found: dict[str, list[tuple[str, Technology]]] = {}
    for scan in report.scans:
        for technology in scan.technologies:
            found.setdefault(technology.key, []).append((scan.repository.name, technology))
    return found


def _place(item: DebtItem) -> str:
    return f"{item.repository}:{item.component}"


def _fact(item: DebtItem, name: str) -> str | None:
    return next((fact.value for fact in item.facts if fact.name == name), None)


def _facts(item: DebtItem, name: str) -> list[str]:
    return [fact.value for fact in item.facts if fact.name == name]


def _count(places: Iterable[str], noun: str = "component") -> str:
    number = len(set(places))
    if number == 1:
        return f"1 {noun}"
    return f"{number} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"


def _technology_upgrades(
    items: list[DebtItem], technologies: dict[str, list[tuple[str, Technology]]]
) -> list[Draft]:
    by_subject: dict[str, list[DebtItem]] = {}
    for item in items:
        by_subject.setdefault(item.subject, []).append(item)
    drafts = []
    for subject, group in by_subject.items():
        known = [technology for _, technology in technologies.get(subject, [])]
        main = next((t for t in known if t.category in _WORK_BY_CATEGORY), None)
        main = main or (known[0] if known else None)
        name = main.name if main else subject
        kind_of = main.category if main else ""
        target = next((t for t in (_fact(i, "upgrade to") for i in group) if t), None)
        versions = sorted({_cycle(i) for i in group}, key=_numbers)
        places = {_place(i) for i in group}
        category = group[0].category
        if target is None:
            drafts.append(
                Draft(
                    id=f"replace:{subject}",
                    title=f"Move off {name}",
                    goal=f"No component depends on {name}, which no longer gets support",
                    category=category,
                    work="replacement",
                    items=group,
                    components=places,
                    milestone=Milestone(
                        f"No component uses {name}", MilestoneCheck("no-technology", subject)
                    ),
                    subject=subject,
                    one_way=f"replacing {name} changes code built on it throughout",
                )
            )
            continue
        majors = max((_majors(v, target) for v in versions), default=0)
        parsed = {_requirement(text) for i in group for text in _facts(i, "upgrade requires")}
        requires = sorted(requirement for requirement in parsed if requirement is not None)
        drafts.append(
            Draft(
                id=f"upgrade:{subject}",
                title=f"Upgrade {name} {', '.join(versions)} to {target} in {_count(places)}",
                goal=f"{name} on a supported release ({target}) everywhere",
                category=category,
                work=_WORK_BY_CATEGORY.get(kind_of, "technology-upgrade"),
                items=group,
                components=places,
                milestone=Milestone(
                    f"All components on {name} {target} or newer",
                    MilestoneCheck("min-version", subject, target),
                ),
                subject=subject,
                target=target,
                name=name,
                majors=majors,
                one_way=_one_way(subject, kind_of, versions, target, name),
                requires=requires,
            )
        )
    return drafts


def _cycle(item: DebtItem) -> str:
    cycle = _fact(item, "cycle") or item.version or "?"
    return cycle.split(" ", 1)[0]


def _numbers(version: str) -> tuple[int, ...]:
    return release_numbers(version) or ()


def _majors(current: str, target: str) -> int:
    now, then = _numbers(current), _numbers(target)
    if not now or not then:
        return 0
    return max(0, then[0] - now[0])


def _requirement(text: str) -> tuple[str, str] | None:
    runtime, _, version = text.partition(" ")
    return (runtime, version) if runtime and version else None


def _one_way(
    subject: str, category: str, versions: list[str], target: str, name: str
) -> str | None:
    """Why an upgrade is hard to reverse, or ``None``: a datastore's data files migrate
    forward only across majors; some runtimes' majors are different languages."""
    jumped = any(_majors(version, target) for version in versions)
    if category == "datastore" and jumped:
        return f"{name}'s data files migrate forward only across major versions"
    generation = LANGUAGE_GENERATIONS.get(subject)
    if generation is not None:
        crossing = any(
            (_numbers(v) or (0,))[0] < generation <= (_numbers(target) or (0,))[0] for v in versions
        )
        if crossing:
            return f"moving to {name} {generation} is a migration to another language version"
    return None


def _package_work(items: list[DebtItem]) -> list[Draft]:
    """One initiative per package that must be replaced or is badly behind; packages one or
    two majors behind grouped per ecosystem."""
    by_subject: dict[str, list[DebtItem]] = {}
    for item in items:
        by_subject.setdefault(item.subject, []).append(item)
    drafts: list[Draft] = []
    routine: dict[str, list[DebtItem]] = {}
    for subject, group in sorted(by_subject.items()):
        ecosystem, _, package = subject.partition("/")
        places = {_place(i) for i in group}
        kinds = {i.kind for i in group}
        latest = next((t for t in (_fact(i, "latest") for i in group) if t), None)
        if kinds & REPLACEMENT_KINDS:
            drafts.append(
                Draft(
                    id=f"replace:{subject}",
                    title=f"Replace {package} ({ecosystem})",
                    goal=f"No component depends on {package}, which is {_word(kinds)}",
                    category=group[0].category,
                    work="replacement",
                    items=group,
                    components=places,
                    subject=subject,
                    milestone=Milestone(
                        f"No component depends on {package}",
                        MilestoneCheck("no-technology", subject),
                    ),
                )
            )
            continue
        severe = any(i.severity.rank <= Severity.HIGH.rank for i in group)
        if severe or kinds - {"majors-behind"} or latest is None:
            target = latest or "a supported release"
            drafts.append(
                Draft(
                    id=f"upgrade:{subject}",
                    title=f"Upgrade {package} ({ecosystem}) to {target} in {_count(places)}",
                    goal=f"{package} on {target}",
                    category=group[0].category,
                    work="library-upgrade",
                    items=group,
                    components=places,
                    subject=subject,
                    target=latest,
                    name=package,
                    requires=_strictest(group),
                    majors=max(_majors_behind(i) for i in group),
                    milestone=Milestone(
                        f"{package} at {latest} or newer everywhere",
                        MilestoneCheck("min-version", subject, latest),
                    )
                    if latest
                    else Milestone(
                        f"No finding left about {package}",
                        MilestoneCheck("no-finding", "*", about=subject),
                    ),
                )
            )
            continue
        routine.setdefault(ecosystem, []).extend(group)
    for ecosystem, group in sorted(routine.items()):
        packages = {i.subject for i in group}
        drafts.append(
            Draft(
                id=f"catch-up:{ecosystem}",
                title=f"Catch up {len(packages)} {ecosystem} dependencies on new majors",
                goal=f"No {ecosystem} dependency a major version behind",
                category=DebtCategory.OUTDATED,
                work="library-upgrade",
                items=group,
                components={_place(i) for i in group},
                subject=f"{ecosystem}/*",
                majors=max(_majors_behind(i) for i in group),
                requires=_strictest(group),
                milestone=Milestone(
                    f"No {ecosystem} dependency a major version behind",
                    MilestoneCheck("no-finding", "majors-behind", about=f"{ecosystem}/*"),
                ),
            )
        )
    return drafts


def _strictest(items: list[DebtItem]) -> list[tuple[str, str]]:
    """The newest version of each runtime that the items' upgrade targets need."""
    needs: dict[str, str] = {}
    for item in items:
        for text in _facts(item, "upgrade requires"):
            requirement = _requirement(text)
            if requirement is None:
                continue
            runtime, version = requirement
            if runtime not in needs or _numbers(version) > _numbers(needs[runtime]):
                needs[runtime] = version
    return sorted(needs.items())


def _word(kinds: set[str]) -> str:
    return " and ".join(sorted(kinds & REPLACEMENT_KINDS))


def _majors_behind(item: DebtItem) -> int:
    value = _fact(item, "majors behind")
    return int(value) if value and value.isdigit() else 0


def _grouped(items: Sequence[DebtItem]) -> list[Draft]:
    """Initiatives made of every item of one kind: Actions, retired runners, minor updates
    and each kind of static finding."""
    by_kind: dict[str, list[DebtItem]] = {}
    for item in items:
        if item.kind in PACKAGE_KINDS or _is_technology_item(item) or item.kind == "unknown":
            continue
        key = "retired-runner" if item.kind in TECHNOLOGY_KINDS else item.kind
        by_kind.setdefault(key, []).append(item)
    drafts = []
    for kind, group in sorted(by_kind.items()):
        places = {_place(i) for i in group}
        work, title, goal, milestone = STATIC_WORK.get(
            kind,
            ("other", f"Resolve the {kind} findings in {{count}}", f"No {kind} finding left",
             f"No {kind} finding"),
        )  # fmt: skip
        title = title.format(
            count=_count(places),
            repositories=_count({i.repository for i in group}, "repository"),
            subjects=len({i.subject for i in group}),
            dependencies=_count({i.subject for i in group}, "dependency"),
            workflows=_count({e.path for i in group for e in i.evidence}, "workflow"),
        )
        check = MilestoneCheck("no-finding", kind)
        if kind == "retired-runner":
            labels = ",".join(sorted({i.subject for i in group}))
            check = MilestoneCheck("no-finding", "end-of-life", about=labels)
        drafts.append(
            Draft(
                id=f"fix:{kind}",
                title=title,
                goal=goal,
                category=group[0].category,
                work=work,
                items=group,
                components=places,
                subject=kind,
                milestone=Milestone(milestone, check),
                one_way="splitting a shared database changes the data model"
                if kind == "shared-database"
                else None,
            )
        )
    return drafts


def _link_runtime_requirements(
    drafts: list[Draft], technologies: dict[str, list[tuple[str, Technology]]]
) -> None:
    """Make each upgrade depend on the runtime upgrade its target needs, adding that
    runtime upgrade when no finding asked for it but the scan saw older versions."""
    by_subject = {draft.subject: draft for draft in drafts if draft.id.startswith("upgrade:")}
    for draft in list(drafts):
        for runtime, needed in draft.requires:
            what = f"{draft.name} {draft.target}" if draft.name else f"the target of {draft.title}"
            reason = f"{what} needs {runtime} {needed} or newer"
            prerequisite = by_subject.get(runtime)
            if prerequisite is None:
                prerequisite = _runtime_prerequisite(runtime, needed, draft, technologies)
                if prerequisite is None:
                    continue
                drafts.append(prerequisite)
                by_subject[runtime] = prerequisite
            if prerequisite is not draft:
                draft.depends_on.append((prerequisite.id, reason))


def _runtime_prerequisite(
    runtime: str,
    needed: str,
    dependent: Draft,
    technologies: dict[str, list[tuple[str, Technology]]],
) -> Draft | None:
    """An upgrade of ``runtime`` to ``needed`` for the components of the dependent's
    repositories that run an older version; ``None`` when none does."""
    repositories = {place.split(":", 1)[0] for place in dependent.components}
    older = [
        (repository, technology)
        for repository, technology in technologies.get(runtime, [])
        if repository in repositories
        and technology.version
        and _numbers(technology.version)
        and _numbers(technology.version) < _numbers(needed)
    ]
    if not older:
        return None
    name = older[0][1].name
    versions = sorted({str(t.version) for _, t in older}, key=_numbers)
    places = {f"{repository}:{t.component or '.'}" for repository, t in older}
    return Draft(
        id=f"upgrade:{runtime}",
        title=f"Upgrade {name} {', '.join(versions)} to {needed} in {_count(places)}",
        goal=f"{name} {needed} or newer, as {dependent.title.removeprefix('Upgrade ')} needs",
        category=DebtCategory.OUTDATED,
        work="runtime-upgrade",
        items=[],
        components=places,
        milestone=Milestone(
            f"All components on {name} {needed} or newer",
            MilestoneCheck("min-version", runtime, needed),
        ),
        subject=runtime,
        target=needed,
        majors=max(_majors(v, needed) for v in versions),
        one_way=_one_way(runtime, "runtime", versions, needed, name),
        evidence=[e for _, t in older for e in t.evidence],
    )
