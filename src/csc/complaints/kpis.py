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

The figures of the whole register are read from its monthly tallies (csc.complaints.tallies)
plus what is overdue now, counted from the open records; a selection (one customer, a
customer contact's own) is counted from its complaints. Both give the same figures.
"""

import bisect
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from csc.core.periods import Month, Period, month_of, months_period, year_period  # noqa: F401

from .choices import COUNTED_STATUSES, OURS_STATUSES, CauseClass, ComplaintCategory
from .models import Complaint, CustomerMonthTally, EightD, MonthTally
from .tallies import of_period


def counted(queryset, period):
    """Return the complaints of the period that count (not "not ours", not voided)."""
    return queryset.filter(
        received_at__gte=period.start, received_at__lt=period.end, status__in=COUNTED_STATUSES
    )


def _whole(queryset):
    """True when ``queryset`` is every complaint: its figures come from the tallies."""
    return not queryset.query.where


def _labels(period):
    return [month.label for month in period.months]


def _summed(tallies, *measures, by=()):
    """Return the tallies' measures summed (per ``by``, when given)."""
    sums = {measure: Sum(measure) for measure in measures}
    return tallies.values(*by).annotate(**sums) if by else tallies.aggregate(**sums)


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
    now = now or timezone.now()
    if _whole(queryset):
        return _tallied_months(period, now)
    ours = Q(status__in=OURS_STATUSES)
    rows = (
        counted(queryset, period)
        .annotate(month=month_of("received_at", period))
        .values("month")
        .annotate(
            n=Count("id"),
            rejected=Sum("quantity_affected", filter=ours),
            **_reply_counts(now, within=ours),
        )
        .order_by()
    )
    found = {row["month"]: (row["n"], row["rejected"] or Decimal(0), _on_time(row, "replied")) for row in rows}  # fmt: skip
    empty = (0, Decimal(0), (0, 0, None))
    return {m.label: found.get(i, empty) for i, m in enumerate(period.months)}


def _tallied_months(period, now):
    tallies = of_period(MonthTally, period)
    sums = _summed(tallies, "complaints", "rejected", "replied", "replied_on_time", by=["month"])
    found = {f"{row['month']:%Y-%m}": row for row in sums}
    late = _late_replies(Complaint.objects.all(), period, now, by_month=True)
    months = {}
    for label in _labels(period):
        row = found.get(label) or _NO_TALLY
        replies = {"replied": row["replied"], "on_time": row["replied_on_time"]}
        replies["late_open"] = late.get(label, 0)
        months[label] = (row["complaints"], row["rejected"], _on_time(replies, "replied"))
    return months


_NO_TALLY = {"complaints": 0, "rejected": Decimal(0), "replied": 0, "replied_on_time": 0}


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
    if _whole(queryset):
        found = of_period(MonthTally, period).values_list(field).annotate(n=Sum("complaints"))
    else:
        found = counted(queryset, period).values_list(field).annotate(n=Count("id"))
    rows = found.exclude(**{field: ""}).order_by("-n", field)
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
    now = now or timezone.now()
    if not _whole(queryset):
        row = _replies_due(queryset, period).aggregate(**_reply_counts(now))
        return _on_time(row, "replied")
    sums = _summed(of_period(MonthTally, period), "replied", "replied_on_time")
    late = _late_replies(queryset, period, now)
    row = {"replied": sums["replied"] or 0, "on_time": sums["replied_on_time"] or 0}
    return _on_time({**row, "late_open": late}, "replied")


def _late_replies(queryset, period, now, by_month=False):
    """Return how many replies due for the period's complaints are overdue now (by month
    label, when asked): the unreplied ones, found by the open-deadline index."""
    late = _replies_due(queryset, period).filter(replied_at__isnull=True, reply_due_at__lt=now)
    if not by_month:
        return late.count()
    rows = _by_month(late, "received_at", period, {"n": Count("id")})
    return {label: row["n"] for label, row in rows.items()}


def eightd_on_time(queryset, period, now=None):
    """Return (on time, counted, rate %) of the 8Ds of the period's complaints."""
    now = now or timezone.now()
    if not _whole(queryset):
        row = _eightds_of(queryset, period).aggregate(**_eightd_counts(now))
        return _on_time(row, "closed")
    sums = _summed(of_period(MonthTally, period), "eightds_closed", "eightds_on_time")
    late = _late_eightds(queryset, period, now).count()
    row = {"closed": sums["eightds_closed"] or 0, "on_time": sums["eightds_on_time"] or 0}
    return _on_time({**row, "late_open": late}, "closed")


def _late_eightds(queryset, period, now):
    """The open 8Ds of the period's complaints past their deadline (the closed-at index)."""
    return _eightds_of(queryset, period).filter(closed_at__isnull=True, due_at__lt=now)


def eightd_on_time_by_month(queryset, period, now=None):
    """Return {month label: (on time, counted, rate %)} of 8Ds by their complaint's month."""
    now = now or timezone.now()
    if not _whole(queryset):
        rows = _by_month(_eightds_of(queryset, period), "complaint__received_at", period, _eightd_counts(now))  # fmt: skip
        return {label: _on_time(row, "closed") for label, row in rows.items()}
    late = _by_month(_late_eightds(queryset, period, now), "complaint__received_at", period, {"n": Count("id")})  # fmt: skip
    tallies = of_period(MonthTally, period).filter(eightds__gt=0)  # as counted: months with 8Ds
    rows = _summed(tallies, "eightds_closed", "eightds_on_time", by=["month"])
    found = {}
    for row in rows:
        label = f"{row['month']:%Y-%m}"
        closed = {"closed": row["eightds_closed"], "on_time": row["eightds_on_time"]}
        found[label] = _on_time({**closed, "late_open": late.get(label, {}).get("n", 0)}, "closed")
    return found


def _by_month(queryset, field, period, counts):
    rows = queryset.annotate(month=month_of(field, period)).values("month").annotate(**counts).order_by()  # fmt: skip
    labels = [m.label for m in period.months]
    return {labels[r["month"]]: r for r in rows if r["month"] < len(labels)}


# --- per customer --------------------------------------------------------------------------


def per_customer(queryset, period, limit=15):
    """Return the customers with the most complaints in the period, with rate and PPM."""
    from csc.orders.models import Shipment, ShipmentLine

    top = list(_customer_counts(queryset, period).order_by("-n", "customer__name")[:limit])
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
        if "ours" in row:  # from the tallies: as the live Sum, no parts without a complaint ours
            row["rejected"] = row["rejected"] if row.pop("ours") else None
        row["shipments"] = shipments.get(row["customer"], 0)
        row["delivered"] = delivered.get(row["customer"], Decimal(0))
        row["rate"] = ratio(row["n"], row["shipments"])
        row["ppm"] = ppm(row["rejected"], row["delivered"])
    return top


def _customer_counts(queryset, period):
    if _whole(queryset):
        tallies = of_period(CustomerMonthTally, period).values("customer", "customer__name")
        return tallies.annotate(n=Sum("complaints"), ours=Sum("ours"), rejected=Sum("rejected"))
    return (
        counted(queryset, period)
        .values("customer", "customer__name")
        .annotate(n=Count("id"), rejected=Sum("quantity_affected", filter=Q(status__in=OURS_STATUSES)))
    )  # fmt: skip


# --- recurrence (IATF 10.2.6) ------------------------------------------------------------


def recurrence_by_month(period):
    """Return {month label: (recurrences, 8Ds closed, rate %)} by the month the 8D closed."""
    closed = EightD.objects.filter(closed_at__gte=period.start, closed_at__lt=period.end)
    counts = {"n": Count("id"), "repeats": Count("id", filter=Q(recurrence=True))}
    rows = _by_month(closed, "closed_at", period, counts)
    return {label: (r["repeats"], r["n"], ratio(r["repeats"], r["n"])) for label, r in rows.items()}
