"""Order KPIs in SQL (ORD-4, ORD-6): review timeliness and on-time delivery per month.

Each KPI is one aggregate query grouped by month (and customer when asked); Python only turns the
dozen result rows into percentages.
"""

import datetime as dt

from django.db.models import Count, DateField, DecimalField, F, FloatField, Func, Q, Value
from django.db.models.functions import Cast, NullIf, Round
from django.utils import timezone

from .conf import setting
from .models import Order, Shipment
from .rules import rate


class MonthStart(Func):
    """The first day of the month of a date column, with each database's native function.

    Django's TruncMonth calls a Python function per row on SQLite; this stays in C.
    """

    output_field = DateField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="date(%(expressions)s, 'start of month')")

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="date_trunc('month', %(expressions)s)::date"
        )

    def as_sql(self, compiler, connection, template=None, **extra):
        template = template or "date_trunc('month', %(expressions)s)"
        return super().as_sql(compiler, connection, template=template, **extra)


def with_rate(queryset, part, whole):
    """Add ``rate``: part ÷ whole in %, one decimal, NULL for an empty whole.

    Computed by the database, so a KPI of thousands of rows (per customer) costs no Python loop.
    """
    share = Value(100.0) * F(part) / NullIf(F(whole), 0)
    # Rounded as a decimal (PostgreSQL rounds no floats to a precision), read back as a float:
    # a Decimal per row would cost more than the query on a per-customer breakdown.
    percent = Cast(share, DecimalField(max_digits=9, decimal_places=3))
    return queryset.annotate(rate=Round(percent, 1, output_field=FloatField()))


def year_bounds(year):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def review_timeliness_query(orders, start, end, now=None):
    """Return the queryset of monthly review timeliness rows: month, reviewed, in_time.

    A review counts once it is completed or overdue; it is in time when completed by its due
    time (intake + 1 working day). Drafts never submitted are not reviews.
    """
    now = now or timezone.now()
    counted = Q(submitted_at__isnull=False) & (
        Q(review_completed_at__isnull=False) | Q(review_due_at__lt=now)
    )
    in_time = counted & Q(review_completed_at__lte=F("review_due_at"))
    monthly = (
        orders.filter(received_on__range=(start, end))
        .annotate(month=MonthStart("received_on"))
        .values("month")
        .annotate(reviewed=Count("pk", filter=counted), in_time=Count("pk", filter=in_time))
        .order_by("month")
    )
    return with_rate(monthly, "in_time", "reviewed")


def on_time_delivery_query(shipments, start, end, by_customer=False):
    """Return the queryset of monthly on-time delivery rows: month[, customer], shipments, on_time."""
    keys = ["month", "customer"] if by_customer else ["month"]
    monthly = (
        shipments.filter(shipped_on__range=(start, end), on_time__isnull=False)
        .annotate(month=MonthStart("shipped_on"))
        .values(*keys)
        .annotate(shipments=Count("pk"), on_time_count=Count("pk", filter=Q(on_time=True)))
        .order_by(*keys)
    )
    return with_rate(monthly, "on_time_count", "shipments")


def review_timeliness(start, end, orders=None, now=None):
    """Return [{month, reviewed, in_time, rate}] for the months in [start, end]."""
    orders = Order.objects.all() if orders is None else orders
    return list(review_timeliness_query(orders, start, end, now))


def on_time_delivery(start, end, shipments=None, by_customer=False):
    """Return [{month, [customer,] shipments, on_time_count, rate}] for [start, end]."""
    shipments = Shipment.objects.all() if shipments is None else shipments
    return list(on_time_delivery_query(shipments, start, end, by_customer))


def targets():
    """Return the targets (%) of the two KPIs: review timeliness and on-time delivery."""
    return {
        "review": setting("ORDERS_REVIEW_TIMELINESS_TARGET"),
        "delivery": setting("ORDERS_ON_TIME_DELIVERY_TARGET"),
    }


def totals(rows, part, whole):
    """Return (part, whole, rate) summed over KPI rows (the year's figure)."""
    numerator = sum(r[part] for r in rows)
    denominator = sum(r[whole] for r in rows)
    return numerator, denominator, rate(numerator, denominator)
