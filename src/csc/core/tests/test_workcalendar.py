"""Tests of csc.core.workcalendar: pure Python, no Django needed.

The holiday and make-up dates below are declared for these tests only; the module ships no
holiday data (the company maintains it).
"""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from csc.core.workcalendar import (
    DEFAULT_HOURS,
    WorkCalendar,
    format_hours,
    parse_hours,
    validate_hours,
)

SH = ZoneInfo("Asia/Shanghai")
PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")

NATIONAL_DAY_2026 = frozenset(date(2026, 10, day) for day in range(1, 8))
# Make-up working days around National Day 2026 as declared for these tests.
MAKE_UP_2026 = frozenset({date(2026, 9, 27), date(2026, 10, 10)})
NEW_YEAR = frozenset({date(2026, 1, 1), date(2027, 1, 1)})

CN = WorkCalendar(SH, holidays=NATIONAL_DAY_2026 | NEW_YEAR, workdays=MAKE_UP_2026)
PLAIN = WorkCalendar.default()


def sh(*args):
    """Return an aware Shanghai datetime."""
    return datetime(*args, tzinfo=SH)


def utc(moment):
    """Return moment in UTC: aware datetimes sharing a tzinfo compare by wall time otherwise."""
    return moment.astimezone(UTC)


def same_instant(actual, expected):
    """Return whether actual is the instant expected, expressed in the same zone."""
    return utc(actual) == utc(expected) and actual.utcoffset() == expected.utcoffset()


def expected_working(calendar, day):
    """Reference rule: make-up list wins, then holidays, then the weekly pattern."""
    if day in calendar.workdays:
        return True
    return day not in calendar.holidays and day.weekday() in calendar.weekdays


# ----------------------------------------------------------------------------- parse_hours


@pytest.mark.parametrize(
    "text",
    [
        "08:30-12:00,13:00-17:30",
        " 08:30 - 12:00 , 13:00-17:30 ",
        "8:30-12:00,13:00-17:30",
        "08:30～12:00，13:00～17:30",
        "08:30–12:00; 13:00–17:30",
    ],
)
def test_parse_hours_reads_default_spellings(text):
    assert parse_hours(text) == DEFAULT_HOURS


def test_parse_hours_accepts_touching_intervals_and_seconds():
    assert parse_hours("09:00-12:00,12:00-18:00:30") == (
        (time(9), time(12)),
        (time(12), time(18, 0, 30)),
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("08:30-12:00,", "empty interval"),
        ("08:30", "cannot read"),
        ("morning", "cannot read"),
        ("08:30-12:00 13:00-17:30", "cannot read"),
        ("08:30-25:00", "invalid clock time"),
        ("08:61-12:00", "invalid clock time"),
        ("08:30-24:00", "23:59"),
        ("12:00-08:30", "must start before"),
        ("08:30-08:30", "must start before"),
        ("22:00-02:00", "cross midnight"),
        ("13:00-17:30,08:30-12:00", "not sorted"),
        ("08:30-12:00,11:00-13:00", "overlaps"),
    ],
)
def test_parse_hours_refuses_bad_text(text, message):
    with pytest.raises(ValueError, match=message):
        parse_hours(text)


def test_parse_hours_refuses_non_text():
    with pytest.raises(TypeError):
        parse_hours(None)


def test_validate_hours_checks_pairs():
    assert validate_hours([[time(8), time(9)]]) == ((time(8), time(9)),)
    with pytest.raises(ValueError, match="at least one"):
        validate_hours([])
    with pytest.raises(ValueError, match="pair"):
        validate_hours([(time(8),)])
    with pytest.raises(TypeError):
        validate_hours([("08:00", "09:00")])
    with pytest.raises(ValueError, match="naive"):
        validate_hours([(time(8, tzinfo=UTC), time(9))])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.times(), min_size=2, max_size=8, unique=True))
def test_format_hours_round_trips(clocks):
    clocks = sorted(clock.replace(microsecond=0) for clock in clocks)
    assume(len(set(clocks)) == len(clocks))
    hours = tuple(zip(clocks[0::2], clocks[1::2], strict=False))
    assume(all(start < end for start, end in hours))
    assert parse_hours(format_hours(hours)) == hours


