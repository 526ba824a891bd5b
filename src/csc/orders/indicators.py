"""Order indicators for the indicator list, computed by this area's own KPI functions."""

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.kpi.indicators import HIGHER, Indicator, Measure, next_period

from . import kpis
from .conf import setting


def _as_date(value):
    return value.date() if isinstance(value, dt.datetime) else value


def _measures(rows, part, whole, starts):
    found = {}
    for row in rows:
        month = _as_date(row["month"])
        if month in starts:
            rate = row["rate"]
            found[month] = Measure(
                None if rate is None else Decimal(str(rate)),
                Decimal(row[part]),
                Decimal(row[whole]),
            )
    return found


def _bounds(starts):
    return min(starts), next_period(max(starts)) - dt.timedelta(days=1)


def review_in_time(starts):
    rows = kpis.review_timeliness(*_bounds(starts))
    return _measures(rows, "in_time", "reviewed", set(starts))


def delivery_on_time(starts):
    rows = kpis.on_time_delivery(*_bounds(starts))
    return _measures(rows, "on_time_count", "shipments", set(starts))


def orders_of(start, end):
    last = end - dt.timedelta(days=1)
    return f"{reverse('orders:list')}?received_after={start:%Y-%m-%d}&received_before={last:%Y-%m-%d}"  # fmt: skip


def kpi_page_of(start, end):
    return f"{reverse('orders:kpi')}?year={start.year}"


INDICATORS = [
    Indicator(
        "contract_review_in_time",
        _("Contract reviews within one working day"),
        _(
            "Orders whose review was completed within one working day of intake ÷ orders reviewed or overdue."
        ),  # fmt: skip
        "%",
        HIGHER,
        source="orders",
        owner=Role.SALES,
        series=review_in_time,
        drill=orders_of,
        order=10,
        clause="IATF 8.2.3.1.2",
        extra={"target": lambda: setting("ORDERS_REVIEW_TIMELINESS_TARGET")},
    ),  # fmt: skip
    Indicator(
        "on_time_delivery",
        _("On-time delivery"),
        _("Shipments delivered by the promised date ÷ shipments with a known delivery."),
        "%",
        HIGHER,
        source="orders",
        owner=Role.MATERIALS,
        series=delivery_on_time,
        drill=kpi_page_of,
        order=11,
        clause="IATF 9.1.2.1",
        extra={"target": lambda: setting("ORDERS_ON_TIME_DELIVERY_TARGET")},
    ),  # fmt: skip
]
