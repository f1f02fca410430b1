"""Matching versions to release cycles and support status, on products of the snapshot."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from scanner.releases.cycles import (
    Milestone,
    Product,
    ReleaseCycle,
    match_cycle,
    release_numbers,
    support_status,
)

SNAPSHOT_DAY = date(2026, 8, 22)


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("3.11.4", (3, 11, 4)), ("v18.17.0", (18, 17, 0)), ("15.3-bullseye", (15, 3)), ("x", None)],
)
def test_release_numbers(version: str, numbers: tuple[int, ...] | None) -> None:
    assert release_numbers(version) == numbers


@pytest.mark.parametrize(
    ("product", "version", "cycle", "approximate"),
    [
        ("python", "2.7.18", "2.7", False),
        ("python", "3.11", "3.11", False),
        ("python", "3.6.5", "3.6", False),
        ("nodejs", "6", "6", False),
        ("nodejs", "v10.24.1", "10", False),
        ("nodejs", "20.11.0", "20", False),
        ("django", "1.11.25", "1.11", False),
        ("django", "6.0.8", "6.0", False),
        ("ubuntu", "22.04", "22.04", False),
        ("mongodb", "4", "4.4", True),
        ("spring-boot", "2.7.5", "2.7", False),
    ],
)
def test_match_at_the_products_depth(
    snapshot_product: Callable[[str], Product],
    product: str,
    version: str,
    cycle: str,
    approximate: bool,
) -> None:
    match = match_cycle(snapshot_product(product), version)
    assert match is not None
    assert (match.cycle.name, match.approximate) == (cycle, approximate)


def test_no_match(snapshot_product: Callable[[str], Product]) -> None:
    python = snapshot_product("python")
    assert match_cycle(python, "99.1") is None
    assert match_cycle(python, "latest") is None


@pytest.mark.parametrize(
    ("product", "version", "end_of_life"),
    [
        ("python", "2.7", True),
        ("django", "1.11.25", True),
        ("django", "6.0.8", False),
        ("spring-boot", "2.7.5", True),
        ("angularjs", "1.8.0", True),
        ("mysql", "5.7", True),
        ("nodejs", "6", True),
        ("nodejs", "10", True),
    ],
)
def test_end_of_life_on_the_snapshot_day(
    snapshot_product: Callable[[str], Product], product: str, version: str, end_of_life: bool
) -> None:
    match = match_cycle(snapshot_product(product), version)
    assert match is not None
    assert support_status(match.cycle, SNAPSHOT_DAY).end_of_life is end_of_life


def test_status_is_recomputed_for_the_day_asked(snapshot_product: Callable[[str], Product]) -> None:
    match = match_cycle(snapshot_product("python"), "3.8")
    assert match is not None
    eol_day = match.cycle.end_of_life.on
    assert eol_day is not None
    before = support_status(match.cycle, eol_day)
    after = support_status(match.cycle, date.fromordinal(eol_day.toordinal() + 1))
    assert (before.end_of_life, before.days_left) == (False, 0)
    assert (after.end_of_life, after.days_left) == (True, -1)


def test_security_only_window() -> None:
    cycle = ReleaseCycle(
        name="3.12",
        release_date=date(2023, 10, 2),
        end_of_life=Milestone(on=date(2028, 10, 31)),
        active_support=Milestone(on=date(2025, 4, 2)),
        extended_support=Milestone(),
    )
    status = support_status(cycle, date(2026, 1, 1))
    assert status.security_only and status.end_of_life is False
    assert status.extended_support_ended is None
    assert not support_status(cycle, date(2025, 1, 1)).security_only


def test_a_plain_boolean_end_of_life_is_kept() -> None:
    cycle = ReleaseCycle(
        name="1",
        release_date=None,
        end_of_life=Milestone(passed=True),
        active_support=Milestone(),
        extended_support=Milestone(),
    )
    status = support_status(cycle, date(2020, 1, 1))
    assert (status.end_of_life, status.days_left) == (True, None)
