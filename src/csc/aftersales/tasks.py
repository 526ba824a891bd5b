"""Background job of after-sales: the early-warning check (SVC-9)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import actions


@db_periodic_task(crontab(minute="20", hour="6"))
def raise_early_warnings():
    """Every morning: raise this month's early warnings not raised yet (idempotent)."""
    return len(actions.raise_warnings(None))
