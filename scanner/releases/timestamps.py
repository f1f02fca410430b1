"""Registry timestamps (RFC 3339, and the ISO 8601 date-times the registries write) in UTC.

Every registry dates its releases with an RFC 3339 or ISO 8601 extended-format date-time, and
each writes it a little differently: ``2013-02-27T19:35:32Z`` (GitHub), ``…41.431Z`` (npm,
RubyGems), ``…32.43+00:00`` (NuGet, any number of fraction digits), ``…07.123456789Z``
(the Go module proxy, nanoseconds), ``2019-11-17 14:45:25`` (composer.json, a space for the
``T`` and no offset). :func:`parse_timestamp` reads them all the same way on every supported
Python. ``datetime.fromisoformat`` is not used: Python 3.10's rejects a trailing ``Z`` and
fractions that are not 3 or 6 digits long, and from 3.11 on it accepts much more (basic
format, week dates, any character between date and time), so what it reads would depend on
the interpreter.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

__all__ = ["parse_timestamp"]

_TIMESTAMP = re.compile(
    r"""
    (?P<year>[0-9]{4}) - (?P<month>[0-9]{2}) - (?P<day>[0-9]{2})
    [Tt\ ]
    (?P<hour>[0-9]{2}) : (?P<minute>[0-9]{2})
    (?: : (?P<second>[0-9]{2}) (?: [.,] (?P<fraction>[0-9]+) )? )?
    (?:
        [Zz]
        | (?P<sign>[+-]) (?P<offset_hours>[0-9]{2}) (?: :? (?P<offset_minutes>[0-9]{2}) )?
    )?
    """,
    re.VERBOSE,
)


def parse_timestamp(value: object) -> datetime | None:
    """``value`` as a timezone-aware UTC datetime, or ``None`` when it is not a date-time
    string this reads (never raises).

    Read: ``YYYY-MM-DD``, then ``T``, ``t`` or a space, then ``hh:mm`` with optional
    ``:ss`` and an optional fraction of any length after a ``.`` or ``,`` (truncated to
    microseconds), then ``Z``/``z``, an offset ``±hh:mm``, ``±hhmm`` or ``±hh``, or nothing,
    which is read as UTC; whitespace around it is ignored. A leap second (``:60``) is read as
    the last microsecond of the minute before it. Anything else is ``None``: another type, a
    bare date, an impossible date or time (``02-30``, ``24:00``, an offset of 24 hours or
    more), one that is out of :class:`datetime`'s range once in UTC, and the other ISO 8601
    forms (basic format, week and ordinal dates) that no registry writes.
    """
    if not isinstance(value, str):
        return None
    match = _TIMESTAMP.fullmatch(value.strip())
    if match is None:
        return None
    second = int(match["second"] or 0)
    microsecond = int((match["fraction"] or "")[:6].ljust(6, "0"))
    if second == 60:
        second, microsecond = 59, 999_999
    offset = timedelta()
    if match["sign"]:
        hours, minutes = int(match["offset_hours"]), int(match["offset_minutes"] or 0)
        if hours > 23 or minutes > 59:
            return None
        offset = timedelta(hours=hours, minutes=minutes)
        if match["sign"] == "-":
            offset = -offset
    try:
        local = datetime(
            int(match["year"]),
            int(match["month"]),
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            second,
            microsecond,
        )
        return (local - offset).replace(tzinfo=timezone.utc)
    except (ValueError, OverflowError):  # an impossible date or time, or out of range in UTC
        return None
