"""Monthly roll-ups of the complaint KPIs (CMP-11): a year's figures of the whole register read
a few hundred tally rows, not the year's complaints (at 1M complaints, about 200,000 a year).

The tallies hold what does not change with time: per month (company time zone), category and
5M1E class the counted complaints, the rejected parts and replies of those found ours, the
replies sent on time and the 8Ds closed (on time); per month and customer the counts and
rejected parts. What is overdue changes with the clock, so the KPIs add it live from the few
open records (``csc.complaints.kpis``).

Database triggers (migration 0008) record the received time of every complaint a change
touches — a complaint written, or its 8D — whoever writes (the verbs, a bulk load, a restore).
``refresh`` recounts those months from the complaints before the tallies are read, in the
reader's transaction, so the figures are always those of the records themselves (a test
compares them after random workflows).
"""

import datetime as dt

from django.db import connection, transaction
from django.db.models import Count, F, Max, Min, Q, Sum
from django.utils import timezone

from csc.core.periods import day_bounds

from .choices import COUNTED_STATUSES, OURS_STATUSES
from .models import Complaint, CustomerMonthTally, EightD, MonthTally, TallyChange

LISTED = 2_000  # more changes than this are recounted as the run of months they span


def refresh():
    """Recount the months of the complaints changed since the last refresh."""
    # The usual case: nothing waits. Asked through the key's index: a plain probe scans the
    # heap, which after a large count is megabytes of empty pages until VACUUM truncates them.
    if not TallyChange.objects.order_by("pk").values_list("pk", flat=True)[:1]:
        return
    with transaction.atomic():
        _one_at_a_time()
        last = TallyChange.objects.aggregate(last=Max("pk"), n=Count("pk"))
        if not last["n"]:
            return  # another reader counted them meanwhile
        # The changes up to the last one read: those recorded meanwhile wait for the next.
        changes = TallyChange.objects.filter(pk__lte=last["last"])
        for month in _months_of(changes, last["n"]):
            recount(month)
        changes.delete()


def _one_at_a_time():
    """Make concurrent refreshes wait for each other: two recounts of a month at once would
    both insert its tallies. SQLite's transactions here begin IMMEDIATE, one writer at a time;
    PostgreSQL takes a lock held until the transaction ends."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('complaints_tallies'))")


def _months_of(changes, count):
    """Return the first days of the months the changes fall in: each one's when they are
    few, else every month from the first change's to the last's (a bulk load or the first
    count of an existing register)."""
    if count <= LISTED:
        return sorted({_month(at) for at in changes.values_list("received_at", flat=True)})
    span = changes.aggregate(first=Min("received_at"), last=Max("received_at"))
    month, last = _month(span["first"]), _month(span["last"])
    months = []
    while month <= last:
        months.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return months


def _month(moment):
    return timezone.localtime(moment).date().replace(day=1)


def recount(month):
    """Replace the tallies of ``month`` (its first day) by a count of its complaints."""
    following = (month + dt.timedelta(days=32)).replace(day=1)
    start, end = day_bounds(month, following)
    complaints = Complaint.objects.filter(
        received_at__gte=start, received_at__lt=end, status__in=COUNTED_STATUSES
    ).order_by()
    ours = Q(status__in=OURS_STATUSES)
    MonthTally.objects.filter(month=month).delete()
    CustomerMonthTally.objects.filter(month=month).delete()
    MonthTally.objects.bulk_create(_month_rows(month, complaints, ours))
    CustomerMonthTally.objects.bulk_create(
        CustomerMonthTally(month=month, **row)
        for row in complaints.values("customer_id").annotate(
            complaints=Count("id"),
            ours=Count("id", filter=ours),
            rejected=Sum("quantity_affected", filter=ours, default=0),
        )
    )


def _month_rows(month, complaints, ours):
    rows = {
        (row.pop("category"), row.pop("cause_class")): row
        for row in complaints.values("category", "cause_class").annotate(
            complaints=Count("id"),
            rejected=Sum("quantity_affected", filter=ours, default=0),
            replied=Count("id", filter=ours & Q(replied_at__isnull=False)),
            replied_on_time=Count("id", filter=ours & Q(replied_at__lte=F("reply_due_at"))),
        )
    }
    eightds = (
        EightD.objects.filter(complaint__in=complaints)
        .values("complaint__category", "complaint__cause_class")
        .annotate(
            eightds=Count("id"),
            eightds_closed=Count("id", filter=Q(closed_at__isnull=False)),
            eightds_on_time=Count("id", filter=Q(closed_at__lte=F("due_at"))),
        )
        .order_by()
    )
    for row in eightds:
        key = (row.pop("complaint__category"), row.pop("complaint__cause_class"))
        rows[key].update(row)
    return [
        MonthTally(month=month, category=category, cause_class=cause, **counts)
        for (category, cause), counts in rows.items()
    ]


def of_period(model, period):
    """Return the up-to-date tallies of ``model`` for the months of ``period``."""
    refresh()
    return model.objects.filter(month__gte=period.first, month__lt=period.following).order_by()
