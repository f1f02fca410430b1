"""What every hygiene check shares: the finding record and which components are judged."""

from __future__ import annotations

import re
from collections.abc import Iterable

from scanner.model import Evidence, Fact, Finding, Severity

FIXTURE_WORDS = frozenset(
    {"test", "tests", "testing", "testdata", "spec", "specs", "fixture", "fixtures", "e2e",
     "example", "examples", "sample", "samples"}
)  # fmt: skip
"""Words that make a directory a test, fixture or example directory: its components are not
judged."""

REPOSITORY = "."
_WORD_RE = re.compile(r"[^a-z0-9]+")


def judged(component: str) -> bool:
    """Whether a component is judged: no directory of its path has a word (split at any
    character other than a letter or digit, case ignored) in :data:`FIXTURE_WORDS`
    (``tests/``, ``__fixtures__/``, ``app-tests/``, ``_integration-test/``, ``examples/``)."""
    return not any(
        FIXTURE_WORDS.intersection(_WORD_RE.split(part)) for part in component.lower().split("/")
    )


def finding(
    kind: str,
    severity: Severity,
    subject: str,
    component: str,
    *,
    title: str,
    facts: Iterable[tuple[str, str]],
    evidence: Iterable[Evidence],
    advice: str,
    version: str | None = None,
) -> Finding:
    """A hygiene finding, its id ``kind:subject:component``."""
    return Finding(
        id=f"{kind}:{subject}:{component}",
        kind=kind,
        severity=severity,
        title=title,
        subject=subject,
        version=version,
        component=component,
        facts=tuple(Fact(name, value) for name, value in facts),
        evidence=tuple(evidence),
        advice=advice,
    )
