"""Background jobs of after-sales: the early-warning check (SVC-9), the yearly training
check of service staff (SVC-11) and the weekly quality information to Sales (S2 1.9.4)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import actions


@db_periodic_task(crontab(minute="20", hour="6"))
def raise_early_warnings():
    """Every morning: raise this month's early warnings not raised yet (idempotent)."""
    return len(actions.raise_warnings(None))


@db_periodic_task(crontab(minute="40", hour="7", day="1"))
def warn_untrained_staff():
    """Monthly from October: name the service staff with no skills training this year."""
    return len(actions.warn_untrained_staff(None))


@db_periodic_task(crontab(minute="30", hour="8", day_of_week="1"))
def send_weekly_information():
    """Monday morning: last week's quality information from the field jobs to Sales."""
    return str(actions.send_weekly_information(None) or "")
