"""Complaint KPIs (CMP-11), every figure one SQL aggregate.

* complaint rate = complaints ÷ shipments × 100 %, per month;
* PPM = rejected parts ÷ delivered parts × 10⁶, where rejected parts are the affected
  quantities of the complaints found to be ours and delivered parts the shipped quantities;
* reply on time = replies sent by the reply deadline ÷ (replies sent + replies overdue);
* 8D closed on time = 8Ds closed by their deadline ÷ (8Ds closed + 8Ds overdue);
* Pareto of complaints by category and by the 5M1E class of the root cause.

Months are told apart by one CASE on the period's month boundaries (in the company's time zone)
and grouped on, so no per-row date function runs (SQLite would call back into Python for each
row) and each row is compared only until its month is found.
"""

import bisect
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from csc.core.periods import Month, Period, month_of, months_period, year_period  # noqa: F401

from .choices import COUNTED_STATUSES, OURS_STATUSES, CauseClass, ComplaintCategory
from .models import EightD


def counted(queryset, period):
    """Return the complaints of the period that count (not "not ours", not voided)."""
    return queryset.filter(
        received_at__gte=period.start, received_at__lt=period.end, status__in=COUNTED_STATUSES
    )


def ratio(part, whole, scale=100):
    """Return part ÷ whole × scale rounded to two decimals, or None when whole is 0."""
    if not whole:
        return None
    return round(Decimal(part or 0) * scale / Decimal(whole), 2)


def ppm(rejected, delivered):
    return ratio(rejected, delivered, scale=1_000_000)


# --- monthly series ----------------------------------------------------------------------


def complaint_months(queryset, period, now=None):
    """Return {label: (complaints, rejected parts, replies on time)} for each month, in one
    query: the replies due are the month's complaints found ours, read in the same pass."""
    ours = Q(status__in=OURS_STATUSES)
    rows = (
        counted(queryset, period)
        .annotate(month=month_of("received_at", period))
        .values("month")
        .annotate(
            n=Count("id"),
            rejected=Sum("quantity_affected", filter=ours),
            **_reply_counts(now or timezone.now(), within=ours),
        )
        .order_by()
    )
    found = {row["month"]: (row["n"], row["rejected"] or Decimal(0), _on_time(row, "replied")) for row in rows}  # fmt: skip
    empty = (0, Decimal(0), (0, 0, None))
    return {m.label: found.get(i, empty) for i, m in enumerate(period.months)}


def shipment_months(period, customer=None):
    """Return {label: (shipments, delivered parts)} for each month, in two queries."""
    from csc.orders.models import Shipment, ShipmentLine

    shipments, lines = Shipment.objects.all(), ShipmentLine.objects.all()
    if customer is not None:
        shipments, lines = shipments.filter(customer=customer), lines.filter(customer=customer)
    counts = _by_shipping_month(shipments, period, Count("id"))
    parts = _by_shipping_month(lines, period, Sum("quantity"))
    return {
        m.label: (counts.get(i) or 0, parts.get(i) or Decimal(0))
        for i, m in enumerate(period.months)
    }


def _by_shipping_month(queryset, period, aggregate):
    """Return {month index: aggregate} of the records shipped in the period.

    Grouped by day in SQL and folded into months here: the GROUP BY walks the date index in
    order with nothing computed per line (a month CASE per line cost two thirds of the query
    at a year's 300,000 shipment lines)."""
    rows = (
        queryset.filter(shipped_on__gte=period.first, shipped_on__lt=period.following)
        .values("shipped_on")
        .annotate(value=aggregate)
        .order_by()
    )
    bounds = [month.following for month in period.months]
    totals = {}
    for row in rows:
        index = bisect.bisect_right(bounds, row["shipped_on"])  # the month the day falls in
        totals[index] = totals.get(index, 0) + (row["value"] or 0)
    return totals


