"""Background jobs of order review."""

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from csc.core.jobs import recorded

from . import actions


@db_periodic_task(crontab(minute="*/10"))
@recorded("orders.reminders", _("Review reminders"))
def remind_reviewers():
    """Every ten minutes: remind reviewers of reviews due within the reminder window (ORD-3)."""
    return actions.send_review_reminders(None)
