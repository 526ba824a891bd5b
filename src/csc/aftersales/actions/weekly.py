"""The weekly quality information to Sales (S2 1.9.4): its workbook and its Monday notice."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import notify, verb
from csc.core.later import Later
from csc.core.models import Notification
from csc.core.permissions import require, users_with_permission
from csc.core.xlsx import write_workbook

from ..models import FieldServiceRecord
from ..weekly import Week, field_jobs, job_rows


def headers():
    return [
        _("Service record no."), _("Problem found"), _("Service staff"), _("Customer"),
        _("Product"), _("Defect"), _("Failure form"), _("Maker"), _("Outcome"), _("Result"),
    ]  # fmt: skip


def sheet_rows(week, staff=None):
    for job in job_rows(week, staff):
        yield [
            job.number,
            timezone.localtime(job.found_at).replace(tzinfo=None),
            str(job.staff),
            job.customer.name,
            job.product.code if job.product else "",
            job.defect,
            job.failure_form,
            job.maker,
            job.get_outcome_display(),
            job.result,
        ]


@verb
def export_weekly(actor, target, week, staff=None):
    """Write the week's field jobs with their defects to ``target``; return the row count."""
    require(actor, "aftersales.view_servicereport")
    count = write_workbook(
        target, _("Weekly quality information"), headers(), sheet_rows(week, staff)
    )
    audit.record_export(FieldServiceRecord, count)
    return count


@verb
def send_weekly_information(actor, today=None):
    """Tell Sales on Monday what last week's field jobs found; once per week, never twice.

    Returns the week told about, or None when nothing was found or it was told already.
    """
    week = Week.of(today or timezone.localdate()).previous()
    url = reverse("aftersales:weekly") + f"?week={week}"
    jobs = field_jobs(week).count()
    if jobs == 0 or Notification.objects.filter(url=url).exists():
        return None
    notify(
        users_with_permission("aftersales.receive_weeklyinformation"),
        Later(
            gettext_noop("Quality information of week %(week)s: %(jobs)s field jobs"),
            week=str(week),
            jobs=jobs,
        ),
        Later(
            gettext_noop("Classify it into information feedback sheets for Production and Quality.")
        ),
        url,
    )
    return week