def monthly(queryset, period, customer=None):
    """Return one row per month: complaints, shipments, rate %, rejected, delivered, PPM."""
    complaints = complaint_months(queryset, period)
    shipped = shipment_months(period, customer)
    rows = []
    for month in period.months:
        count, rejected, replies = complaints[month.label]
        shipments, delivered = shipped[month.label]
        rows.append(
            {
                "month": month.label,
                "complaints": count,
                "shipments": shipments,
                "rate": ratio(count, shipments),
                "rejected": rejected,
                "delivered": delivered,
                "ppm": ppm(rejected, delivered),
                "reply_on_time": replies,
            }
        )
    return rows


def totals(rows):
    """Return the period's totals of a monthly series (sums, then the ratios of the sums)."""
    complaints = sum(r["complaints"] for r in rows)
    shipments = sum(r["shipments"] for r in rows)
    rejected = sum((r["rejected"] for r in rows), Decimal(0))
    delivered = sum((r["delivered"] for r in rows), Decimal(0))
    return {
        "complaints": complaints,
        "shipments": shipments,
        "rate": ratio(complaints, shipments),
        "rejected": rejected,
        "delivered": delivered,
        "ppm": ppm(rejected, delivered),
    }


def period_totals(queryset, period, customer=None):
    """Return the period's totals, as ``totals(monthly(...))`` gives them, in three plain
    aggregates: a panel that shows only the sums need not build and group by the months' CASE
    (most of the 360° scorecard's time went into compiling those expressions)."""
    from csc.orders.models import Shipment, ShipmentLine

    ours = Q(status__in=OURS_STATUSES)
    counts = counted(queryset, period).aggregate(
        complaints=Count("id"), rejected=Sum("quantity_affected", filter=ours)
    )
    shipped = {"shipped_on__gte": period.first, "shipped_on__lt": period.following}
    if customer is not None:
        shipped["customer"] = customer
    shipments = Shipment.objects.filter(**shipped).count()
    delivered = ShipmentLine.objects.filter(**shipped).aggregate(parts=Sum("quantity"))["parts"]
    rejected, delivered = counts["rejected"] or Decimal(0), delivered or Decimal(0)
    return {
        "complaints": counts["complaints"],
        "shipments": shipments,
        "rate": ratio(counts["complaints"], shipments),
        "rejected": rejected,
        "delivered": delivered,
        "ppm": ppm(rejected, delivered),
    }


# --- Pareto --------------------------------------------------------------------------------


def pareto(queryset, period, field, choices):
    """Return [(value, label, count, cumulative %)] of the period's complaints by ``field``,
    largest first; complaints without a value (no root cause yet) are left out."""
    rows = (
        counted(queryset, period)
        .exclude(**{field: ""})
        .values_list(field)
        .annotate(n=Count("id"))
        .order_by("-n", field)
    )
    labels = dict(choices.choices)
    rows = list(rows)
    total = sum(n for _value, n in rows)
    result, running = [], 0
    for value, n in rows:
        running += n
        result.append((value, str(labels.get(value, value)), n, ratio(running, total)))
    return result


def pareto_by_category(queryset, period):
    return pareto(queryset, period, "category", ComplaintCategory)


def pareto_by_cause(queryset, period):
    return pareto(queryset, period, "cause_class", CauseClass)


# --- timeliness ----------------------------------------------------------------------------


def _reply_counts(now, within=None):
    """Replies sent, sent on time and overdue (of the rows ``within`` selects, if given)."""
    within = within or Q()
    return {
        "replied": Count("id", filter=within & Q(replied_at__isnull=False)),
        "on_time": Count("id", filter=within & Q(replied_at__lte=F("reply_due_at"))),
        "late_open": Count(
            "id", filter=within & Q(replied_at__isnull=True, reply_due_at__lt=now)
        ),  # fmt: skip
    }


def _eightd_counts(now):
    return {
        "closed": Count("id", filter=Q(closed_at__isnull=False)),
        "on_time": Count("id", filter=Q(closed_at__lte=F("due_at"))),
        "late_open": Count("id", filter=Q(closed_at__isnull=True, due_at__lt=now)),
    }


