"""Records the KPI tests measure: last month's shipments and complaints."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from csc.complaints.tests import makers as complaint_makers
from csc.kpi import indicators


def last_month():
    return indicators.periods_back(timezone.localdate(), 2)[0]


def at(day, hour=10):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def complaints_and_shipments(people, month, complaints=2, shipments=4):
    """A customer with ``shipments`` deliveries of 1,000 parts and ``complaints`` complaints
    in ``month``."""
    cust = complaint_makers.customer()
    for n in range(shipments):
        complaint_makers.shipment(cust, month + dt.timedelta(days=n + 1), Decimal(1000), created_by=people.sales)  # fmt: skip
    made = [
        complaint_makers.complaint(
            people, cust=cust, received_at=at(month + dt.timedelta(days=n + 2))
        )  # fmt: skip
        for n in range(complaints)
    ]
    return cust, made