# ------------------------------------------------------------------------------ construction


def test_default_calendar():
    calendar = WorkCalendar.default()
    assert calendar.tz == SH
    assert calendar.weekdays == frozenset({0, 1, 2, 3, 4})
    assert calendar.hours == DEFAULT_HOURS
    assert calendar.holidays == calendar.workdays == frozenset()
    assert WorkCalendar.default("Europe/Paris").tz == PARIS


def test_construction_normalises_fields():
    calendar = WorkCalendar(
        "Asia/Shanghai",
        weekdays=[0, 1, 2, 3, 4],
        holidays=[date(2026, 10, 1)],
        workdays={date(2026, 10, 10)},
        hours="08:30-12:00,13:00-17:30",
    )
    assert calendar.tz == SH
    assert calendar.hours == DEFAULT_HOURS
    assert isinstance(calendar.holidays, frozenset)
    assert calendar == WorkCalendar(
        SH, holidays=frozenset({date(2026, 10, 1)}), workdays=frozenset({date(2026, 10, 10)})
    )
    assert hash(calendar) == hash(replace(calendar))


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"weekdays": []}, ValueError),
        ({"weekdays": [7]}, ValueError),
        ({"weekdays": [-1]}, ValueError),
        ({"hours": ""}, ValueError),
        ({"hours": ()}, ValueError),
        ({"holidays": [datetime(2026, 10, 1)]}, TypeError),
        ({"workdays": ["2026-10-10"]}, TypeError),
        ({"tz": "Mars/Olympus_Mons"}, ValueError),
        ({"tz": 8}, TypeError),
    ],
)
def test_construction_refuses_bad_fields(kwargs, error):
    with pytest.raises(error):
        WorkCalendar(**({"tz": SH} | kwargs))


# ------------------------------------------------------------------------------ working days


def test_weekends_and_weekdays():
    assert PLAIN.is_working_day(date(2026, 3, 13))  # Friday
    assert not PLAIN.is_working_day(date(2026, 3, 14))  # Saturday
    assert not PLAIN.is_working_day(date(2026, 3, 15))  # Sunday
    assert PLAIN.is_working_day(date(2026, 3, 16))  # Monday


def test_national_day_holidays_and_make_up_days():
    for day in NATIONAL_DAY_2026:
        assert not CN.is_working_day(day)
    assert CN.is_working_day(date(2026, 9, 27))  # make-up Sunday
    assert CN.is_working_day(date(2026, 10, 10))  # make-up Saturday
    assert not CN.is_working_day(date(2026, 10, 11))  # ordinary Sunday


def test_make_up_entry_wins_over_holiday_entry():
    day = date(2026, 10, 8)
    calendar = WorkCalendar(SH, holidays={day}, workdays={day})
    assert calendar.is_working_day(day)
    saturday = date(2026, 10, 17)
    assert WorkCalendar(SH, holidays={saturday}, workdays={saturday}).is_working_day(saturday)


def test_is_working_day_reads_aware_datetime_in_company_zone():
    # Friday 20:00 UTC is already Saturday 04:00 in Shanghai.
    assert not PLAIN.is_working_day(datetime(2026, 3, 13, 20, tzinfo=UTC))
    assert PLAIN.local_date(datetime(2026, 3, 13, 20, tzinfo=UTC)) == date(2026, 3, 14)


def test_next_working_day():
    assert PLAIN.next_working_day(date(2026, 3, 13)) == date(2026, 3, 16)
    assert PLAIN.next_working_day(date(2026, 3, 16)) == date(2026, 3, 17)
    assert CN.next_working_day(date(2026, 9, 26)) == date(2026, 9, 27)
    assert CN.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)
    assert CN.next_working_day(date(2026, 10, 9)) == date(2026, 10, 10)
    assert CN.next_working_day(date(2026, 12, 31)) == date(2027, 1, 4)
    assert CN.next_working_day(date(2025, 12, 31)) == date(2026, 1, 2)


