"""The nightly retention job (REC-2)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import actions


@db_periodic_task(crontab(minute="40", hour="2"))
def apply_retention():
    """Nightly: archive or purge records past retention; a second run finds nothing new."""
    return sum(1 for c in actions.apply_retention(None) if c.done)
