"""Service rules: the request workflow, the service-level targets on the company calendar,
their pause while waiting for the customer, and the SLA state every list shows (SVC-3, SVC-4).

The arithmetic takes the calendar as an argument, so it is tested without a database.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.workflow import Step, Workflow

from .choices import IntakeStatus, RequestStatus, SlaState
from .conf import setting

S = RequestStatus
# What became of an incoming mail is set once by the intake (created, threaded, quarantined,
# ignored); only a quarantined mail moves on, by a person's decision.
INTAKE_FLOW = Workflow(
    IntakeStatus,
    {
        "accept": Step((IntakeStatus.QUARANTINED,), IntakeStatus.ACCEPTED, _("Accept")),
        "reject": Step(
            (IntakeStatus.QUARANTINED,), IntakeStatus.REJECTED, pgettext_lazy("e-mail", "Reject")
        ),
    },
)

REQUEST_FLOW = Workflow(
    states=RequestStatus,
    steps={
        "assign": Step((S.NEW,), S.ASSIGNED, _("Assign")),
        # Taking an unassigned request makes the one who starts it its handler.
        "start": Step((S.NEW, S.ASSIGNED), S.IN_PROGRESS, _("Start work")),
        "wait": Step((S.ASSIGNED, S.IN_PROGRESS), S.WAITING, _("Wait for the customer")),
        "resume": Step((S.WAITING,), S.IN_PROGRESS, _("Resume work")),
        # An enquiry answered during the call is resolved at once, without an assignment.
        "resolve": Step((S.NEW, S.ASSIGNED, S.IN_PROGRESS, S.WAITING), S.RESOLVED, _("Resolve")),
        "close": Step((S.RESOLVED,), S.CLOSED, _("Close")),
        "reopen": Step((S.RESOLVED, S.CLOSED), S.IN_PROGRESS, _("Reopen")),
    },
)

#: Target name → (due field, field recording when it was met).
# What was logged can be corrected while work goes on; a resolved request is reopened first.
EDITABLE_STATUSES = (RequestStatus.NEW, RequestStatus.ASSIGNED, RequestStatus.IN_PROGRESS)

TARGETS = {
    "first_answer": ("first_answer_due_at", "first_answered_at"),
    "feedback": ("feedback_due_at", "fed_back_at"),
    "resolution": ("resolution_due_at", "resolved_at"),
}


@dataclass(frozen=True)
class Target:
    """An amount of time to meet a target in; business time on the calendar when ``business``."""

    amount: dt.timedelta
    business: bool


def company_calendar():
    from csc.core.company_calendar import company_calendar as load

    return load()


def working_day_length(calendar):
    """Return the business time of one full working day of the calendar (e.g. 8 h)."""
    total = dt.timedelta()
    for start, end in calendar.hours:
        total += dt.datetime.combine(dt.date.min, end) - dt.datetime.combine(dt.date.min, start)
    return total


def targets(severity, calendar):
    """Return {target name: Target} of a request of ``severity`` (the settings' defaults)."""
    days = setting("SERVICE_RESOLUTION_WORKING_DAYS")[severity]
    return {
        "first_answer": Target(
            dt.timedelta(hours=setting("SERVICE_FIRST_ANSWER_HOURS")),
            bool(setting("SERVICE_FIRST_ANSWER_BUSINESS_HOURS")),
        ),
        "feedback": Target(dt.timedelta(days=setting("SERVICE_FEEDBACK_DAYS")), False),
        "resolution": Target(working_day_length(calendar) * days, True),
    }


def due_after(start, target, calendar):
    """Return the moment ``target`` falls due when its clock starts at ``start``."""
    if target.business:
        return calendar.add_working_hours(start, target.amount)
    return start + target.amount


def first_dues(received_at, severity, calendar):
    """Return {due field: moment} of a request received at ``received_at``."""
    return {
        TARGETS[name][0]: due_after(received_at, target, calendar)
        for name, target in targets(severity, calendar).items()
    }


def resumed_due(due, target, paused_at, resumed_at, calendar):
    """Return the due moment after a pause: the time left when the pause began is left again.

    A target already past due when the pause began stays as it was: waiting for the customer
    does not excuse a target missed before the question was asked.
    """
    if due is None or due <= paused_at or resumed_at <= paused_at:
        return due
    if target.business:
        left = calendar.working_time_between(paused_at, due)
        return calendar.add_working_hours(resumed_at, left)
    return resumed_at + (due - paused_at)


def pause_length(paused_at, resumed_at, calendar):
    """Return (wall-clock, business time) spent waiting for the customer."""
    if resumed_at <= paused_at:
        return dt.timedelta(), dt.timedelta()
    return resumed_at - paused_at, calendar.working_time_between(paused_at, resumed_at)


def open_dues(request):
    """Return the due moments of the targets the request has not met yet."""
    return [
        getattr(request, due_field)
        for due_field, done_field in TARGETS.values()
        if getattr(request, done_field) is None and getattr(request, due_field) is not None
    ]


def next_due(request):
    """Return the earliest open due moment, or None while paused or when all are met."""
    if request.waiting_since is not None or not request.is_open:
        return None
    dues = open_dues(request)
    return min(dues) if dues else None


def target_state(due, done_at, now, paused=False):
    """Return the SlaState of one target."""
    if due is None:
        return SlaState.MET if done_at else SlaState.ON_TIME
    if done_at is not None:
        return SlaState.MET if done_at <= due else SlaState.BREACHED
    if due < now:
        return SlaState.BREACHED
    if paused:
        return SlaState.PAUSED
    if due - now <= dt.timedelta(hours=setting("SERVICE_DUE_SOON_HOURS")):
        return SlaState.DUE_SOON
    return SlaState.ON_TIME


ORDER = [SlaState.MET, SlaState.ON_TIME, SlaState.PAUSED, SlaState.DUE_SOON, SlaState.BREACHED]


def sla_state(request, now):
    """Return the request's overall SlaState: the worst of its targets."""
    paused = request.waiting_since is not None
    states = [
        target_state(getattr(request, due_field), getattr(request, done_field), now, paused)
        for due_field, done_field in TARGETS.values()
    ]
    return max(states, key=ORDER.index)


def processing_times(request, calendar, now):
    """Return the processing-time figures of a request (SVC-4): first answer, resolution and
    time waiting, as business time on the calendar (None while not reached)."""

    def between(end):
        return calendar.working_time_between(request.received_at, end) if end else None

    waited = request.waited_business
    if request.waiting_since is not None:
        waited += calendar.working_time_between(request.waiting_since, now)
    resolution = between(request.resolved_at)
    return {
        "first_answer": between(request.first_answered_at),
        "resolution": resolution - request.waited_business if resolution is not None else None,
        "waiting": waited,
    }