def test_working_days_between():
    monday, friday = date(2026, 3, 16), date(2026, 3, 20)
    assert PLAIN.working_days_between(monday, friday) == 4
    assert PLAIN.working_days_between(monday, monday) == 0
    assert PLAIN.working_days_between(friday, monday) == 0
    assert PLAIN.working_days_between(monday, monday + timedelta(days=7)) == 5
    # (Fri Sep 25, Mon Oct 12]: Sep 27 (make-up), Sep 28-30, Oct 8-9, Oct 10 (make-up), Oct 12.
    assert CN.working_days_between(date(2026, 9, 25), date(2026, 10, 12)) == 8
    # 2026: 261 weekdays, minus Jan 1 and five weekday holidays of Oct 1-7, plus two make-ups.
    assert CN.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 257


# ------------------------------------------------------------------------- add_working_days


@pytest.mark.parametrize(
    ("moment", "n", "expected"),
    [
        # Contract review: intake Friday afternoon, due Monday at the same time.
        (sh(2026, 3, 13, 15, 20), 1, sh(2026, 3, 16, 15, 20)),
        (sh(2026, 3, 13, 15, 20), 0, sh(2026, 3, 13, 15, 20)),
        # Ordinary Saturday: counting starts Monday 08:30.
        (sh(2026, 3, 14, 10), 0, sh(2026, 3, 16, 8, 30)),
        (sh(2026, 3, 14, 10), 1, sh(2026, 3, 17, 8, 30)),
        # Intake on a make-up Saturday is an ordinary working-day intake.
        (sh(2026, 10, 10, 9), 0, sh(2026, 10, 10, 9)),
        (sh(2026, 10, 10, 9), 1, sh(2026, 10, 12, 9)),
        (sh(2026, 9, 27, 14), 1, sh(2026, 9, 28, 14)),
        # Before National Day: the holiday week is skipped, the make-up Saturday counts.
        (sh(2026, 9, 30, 16), 1, sh(2026, 10, 8, 16)),
        (sh(2026, 9, 30, 16), 3, sh(2026, 10, 10, 16)),
        (sh(2026, 9, 29, 10), 5, sh(2026, 10, 12, 10)),
        # During National Day: count from Oct 8 08:30.
        (sh(2026, 10, 1, 10), 0, sh(2026, 10, 8, 8, 30)),
        (sh(2026, 10, 3, 23, 59), 1, sh(2026, 10, 9, 8, 30)),
        # Year end.
        (sh(2025, 12, 31, 11), 1, sh(2026, 1, 2, 11)),
        (sh(2026, 12, 31, 11), 1, sh(2027, 1, 4, 11)),
        # The kept clock time may be outside business hours.
        (sh(2026, 3, 16, 20), 1, sh(2026, 3, 17, 20)),
        (sh(2026, 3, 16, 7, 15), 2, sh(2026, 3, 18, 7, 15)),
    ],
)
def test_add_working_days(moment, n, expected):
    assert same_instant(CN.add_working_days(moment, n), expected)


def test_add_working_days_year_end_with_make_up_sunday():
    # New Year 2026 as declared here: Jan 1-3 off, Sunday Jan 4 worked.
    calendar = WorkCalendar(
        SH, holidays={date(2026, 1, d) for d in (1, 2, 3)}, workdays={date(2026, 1, 4)}
    )
    assert same_instant(calendar.add_working_days(sh(2025, 12, 31, 16), 1), sh(2026, 1, 4, 16))


def test_add_working_days_converts_other_zones():
    # 07:20 UTC Friday is 15:20 in Shanghai.
    result = CN.add_working_days(datetime(2026, 3, 13, 7, 20, tzinfo=UTC), 1)
    assert result.tzinfo is SH
    assert same_instant(result, sh(2026, 3, 16, 15, 20))
    # 20:00 UTC Friday is Saturday 04:00 in Shanghai: a non-working day.
    assert same_instant(
        CN.add_working_days(datetime(2026, 3, 13, 20, tzinfo=UTC), 0), sh(2026, 3, 16, 8, 30)
    )


