"""The weekly quality information (S2 1.9.4) as Sales reads it on Monday: last week's field
jobs by defect and by service staff, what customers reported to the desk, the same in the
workbook, and one notice per week to Sales."""

import datetime as dt
import io

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook

from csc.aftersales import actions
from csc.aftersales.weekly import Week, by_defect, by_staff, requests_by_category
from csc.core.models import Notification
from csc.core.tests.resource_base import browser

from . import makers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def week():
    return Week.of(timezone.localdate()).previous()


def on(week, day, hour=10):
    zone = timezone.get_current_timezone()
    return dt.datetime.combine(week.start + dt.timedelta(days=day), dt.time(hour), zone)


@pytest.fixture
def jobs(people, week):
    """Last week: the same seal leak at two customers, a cracked housing found by Sales'
    resident engineer, a voided job; and one job the week before, which is not counted."""
    leak = [makers.field_record(people, found_at=on(week, day)) for day in (0, 2)]
    crack = makers.field_record(
        people, found_at=on(week, 4), failure_form="壳体裂纹", maker="某铸造厂",
        staff=makers.staff(people, "sales"),
    )  # fmt: skip
    voided = makers.field_record(people, found_at=on(week, 3))
    actions.void_record(people.service, voided, "重复录入")
    makers.field_record(people, found_at=on(week.previous(), 1))
    return leak, crack


def test_the_week_groups_its_jobs_by_defect_with_the_repeated_one_first(jobs, week):
    rows = by_defect(week)
    assert [(r["failure_form"], r["jobs"], r["customers"]) for r in rows] == [
        ("密封圈渗漏", 2, 2),
        ("壳体裂纹", 1, 1),
    ]


def test_the_week_counts_each_service_staff_members_jobs(people, jobs, week):
    rows = [(str(member.person.username), n) for member, n, _inst, _done in by_staff(week)]
    assert rows == [("service", 2), ("sales", 1)]


def test_the_desk_side_counts_the_weeks_requests_by_category(people, week):
    from csc.service.actions import open_request

    for category in ("repair", "repair", "enquiry"):
        data = {"customer": makers.customer(), "channel": "phone", "category": category,
                "description": "客户来电", "received_at": on(week, 1)}  # fmt: skip
        open_request(people.service, data)
    assert [(label, n) for label, n, _esc in requests_by_category(week)] == [
        ("Repair", 2),
        ("Enquiry", 1),
    ]


def test_sales_reads_the_week_on_the_page_and_production_does_not(people, jobs, week):
    page = browser(people.sales).get(f"/aftersales/weekly/?week={week}")
    assert page.status_code == 200
    text = page.content.decode()
    assert text.count("密封圈渗漏") >= 3  # the defect row and both jobs
    assert jobs[0][0].number in text
    assert browser(people.production).get("/aftersales/weekly/").status_code in (403, 404)


def test_the_page_shows_one_service_staff_member_alone(people, jobs, week):
    sales_staff = makers.staff(people, "sales")
    text = browser(people.sales).get(f"/aftersales/weekly/?week={week}&staff={sales_staff.pk}")
    assert jobs[1].number in text.content.decode()
    assert jobs[0][0].number not in text.content.decode()


@pytest.mark.parametrize("value", ["2026-W54", "abc", "1999-W10", "2026-W0", ""])
def test_a_week_that_does_not_exist_falls_back_to_last_week(people, value):
    default = Week.of(timezone.localdate()).previous()
    assert Week.parse(value, default) == default
    assert browser(people.sales).get(f"/aftersales/weekly/?week={value}").status_code == 200


def test_a_week_is_read_in_either_case():
    assert Week.parse("2026-w5", None) == Week(2026, 5)
    assert Week(2026, 1).start == dt.date(2025, 12, 29)  # ISO week 1 starts in December
    assert str(Week(2026, 53).following()) == "2027-W01"


def test_the_workbook_lists_the_weeks_jobs_with_their_defects(people, jobs, week):
    response = browser(people.sales).get(f"/aftersales/weekly/xlsx/?week={week}")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("服务记录编号", "发现问题时间", "服务人员")  # in the reader's language
    numbers = [row[0] for row in rows[1:]]
    leak, crack = jobs
    assert numbers == [leak[0].number, leak[1].number, crack.number]
    assert rows[3][6:8] == ("壳体裂纹", "某铸造厂")


def test_sales_is_told_on_monday_once_per_week(people, jobs, week):
    monday = week.end
    assert actions.send_weekly_information(None, today=monday) == week
    told = Notification.objects.filter(url=f"/aftersales/weekly/?week={week}")
    assert people.sales.pk in set(told.values_list("user", flat=True))
    assert people.production.pk not in set(told.values_list("user", flat=True))
    assert str(week) in told.first().title
    assert actions.send_weekly_information(None, today=monday) is None
    assert told.count() == len(set(told.values_list("user", flat=True)))


def test_a_week_without_field_jobs_tells_nobody(people):
    assert actions.send_weekly_information(None) is None
    assert not Notification.objects.filter(url__startswith="/aftersales/weekly/").exists()
