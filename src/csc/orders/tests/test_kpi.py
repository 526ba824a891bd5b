"""KPIs in SQL: review timeliness (ORD-4) and on-time delivery (ORD-6) per month and customer."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from csc.orders import kpis
from csc.orders.models import Order, Shipment
from csc.testing import count_queries

from . import makers

YEAR = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
NOW = timezone.make_aware(dt.datetime(2027, 1, 10, 9, 0))


def review(people, received, hours_to_complete=None, submitted=True):
    """An order received at ``received`` whose review took ``hours_to_complete`` (None: open)."""
    order = makers.draft(people)
    due = received + dt.timedelta(days=1)
    completed = (
        received + dt.timedelta(hours=hours_to_complete) if hours_to_complete is not None else None
    )
    Order.objects.filter(pk=order.pk).update(
        received_at=received, received_on=timezone.localdate(received),
        submitted_at=received if submitted else None, review_due_at=due, review_completed_at=completed,
    )  # fmt: skip
    return order


def at(month, day, hour=10):
    return timezone.make_aware(dt.datetime(2026, month, day, hour))


def test_review_timeliness_counts_reviews_completed_by_their_due_time_per_month(people):
    review(people, at(3, 2), 5)
    review(people, at(3, 3), 23)
    review(people, at(3, 4), 30)  # late
    review(people, at(3, 5))  # still open and overdue: counts, not in time
    review(people, at(4, 1), 2)
    review(people, at(4, 2), submitted=False)  # a draft never submitted is no review
    rows, queries = count_queries(lambda: kpis.review_timeliness(*YEAR, now=NOW))
    assert queries == 1
    assert [(r["month"], r["reviewed"], r["in_time"], r["rate"]) for r in rows] == [
        (dt.date(2026, 3, 1), 4, 2, 50.0),
        (dt.date(2026, 4, 1), 1, 1, 100.0),
    ]
    assert kpis.targets()["review"] == 100


def test_an_open_review_not_yet_due_is_not_counted(people):
    review(people, at(5, 5))
    rows = kpis.review_timeliness(*YEAR, now=at(5, 5, 12))
    assert [(r["reviewed"], r["in_time"], r["rate"]) for r in rows] == [(0, 0, None)]


def shipment(people, order, shipped, on_time):
    made = Shipment.objects.create(
        number=f"DN-T-{Shipment.objects.count() + 1:05d}", order=order, customer=order.customer,
        shipped_on=shipped, promised_on=shipped, on_time=on_time,
    )  # fmt: skip
    return made


def test_on_time_delivery_per_month_and_per_customer(people):
    first, second = makers.draft(people), makers.draft(people)
    for day, on_time in [(3, True), (10, True), (20, False)]:
        shipment(people, first, dt.date(2026, 6, day), on_time)
    shipment(people, second, dt.date(2026, 6, 15), True)
    shipment(people, second, dt.date(2026, 7, 1), False)
    shipment(people, second, dt.date(2026, 7, 2), None)  # nothing promised: not a measured batch
    shipment(people, second, dt.date(2025, 12, 31), False)  # another year
    monthly, queries = count_queries(lambda: kpis.on_time_delivery(*YEAR))
    assert queries == 1
    assert [(r["month"], r["shipments"], r["on_time_count"], r["rate"]) for r in monthly] == [
        (dt.date(2026, 6, 1), 4, 3, 75.0),
        (dt.date(2026, 7, 1), 1, 0, 0.0),
    ]
    per_customer = kpis.on_time_delivery(*YEAR, by_customer=True)
    assert {(r["month"], r["customer"]): r["rate"] for r in per_customer} == {
        (dt.date(2026, 6, 1), first.customer_id): 66.7,
        (dt.date(2026, 6, 1), second.customer_id): 100.0,
        (dt.date(2026, 7, 1), second.customer_id): 0.0,
    }
    assert kpis.totals(monthly, "on_time_count", "shipments") == (3, 5, Decimal("60.0"))


def test_the_kpi_page_shows_both_kpis_for_the_chosen_year(people, client):
    review(people, at(2, 2), 3)
    client.force_login(people.mr)
    response = client.get("/orders/kpi/?year=2026")
    assert response.status_code == 200
    assert [r["in_time"] for r in response.context["reviews"]] == [1]
    assert client.get("/orders/kpi/?year=abc").context["year"] == timezone.localdate().year