def test_add_working_days_long_span_matches_day_count():
    start = sh(2026, 1, 5, 9)
    result = CN.add_working_days(start, 250)
    assert CN.working_days_between(start.date(), result.date()) == 250
    assert result.timetz() == start.timetz()


@pytest.mark.parametrize("n", [-1, -10])
def test_add_working_days_refuses_negative(n):
    with pytest.raises(ValueError, match="negative"):
        CN.add_working_days(sh(2026, 3, 16, 9), n)


@pytest.mark.parametrize("n", [1.0, 1.5, "1", True, None])
def test_add_working_days_refuses_non_integers(n):
    with pytest.raises(TypeError):
        CN.add_working_days(sh(2026, 3, 16, 9), n)


# ------------------------------------------------------------------------ add_working_hours


def test_24_business_hours_from_friday_afternoon_end_wednesday():
    # Fri 1.5 h + Mon 8 h + Tue 8 h + Wed 6.5 h (08:30-12:00, 13:00-16:00).
    assert same_instant(PLAIN.add_working_hours(sh(2026, 3, 13, 16), 24), sh(2026, 3, 18, 16))


def test_24_business_hours_across_national_day():
    # Sep 30 1.5 h + Oct 8 8 h + Oct 9 8 h + make-up Saturday Oct 10 6.5 h.
    assert same_instant(CN.add_working_hours(sh(2026, 9, 30, 16), 24), sh(2026, 10, 10, 16))


def test_business_hours_across_year_end():
    assert same_instant(CN.add_working_hours(sh(2026, 12, 31, 17), 1), sh(2027, 1, 4, 9))


TUESDAY = date(2026, 3, 17)


def _tue(hour, minute=0, day_offset=0):
    return datetime.combine(TUESDAY + timedelta(days=day_offset), time(hour, minute), SH)


@pytest.mark.parametrize(
    ("start", "amount", "expected"),
    [
        (_tue(8, 30), 0, _tue(8, 30)),
        (_tue(7), 0, _tue(8, 30)),
        (_tue(10), 0, _tue(10)),
        (_tue(11, 59), 0, _tue(11, 59)),
        (_tue(12), 0, _tue(13)),  # 12:00 is not business time
        (_tue(12, 30), 0, _tue(13)),
        (_tue(13), 0, _tue(13)),
        (_tue(17, 30), 0, _tue(8, 30, 1)),  # 17:30 is not business time
        (_tue(8, 30), 3.5, _tue(12)),  # ends exactly at the interval end: 12:00, not 13:00
        (_tue(11), 1, _tue(12)),
        (_tue(11), 1.5, _tue(13, 30)),
        (_tue(12), 1, _tue(14)),
        (_tue(12, 30), 1, _tue(14)),
        (_tue(13), 4.5, _tue(17, 30)),  # ends at 17:30, not next morning
        (_tue(8, 30), 8, _tue(17, 30)),
        (_tue(7), 8, _tue(17, 30)),
        (_tue(17), 0.5, _tue(17, 30)),
        (_tue(17), 1, _tue(9, 0, 1)),
        (_tue(17, 30), 1, _tue(9, 30, 1)),
        (_tue(20), 1, _tue(9, 30, 1)),
        (_tue(8, 30), 16, _tue(17, 30, 1)),
        (_tue(8, 30), 16.5, _tue(9, 0, 2)),
    ],
)
def test_add_working_hours_at_interval_boundaries(start, amount, expected):
    assert same_instant(PLAIN.add_working_hours(start, amount), expected)


def test_friday_after_hours_starts_monday():
    assert same_instant(PLAIN.add_working_hours(sh(2026, 3, 13, 17, 30), 0), sh(2026, 3, 16, 8, 30))
    assert same_instant(PLAIN.business_start(sh(2026, 3, 14, 12)), sh(2026, 3, 16, 8, 30))


