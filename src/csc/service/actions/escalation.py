"""The periodic SLA watch (SVC-3): warn the handler before a target falls due, and escalate a
breach level by level — handler → team head → Management Representative — each level once."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import notify, verb
from csc.core.choices import AuditAction, Role
from csc.core.later import Later

from .. import rules
from ..choices import OPEN_STATUSES
from ..conf import setting
from ..models import ServiceRequest


@verb
def watch_service_levels(actor=None, now=None):
    """Warn and escalate; return (warnings sent, escalations made). Safe to run concurrently:
    each warning and each level is claimed by a conditional UPDATE, so it is sent once."""
    now = now or timezone.now()
    running = ServiceRequest.objects.filter(status__in=OPEN_STATUSES, due_at__isnull=False)
    warned = sum(_warn(r) for r in _to_warn(running, now))
    calendar = rules.company_calendar()
    escalated = 0
    for level, whom, after_hours in setting("SERVICE_ESCALATION_LEVELS"):
        late = running.filter(due_at__lt=now, escalation_level=level - 1).select_related(
            "team__head", "handler", "customer"
        )
        for request in late:
            breached_for = calendar.working_time_between(request.due_at, now)
            if breached_for >= dt.timedelta(hours=after_hours):
                escalated += _escalate(request, level, whom, now)
    return warned, escalated


def _to_warn(running, now):
    window = dt.timedelta(hours=setting("SERVICE_WARN_BEFORE_HOURS"))
    soon = running.filter(due_at__gte=now, due_at__lte=now + window, handler__isnull=False)
    return soon.filter(
        Q(warned_due_at__isnull=True) | ~Q(warned_due_at=F("due_at"))
    ).select_related("handler")


def _warn(request):
    claimed = (
        ServiceRequest.objects.filter(pk=request.pk, due_at=request.due_at)
        .filter(Q(warned_due_at__isnull=True) | ~Q(warned_due_at=request.due_at))
        .update(warned_due_at=request.due_at)
    )
    if not claimed:
        return 0
    notify(
        [request.handler],
        Later(
            gettext_noop("Service request %(number)s is due at %(due)s"),
            number=request.number,
            due=_local(request.due_at),
        ),
        request.subject,
        request.get_absolute_url(),
    )
    return 1


def _escalate(request, level, whom, now):
    claimed = ServiceRequest.objects.filter(pk=request.pk, escalation_level=level - 1).update(
        escalation_level=level, escalated_at=now
    )
    if not claimed:
        return 0  # another worker took this level
    people = _recipients(request, whom)
    audit.record(
        request,
        AuditAction.UPDATE,
        {"escalation_level": [level - 1, level]},
        note=_("SLA breached since %(due)s: escalated to %(whom)s")
        % {"due": _local(request.due_at), "whom": ", ".join(str(p) for p in people) or "–"},
    )
    notify(
        people,
        Later(
            gettext_noop("Service request %(number)s is overdue (escalation level %(level)s)"),
            number=request.number,
            level=level,
        ),
        Later(
            gettext_noop("%(customer)s · %(subject)s · due %(due)s"),
            customer=request.customer,
            subject=request.subject,
            due=_local(request.due_at),
        ),
        request.get_absolute_url(),
    )
    return 1


def _recipients(request, whom):
    if whom == "handler" and request.handler:
        return [request.handler]
    if whom == "team_head" and request.team and request.team.head:
        return [request.team.head]
    if whom == "management_rep":
        users = get_user_model().objects.filter(groups__name=Role.MANAGEMENT_REP, is_active=True)
        return list(users)
    return []


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
