"""Background jobs of customer property."""

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from csc.core.jobs import recorded

from . import actions


@db_periodic_task(crontab(minute="15", hour="*/6"))
@recorded("property.condition-checks", _("Periodic condition checks"))
def condition_checks():
    """Four times a day: open the periodic condition checks falling due, flag overdue ones
    (PRP-7). Idempotent, so a missed or repeated run does no harm."""
    return actions.schedule_condition_checks(None)
