"""The debt catalog and the roadmap draft: plain, frozen, serialisable records.

A scan's findings become :class:`DebtItem` records (one per finding, in one of the
categories of a technology roadmap's debt catalog); items that one piece of work resolves
are grouped into an :class:`Initiative` with its RICE estimate, lenses and a milestone that
stackaudit can check on a later scan; initiatives are ordered and placed in phases and
quarters in a :class:`Roadmap`. Every number carries the inputs it was computed from, so a
lead can see and correct it. Nothing in here does I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from scanner.model import Evidence, Fact, Severity


class DebtCategory(str, Enum):
    """The debt catalog's categories."""

    OUTDATED = "outdated-dependencies"
    SECURITY = "security-risk"
    FRICTION = "developer-experience"
    COUPLING = "architectural-coupling"
    SCALING = "scaling-bottleneck"


class Confidence(str, Enum):
    """How sure the version behind an item is: resolved from a lockfile or an exact pin,
    declared as a range, or inferred (from a CI setup step, an image tag, a guess)."""

    RESOLVED = "resolved"
    DECLARED = "declared"
    INFERRED = "inferred"


@dataclass(frozen=True, slots=True)
class DebtItem:
    """One piece of debt, from one finding: ``id`` is the finding's id, ``repository`` the
    scanned repository's name, ``component`` its path in that repository."""

    id: str
    category: DebtCategory
    kind: str
    severity: Severity
    title: str
    repository: str
    component: str
    subject: str
    version: str | None
    confidence: Confidence
    facts: tuple[Fact, ...]
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class Estimate:
    """The RICE estimate of an initiative, each input with the reason it has that value.

    ``reach`` counts the components touched (``reach_detail`` adds repositories and files);
    ``impact`` is 0.25 to 3 from severity and category; ``confidence`` is 0.5 to 1 from how
    the versions were known; ``effort_weeks`` is person-weeks before the planning buffer;
    ``score`` is reach * impact * confidence / effort.
    """

    reach: int
    reach_detail: str
    impact: float
    impact_reason: str
    confidence: float
    confidence_reason: str
    effort_weeks: float
    effort_reason: str
    score: float


@dataclass(frozen=True, slots=True)
class MilestoneCheck:
    """A condition a later scan can be held to.

    ``kind`` is ``min-version`` (every versioned technology ``subject`` is at ``version`` or
    newer), ``no-finding`` (no finding of kind ``subject``, or of kind ``subject`` about
    ``about`` when given) or ``no-technology`` (technology ``subject`` is gone).
    """

    kind: str
    subject: str
    version: str | None = None
    about: str | None = None


@dataclass(frozen=True, slots=True)
class Milestone:
    """A measurable milestone: the sentence for people and the check behind it."""

    text: str
    check: MilestoneCheck


@dataclass(frozen=True, slots=True)
class Initiative:
    """A piece of work that resolves a group of debt items.

    ``components`` are ``repository:path`` pairs. ``risk_reduction`` marks initiatives that
    close end-of-life or security gaps (they go first); ``one_way`` marks migrations that are
    hard to reverse (a language or data model). ``depends_on`` names initiatives that must be
    done first, ``dependency_reasons`` says why, one per entry.
    """

    id: str
    title: str
    goal: str
    category: DebtCategory
    items: tuple[str, ...]
    components: tuple[str, ...]
    estimate: Estimate
    risk_reduction: bool
    one_way: bool
    depends_on: tuple[str, ...]
    dependency_reasons: tuple[str, ...]
    milestone: Milestone
    rationale: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ScheduledInitiative:
    """Where an initiative falls: its phase, its first and last quarter (``2027-Q1``), and
    the effort planned with the buffer added."""

    initiative: str
    phase: str
    start_quarter: str
    end_quarter: str
    planned_weeks: float


@dataclass(frozen=True, slots=True)
class Phase:
    """A phase of the roadmap: its name, theme, quarters and initiatives in order."""

    name: str
    theme: str
    start_quarter: str
    end_quarter: str
    initiatives: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Roadmap:
    """The roadmap draft.

    ``capacity_weeks`` is the team's capacity in person-weeks per quarter, ``buffer`` the
    share added to every effort (0.2 to 0.3). ``looked_for`` lists what the static checks
    looked for, found or not, so that an empty category can be told from an unexamined one.
    """

    generated_at: str
    as_of: str
    repositories: tuple[str, ...]
    start_quarter: str
    capacity_weeks: float
    buffer: float
    catalog: tuple[DebtItem, ...]
    initiatives: tuple[Initiative, ...]
    schedule: tuple[ScheduledInitiative, ...]
    phases: tuple[Phase, ...]
    looked_for: tuple[str, ...]
