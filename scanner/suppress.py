"""Suppressions: a repository's ``[[ignore]]`` entries silence findings by id.

An entry's ``id`` is a finding id or a glob over ids (``end-of-life:python:*``, matched
case-sensitively with ``*`` and ``?``); the first entry that matches wins. An entry past its
``until`` day (on the day evaluated) no longer silences: the finding comes back, with a fact
saying which suppression expired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from fnmatch import fnmatchcase

from scanner.model import Fact, Finding, SuppressedFinding, Suppression


def apply_suppressions(
    findings: Sequence[Finding], suppressions: Sequence[Suppression], as_of: date
) -> tuple[tuple[Finding, ...], tuple[SuppressedFinding, ...]]:
    """The findings left, and those silenced with the suppression that did it."""
    kept: list[Finding] = []
    silenced: list[SuppressedFinding] = []
    for finding in findings:
        entry = next((s for s in suppressions if fnmatchcase(finding.id, s.id)), None)
        if entry is None:
            kept.append(finding)
        elif entry.until is not None and as_of > date.fromisoformat(entry.until):
            expired = Fact("suppression expired", f"{entry.until} ({entry.reason})")
            kept.append(replace(finding, facts=(*finding.facts, expired)))
        else:
            silenced.append(SuppressedFinding(finding, entry))
    return tuple(kept), tuple(silenced)
