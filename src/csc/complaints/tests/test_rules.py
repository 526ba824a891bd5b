"""Deadlines on the company calendar (CMP-3, CMP-4) and the completeness of an 8D."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils.translation import override

from csc.complaints import disciplines, rules
from csc.core.company_calendar import forget
from csc.core.models import CalendarDay

from .makers import full_content

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _english():
    """The messages below are read in English, whatever the catalogue holds."""
    with override("en"):
        yield


def at(day, hour=10):
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def national_day(db):
    """The 2026 National Day week off, with the make-up Saturday of 10 October."""
    for n in range(1, 8):
        CalendarDay.objects.create(date=dt.date(2026, 10, n), kind="holiday", name="国庆节")
    CalendarDay.objects.create(date=dt.date(2026, 10, 10), kind="workday", name="国庆节调休")
    forget()
    yield
    forget()


@pytest.mark.parametrize(
    ("severity", "due"),
    [("simple", "2026-03-09"), ("complex", "2026-03-10"), ("major", "2026-03-13")],
)
def test_resolution_counts_working_days_over_the_weekend(db, severity, due):
    forget()
    assert rules.resolution_due(at("2026-03-06"), severity) == at(due)


def test_a_complaint_before_national_day_is_due_after_the_holiday(national_day):
    assert rules.resolution_due(at("2026-09-30"), "simple") == at("2026-10-08")


def test_the_make_up_saturday_counts_as_a_working_day(national_day):
    # 10-08, 10-09, 10-10 (make-up Saturday), 10-12, 10-13
    assert rules.resolution_due(at("2026-09-30"), "major") == at("2026-10-13")


def test_a_complaint_received_on_a_holiday_counts_from_the_next_morning(national_day):
    due = rules.resolution_due(at("2026-10-03", 15), "simple")
    assert due == dt.datetime(2026, 10, 9, 8, 30, tzinfo=SHANGHAI)


def test_acknowledgement_is_due_24_hours_and_the_reply_a_week_after_receipt(db):
    deadlines = rules.deadlines(at("2026-03-06", 16), "simple")
    assert deadlines["ack_due_at"] == at("2026-03-07", 16)
    assert deadlines["reply_due_at"] == at("2026-03-13", 16)


def test_the_acknowledgement_can_run_on_business_hours(db, settings):
    settings.CSC = {**settings.CSC, "COMPLAINT_ACK_BUSINESS_HOURS": True, "COMPLAINT_ACK_HOURS": 8}
    forget()
    # Friday 16:00 + 8 business hours = 1.5 h Friday + 6.5 h Monday → Monday 16:00
    assert rules.ack_due(at("2026-03-06", 16)) == at("2026-03-09", 16)


def test_resolution_days_are_a_setting(db, settings):
    settings.CSC = {
        **settings.CSC,
        "COMPLAINT_RESOLUTION_WORKING_DAYS": {"simple": 3, "complex": 4, "major": 10},
    }
    forget()
    assert rules.resolution_due(at("2026-03-06"), "simple") == at("2026-03-11")


def test_8d_steps_are_due_by_the_configured_deadlines(national_day):
    opened = at("2026-09-30")
    assert rules.discipline_due("D3", opened) == dt.date(2026, 10, 8)  # 1 working day
    assert rules.discipline_due("D4", opened) == dt.date(2026, 10, 7)  # 7 calendar days
    assert rules.discipline_due("D5", opened) == dt.date(2026, 10, 14)
    assert rules.discipline_due("D8", opened) == dt.date(2026, 10, 30)


def test_the_first_working_day_of_october_follows_national_day(national_day):
    assert rules.first_working_day_of_month(dt.date(2026, 10, 20)) == dt.date(2026, 10, 8)
    assert rules.first_working_day_of_month(dt.date(2026, 2, 15)) == dt.date(2026, 2, 2)


class FakeComplaint:
    status = "accepted"
    acknowledged_at = replied_at = None

    def __init__(self, **deadlines):
        for name in ("ack_due_at", "resolution_due_at", "reply_due_at"):
            setattr(self, name, deadlines.get(name))


def test_overdue_names_each_missed_deadline_until_the_reply():
    complaint = FakeComplaint(
        ack_due_at=at("2026-03-02"),
        resolution_due_at=at("2026-03-03"),
        reply_due_at=at("2026-03-09"),
    )
    assert rules.overdue_deadlines(complaint, at("2026-03-04")) == ["ack", "resolution"]
    assert rules.overdue_deadlines(complaint, at("2026-03-10")) == ["ack", "resolution", "reply"]
    complaint.acknowledged_at = complaint.replied_at = at("2026-03-05")
    assert rules.overdue_deadlines(complaint, at("2026-03-10")) == []
    complaint.status = "closed"
    complaint.replied_at = None
    assert rules.overdue_deadlines(complaint, at("2026-03-10")) == []


# --- 8D completeness -----------------------------------------------------------------------


@pytest.fixture
def sections(people):
    """Every discipline filled completely, as stored after the forms cleaned it."""
    cleaned = {}
    for code, content in full_content(people).items():
        form = disciplines.FORMS[code](data=content)
        assert form.is_valid(), (code, form.errors)
        cleaned[code] = disciplines.to_json(form.cleaned_data)
    return cleaned


def test_a_complete_8d_has_nothing_keeping_it_open(sections):
    assert disciplines.closing_problems(sections) == {}


@pytest.mark.parametrize("code", ["D4", "D5", "D6", "D7"])
def test_an_empty_d4_to_d7_is_named_as_empty(sections, code):
    sections[code] = {}
    found = disciplines.closing_problems(sections)
    assert list(found) == [code]
    assert "empty" in found[code][0]


def test_unticked_boxes_alone_still_leave_a_section_empty(sections):
    sections["D6"] = {"effectiveness_verified": False, "implementation": ""}
    assert disciplines.is_empty(sections["D6"])


def test_root_cause_needs_both_occurrence_and_escape(sections):
    for name in ("esc_why_1", "esc_root_cause", "esc_class"):
        sections["D4"][name] = ""
    problems = disciplines.closing_problems(sections)["D4"]
    assert len(problems) == 3


def test_permanent_actions_must_cover_escape_and_be_verified(sections):
    sections["D5"]["action_2"] = ""
    sections["D5"]["verified_1"] = False
    problems = " ".join(disciplines.closing_problems(sections)["D5"])
    assert "not verified" in problems and "Escape" in problems


def test_suspect_stock_sorted_must_be_reinspected_before_release(sections):
    sections["D3"]["in_house_reinspected"] = False
    assert "re-inspect" in " ".join(disciplines.closing_problems(sections)["D3"])


def test_stock_at_the_customer_must_be_quantified(sections):
    sections["D3"]["at_customer_suspect"] = None
    assert "quantify" in " ".join(disciplines.closing_problems(sections)["D3"])


def test_a_product_still_in_production_needs_emergency_measures(sections):
    sections["D3"]["production_measures"] = ""
    assert "still in production" in " ".join(disciplines.closing_problems(sections)["D3"])
    sections["D0"]["still_in_production"] = False
    assert "D3" not in disciplines.closing_problems(sections)


def test_prevention_tracks_each_document_update_to_done(sections):
    sections["D7"]["pfmea_status"] = "open"
    assert "PFMEA" in " ".join(disciplines.closing_problems(sections)["D7"])
