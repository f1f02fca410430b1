"""The shared registry timestamp parser: every form the registries write, read the same way on
every supported Python (the cases ``datetime.fromisoformat`` gets wrong on 3.10 included), and
``None``, never an exception, for anything else."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from scanner.releases.timestamps import parse_timestamp

UTC = timezone.utc

READ: list[tuple[str, datetime]] = [
    # The form each registry writes.
    ("2013-02-27T19:35:32Z", datetime(2013, 2, 27, 19, 35, 32, tzinfo=UTC)),  # GitHub
    ("2018-08-10T22:53:41.431Z", datetime(2018, 8, 10, 22, 53, 41, 431000, UTC)),  # npm
    ("2019-07-03T21:04:46.402Z", datetime(2019, 7, 3, 21, 4, 46, 402000, UTC)),  # RubyGems
    ("2023-05-20T14:03:11.254031+00:00", datetime(2023, 5, 20, 14, 3, 11, 254031, UTC)),  # crates
    ("2019-09-03T15:28:07.123456789Z", datetime(2019, 9, 3, 15, 28, 7, 123456, UTC)),  # Go proxy
    ("2018-04-12T18:16:32.43+00:00", datetime(2018, 4, 12, 18, 16, 32, 430000, UTC)),  # NuGet
    ("2019-11-17T14:45:25+00:00", datetime(2019, 11, 17, 14, 45, 25, tzinfo=UTC)),  # Packagist
    ("2019-11-17 14:45:25", datetime(2019, 11, 17, 14, 45, 25, tzinfo=UTC)),  # composer.json
    # What Python 3.10's datetime.fromisoformat rejects: a Z, fractions not 3 or 6 digits long.
    ("2020-01-02T03:04:05Z", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05z", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05.1Z", datetime(2020, 1, 2, 3, 4, 5, 100000, UTC)),
    ("2020-01-02T03:04:05.12+00:00", datetime(2020, 1, 2, 3, 4, 5, 120000, UTC)),
    ("2020-01-02T03:04:05.1234Z", datetime(2020, 1, 2, 3, 4, 5, 123400, UTC)),
    ("2020-01-02T03:04:05.12345Z", datetime(2020, 1, 2, 3, 4, 5, 123450, UTC)),
    ("2020-01-02T03:04:05.1234567Z", datetime(2020, 1, 2, 3, 4, 5, 123456, UTC)),
    ("2020-01-02T03:04:05.12345678Z", datetime(2020, 1, 2, 3, 4, 5, 123456, UTC)),
    ("2020-01-02T03:04:05.999999999Z", datetime(2020, 1, 2, 3, 4, 5, 999999, UTC)),  # truncated
    ("2020-01-02T03:04:05.123456789012Z", datetime(2020, 1, 2, 3, 4, 5, 123456, UTC)),
    ("2020-01-02T03:04:05.000Z", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05,5Z", datetime(2020, 1, 2, 3, 4, 5, 500000, UTC)),  # ISO decimal comma
    # Offsets, turned into UTC (crossing a day, a month and a year).
    ("2020-01-02T03:04:05+00:00", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05-00:00", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05+02:00", datetime(2020, 1, 2, 1, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05+05:30", datetime(2020, 1, 1, 21, 34, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05.5-07:00", datetime(2020, 1, 2, 10, 4, 5, 500000, UTC)),
    ("2020-01-02T03:04:05+0530", datetime(2020, 1, 1, 21, 34, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05-08", datetime(2020, 1, 2, 11, 4, 5, tzinfo=UTC)),
    ("2020-12-31T23:30:00-01:00", datetime(2021, 1, 1, 0, 30, tzinfo=UTC)),
    ("2020-03-01T00:30:00+01:00", datetime(2020, 2, 29, 23, 30, tzinfo=UTC)),
    ("2020-01-02T03:04:05+23:59", datetime(2020, 1, 1, 3, 5, 5, tzinfo=UTC)),
    # The separator and the offset in any case; no offset is UTC; whitespace around is ignored.
    ("2020-01-02t03:04:05z", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    ("2020-01-02T03:04:05.25", datetime(2020, 1, 2, 3, 4, 5, 250000, UTC)),
    ("2020-01-02 03:04:05.25+01:00", datetime(2020, 1, 2, 2, 4, 5, 250000, UTC)),
    ("  2020-01-02T03:04:05Z\n", datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)),
    # Reduced precision (no seconds), as ISO 8601 allows.
    ("2020-01-02T03:04Z", datetime(2020, 1, 2, 3, 4, tzinfo=UTC)),
    ("2020-01-02 03:04", datetime(2020, 1, 2, 3, 4, tzinfo=UTC)),
    # A leap second is the last microsecond of the minute before it.
    ("2016-12-31T23:59:60Z", datetime(2016, 12, 31, 23, 59, 59, 999999, UTC)),
    ("2016-12-31T18:59:60.5-05:00", datetime(2016, 12, 31, 23, 59, 59, 999999, UTC)),
    # Leap days, and the ends of datetime's range that stay in range once in UTC.
    ("2024-02-29T12:00:00Z", datetime(2024, 2, 29, 12, tzinfo=UTC)),
    ("0001-01-01T00:00:00Z", datetime(1, 1, 1, tzinfo=UTC)),
    ("0001-01-01T01:00:00+01:00", datetime(1, 1, 1, tzinfo=UTC)),
    ("9999-12-31T23:59:59.999999Z", datetime(9999, 12, 31, 23, 59, 59, 999999, UTC)),
    ("1900-01-01T00:00:00+00:00", datetime(1900, 1, 1, tzinfo=UTC)),  # NuGet's "unlisted"
]

NOT_READ: list[object] = [
    # Not a string.
    None,
    1577934245,
    1577934245.0,
    True,
    b"2020-01-02T03:04:05Z",
    datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
    ["2020-01-02T03:04:05Z"],
    {"time": "2020-01-02T03:04:05Z"},
    # Not a date-time.
    "",
    "   ",
    "now",
    "2020-01-02",  # a bare date
    "2020-01-02T",
    "2020-01-02T03",  # hours alone
    "03:04:05",
    "Thu, 02 Jan 2020 03:04:05 GMT",  # an HTTP date
    "2020-01-02T03:04:05Z trailing",
    "2020-01-02T03:04:05ZZ",
    "x2020-01-02T03:04:05Z",
    "2020-01-02T03:04:05 Z",
    "2020-01-02T03:04:05 +00:00",
    "2020-01-02T03:04:05 UTC",
    "2020-01-02  03:04:05",
    "2020-01-02_03:04:05",  # fromisoformat takes any character here; RFC 3339 does not
    "2020-01-02\n03:04:05",
    # Malformed parts.
    "2020-01-02T03:04:05.Z",  # a decimal point without digits
    "2020-01-02T03:04:05.",
    "2020-01-02T03:04:05+",
    "2020-01-02T03:04:05+1",
    "2020-01-02T03:04:05+01:",
    "2020-01-02T03:04:05+01:0",
    "2020-01-02T03:04:05+01:00:00",  # offset seconds
    "2020-01-02T03:04:05+01:00Z",
    "20-01-02T03:04:05Z",
    "20200-01-02T03:04:05Z",
    "2020-1-2T3:04:05Z",
    "2020-01-02T03:4:05Z",
    "2020-01-02T03:04:5Z",
    "+2020-01-02T03:04:05Z",
    "-2020-01-02T03:04:05Z",
    # Other ISO 8601 forms no registry writes.
    "20200102T030405Z",  # basic format
    "2020-01-02T030405Z",
    "2020-W01-4T03:04:05Z",  # a week date
    "2020-002T03:04:05Z",  # an ordinal date
    # Impossible dates and times.
    "2020-02-30T03:04:05Z",
    "2019-02-29T03:04:05Z",
    "2020-13-01T03:04:05Z",
    "2020-00-10T03:04:05Z",
    "2020-01-00T03:04:05Z",
    "0000-01-01T00:00:00Z",
    "2020-01-02T24:00:00Z",
    "2020-01-02T23:60:00Z",
    "2020-01-02T23:59:61Z",
    "2020-01-02T03:04:05+24:00",
    "2020-01-02T03:04:05-99:00",
    "2020-01-02T03:04:05+05:60",
    # In range as written, out of datetime's range once in UTC (fromisoformat plus astimezone
    # raises OverflowError here).
    "0001-01-01T00:00:00+00:01",
    "9999-12-31T23:59:59-00:01",
    # Digits that are not ASCII (str.isdigit and int() accept them; RFC 3339 does not).
    "\uff12\uff10\uff12\uff10-01-02T03:04:05Z",  # fullwidth
    "2020-01-02T03:04:05.\u0661\u0662\u0663Z",  # Arabic-Indic
]


@pytest.mark.parametrize(("text", "expected"), READ)
def test_a_timestamp_is_read_in_utc(text: str, expected: datetime) -> None:
    moment = parse_timestamp(text)
    assert moment == expected
    assert moment is not None and moment.tzinfo is timezone.utc
    assert moment.utcoffset() == timedelta(0)


@pytest.mark.parametrize("value", NOT_READ, ids=repr)
def test_anything_else_is_none(value: object) -> None:
    assert parse_timestamp(value) is None


def test_a_str_subclass_is_read() -> None:
    class Text(str):
        pass

    assert parse_timestamp(Text("2020-01-02T03:04:05Z")) == datetime(2020, 1, 2, 3, 4, 5, 0, UTC)


def test_the_same_instant_in_any_offset_is_the_same_answer() -> None:
    instant = datetime(2021, 6, 30, 22, 15, 0, 125000, UTC)
    spellings = [
        "2021-06-30T22:15:00.125Z",
        "2021-06-30T22:15:00.125000000+00:00",
        "2021-07-01T03:45:00.125+05:30",
        "2021-07-01T03:45:00.125+0530",
        "2021-06-30T15:15:00.125-07:00",
        "2021-06-30 22:15:00.125",
    ]
    assert {parse_timestamp(text) for text in spellings} == {instant}


def test_what_datetime_writes_is_read_back() -> None:
    moments = [
        datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC),
        datetime(2020, 1, 2, 3, 4, 5, 678000, UTC),
        datetime(2020, 1, 2, 3, 4, 5, 678901, timezone(timedelta(hours=-9, minutes=-30))),
    ]
    for moment in moments:
        for spec in ("auto", "milliseconds", "microseconds"):
            text = moment.isoformat(timespec=spec)
            truncated = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
            expected = truncated if spec == "milliseconds" else moment
            assert parse_timestamp(text) == expected
            assert parse_timestamp(text.replace("+00:00", "Z")) == expected
