"""The nightly store of the SLA report's ended months (see ``models.SlaMonth``)."""

from django.db import transaction
from django.utils import timezone

from csc.core.periods import months_period

from .. import report
from ..models import ServiceRequest, SlaMonth

# Two years: the report's year and the one before it, as the management review compares them.
MONTHS_KEPT = 24


def store_sla_months(months=MONTHS_KEPT, today=None):
    """Store the lines of each ended month of the last ``months`` whose requests changed since
    they were stored (or that was never stored); return how many months were stored.

    Idempotent: a second run finds every fingerprint matching and stores nothing.
    """
    running = (today or timezone.localdate()).replace(day=1)
    period = months_period(_months_before(running, months), _months_before(running, 1))
    prints = report.fingerprints(period)
    kept = {s.month: (s.requests, s.versions) for s in SlaMonth.objects.filter(month__gte=period.first)}  # fmt: skip
    stored = 0
    for month in period.months:
        if kept.get(month.first) == prints[month.first]:
            continue
        _store(month, prints[month.first])
        stored += 1
    return stored


def _months_before(first, count):
    index = first.year * 12 + first.month - 1 - count
    return first.replace(year=index // 12, month=index % 12 + 1)


def _store(month, fingerprint):
    lines = report.compute(ServiceRequest.objects.all(), months_period(month.first, month.first))
    with transaction.atomic():
        SlaMonth.objects.update_or_create(
            month=month.first,
            defaults={
                "requests": fingerprint[0],
                "versions": fingerprint[1],
                "lines": [line.stored() for line in lines],
                "computed_at": timezone.now(),
            },
        )
