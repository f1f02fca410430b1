"""The planning inputs of the roadmap draft, with their defaults.

Every heuristic weight is here, so that a lead who disagrees with an estimate changes the
number in configuration (``[roadmap]`` in the ``--config`` file) rather than the code. The
keys are documented in ``docs/configuration.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scanner.model import Severity

DEFAULT_IMPACT = {
    Severity.CRITICAL: 3.0,
    Severity.HIGH: 2.0,
    Severity.MEDIUM: 1.0,
    Severity.LOW: 0.5,
    Severity.INFO: 0.25,
}
DEFAULT_CATEGORY_WEIGHT = {
    "security-risk": 1.0,
    "outdated-dependencies": 0.9,
    "architectural-coupling": 0.8,
    "scaling-bottleneck": 0.8,
    "developer-experience": 0.7,
}
DEFAULT_CONFIDENCE = {"resolved": 1.0, "declared": 0.8, "inferred": 0.5}
# Person-weeks an initiative of each kind costs before anything else is counted.
DEFAULT_BASE_EFFORT = {
    "runtime-upgrade": 2.0,
    "framework-upgrade": 3.0,
    "datastore-upgrade": 2.0,
    "technology-upgrade": 1.0,
    "library-upgrade": 0.5,
    "replacement": 4.0,
    "actions": 0.5,
    "ci-runners": 0.5,
    "routine-updates": 1.0,
    "secrets": 1.0,
    "lockfiles": 0.5,
    "ci-setup": 1.0,
    "ci-consolidation": 2.0,
    "tests": 2.0,
    "runtime-pins": 0.5,
    "decoupling": 4.0,
    "consolidation": 2.0,
    "scaling": 2.0,
    "other": 1.0,
}


@dataclass(frozen=True)
class RoadmapSettings:
    """Planning inputs.

    ``start_quarter`` is ``YYYY-Qn`` (``None``: the quarter after the day evaluated);
    ``capacity_weeks`` the person-weeks the team gives the roadmap each quarter; ``buffer``
    the share added to every effort (0.2 to 0.3). Effort is ``base`` for the initiative's
    kind, plus ``per_major`` for each major version jumped (up to ``max_majors``), plus
    ``per_component`` for each component after the first, plus ``per_use`` for each file
    that uses what changes.
    """

    start_quarter: str | None = None
    capacity_weeks: float = 12.0
    buffer: float = 0.25
    max_phases: int = 4
    max_per_phase: int = 5
    impact: Mapping[Severity, float] = field(default_factory=lambda: dict(DEFAULT_IMPACT))
    category_weight: Mapping[str, float] = field(
        default_factory=lambda: dict(DEFAULT_CATEGORY_WEIGHT)
    )
    confidence: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_CONFIDENCE))
    base_effort: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_BASE_EFFORT))
    per_major: float = 1.0
    max_majors: int = 5
    per_component: float = 0.5
    per_use: float = 0.05
