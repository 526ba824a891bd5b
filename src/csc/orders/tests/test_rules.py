"""Rules of order review on their own: deadlines, what a change re-opens, routing, shipping."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from csc.core.workcalendar import WorkCalendar
from csc.orders import versions
from csc.orders.choices import SectionState
from csc.orders.rules import (
    affected_sections,
    carried_over,
    on_time,
    question_route,
    rate,
    review_due,
    shippable_quantity,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
NATIONAL_DAY = frozenset(dt.date(2026, 10, d) for d in range(1, 8))
MAKE_UP = frozenset({dt.date(2026, 9, 27), dt.date(2026, 10, 10)})  # two Sundays/Saturdays worked


def calendar():
    return WorkCalendar(tz=SHANGHAI, holidays=NATIONAL_DAY, workdays=MAKE_UP)


def at(day, hour=10, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=SHANGHAI)


def test_an_order_received_on_a_tuesday_is_due_on_wednesday_at_the_same_time():
    assert review_due(calendar(), at(dt.date(2026, 9, 15)), 1) == at(dt.date(2026, 9, 16))


def test_an_order_received_on_friday_is_due_on_monday():
    assert review_due(calendar(), at(dt.date(2026, 9, 18), 16, 30), 1) == at(
        dt.date(2026, 9, 21), 16, 30
    )


def test_an_order_received_on_the_eve_of_national_day_is_due_after_the_holiday_week():
    assert review_due(calendar(), at(dt.date(2026, 9, 30)), 1) == at(dt.date(2026, 10, 8))


def test_a_make_up_saturday_counts_as_the_review_day():
    # Friday 9 October → the make-up Saturday 10 October is a working day.
    assert review_due(calendar(), at(dt.date(2026, 10, 9)), 1) == at(dt.date(2026, 10, 10))


def test_an_order_received_on_a_make_up_sunday_is_due_the_next_day():
    assert review_due(calendar(), at(dt.date(2026, 9, 27), 9), 1) == at(dt.date(2026, 9, 28), 9)


def test_an_order_faxed_in_during_the_holiday_is_due_a_day_after_work_resumes():
    due = review_due(calendar(), at(dt.date(2026, 10, 3), 20), 1)
    # The holiday moment becomes the first business instant of 8 October (08:30).
    assert due == at(dt.date(2026, 10, 9), 8, 30)


def test_a_quantity_change_reopens_only_materials():
    assert affected_sections({1: {"quantity"}}, 0, set()) == ["materials"]


def test_a_specification_change_reopens_engineering_and_quality():
    assert affected_sections({1: {"specification"}}, 0, set()) == ["engineering", "quality"]


def test_a_price_change_reopens_no_section():
    assert affected_sections({1: {"unit_price", "currency"}}, 0, set()) == []


def test_a_new_line_reopens_every_section():
    assert affected_sections({}, 1, set()) == ["engineering", "quality", "materials"]


def test_changed_requirements_reopen_the_departments_that_judge_them():
    assert affected_sections({}, 0, {"technical"}) == ["engineering"]
    assert affected_sections({}, 0, {"packaging"}) == ["quality", "materials"]
    assert affected_sections({}, 0, {"characteristics", "quality"}) == ["engineering", "quality"]


@pytest.mark.parametrize(
    ("state", "affected", "carried"),
    [
        (SectionState.ACCEPTED, False, True),
        (SectionState.ACCEPTED, True, False),
        (SectionState.OPEN, False, False),
        (SectionState.REJECTED, False, False),
    ],
)
def test_only_an_untouched_acceptance_carries_over_to_the_next_version(state, affected, carried):
    assert carried_over(state, affected) is carried


def test_questions_go_to_marketing_first_then_to_the_department_of_the_subject():
    assert question_route("delivery") == ["marketing"]
    assert question_route("quality") == ["marketing", "quality"]
    assert question_route("technical") == ["marketing", "engineering"]


def test_what_may_still_ship_includes_the_over_delivery_tolerance():
    assert shippable_quantity(Decimal(100), Decimal(60), 0) == 40
    assert shippable_quantity(Decimal(100), Decimal(60), Decimal(5)) == 45
    assert shippable_quantity(Decimal(100), Decimal(104), Decimal(2)) == 0


def test_a_batch_is_on_time_when_it_arrives_by_the_promised_date():
    promised = dt.date(2026, 3, 10)
    assert on_time(promised, dt.date(2026, 3, 10)) is True
    assert on_time(promised, dt.date(2026, 3, 11)) is False
    assert on_time(None, dt.date(2026, 3, 11)) is None


def test_rates_are_percentages_to_one_decimal_and_empty_without_a_base():
    assert rate(2, 3) == Decimal("66.7")
    assert rate(5, 5) == 100
    assert rate(0, 0) is None


def _content(lines, items=None, **header):
    return {"header": {"notes": "", **header}, "lines": lines, "items": items or {}}


def test_the_difference_of_two_versions_names_each_changed_value():
    line = {
        "id": 7,
        "no": 1,
        "product": "P-1 齿轮",
        "quantity": "400",
        "unit_price": "5",
        "currency": "CNY",
        "requested_date": "2026-03-01",
        "promised_date": "",
        "specification": "M3",
    }
    changed = {**line, "quantity": "500", "requested_date": "2026-03-15"}
    added = {**line, "id": 8, "no": 2, "product": "P-2 轴", "quantity": "10"}
    old = _content([line], {"quality": ["PPM ≤ 50"]})
    new = _content([changed, added], {"quality": ["PPM ≤ 30"]}, notes="加急")
    with translation.override("en"):
        rows = {(d.where, d.what): (d.old, d.new) for d in versions.diff(old, new)}
    assert rows[("Line 1", "Quantity")] == ("400", "500")
    assert rows[("Line 1", "Requested delivery date")] == ("2026-03-01", "2026-03-15")
    assert rows[("Line 2", "Added")] == ("", "P-2 轴 × 10")
    assert rows[("Review items", "Quality requirements")] == ("PPM ≤ 50", "PPM ≤ 30")
    assert rows[("Order", "Notes")] == ("", "加急")
    assert len(rows) == 5


def test_identical_versions_have_no_difference():
    line = {"id": 1, "no": 1, "product": "P", "quantity": "1"}
    assert versions.diff(_content([line]), _content([dict(line)])) == []
