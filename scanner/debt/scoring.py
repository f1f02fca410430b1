"""RICE estimates of initiatives, every input with the reason it has its value.

* **Reach**: the components the initiative touches (with the repositories and files);
* **Impact**: the most severe item's severity (critical 3, high 2, medium 1, low 0.5, info
  0.25) times its category's weight (security 1.0, outdated 0.9, coupling and scaling 0.8,
  friction 0.7);
* **Confidence**: the mean over the items of how their versions were known (resolved 1.0,
  declared 0.8, inferred 0.5);
* **Effort**: person-weeks: a base for the kind of work, plus one a major version jumped
  (up to five), half a week a component after the first, and a twentieth a file that uses
  what changes.

All of it comes from :class:`~scanner.debt.settings.RoadmapSettings`, so it can be changed in
configuration.
"""

from __future__ import annotations

from collections import Counter

from scanner.debt.initiatives import Draft
from scanner.debt.model import Estimate
from scanner.debt.settings import RoadmapSettings

_PREREQUISITE_CONFIDENCE = "declared"


def estimate(draft: Draft, settings: RoadmapSettings) -> Estimate:
    """The RICE estimate of ``draft``."""
    repositories = {place.split(":", 1)[0] for place in draft.components}
    files = draft.uses
    reach = max(1, len(draft.components))
    reach_detail = (
        f"{_plural(reach, 'component')} in {_plural(len(repositories), 'repository')}, "
        f"{_plural(files, 'file')}"
    )

    severity = draft.severity
    severity_score = settings.impact.get(severity, 1.0)
    weight = settings.category_weight.get(draft.category.value, 1.0)
    impact = round(severity_score * weight, 2)
    impact_reason = (
        f"{severity.value} ({severity_score:g}) x {draft.category.value} weight {weight:g}"
        + (" (as a prerequisite)" if not draft.items else "")
    )

    levels = [item.confidence.value for item in draft.items] or [_PREREQUISITE_CONFIDENCE]
    confidence = round(
        sum(settings.confidence.get(level, 0.5) for level in levels) / len(levels), 2
    )
    counted = Counter(levels)
    confidence_reason = ", ".join(f"{count} {level}" for level, count in sorted(counted.items()))

    base = settings.base_effort.get(draft.work, settings.base_effort.get("other", 1.0))
    majors = min(draft.majors, settings.max_majors)
    extra_components = max(0, reach - 1)
    effort = base + settings.per_major * majors + settings.per_component * extra_components
    effort += settings.per_use * files
    effort = round(max(effort, 0.25), 2)
    effort_reason = (
        f"{draft.work} base {base:g} + {settings.per_major:g} x {majors} majors jumped + "
        f"{settings.per_component:g} x {extra_components} more components + "
        f"{settings.per_use:g} x {files} files using it"
    )
    score = round(reach * impact * confidence / effort, 2)
    return Estimate(
        reach=reach,
        reach_detail=reach_detail,
        impact=impact,
        impact_reason=impact_reason,
        confidence=confidence,
        confidence_reason=confidence_reason,
        effort_weeks=effort,
        effort_reason=effort_reason,
        score=score,
    )


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {noun[:-1] + 'ies' if noun.endswith('y') else noun + 's'}"
