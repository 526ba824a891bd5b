"""KPI arithmetic (CMP-11): rate, PPM, timeliness and Pareto, each from SQL aggregates."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from csc.complaints import actions, kpis, tallies
from csc.complaints.models import Complaint
from csc.testing import count_queries

from . import makers

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def received(day, hour=10):
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def march(people):
    """One customer's March 2025: 4 shipments of 50,000 parts, complaints of every kind."""
    cust = makers.customer()
    for day in (3, 10, 17, 24):
        makers.shipment(cust, dt.date(2025, 3, day), Decimal(12500), created_by=people.sales)
    ours = makers.complaint(people, cust=cust, received_at=received("2025-03-05"))
    actions.accept_complaint(people.quality, ours, "simple")
    waiting = makers.complaint(
        people, cust=cust, received_at=received("2025-03-20"), quantity_affected=Decimal(30)
    )
    not_ours = makers.complaint(people, cust=cust, received_at=received("2025-03-21"))
    actions.not_ours(people.quality, not_ours, "运输方责任")
    void = makers.complaint(people, cust=cust, received_at=received("2025-03-22"))
    actions.void_complaint(people.quality, void, "重复")
    # A complaint on 1 April 00:30 Shanghai time is April's, although it is still March in UTC.
    makers.complaint(people, cust=cust, received_at=received("2025-04-01", 0).replace(minute=30))
    return cust, ours, waiting


def _row(rows, label):
    return next(r for r in rows if r["month"] == label)


def test_rate_counts_complaints_per_shipment_without_not_ours_or_void(march):
    cust, _ours, _waiting = march
    rows = kpis.monthly(Complaint.objects.all(), kpis.year_period(2025), cust)
    row = _row(rows, "2025-03")
    assert (row["complaints"], row["shipments"]) == (2, 4)
    assert row["rate"] == Decimal("50.00")
    assert _row(rows, "2025-04")["complaints"] == 1  # by the company's time zone


def test_ppm_is_rejected_parts_of_our_complaints_per_million_delivered(march):
    cust, _ours, _waiting = march
    row = _row(kpis.monthly(Complaint.objects.all(), kpis.year_period(2025), cust), "2025-03")
    assert row["delivered"] == Decimal(50000)
    assert row["rejected"] == Decimal(120)  # the accepted one; the unassessed 30 are not yet ours
    assert row["ppm"] == Decimal("2400.00")


def test_months_without_shipments_have_no_rate_rather_than_a_division_by_zero(march):
    cust, _ours, _waiting = march
    row = _row(kpis.monthly(Complaint.objects.all(), kpis.year_period(2025), cust), "2025-04")
    assert row["shipments"] == 0 and row["rate"] is None and row["ppm"] is None


def test_totals_are_ratios_of_the_sums(march):
    cust, _ours, _waiting = march
    total = kpis.totals(kpis.monthly(Complaint.objects.all(), kpis.year_period(2025), cust))
    assert (total["complaints"], total["shipments"], total["rate"]) == (3, 4, Decimal("75.00"))


def test_period_totals_equal_the_totals_of_the_monthly_series_in_three_queries(march):
    cust, _ours, _waiting = march
    for period in (kpis.year_period(2025), kpis.months_period(dt.date(2025, 3, 1), dt.date(2025, 3, 31))):  # fmt: skip
        monthly = kpis.totals(kpis.monthly(Complaint.objects.all(), period, cust))
        totals, queries = count_queries(
            lambda period=period: kpis.period_totals(Complaint.objects.all(), period, cust)
        )
        assert totals == monthly and queries == 3


def test_the_monthly_series_is_three_queries_whatever_the_rows(march):
    cust, _ours, _waiting = march
    _rows, queries = count_queries(
        lambda: kpis.monthly(Complaint.objects.filter(customer=cust), kpis.year_period(2025), cust)
    )
    assert queries == 3


def test_the_whole_registers_series_reads_its_tallies_in_five_queries(march):
    tallies.refresh()  # the months the fixture's complaints changed are counted once
    _rows, queries = count_queries(
        lambda: kpis.monthly(Complaint.objects.all(), kpis.year_period(2025))
    )
    # changes waiting? · the tallies by month · overdue replies · shipments · shipped parts
    assert queries == 5


def test_pareto_orders_categories_and_accumulates_to_100(people):
    cust = makers.customer()
    for category in ("quality", "quality", "quality", "packaging", "transport"):
        makers.complaint(people, cust=cust, category=category, received_at=received("2025-06-02"))
    rows = kpis.pareto_by_category(Complaint.objects.filter(customer=cust), kpis.year_period(2025))
    assert [(value, n) for value, _label, n, _c in rows] == [
        ("quality", 3),
        ("packaging", 1),
        ("transport", 1),
    ]
    assert [c for *_rest, c in rows] == [Decimal("60.00"), Decimal("80.00"), Decimal("100.00")]


def test_pareto_by_5m1e_reads_the_root_cause_of_d4(people):
    complaint = makers.accepted(people)
    makers.fill_8d(people, complaint)
    period = kpis.year_period(complaint.received_at.year)
    rows = kpis.pareto_by_cause(Complaint.objects.filter(pk=complaint.pk), period)
    assert [(value, n) for value, _label, n, _c in rows] == [("machine", 1)]


def test_reply_on_time_counts_late_and_missing_replies(people, media_root):
    on_time = makers.replied(people)
    late = makers.accepted(people)
    Complaint.objects.filter(pk=late.pk).update(reply_due_at=received("2020-01-01"))
    period = kpis.year_period(on_time.received_at.year)
    queryset = Complaint.objects.filter(pk__in=[on_time.pk, late.pk])
    assert kpis.reply_on_time(queryset, period) == (1, 2, Decimal("50.00"))


def test_8d_closed_on_time_compares_closure_with_its_deadline(people, media_root):
    in_time = makers.replied(people)
    overdue = makers.accepted(people)
    overdue.eightd.due_at = received("2020-01-01")
    overdue.eightd.save(update_fields=["due_at"])
    period = kpis.year_period(in_time.received_at.year)
    queryset = Complaint.objects.filter(pk__in=[in_time.pk, overdue.pk])
    assert kpis.eightd_on_time(queryset, period) == (1, 2, Decimal("50.00"))


def test_per_customer_ranks_customers_with_their_own_rate(march, people):
    cust, _ours, _waiting = march
    rows = kpis.per_customer(Complaint.objects.all(), kpis.year_period(2025))
    mine = next(r for r in rows if r["customer"] == cust.pk)
    assert (mine["n"], mine["shipments"], mine["rate"]) == (3, 4, Decimal("75.00"))
