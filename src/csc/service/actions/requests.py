"""Every write of service requests (rule 1: the UI, the API and tasks call these verbs)."""

import datetime as dt
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.complaints.actions.complaint import check_upload
from csc.core import audit
from csc.core.actions import (
    apply_edit,
    check_version,
    notify,
    queue_email,
    save_versioned,
    verb,
)
from csc.core.actions import transition as move
from csc.core.bulk import each_or_none
from csc.core.choices import AuditAction
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.models import Attachment
from csc.core.numbering import next_number
from csc.core.permissions import customer_id_of, require, restrict

from .. import assignment, rules
from ..choices import Category, Channel, Direction, RequestStatus, Severity
from ..conf import setting
from ..models import Message, ServiceRequest

OPEN_FIELDS = [
    "customer", "contact", "channel", "category", "product", "severity", "subject",
    "description", "received_at",
]  # fmt: skip
CLOCK_SLACK = dt.timedelta(minutes=5)
DUE_FIELDS = [due for due, _done in rules.TARGETS.values()]


@verb
def open_request(actor, data, files=()):
    """Open a service request from any channel; return it (SVC-1).

    1. A customer contact opens requests for their own customer only, through the portal.
    2. The service-level targets start at the receipt time on the company calendar.
    3. The assignment rules pick a team and a handler (SVC-2); the handler is told.
    """
    require(actor, "service.add_servicerequest")
    data = _portal_data(actor, data) if customer_id_of(actor) else dict(data)
    _validate(data)
    values = {k: v for k, v in data.items() if k in OPEN_FIELDS and v is not None}
    request = ServiceRequest(registered_by=actor, **values)
    if not request.subject:
        request.subject = request.description.strip().splitlines()[0][:200]
    request.number = next_number("service", "SR", when=request.received_at)
    calendar = rules.company_calendar()
    for field, moment in rules.first_dues(request.received_at, request.severity, calendar).items():
        setattr(request, field, moment)
    request.due_at = rules.next_due(request)
    request.save()
    for upload in files:
        attach_file(actor, request, upload)
    _assign_automatically(request)
    return request


EDIT_FIELDS = ["contact", "category", "product", "severity", "subject", "description"]


@verb
def update_request(actor, request, data, version=None):
    """Correct what was logged (category, severity, product, wording) while work goes on.

    A corrected severity sets the targets not yet met again from the receipt time, extended by
    the time already spent waiting for the customer, so the clock stays fair both ways.
    """
    _require_handler(actor, request)
    check_version(request, version)
    if request.status not in rules.EDITABLE_STATUSES:
        raise Invalid.field(
            "status", _("Only a request being worked on can be corrected; reopen it first.")
        )
    changed = apply_edit(request, EDIT_FIELDS, data, _validate, known=OPEN_FIELDS)
    if not request.subject:
        request.subject = request.description.strip().splitlines()[0][:200]
        changed.append("subject")
    if "severity" in changed:
        changed += _reset_targets(request)
    if changed:
        save_versioned(request, changed)
    return request


def _reset_targets(request):
    calendar = rules.company_calendar()
    for name, target in rules.targets(request.severity, calendar).items():
        due_field, done_field = rules.TARGETS[name]
        if getattr(request, done_field) is None:
            due = rules.due_after(request.received_at, target, calendar)
            if target.business:
                due = calendar.add_working_hours(due, request.waited_business)
            else:
                due += request.waited
            setattr(request, due_field, due)
    return [*DUE_FIELDS, *_next_due(request)]


def _portal_data(actor, data):
    contact = actor.customer_contact
    allowed = {k: v for k, v in data.items() if k in ("category", "product", "subject")}
    allowed.update(
        description=data.get("description"),
        customer=contact.customer,
        contact=contact,
        channel=Channel.PORTAL,
        received_at=timezone.now(),
        severity=Severity.SIMPLE,
    )
    return allowed


