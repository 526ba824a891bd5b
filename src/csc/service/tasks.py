"""Background jobs of the service desk: the SLA watch, the mailboxes, the SLA report's months."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import actions


@db_periodic_task(crontab(minute="*/5"))
def watch_service_levels():
    """Every five minutes: warn handlers of targets due soon, escalate breached ones."""
    return actions.watch_service_levels(None)


@db_periodic_task(crontab(minute="*"))
def poll_mailboxes():
    """Every minute: take in the e-mail of the service and complaint mailboxes (IF-5)."""
    from .intake.poll import poll_all

    return poll_all()


@db_periodic_task(crontab(hour="2", minute="40"))
def store_sla_months():
    """Nightly: store the SLA report's ended months that changed (the report reads them)."""
    return actions.store_sla_months()
