"""Service-level arithmetic on the company calendar (SVC-3): the lunch break, a holiday week,
a 调休 make-up Saturday and a pause that spans a weekend, by example and by property."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csc.core.workcalendar import WorkCalendar
from csc.service import rules
from csc.service.choices import SlaState

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOURS = "08:30-12:00,13:00-17:30"
# The 2026 National Day week off, with the make-up Saturday of 10 October.
NATIONAL_DAY = WorkCalendar(
    tz=SHANGHAI,
    holidays=[dt.date(2026, 10, n) for n in range(1, 8)],
    workdays=[dt.date(2026, 10, 10)],
    hours=HOURS,
)
PLAIN = WorkCalendar(tz=SHANGHAI, hours=HOURS)
RESOLUTION = {"simple": 1, "complex": 2, "major": 5}


def at(day, hour=10, minute=0):
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=SHANGHAI)


def resolution(severity, calendar):
    return rules.targets(severity, calendar)["resolution"]


def test_a_working_day_is_the_company_hours_without_the_lunch_break():
    assert rules.working_day_length(PLAIN) == dt.timedelta(hours=8)


@pytest.mark.parametrize(
    ("severity", "due"),
    [("simple", at("2026-03-09")), ("complex", at("2026-03-10")), ("major", at("2026-03-13"))],
)
def test_resolution_due_skips_the_weekend(severity, due):
    friday = at("2026-03-06")
    assert rules.due_after(friday, resolution(severity, PLAIN), PLAIN) == due


def test_a_request_before_national_day_is_due_after_the_holiday_week():
    due = rules.due_after(at("2026-09-30"), resolution("simple", NATIONAL_DAY), NATIONAL_DAY)
    assert due == at("2026-10-08")


def test_the_make_up_saturday_counts_as_a_working_day():
    # Friday 9 October + 1 working day lands on Saturday 10 October, the 调休 day.
    due = rules.due_after(at("2026-10-09"), resolution("simple", NATIONAL_DAY), NATIONAL_DAY)
    assert due == at("2026-10-10")


def test_a_request_at_lunch_starts_its_clock_after_the_break():
    # Monday 13:00–17:30 is 4.5 h, Tuesday 8:30–12:00 the other 3.5 h of the working day.
    due = rules.due_after(at("2026-03-09", 12, 30), resolution("simple", PLAIN), PLAIN)
    assert due == at("2026-03-10", 12)


def test_the_first_answer_is_due_24_clock_hours_later_by_default():
    target = rules.targets("simple", PLAIN)["first_answer"]
    assert rules.due_after(at("2026-03-06", 16), target, PLAIN) == at("2026-03-07", 16)


def test_a_pause_over_the_weekend_gives_back_the_time_left_on_friday():
    # Due Monday 10:00; paused Friday 16:30 (1 h of Friday plus 1.5 h of Monday left);
    # the customer answers on Monday at 9:00, so 2.5 business hours remain from then.
    due = at("2026-03-09", 10)
    target = resolution("simple", PLAIN)
    moved = rules.resumed_due(due, target, at("2026-03-06", 16, 30), at("2026-03-09", 9), PLAIN)
    assert moved == at("2026-03-09", 11, 30)


def test_a_target_missed_before_the_pause_stays_missed():
    due = at("2026-03-09", 10)
    target = resolution("simple", PLAIN)
    moved = rules.resumed_due(due, target, at("2026-03-09", 11), at("2026-03-10", 9), PLAIN)
    assert moved == due


def test_a_paused_clock_shows_paused_and_a_missed_one_breached():
    now = at("2026-03-09", 9)
    assert rules.target_state(at("2026-03-10"), None, now, paused=True) == SlaState.PAUSED
    assert rules.target_state(at("2026-03-08"), None, now, paused=True) == SlaState.BREACHED


def test_due_soon_starts_four_hours_before_the_target():
    now = at("2026-03-09", 9)
    assert rules.target_state(at("2026-03-09", 12), None, now) == SlaState.DUE_SOON
    assert rules.target_state(at("2026-03-09", 14), None, now) == SlaState.ON_TIME
    assert rules.target_state(at("2026-03-09", 8), at("2026-03-09", 7), now) == SlaState.MET


# --- properties ----------------------------------------------------------------------------

# Moments from mid-September to late October 2026: around the holiday week and the make-up day.
moments = st.datetimes(min_value=dt.datetime(2026, 9, 14), max_value=dt.datetime(2026, 10, 25)).map(
    lambda naive: naive.replace(second=0, microsecond=0, tzinfo=SHANGHAI)
)
calendars = st.sampled_from([PLAIN, NATIONAL_DAY])
severities = st.sampled_from(list(RESOLUTION))


@settings(max_examples=150, deadline=None)
@given(start=moments, severity=severities, calendar=calendars)
def test_resolution_due_is_exactly_the_working_days_of_business_time(start, severity, calendar):
    due = rules.due_after(start, resolution(severity, calendar), calendar)
    assert calendar.working_time_between(start, due) == dt.timedelta(hours=8) * RESOLUTION[severity]
    assert calendar.is_business_time(due - dt.timedelta(minutes=1))


@settings(max_examples=150, deadline=None)
@given(
    start=moments,
    severity=severities,
    calendar=calendars,
    into=st.integers(min_value=0, max_value=60 * 60),
    pause=st.integers(min_value=1, max_value=6 * 24 * 60),
)
def test_a_pause_never_counts_against_the_target(start, severity, calendar, into, pause):
    """Business time from receipt to the moved due, less the business time paused, is the
    target itself, wherever the pause falls (nights, weekends, holidays, lunch)."""
    target = resolution(severity, calendar)
    due = rules.due_after(start, target, calendar)
    paused_at = start + dt.timedelta(minutes=into)
    resumed_at = paused_at + dt.timedelta(minutes=pause)
    moved = rules.resumed_due(due, target, paused_at, resumed_at, calendar)
    if due <= paused_at:
        assert moved == due
        return
    counted = calendar.working_time_between(start, moved)
    paused = calendar.working_time_between(paused_at, resumed_at)
    assert counted - paused == target.amount
    assert moved >= due


@settings(max_examples=100, deadline=None)
@given(start=moments, calendar=calendars, pause=st.integers(min_value=1, max_value=9 * 24 * 60))
def test_a_clock_hour_target_moves_by_the_wall_time_paused(start, calendar, pause):
    target = rules.targets("simple", calendar)["feedback"]
    due = rules.due_after(start, target, calendar)
    resumed_at = start + dt.timedelta(minutes=pause)
    moved = rules.resumed_due(due, target, start, resumed_at, calendar)
    assert moved - due == resumed_at - start
