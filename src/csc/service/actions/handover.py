"""Hand-overs from the service desk (SVC-6): information feedback sheets to departments, and
"escalate to 8D", which turns a request into a complaint with its 8D opened."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import attachments_of, check_version, notify, save_versioned, verb
from csc.core.choices import AuditAction
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.models import Attachment, User
from csc.core.numbering import next_number
from csc.core.permissions import require

from ..choices import Direction
from ..models import FeedbackSheet, Message


@verb
def send_feedback_sheet(actor, request, department, question):
    """Send an information feedback sheet from a request to a department; its head (or its
    people) is told."""
    require(actor, "service.handle_servicerequest", request)
    if department is None:
        raise Invalid.field("department", _("Choose the department."))
    if not (question or "").strip():
        raise Invalid.field("question", _("Write the information and the question."))
    sheet = FeedbackSheet.objects.create(
        number=next_number("feedback", "FB"),
        request=request,
        department=department,
        question=question,
        sent_by=actor,
    )
    people = [department.head] if department.head_id else User.objects.filter(department=department)
    notify(
        list(people),
        Later(
            gettext_noop("Information feedback sheet %(number)s from %(request)s"),
            number=sheet.number,
            request=request.number,
        ),
        question[:300],
        sheet.get_absolute_url(),
    )
    return sheet


@verb
def answer_feedback_sheet(actor, sheet, answer, version=None):
    """A member of the addressed department answers the sheet; the handler is told."""
    require(actor, "service.view_servicerequest", sheet.request)
    if actor.department_id != sheet.department_id:
        raise Invalid.field("answer", _("Only the addressed department answers this sheet."))
    check_version(sheet, version)
    if sheet.answered_at is not None:
        raise Invalid.field("answer", _("This sheet was already answered."))
    if not (answer or "").strip():
        raise Invalid.field("answer", _("Write the answer."))
    sheet.answer, sheet.answered_by, sheet.answered_at = answer, actor, timezone.now()
    save_versioned(sheet, ["answer", "answered_by", "answered_at"])
    handler = sheet.request.handler or sheet.sent_by
    notify(
        [handler],
        Later(
            gettext_noop("%(department)s answered sheet %(number)s"),
            department=sheet.department,
            number=sheet.number,
        ),
        answer[:300],
        sheet.get_absolute_url(),
    )
    return sheet


@verb
def escalate_to_8d(actor, request, severity, category="quality", version=None):
    """Turn a request into a complaint with its 8D opened, both linked (SVC-6, S2 5.9.5).

    1. The complaint is registered and accepted through the complaint area's own verbs, so
       its deadlines, 8D, CAPA and notifications are those of every complaint.
    2. The request's messages go into the complaint's description, its files are carried.
    """
    from csc.complaints.actions import accept_complaint, register_complaint

    require(actor, "service.view_servicerequest", request)
    check_version(request, version)
    if request.complaint_id is not None:
        raise Invalid.field("complaint", _("This request is already a complaint."))
    data = {
        "customer": request.customer,
        "contact": request.contact,
        "channel": request.channel,
        "product": request.product,
        "received_at": request.received_at,
        "category": category,
        "severity": severity,
        "description": _transcript(request),
    }
    complaint = register_complaint(actor, data)
    accept_complaint(actor, complaint, severity, note=_("Escalated from %(number)s") % {
        "number": request.number})  # fmt: skip
    _carry_files(request, complaint)
    request.complaint = complaint
    save_versioned(request, ["complaint"])
    Message.objects.create(
        request=request,
        direction=Direction.INTERNAL,
        author=actor,
        body=_("Escalated to complaint %(number)s with its 8D.") % {"number": complaint.number},
    )
    audit.record(request, AuditAction.UPDATE, {"complaint": [None, complaint.number]})
    return complaint


def _transcript(request):
    lines = [f"{request.number} · {request.subject}", "", request.description]
    for message in request.messages.exclude(direction=Direction.INTERNAL):
        stamp = timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M")
        lines += ["", f"[{stamp} {message.get_direction_display()}]", message.body]
    return "\n".join(lines)


def _carry_files(request, complaint):
    """Give the complaint the request's files (the same stored files, kept for both)."""
    content_type = ContentType.objects.get_for_model(complaint)
    Attachment.objects.bulk_create(
        Attachment(
            content_type=content_type,
            object_id=str(complaint.pk),
            file=a.file.name,
            name=a.name,
            size=a.size,
            mime_type=a.mime_type,
            sha256=a.sha256,
            uploaded_by=a.uploaded_by,
        )
        for a in attachments_of(request)
    )
