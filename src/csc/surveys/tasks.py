"""Background jobs of the survey area (huey): the daily schedule of plans and reminders."""

from django.utils.translation import gettext_lazy as _
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from csc.core.jobs import recorded

from . import schedule


@db_periodic_task(crontab(hour="7", minute="15"))
@recorded("surveys.daily", _("Daily survey schedule"))
def survey_day():
    """Each morning: open the plans' rounds, remind late customers, report closed actions."""
    return schedule.daily()