def _validate(data):
    if data.get("customer") is None:
        raise Invalid.field("customer", _("Choose the customer."))
    if data.get("category") not in Category.values:
        raise Invalid.field("category", _("Choose the category."))
    if data.get("channel") not in Channel.values:
        raise Invalid.field("channel", _("Choose the channel."))
    if data.get("severity", Severity.SIMPLE) not in Severity.values:
        raise Invalid.field("severity", _("Choose the severity."))
    if not (data.get("description") or "").strip():
        raise Invalid.field("description", _("Describe the request."))
    contact = data.get("contact")
    if contact is not None and contact.customer_id != data["customer"].pk:
        raise Invalid.field("contact", _("This contact belongs to another customer."))
    received = data.get("received_at")
    if received and received > timezone.now() + CLOCK_SLACK:
        raise Invalid.field("received_at", _("The receipt time cannot be in the future."))


def _assign_automatically(request):
    rule = assignment.rule_for(request)
    if rule is None:
        return
    handler = assignment.pick_handler(rule.team)
    _set_handler(request, rule.team, handler)
    move(request, rules.REQUEST_FLOW, "assign", _("Assigned by rule %(rule)s") % {"rule": rule},
         extra_fields=["team", "handler", "assigned_at"])  # fmt: skip
    _tell_handler(request)


def _set_handler(request, team, handler):
    request.team, request.handler = team, handler
    request.assigned_at = request.assigned_at or timezone.now()
    if handler is not None and team is not None:
        team.last_assigned = handler
        team.save(update_fields=["last_assigned"])


def _tell_handler(request):
    people = [request.handler] if request.handler else []
    if not people and request.team and request.team.head:
        people = [request.team.head]
    notify(
        people,
        Later(
            gettext_noop("Service request %(number)s is yours: %(subject)s"),
            number=request.number,
            subject=request.subject,
        ),
        request.description[:300],
        request.get_absolute_url(),
    )


@verb
def assign_request(actor, request, team, handler, reason="", version=None):
    """Give a request to a team and handler; a reassignment needs a reason, kept in history."""
    require(actor, "service.assign_servicerequest", request)
    check_version(request, version)
    if not request.is_open:
        raise Invalid.field("handler", _("Reopen the request before reassigning it."))
    if handler is not None and team is not None and not team.members.filter(pk=handler.pk).exists():
        raise Invalid.field("handler", _("The handler is not a member of this team."))
    reassigning = request.handler_id is not None
    if reassigning and not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for the reassignment."))
    before = {"team": str(request.team or ""), "handler": str(request.handler or "")}
    _set_handler(request, team, handler)
    fields = ["team", "handler", "assigned_at"]
    if request.status == RequestStatus.NEW:
        move(request, rules.REQUEST_FLOW, "assign", reason, extra_fields=fields)
    else:
        save_versioned(request, fields)
    after = {"team": str(team or ""), "handler": str(handler or "")}
    audit.record(request, AuditAction.TRANSITION, {"assignment": [before, after]}, note=reason)
    _tell_handler(request)
    return request


@verb
def assign_requests(actor, requests, team, handler, reason=""):
    """Give every request of a selection to one team and handler, all or none (SVC-2).

    A refusal names the request it stopped at, and nothing of the selection changes.
    """
    return each_or_none(
        requests,
        lambda request: assign_request.__wrapped__(actor, request, team, handler, reason),
        _("Tick the requests to assign."),
    )


def _require_handler(actor, request):
    require(actor, "service.handle_servicerequest", request)


def _step(actor, request, step, note="", version=None, fields=()):
    _require_handler(actor, request)
    check_version(request, version)
    rules.REQUEST_FLOW.check(request, step)
    return move(request, rules.REQUEST_FLOW, step, note, extra_fields=list(fields))


@verb
def start_request(actor, request, note="", version=None):
    """The handler starts work; on an unassigned request the one who starts becomes handler."""
    fields = []
    if request.handler_id is None:
        request.handler, request.assigned_at = actor, timezone.now()
        fields = ["handler", "assigned_at"]
    return _step(actor, request, "start", note, version, fields=fields)