def _on_time(row, done):
    """Return (on time, counted, rate %): what was done plus what is overdue counts."""
    due = row[done] + row["late_open"]
    return row["on_time"], due, ratio(row["on_time"], due)


def _replies_due(queryset, period):
    return counted(queryset, period).filter(status__in=OURS_STATUSES)


def _eightds_of(queryset, period):
    """The 8Ds of the period's counted complaints, joined to them once (their month is the
    complaint's): the whole register directly, a selection through its keys."""
    eightds = EightD.objects.filter(
        complaint__received_at__gte=period.start,
        complaint__received_at__lt=period.end,
        complaint__status__in=COUNTED_STATUSES,
    )
    if queryset.query.where:
        eightds = eightds.filter(complaint__in=queryset.values("pk"))
    return eightds


def reply_on_time(queryset, period, now=None):
    """Return (on time, counted, rate %) of replies due for the period's complaints."""
    row = _replies_due(queryset, period).aggregate(**_reply_counts(now or timezone.now()))
    return _on_time(row, "replied")


def eightd_on_time(queryset, period, now=None):
    """Return (on time, counted, rate %) of the 8Ds of the period's complaints."""
    row = _eightds_of(queryset, period).aggregate(**_eightd_counts(now or timezone.now()))
    return _on_time(row, "closed")


def eightd_on_time_by_month(queryset, period, now=None):
    """Return {month label: (on time, counted, rate %)} of 8Ds by their complaint's month."""
    rows = _by_month(_eightds_of(queryset, period), "complaint__received_at", period, _eightd_counts(now or timezone.now()))  # fmt: skip
    return {label: _on_time(row, "closed") for label, row in rows.items()}


def _by_month(queryset, field, period, counts):
    rows = queryset.annotate(month=month_of(field, period)).values("month").annotate(**counts).order_by()  # fmt: skip
    labels = [m.label for m in period.months]
    return {labels[r["month"]]: r for r in rows if r["month"] < len(labels)}


# --- per customer --------------------------------------------------------------------------


def per_customer(queryset, period, limit=15):
    """Return the customers with the most complaints in the period, with rate and PPM."""
    from csc.orders.models import Shipment, ShipmentLine

    top = list(
        counted(queryset, period)
        .values("customer", "customer__name")
        .annotate(
            n=Count("id"),
            rejected=Sum("quantity_affected", filter=Q(status__in=OURS_STATUSES)),
        )
        .order_by("-n", "customer__name")[:limit]
    )
    ids = [row["customer"] for row in top]
    in_period = {
        "customer__in": ids,
        "shipped_on__gte": period.first,
        "shipped_on__lt": period.following,
    }
    shipments = dict(
        Shipment.objects.filter(**in_period).values_list("customer").annotate(n=Count("id"))
    )
    delivered = dict(
        ShipmentLine.objects.filter(**in_period).values_list("customer").annotate(q=Sum("quantity"))
    )
    for row in top:
        row["shipments"] = shipments.get(row["customer"], 0)
        row["delivered"] = delivered.get(row["customer"], Decimal(0))
        row["rate"] = ratio(row["n"], row["shipments"])
        row["ppm"] = ppm(row["rejected"], row["delivered"])
    return top


# --- recurrence (IATF 10.2.6) ------------------------------------------------------------


def recurrence_by_month(period):
    """Return {month label: (recurrences, 8Ds closed, rate %)} by the month the 8D closed."""
    closed = EightD.objects.filter(closed_at__gte=period.start, closed_at__lt=period.end)
    counts = {"n": Count("id"), "repeats": Count("id", filter=Q(recurrence=True))}
    rows = _by_month(closed, "closed_at", period, counts)
    return {label: (r["repeats"], r["n"], ratio(r["repeats"], r["n"])) for label, r in rows.items()}
