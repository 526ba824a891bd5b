"""The nightly indicator snapshot (KPI-1)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from csc.core import jobs

from . import actions, indicators


@db_periodic_task(crontab(minute="10", hour="3"))
@jobs.recorded("kpi.snapshots", "Indicator snapshots")
def record_snapshots():
    """Nightly: record the computed values of the last ended months that are not closed; a
    second run the same night writes nothing (unchanged values are left alone)."""
    from django.utils import timezone

    today = timezone.localdate()
    written = 0
    for start in indicators.periods_back(today, 3)[:-1]:
        written += actions.record_snapshots(start, today)
    return written
