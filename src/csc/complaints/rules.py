"""Complaint rules: the workflows, the deadlines on the company calendar, overdue and routing."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.capa.choices import Category as CapaCategory
from csc.core.workflow import Step, Workflow

from .choices import (
    OPEN_STATUSES,
    ComplaintCategory,
    ComplaintStatus,
    DisciplineStatus,
    EightDStatus,
    ReplyStatus,
    ReturnStatus,
    ReviewStatus,
)
from .conf import setting

S = ComplaintStatus
COMPLAINT_FLOW = Workflow(
    states=ComplaintStatus,
    steps={
        "not_ours": Step((S.REGISTERED,), S.NOT_OURS, _("Not our responsibility")),
        "accept": Step((S.REGISTERED,), S.ACCEPTED, _("Accept: our responsibility")),
        "reply": Step((S.ACCEPTED, S.REPLIED), S.REPLIED, _("Send the reply")),
        "close": Step((S.REPLIED,), S.CLOSED, _("Close")),
        "void": Step((S.REGISTERED, S.ACCEPTED), S.VOID, _("Void")),
    },
)

EIGHTD_FLOW = Workflow(
    states=EightDStatus,
    steps={"close": Step((EightDStatus.OPEN,), EightDStatus.CLOSED, _("Close the 8D"))},
)

REPLY_FLOW = Workflow(
    states=ReplyStatus,
    steps={"send": Step((ReplyStatus.DRAFT,), ReplyStatus.SENT, _("Send the reply"))},
)

D = DisciplineStatus
# A discipline is started by its first save, done when complete (or when the 8D closes), and may
# be reopened while the 8D is open.
DISCIPLINE_FLOW = Workflow(
    states=DisciplineStatus,
    steps={
        "start": Step((D.OPEN,), D.IN_PROGRESS, _("Start")),
        "finish": Step((D.OPEN, D.IN_PROGRESS), D.DONE, _("Mark done")),
        "reopen": Step((D.DONE,), D.IN_PROGRESS, _("Reopen")),
    },
)

R = ReturnStatus
RETURN_FLOW = Workflow(
    states=ReturnStatus,
    steps={
        "receive": Step((R.NOTICED,), R.RECEIVED, _("Receive and count")),
        "verify": Step((R.RECEIVED,), R.VERIFIED, _("Verify the defect")),
        "rework": Step((R.VERIFIED,), R.REWORK, _("Issue a rework notice")),
        "reworked": Step((R.REWORK,), R.REWORKED, _("Record the rework")),
        "close": Step((R.VERIFIED, R.REWORKED), R.CLOSED, _("Close")),
        "void": Step((R.NOTICED, R.RECEIVED), R.VOID, _("Void")),
    },
)
#: Replacement can be scheduled once Quality has verified, until the return closes.
REPLACEMENT_STATES = (R.VERIFIED, R.REWORK, R.REWORKED)

REVIEW_FLOW = Workflow(
    states=ReviewStatus,
    steps={"close": Step((ReviewStatus.OPEN,), ReviewStatus.CLOSED, _("Close the review"))},
)

# Which kind of action a complaint calls for: decides the CAPA's responsible department.
CAPA_CATEGORY = {
    ComplaintCategory.QUALITY: CapaCategory.QUALITY,
    ComplaintCategory.OUT_OF_TOLERANCE: CapaCategory.QUALITY,
    ComplaintCategory.ENVIRONMENT: CapaCategory.QUALITY,
    ComplaintCategory.PACKAGING: CapaCategory.QUALITY,
    ComplaintCategory.NOT_AS_ORDERED: CapaCategory.DELIVERY,
    ComplaintCategory.TRANSPORT: CapaCategory.DELIVERY,
    ComplaintCategory.SERVICE: CapaCategory.SERVICE,
}


def capa_category(complaint_category):
    return CAPA_CATEGORY.get(complaint_category, CapaCategory.OTHER)


# --- deadlines (CMP-3) ---------------------------------------------------------------------


def _calendar():
    from csc.core.company_calendar import company_calendar

    return company_calendar()


def resolution_due(received_at, severity, calendar=None):
    """Return when a complaint of ``severity`` received at ``received_at`` must be resolved."""
    calendar = calendar or _calendar()
    days = setting("COMPLAINT_RESOLUTION_WORKING_DAYS")[severity]
    return calendar.add_working_days(received_at, days)


def ack_due(received_at, calendar=None):
    """Return when the customer must have been told the complaint is being handled."""
    hours = setting("COMPLAINT_ACK_HOURS")
    if setting("COMPLAINT_ACK_BUSINESS_HOURS"):
        return (calendar or _calendar()).add_working_hours(received_at, hours)
    return received_at + dt.timedelta(hours=hours)


def reply_due(received_at):
    return received_at + dt.timedelta(days=setting("COMPLAINT_REPLY_DAYS"))


def deadlines(received_at, severity, calendar=None):
    """Return {field: moment} of the three deadlines of a complaint."""
    calendar = calendar or _calendar()
    return {
        "ack_due_at": ack_due(received_at, calendar),
        "resolution_due_at": resolution_due(received_at, severity, calendar),
        "reply_due_at": reply_due(received_at),
    }


def overdue_deadlines(complaint, now=None):
    """Return the names of the deadlines an open complaint has missed ([] when none)."""
    if complaint.status not in OPEN_STATUSES:
        return []
    now = now or timezone.now()
    missed = []
    if complaint.acknowledged_at is None and _past(complaint.ack_due_at, now):
        missed.append("ack")
    if complaint.replied_at is not None:
        return missed  # a reply resolves the complaint towards the customer
    if _past(complaint.resolution_due_at, now):
        missed.append("resolution")
    if _past(complaint.reply_due_at, now):
        missed.append("reply")
    return missed


def overdue_q(now):
    """Return the filter of open complaints past a deadline (the SQL twin of the above)."""
    from django.db.models import Q

    unanswered = Q(replied_at__isnull=True) & (
        Q(resolution_due_at__lt=now) | Q(reply_due_at__lt=now)
    )
    unacknowledged = Q(acknowledged_at__isnull=True, ack_due_at__lt=now)
    return Q(status__in=OPEN_STATUSES) & (unanswered | unacknowledged)


def _past(moment, now):
    return moment is not None and moment < now


def discipline_due(code, opened_at, calendar=None):
    """Return the due date of an 8D discipline opened at ``opened_at`` (settings' deadlines)."""
    amount, unit = setting("EIGHTD_DEADLINES")[code]
    calendar = calendar or _calendar()
    if unit == "working":
        moment = calendar.add_working_days(opened_at, amount)
    else:
        moment = opened_at + dt.timedelta(days=amount)
    return timezone.localtime(moment, calendar.tz).date()


def eightd_due_at(opened_at, calendar=None):
    """Return the closure deadline of an 8D: the end of D8's due date."""
    calendar = calendar or _calendar()
    day = discipline_due("D8", opened_at, calendar)
    return dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=calendar.tz)


def first_working_day_of_month(day, calendar=None):
    """Return the first working day of ``day``'s month."""
    calendar = calendar or _calendar()
    first = day.replace(day=1)
    return first if calendar.is_working_day(first) else calendar.next_working_day(first)


def previous_month(day):
    """Return the first day of the month before ``day``'s month."""
    return (day.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