@pytest.mark.parametrize(
    "amount", [1.5, 1.5, Decimal("1.5"), timedelta(minutes=90), Decimal("1.50000")]
)
def test_add_working_hours_amount_types(amount):
    assert same_instant(PLAIN.add_working_hours(_tue(11), amount), _tue(13, 30))


def test_add_working_hours_decimal_is_exact():
    result = PLAIN.add_working_hours(_tue(9), Decimal("0.1"))
    assert same_instant(result, _tue(9, 6))


@pytest.mark.parametrize(
    "amount", [-1, -0.5, Decimal("-1"), timedelta(seconds=-1), timedelta(microseconds=-1)]
)
def test_add_working_hours_refuses_negative(amount):
    with pytest.raises(ValueError, match="negative"):
        PLAIN.add_working_hours(_tue(9), amount)


@pytest.mark.parametrize(
    ("amount", "error"),
    [
        (float("nan"), ValueError),
        (float("inf"), ValueError),
        (Decimal("NaN"), ValueError),
        ("8", TypeError),
        (None, TypeError),
        (True, TypeError),
    ],
)
def test_add_working_hours_refuses_non_amounts(amount, error):
    with pytest.raises(error):
        PLAIN.add_working_hours(_tue(9), amount)


def test_result_is_in_company_zone():
    result = PLAIN.add_working_hours(datetime(2026, 3, 17, 1, tzinfo=UTC), 1)
    assert result.tzinfo is SH
    assert result == sh(2026, 3, 17, 10)  # 09:00 Shanghai + 1 h


# --------------------------------------------------------------------- working_time_between


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (_tue(12), _tue(13), timedelta(0)),
        (_tue(11), _tue(14), timedelta(hours=2)),
        (_tue(8, 30), _tue(17, 30), timedelta(hours=8)),
        (_tue(0), _tue(0, 0, 1), timedelta(hours=8)),
        (_tue(17, 30), _tue(8, 30, 1), timedelta(0)),
        (_tue(8, 30), _tue(8, 31), timedelta(minutes=1)),
        (_tue(17, 29), _tue(17, 31), timedelta(minutes=1)),
        (_tue(11, 59), _tue(13, 1), timedelta(minutes=2)),
        (_tue(12), _tue(12), timedelta(0)),
        (_tue(14), _tue(10), timedelta(0)),
    ],
)
def test_working_time_between_boundaries(start, end, expected):
    assert PLAIN.working_time_between(start, end) == expected


def test_working_time_between_weeks_and_holidays():
    monday = sh(2026, 3, 16)
    assert PLAIN.working_time_between(monday, monday + timedelta(days=7)) == timedelta(hours=40)
    assert CN.working_time_between(sh(2026, 10, 1), sh(2026, 10, 8)) == timedelta(0)
    # Sep 27 (make-up), Sep 28-30, Oct 8, Oct 9, Oct 10 (make-up): 7 days.
    assert CN.working_time_between(sh(2026, 9, 27), sh(2026, 10, 11)) == timedelta(hours=56)


def test_working_time_between_long_spans_are_exact():
    start, end = sh(2020, 1, 1), sh(2030, 1, 1)
    days = CN.working_days_between(date(2019, 12, 31), date(2029, 12, 31))
    assert CN.working_time_between(start, end) == days * timedelta(hours=8)


def test_business_time_and_intervals():
    assert PLAIN.is_business_time(_tue(8, 30))
    assert not PLAIN.is_business_time(_tue(8, 29, 0) + timedelta(seconds=59))
    assert PLAIN.is_business_time(_tue(12) - timedelta(microseconds=1))
    assert not PLAIN.is_business_time(_tue(12))
    assert PLAIN.is_business_time(_tue(13))
    assert not PLAIN.is_business_time(_tue(17, 30))
    assert not CN.is_business_time(sh(2026, 10, 1, 10))
    assert CN.is_business_time(sh(2026, 10, 10, 10))
    assert not CN.is_business_time(sh(2026, 10, 11, 10))
    assert CN.business_intervals(date(2026, 10, 1)) == ()
    assert CN.business_intervals(TUESDAY) == (
        (_tue(8, 30), _tue(12)),
        (_tue(13), _tue(17, 30)),
    )