@verb
def answer_customer(actor, request, body, version=None):
    """Write to the customer on the thread and by e-mail; the first one meets the 24 h target."""
    _require_handler(actor, request)
    check_version(request, version)
    message = _message(actor, request, Direction.TO_CUSTOMER, body)
    if request.first_answered_at is None:
        request.first_answered_at = message.created_at
        _refresh_due(request, ["first_answered_at"])
    _mail_contact(request, message)
    return message


@verb
def add_note(actor, request, body):
    """Keep an internal note on the thread; the customer never sees it."""
    _require_handler(actor, request)
    return _message(actor, request, Direction.INTERNAL, body)


def _message(actor, request, direction, body, email_message_id=""):
    if not (body or "").strip():
        raise Invalid.field("body", _("Write the message."))
    return Message.objects.create(
        request=request,
        direction=direction,
        author=actor,
        body=body,
        email_message_id=email_message_id,
    )


def _mail_contact(request, message):
    contact = request.contact
    if contact is None or not contact.email:
        return
    subject = f"[{request.number}] {request.subject}"
    email = queue_email([contact.email], subject, message.body, _thread(request, message))
    # The customer's reply quotes this Message-ID (In-Reply-To), which threads it back here.
    message.email_message_id = email.message_id
    message.save(update_fields=["email_message_id"])


def _thread(request, message):
    """The Message-IDs the request's e-mails carried so far, oldest first (threading headers)."""
    earlier = request.messages.exclude(pk=message.pk).exclude(email_message_id="")
    return list(earlier.order_by("created_at", "id").values_list("email_message_id", flat=True))


def _refresh_due(request, fields):
    save_versioned(request, [*fields, *_next_due(request)])


def _next_due(request):
    """Set the queue's due moment; return the fields changed.

    While the next target is still ahead nothing is breached, so the escalation starts again
    from the first level when that target is missed in turn.
    """
    request.due_at = rules.next_due(request)
    if request.due_at is None or request.due_at > timezone.now():
        request.escalation_level, request.escalated_at = 0, None
    return ["due_at", "escalation_level", "escalated_at"]


@verb
def wait_for_customer(actor, request, question, version=None):
    """Ask the customer a question and stop the clocks until they answer (SVC-3)."""
    _require_handler(actor, request)
    check_version(request, version)
    rules.REQUEST_FLOW.check(request, "wait")
    answer_customer.__wrapped__(actor, request, question)
    request.waiting_since = timezone.now()
    request.due_at = None
    return move(request, rules.REQUEST_FLOW, "wait", question,
                extra_fields=["waiting_since", "due_at"])  # fmt: skip


@verb
def resume_request(actor, request, note="", version=None):
    """Restart the clocks of a waiting request, each with the time it had left."""
    _require_handler(actor, request)
    check_version(request, version)
    return _resume(request, note)


def _resume(request, note):
    rules.REQUEST_FLOW.check(request, "resume")
    now = timezone.now()
    calendar = rules.company_calendar()
    wall, business = rules.pause_length(request.waiting_since, now, calendar)
    for name, target in rules.targets(request.severity, calendar).items():
        due_field, done_field = rules.TARGETS[name]
        if getattr(request, done_field) is None:
            due = getattr(request, due_field)
            moved = rules.resumed_due(due, target, request.waiting_since, now, calendar)
            setattr(request, due_field, moved)
    request.waited += wall
    request.waited_business += business
    request.waiting_since = None
    move(request, rules.REQUEST_FLOW, "resume", note,
         extra_fields=[*DUE_FIELDS, "waited", "waited_business", "waiting_since"])  # fmt: skip
    save_versioned(request, _next_due(request))
    return request


