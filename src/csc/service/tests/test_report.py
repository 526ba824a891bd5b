"""The SLA report (SVC-3): shares on time, median and p90 per team, category and month, and
the backlog's age — the same figures on SQLite and PostgreSQL."""

import datetime as dt
import io

from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from csc.service import actions, report
from csc.service.models import ServiceRequest, SlaMonth, Team

from . import makers


def resolved_after(people, team, hours, late=False, month=3):
    """A request of ``team`` received in ``month`` and resolved ``hours`` later."""
    received = dt.datetime(2026, month, 2, 9, tzinfo=timezone.get_current_timezone())
    request = makers.request(people, received_at=received)
    due = received + dt.timedelta(hours=hours - 1 if late else hours + 1)
    ServiceRequest.objects.filter(pk=request.pk).update(
        team=team,
        resolved_at=received + dt.timedelta(hours=hours),
        resolution_due_at=due,
        first_answered_at=received + dt.timedelta(hours=1),
    )
    return request


def test_the_report_gives_rates_median_and_p90_per_team_category_month(people):
    team = makers.team(people, name="一组")
    for hours in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        resolved_after(people, team, hours, late=hours > 8)
    resolved_after(people, team, 4, month=4)
    lines = report.lines(ServiceRequest.objects.all(), 2026)
    march = next(line for line in lines if line.month == dt.date(2026, 3, 1))
    assert (march.team, march.category, march.total) == ("一组", "support", 10)
    assert march.resolution_rate == 80.0
    assert march.answer_rate == 100.0
    assert march.median_hours == 5.0
    assert march.p90_hours == 9.0
    assert [line.month.month for line in lines] == [3, 4]


def test_the_backlog_counts_open_requests_by_age(people):
    old = makers.request(people)
    ServiceRequest.objects.filter(pk=old.pk).update(
        received_at=timezone.now() - dt.timedelta(days=10)
    )
    makers.request(people)
    (row,) = report.backlog(ServiceRequest.objects.all())
    assert row["buckets"] == [1, 0, 0, 1]


def test_the_report_page_shows_a_chart_and_exports_to_excel(people):
    team = makers.team(people, name="一组")
    resolved_after(people, team, 3)
    client = Client()
    client.force_login(people.service)
    page = client.get("/service/report/?year=2026")
    assert page.status_code == 200
    assert '<svg class="chart' in page.content.decode()
    export = client.get("/service/report/export/?year=2026")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert list(sheet.iter_rows(values_only=True))[1][:4] == ("2026-03", "一组", "技术支持", 1)


# --- the stored months --------------------------------------------------------------------

DECEMBER = dt.date(2026, 12, 4)


def _computed_months(monkeypatch):
    """Record the first month of every run the report computes instead of reading it."""
    runs = []
    compute = report.compute

    def counting(queryset, months):
        runs.append(months.first)
        return compute(queryset, months)

    monkeypatch.setattr(report, "compute", counting)
    return runs


def test_the_nightly_store_gives_the_same_report_and_spares_the_ended_months(people, monkeypatch):
    team = makers.team(people, name="一组")
    for hours in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        resolved_after(people, team, hours, late=hours > 8)
    resolved_after(people, team, 4, month=4)
    live = report.lines(ServiceRequest.objects.all(), 2026)
    assert actions.store_sla_months(today=DECEMBER) == 24
    runs = _computed_months(monkeypatch)
    stored = report.lines(ServiceRequest.objects.all(), 2026)
    assert stored == live
    assert runs == [dt.date(2026, 12, 1)]  # only the running month is computed


def test_a_request_changed_after_the_night_puts_its_month_back_to_live_figures(people, monkeypatch):
    team = makers.team(people, name="一组")
    request = resolved_after(people, team, 3)
    resolved_after(people, team, 5, month=5)
    actions.store_sla_months(today=DECEMBER)
    request.refresh_from_db()
    actions.update_request(people.service, request, {"category": "repair"}, request.version)
    runs = _computed_months(monkeypatch)
    lines = report.lines(ServiceRequest.objects.all(), 2026)
    march = [line.category for line in lines if line.month == dt.date(2026, 3, 1)]
    assert march == ["repair"]
    assert dt.date(2026, 3, 1) in runs and dt.date(2026, 5, 1) not in runs


def test_storing_twice_stores_nothing_the_second_time(people):
    resolved_after(people, makers.team(people), 3)
    assert actions.store_sla_months(today=DECEMBER) == 24
    assert actions.store_sla_months(today=DECEMBER) == 0
    assert not SlaMonth.objects.filter(month=dt.date(2026, 12, 1)).exists()


def test_a_team_filter_and_a_renamed_team_read_from_the_stored_months(people):
    first, second = makers.team(people, name="一组"), makers.team(people, name="二组")
    resolved_after(people, first, 3)
    resolved_after(people, second, 4)
    actions.store_sla_months(today=DECEMBER)
    Team.objects.filter(pk=first.pk).update(name="华东服务组")
    only_first = report.lines(ServiceRequest.objects.all(), 2026, team=first.pk)
    assert [(line.team, line.total) for line in only_first] == [("华东服务组", 1)]