# ------------------------------------------------------------------------------ naive input

NAIVE = datetime(2026, 3, 17, 9)


@pytest.mark.parametrize(
    "call",
    [
        lambda: PLAIN.add_working_days(NAIVE, 1),
        lambda: PLAIN.add_working_hours(NAIVE, 1),
        lambda: PLAIN.working_time_between(NAIVE, sh(2026, 3, 18)),
        lambda: PLAIN.working_time_between(sh(2026, 3, 16), NAIVE),
        lambda: PLAIN.business_start(NAIVE),
        lambda: PLAIN.is_business_time(NAIVE),
        lambda: PLAIN.is_working_day(NAIVE),
        lambda: PLAIN.next_working_day(NAIVE),
        lambda: PLAIN.working_days_between(NAIVE, date(2026, 4, 1)),
        lambda: PLAIN.local_date(NAIVE),
    ],
)
def test_naive_datetimes_are_refused(call):
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_dates_are_refused_where_instants_are_needed():
    with pytest.raises(TypeError):
        PLAIN.add_working_hours(TUESDAY, 1)
    with pytest.raises(TypeError):
        PLAIN.is_working_day("2026-03-17")


# ------------------------------------------------------------------------------------- DST

# A night-shift calendar in a zone with DST, working every day 01:00-04:00 local time.
NIGHT = WorkCalendar(PARIS, weekdays=range(7), hours="01:00-04:00")
SPRING_FORWARD = date(2026, 3, 29)  # 02:00 CET -> 03:00 CEST
FALL_BACK = date(2026, 10, 25)  # 03:00 CEST -> 02:00 CET


def paris(day, hour, minute=0, fold=0):
    return datetime.combine(day, time(hour, minute, fold=fold), PARIS)


def test_dst_days_have_their_real_length():
    day_after = timedelta(days=1)
    spring = paris(SPRING_FORWARD, 0)
    autumn = paris(FALL_BACK, 0)
    assert NIGHT.working_time_between(spring, spring + day_after) == timedelta(hours=2)
    assert NIGHT.working_time_between(autumn, autumn + day_after) == timedelta(hours=4)
    # An ordinary day next to them: 3 h.
    assert NIGHT.working_time_between(
        paris(date(2026, 3, 28), 0), paris(SPRING_FORWARD, 0)
    ) == timedelta(hours=3)


def test_dst_walks_in_real_time():
    end = NIGHT.add_working_hours(paris(SPRING_FORWARD, 0), 2)
    assert utc(end) == datetime(2026, 3, 29, 2, tzinfo=UTC)  # 04:00 CEST
    assert (end.hour, end.utcoffset()) == (4, timedelta(hours=2))
    # Fall back: 3.5 h from 01:00 CEST is 03:30 CET (the clock passed 02:00-03:00 twice).
    end = NIGHT.add_working_hours(paris(FALL_BACK, 1), 3.5)
    assert utc(end) == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)
    assert (end.hour, end.minute, end.utcoffset()) == (3, 30, timedelta(hours=1))
    # Starting inside the interval, given in the DST zone itself: 01:30 CEST + 3 h.
    end = NIGHT.add_working_hours(paris(FALL_BACK, 1, 30), 3)
    assert utc(end) == datetime(2026, 10, 25, 2, 30, tzinfo=UTC)
    assert NIGHT.working_time_between(paris(FALL_BACK, 1, 30), end) == timedelta(hours=3)


def test_dst_interval_bounds_inside_the_gap_become_the_jump():
    calendar = replace(NIGHT, hours="01:00-02:30,02:45-04:00")
    (first_start, first_end), (second_start, second_end) = calendar.business_intervals(
        SPRING_FORWARD
    )
    jump = datetime(2026, 3, 29, 1, tzinfo=UTC)  # 03:00 CEST
    assert utc(first_end) == utc(second_start) == jump
    assert second_end - second_start == timedelta(hours=1)
    assert calendar.working_time_between(
        paris(SPRING_FORWARD, 0), paris(SPRING_FORWARD, 12)
    ) == timedelta(hours=2)
    # An interval wholly inside the gap vanishes that day.
    gap_only = replace(NIGHT, hours="02:10-02:50,05:00-06:00")
    assert len(gap_only.business_intervals(SPRING_FORWARD)) == 1


