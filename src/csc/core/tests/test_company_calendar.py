"""The company calendar is read from the calendar days an administrator declares (调休 included)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from csc.core import actions, company_calendar
from csc.core.choices import CalendarDayKind
from csc.core.errors import Denied
from csc.core.models import CalendarDay

SHANGHAI = ZoneInfo("Asia/Shanghai")
INTAKE = dt.datetime(2026, 9, 30, 10, 0, tzinfo=SHANGHAI)  # the eve of National Day


@pytest.fixture(autouse=True)
def _fresh_calendar():
    """The loaded calendar is cached per thread; never let one test's holidays leak."""
    company_calendar.forget()
    yield
    company_calendar.forget()


def declare_national_day(actor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        day = dt.date(2026, 10, 1)
        while day <= dt.date(2026, 10, 7):
            actions.set_calendar_day(actor, day, CalendarDayKind.HOLIDAY, "国庆节")
            day += dt.timedelta(days=1)
        actions.set_calendar_day(
            actor, dt.date(2026, 10, 10), CalendarDayKind.WORKDAY, "国庆节调休"
        )


def test_national_day_holidays_push_the_deadline_past_the_week(
    people, django_capture_on_commit_callbacks
):
    declare_national_day(people.administrator, django_capture_on_commit_callbacks)
    calendar = company_calendar.company_calendar()
    assert calendar.add_working_days(INTAKE, 1) == dt.datetime(2026, 10, 8, 10, 0, tzinfo=SHANGHAI)
    assert calendar.add_working_days(INTAKE, 2) == dt.datetime(2026, 10, 9, 10, 0, tzinfo=SHANGHAI)


def test_a_make_up_saturday_counts_as_a_working_day(people, django_capture_on_commit_callbacks):
    declare_national_day(people.administrator, django_capture_on_commit_callbacks)
    calendar = company_calendar.company_calendar()
    deadline = calendar.add_working_days(INTAKE, 3)
    assert deadline == dt.datetime(2026, 10, 10, 10, 0, tzinfo=SHANGHAI)
    assert deadline.weekday() == 5  # a Saturday, worked to make up for the holiday week
    assert calendar.is_working_day(dt.date(2026, 10, 10))
    assert not calendar.is_working_day(dt.date(2026, 10, 1))


def test_without_declared_days_the_holiday_week_is_ordinary_work(db):
    calendar = company_calendar.company_calendar()
    assert calendar.add_working_days(INTAKE, 1) == dt.datetime(2026, 10, 1, 10, 0, tzinfo=SHANGHAI)
    assert not calendar.is_working_day(dt.date(2026, 10, 10))


def test_a_committed_change_replaces_the_cached_calendar(
    people, django_capture_on_commit_callbacks
):
    before = company_calendar.company_calendar()  # now cached
    assert before.is_working_day(dt.date(2026, 10, 1))
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_calendar_day(
            people.administrator, dt.date(2026, 10, 1), CalendarDayKind.HOLIDAY, "国庆节"
        )
    assert not company_calendar.company_calendar().is_working_day(dt.date(2026, 10, 1))


def test_the_cache_is_kept_until_the_change_commits(people, django_capture_on_commit_callbacks):
    company_calendar.company_calendar()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.set_calendar_day(
            people.administrator, dt.date(2026, 10, 1), CalendarDayKind.HOLIDAY, "国庆节"
        )
    # Not committed yet: other requests must not see a holiday that may still roll back.
    assert company_calendar.company_calendar().is_working_day(dt.date(2026, 10, 1))
    for callback in callbacks:
        callback()
    assert not company_calendar.company_calendar().is_working_day(dt.date(2026, 10, 1))


def test_changing_a_day_again_updates_it_in_place(people, django_capture_on_commit_callbacks):
    day = dt.date(2026, 10, 10)
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_calendar_day(people.administrator, day, CalendarDayKind.HOLIDAY, "")
        actions.set_calendar_day(people.administrator, day, CalendarDayKind.WORKDAY, "调休")
    assert CalendarDay.objects.get(date=day).kind == CalendarDayKind.WORKDAY
    assert company_calendar.company_calendar().is_working_day(day)


def test_quality_cannot_change_the_calendar(people):
    with pytest.raises(Denied):
        actions.set_calendar_day(people.quality, dt.date(2026, 10, 1), CalendarDayKind.HOLIDAY)
    assert not CalendarDay.objects.exists()


def test_an_unknown_kind_of_day_is_refused(people):
    from csc.core.errors import Invalid

    with pytest.raises(Invalid) as refused:
        actions.set_calendar_day(people.administrator, dt.date(2026, 10, 1), "vacation")
    assert "kind" in refused.value.fields
    assert not CalendarDay.objects.exists()


# --- the calendar page --------------------------------------------------------------------


def test_calendar_page_lists_the_declared_days(people, client):
    CalendarDay.objects.create(date=dt.date(2026, 10, 1), kind="holiday", name="国庆节")
    CalendarDay.objects.create(date=dt.date(2026, 10, 10), kind="workday", name="国庆节调休")
    client.force_login(people.quality)
    page = client.get("/calendar/").content.decode()
    assert "2026-10-01" in page and "国庆节" in page
    assert "2026-10-10" in page and "国庆节调休" in page


def test_calendar_page_filters_by_year(people, client):
    CalendarDay.objects.create(date=dt.date(2025, 10, 1), kind="holiday", name="旧国庆")
    CalendarDay.objects.create(date=dt.date(2026, 10, 1), kind="holiday", name="新国庆")
    client.force_login(people.quality)
    page = client.get("/calendar/?year=2026").content.decode()
    assert "新国庆" in page
    assert "旧国庆" not in page


def test_administrator_adds_a_holiday_on_the_calendar_page(
    people, client, django_capture_on_commit_callbacks
):
    client.force_login(people.administrator)
    company_calendar.company_calendar()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/calendar/", {"day": "2026-10-01", "kind": "holiday", "name": "国庆节"}
        )
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=dt.date(2026, 10, 1)).name == "国庆节"
    assert not company_calendar.company_calendar().is_working_day(dt.date(2026, 10, 1))
    assert "国庆节" in client.get(response["Location"]).content.decode()


def test_a_bad_date_on_the_calendar_page_shows_the_form_again(people, client):
    client.force_login(people.administrator)
    response = client.post("/calendar/", {"day": "2026-13-45", "kind": "holiday"})
    assert response.status_code == 200
    assert response.context["form"].errors["day"]
    assert not CalendarDay.objects.exists()


def test_quality_sees_no_form_and_cannot_post(people, client):
    client.force_login(people.quality)
    page = client.get("/calendar/")
    assert page.status_code == 200
    assert 'name="kind"' not in page.content.decode()
    response = client.post("/calendar/", {"day": "2026-10-01", "kind": "holiday"})
    assert response.status_code == 200
    refusals = [m for m in response.context["messages"] if m.level_tag == "error"]
    assert refusals, "the refusal must be shown, since there is no form to show it on"
    assert str(refusals[0]) in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_customer_contacts_have_no_calendar_page(people, client):
    client.force_login(people.contact)
    assert client.get("/calendar/").status_code == 404


@pytest.mark.parametrize("year", ["99999", "0", "²", "abc", "-1", "2026.0"])
def test_a_nonsense_year_filter_lists_every_day_instead_of_failing(people, client, year):
    CalendarDay.objects.create(date=dt.date(2026, 10, 1), kind="holiday", name="国庆节")
    client.force_login(people.quality)
    response = client.get("/calendar/", {"year": year})
    assert response.status_code == 200
    assert "国庆节" in response.content.decode()
