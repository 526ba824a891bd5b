"""KPI of customer property (S3): damage and loss per month, target 0."""

import datetime as dt

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .choices import KPI_KINDS, AnomalyKind, AnomalyStatus
from .conf import setting
from .models import Anomaly


def _month_starts(months, today):
    """Return the first days of the last ``months`` months, oldest first."""
    year, month = today.year, today.month
    starts = []
    for _index in range(months):
        starts.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return starts[::-1]


def damage_by_month(anomalies, months=None, today=None):
    """Return [{month, damage, loss, total, target, met}] for the last months, zeros included.

    Counted: confirmed anomalies of kind damage or loss (reported or dismissed ones are not
    facts yet), by the month they were reported, in one grouped SQL query.
    """
    months = months or setting("PROPERTY_KPI_MONTHS")
    today = today or timezone.localdate()
    starts = _month_starts(months, today)
    first = timezone.make_aware(dt.datetime.combine(starts[0], dt.time()))
    rows = (
        anomalies.filter(kind__in=KPI_KINDS, reported_at__gte=first)
        .exclude(status__in=(AnomalyStatus.REPORTED, AnomalyStatus.DISMISSED))
        .annotate(month=TruncMonth("reported_at"))
        .order_by()
        .values("month", "kind")
        .annotate(n=Count("pk"))
        .values_list("month", "kind", "n")
    )
    counts = {}
    for month, kind, n in rows:
        counts[(_as_date(month), kind)] = n
    target = setting("PROPERTY_DAMAGE_TARGET")
    table = []
    for start in starts:
        damage = counts.get((start, AnomalyKind.DAMAGE), 0)
        loss = counts.get((start, AnomalyKind.LOSS), 0)
        total = damage + loss
        table.append(
            {"month": start, "damage": damage, "loss": loss, "total": total,
             "target": target, "met": total <= target}
        )  # fmt: skip
    return table


def _as_date(month):
    if isinstance(month, dt.datetime):
        return timezone.localtime(month).date() if timezone.is_aware(month) else month.date()
    return month


def open_anomalies():
    return Anomaly.objects.exclude(status__in=(AnomalyStatus.CLOSED, AnomalyStatus.DISMISSED))