def test_dst_kept_clock_time_in_the_gap_moves_to_the_jump():
    calendar = WorkCalendar(PARIS, weekdays=range(7))
    result = calendar.add_working_days(paris(date(2026, 3, 28), 2, 30), 1)
    assert utc(result) == datetime(2026, 3, 29, 1, tzinfo=UTC)
    assert (result.hour, result.minute) == (3, 0)


# -------------------------------------------------------------------------------- properties

INSTANTS = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31, 23, 59), timezones=st.just(UTC)
)
INPUT_ZONES = st.sampled_from([SH, UTC, PARIS, NEW_YORK])
MOMENTS = st.builds(lambda instant, zone: instant.astimezone(zone), INSTANTS, INPUT_ZONES)
# Moments on the interesting clock times of the default hours, in Shanghai.
EDGE_MOMENTS = st.builds(
    lambda day, clock: datetime.combine(day, clock, SH),
    st.dates(date(2025, 1, 1), date(2027, 12, 31)),
    st.sampled_from([time(0), time(8, 30), time(12), time(13), time(17, 30), time(23, 59)]),
)
ANY_MOMENT = st.one_of(MOMENTS, EDGE_MOMENTS)
AMOUNTS = st.one_of(
    st.timedeltas(min_value=timedelta(0), max_value=timedelta(hours=120)),
    st.integers(0, 120 * 60).map(lambda minutes: timedelta(minutes=minutes)),
    st.sampled_from([0, 3.5, 4.5, 8, 24]).map(lambda hours: timedelta(hours=hours)),
)
HOUR_SETS = [
    "08:30-12:00,13:00-17:30",
    "00:00-23:59:59",
    "01:00-02:30,02:45-04:00,09:00-17:00",
    "02:15-02:45,03:00-05:00,22:00-23:30",
    "07:00-07:01",
]
DAYS = st.dates(date(2024, 12, 1), date(2028, 3, 1))


@st.composite
def calendars(draw):
    """Draw a calendar with random zone, weekly pattern, hours, holidays and make-up days."""
    holidays = draw(st.frozensets(DAYS, max_size=40))
    workdays = draw(st.frozensets(DAYS, max_size=15))
    if holidays:
        # Some dates listed on both sides, to exercise "make-up wins".
        workdays |= draw(st.frozensets(st.sampled_from(sorted(holidays)), max_size=3))
    return WorkCalendar(
        draw(st.sampled_from([SH, PARIS, NEW_YORK])),
        weekdays=draw(st.frozensets(st.integers(0, 6), min_size=1)),
        holidays=holidays,
        workdays=workdays,
        hours=draw(st.sampled_from(HOUR_SETS)),
    )


ANY_CALENDAR = st.one_of(st.just(CN), st.just(PLAIN), calendars())
PROPERTY = settings(max_examples=200, deadline=None)


@PROPERTY
@given(ANY_CALENDAR, ANY_MOMENT, AMOUNTS)
def test_working_time_between_inverts_add_working_hours(calendar, moment, amount):
    end = calendar.add_working_hours(moment, amount)
    assert end.tzinfo is calendar.tz
    assert calendar.working_time_between(moment, end) == amount


@PROPERTY
@given(ANY_CALENDAR, ANY_MOMENT, AMOUNTS, AMOUNTS)
def test_add_working_hours_is_monotonic(calendar, moment, a, b):
    low, high = sorted([a, b])
    assert utc(moment) <= utc(calendar.add_working_hours(moment, low))
    assert utc(calendar.add_working_hours(moment, low)) <= utc(
        calendar.add_working_hours(moment, high)
    )


