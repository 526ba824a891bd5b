"""Background jobs of after-sales: the early-warning check (SVC-9) and the yearly training
check of service staff (SVC-11)."""

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