@verb
def customer_reply(actor, request, body, email_message_id=""):
    """The customer answers on the thread (portal or e-mail); a waiting request resumes."""
    require(actor, "service.view_servicerequest", request)
    if customer_id_of(actor) is None:
        require(actor, "service.handle_servicerequest", request)
    if request.status == RequestStatus.CLOSED:
        raise Invalid.field("body", _("This request is closed; ask us to reopen it."))
    # From the mailbox, the customer wrote it, not the account the worker acts as.
    author = None if email_message_id else actor
    message = _message(author, request, Direction.FROM_CUSTOMER, body, email_message_id)
    if request.status == RequestStatus.WAITING:
        _resume(request, _("The customer answered."))
    if request.handler:
        notify(
            [request.handler],
            Later(gettext_noop("The customer answered on %(number)s"), number=request.number),
            body[:300],
            request.get_absolute_url(),
        )
    return message


@verb
def resolve_request(actor, request, solution, version=None):
    """Tell the customer the solution and mark the request resolved; meets the feedback target."""
    _require_handler(actor, request)
    check_version(request, version)
    rules.REQUEST_FLOW.check(request, "resolve")
    if request.status == RequestStatus.WAITING:
        _resume(request, _("Resolved while waiting for the customer."))
    answer_customer.__wrapped__(actor, request, solution)
    now = timezone.now()
    request.resolved_at = request.resolved_at or now
    request.fed_back_at = request.fed_back_at or now
    request.due_at = None
    return move(request, rules.REQUEST_FLOW, "resolve", solution,
                extra_fields=["resolved_at", "fed_back_at", "due_at"])  # fmt: skip


@verb
def close_request(actor, request, note="", version=None):
    """Close a resolved request."""
    request.closed_at = timezone.now()
    return _step(actor, request, "close", note, version, fields=["closed_at"])


@verb
def reopen_request(actor, request, reason, version=None):
    """Reopen a resolved or closed request: the customer within the settings' days, staff at
    any time. The resolution target runs again from now."""
    require(actor, "service.view_servicerequest", request)
    if customer_id_of(actor) is not None:
        _check_customer_may_reopen(request)
    else:
        _require_handler(actor, request)
    check_version(request, version)
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for reopening."))
    rules.REQUEST_FLOW.check(request, "reopen")
    calendar = rules.company_calendar()
    target = rules.targets(request.severity, calendar)["resolution"]
    request.resolution_due_at = rules.due_after(timezone.now(), target, calendar)
    request.resolved_at = request.closed_at = None
    move(request, rules.REQUEST_FLOW, "reopen", reason,
         extra_fields=["resolution_due_at", "resolved_at", "closed_at"])  # fmt: skip
    save_versioned(request, _next_due(request))
    _tell_handler(request)
    return request


def _check_customer_may_reopen(request):
    days = setting("SERVICE_REOPEN_DAYS")
    if request.resolved_at and timezone.now() - request.resolved_at > dt.timedelta(days=days):
        raise Invalid.field(
            "reason",
            _(
                "A request can be reopened within %(days)s days of its resolution; please open a new one."
            )
            % {"days": days},
        )


@verb
def attach_file(actor, request, upload):
    """Keep a file on a request; the customer may add files to their own requests.

    The checks are those of every CSC upload: size, type read from the content, a name that
    does not promise another kind of file.
    """
    require(actor, "service.view_servicerequest", request)
    if customer_id_of(actor) is None:
        _require_handler(actor, request)
    mime = check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(request),
        object_id=str(request.pk),
        file=upload,
        name=upload.name[:200],
        size=upload.size,
        mime_type=mime,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )


@verb
def export_requests(actor, target, queryset=None):
    """Write the service request ledger the actor may see to ``target``; return the rows."""
    from csc.core import xlsx

    from .. import ledger

    require(actor, "service.export_servicerequest")
    queryset = ServiceRequest.objects.all() if queryset is None else queryset
    visible = restrict(queryset, actor).order_by("received_at", "id")
    count = xlsx.write_workbook(
        target, _("Service request ledger"), ledger.export_headers(), ledger.export_rows(visible)
    )
    audit.record_export(ServiceRequest, count)
    return count