@PROPERTY
@given(ANY_CALENDAR, ANY_MOMENT, AMOUNTS, AMOUNTS)
def test_add_working_hours_composes(calendar, moment, a, b):
    middle = calendar.add_working_hours(moment, a)
    if b:
        assert utc(calendar.add_working_hours(middle, b)) == utc(
            calendar.add_working_hours(moment, a + b)
        )
    else:
        # Adding nothing normalises to business time: an interval end moves to the next start.
        assert utc(calendar.add_working_hours(middle, b)) == utc(calendar.business_start(middle))


@PROPERTY
@given(ANY_CALENDAR, ANY_MOMENT, AMOUNTS)
def test_add_working_hours_ends_in_business_time(calendar, moment, amount):
    end = calendar.add_working_hours(moment, amount)
    if amount:
        # The last instant spent is business time, whether or not the end itself is.
        assert calendar.is_business_time(end - timedelta(microseconds=1))
    else:
        assert calendar.is_business_time(end)
        assert calendar.working_time_between(moment, end) == timedelta(0)


@PROPERTY
@given(ANY_CALENDAR, ANY_MOMENT, ANY_MOMENT, ANY_MOMENT)
def test_working_time_between_is_additive(calendar, a, b, c):
    a, b, c = sorted([a, b, c], key=utc)
    whole = calendar.working_time_between(a, c)
    assert whole == calendar.working_time_between(a, b) + calendar.working_time_between(b, c)
    assert calendar.working_time_between(c, a) == timedelta(0)


@PROPERTY
@given(ANY_CALENDAR, ANY_MOMENT, st.integers(0, 60))
def test_add_working_days_lands_on_working_days(calendar, moment, n):
    result = calendar.add_working_days(moment, n)
    assert result.tzinfo is calendar.tz
    assert calendar.is_working_day(result.date())
    assert expected_working(calendar, result.date())
    assert result.date() not in calendar.holidays - calendar.workdays
    start = calendar.add_working_days(moment, 0)
    assert calendar.working_days_between(start.date(), result.date()) == n
    local = moment.astimezone(calendar.tz)
    if calendar.is_working_day(local.date()):
        assert utc(start) == utc(moment)
    else:
        assert utc(start) == utc(calendar.business_start(moment))
        assert start.date() == calendar.next_working_day(local.date())


@PROPERTY
@given(st.one_of(st.just(CN), st.just(PLAIN)), ANY_MOMENT, st.integers(0, 60))
def test_add_working_days_keeps_clock_time(calendar, moment, n):
    start = calendar.add_working_days(moment, 0)
    result = calendar.add_working_days(moment, n)
    assert result.time() == start.time()
    assert calendar.add_working_days(start, n) == result


@PROPERTY
@given(calendars(), DAYS, st.integers(-30, 1200))
def test_working_days_between_matches_day_by_day_count(calendar, a, span):
    b = a + timedelta(days=span)
    expected = sum(
        expected_working(calendar, a + timedelta(days=offset)) for offset in range(1, span + 1)
    )
    assert calendar.working_days_between(a, b) == expected
    if span > 0:
        assert calendar.next_working_day(a) > a
        assert calendar.working_days_between(a, calendar.next_working_day(a)) == 1


def reference_business_time(calendar, start, end):
    """Business time in [start, end) by naive local-time arithmetic (valid without DST)."""
    low = start.astimezone(calendar.tz).replace(tzinfo=None)
    high = end.astimezone(calendar.tz).replace(tzinfo=None)
    total = timedelta(0)
    day = low.date()
    while day <= high.date():
        if expected_working(calendar, day):
            for opens, closes in calendar.hours:
                overlap = min(high, datetime.combine(day, closes)) - max(
                    low, datetime.combine(day, opens)
                )
                total += max(overlap, timedelta(0))
        day += timedelta(days=1)
    return total


@PROPERTY
@given(calendars(), ANY_MOMENT, st.timedeltas(timedelta(0), timedelta(days=40)))
def test_working_time_between_matches_reference_without_dst(calendar, start, span):
    calendar = replace(calendar, tz=SH)
    assert calendar.working_time_between(start, start + span) == reference_business_time(
        calendar, start, start + span
    )
