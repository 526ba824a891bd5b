"""Background jobs of complaints: escalation of overdue complaints and the monthly review."""

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from csc.core.jobs import recorded

from . import actions


@db_periodic_task(crontab(minute="*/10"))
@recorded("complaints.escalation", _("Escalation of overdue complaints"))
def escalate_overdue_complaints():
    """Every ten minutes: tell department heads, then the MR, about overdue complaints."""
    return actions.escalate_overdue(None)


@db_periodic_task(crontab(minute="5", hour="*"))
@recorded("complaints.monthly-review", _("Monthly complaint review"))
def create_monthly_review():
    """Hourly: on the first working day of a month, create last month's review (once)."""
    review = actions.create_monthly_review(None)
    return review.pk if review else None
