"""One complaint: its page (staff or portal), its workflow steps and its reply letters."""

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.capa.actions import capas_of
from csc.core.actions import attachments_of, log_contact_details_shown, signatures_of
from csc.core.errors import ActionError
from csc.core.permissions import can, is_customer_user, restrict
from csc.core.privacy import masked_addresses, may_see_contact_details, shown_to
from csc.core.views import flash_error, run_form, visible

from .. import actions, lessons, letters, thread
from ..choices import ComplaintStatus, ReplyStatus
from ..forms import (
    AcceptForm,
    ConfirmForm,
    CostForm,
    EditComplaintForm,
    NoteForm,
    NotOursForm,
    ReasonForm,
    ReplyForm,
    SendReplyForm,
    TraceForm,
)
from ..models import Complaint, Reply
from ..rules import COMPLAINT_FLOW, overdue_deadlines

RELATED = ("customer", "product", "department", "contact", "registered_by", "assessed_by")


def _eightd(complaint):
    try:
        return complaint.eightd
    except Complaint.eightd.RelatedObjectDoesNotExist:
        return None


@login_required
def complaint_detail(request, pk):
    complaint = visible(request, Complaint, pk, related=RELATED)
    if is_customer_user(request.user):
        return _portal_detail(request, complaint)
    user = request.user
    eightd = _eightd(complaint)
    replies = list(
        complaint.replies.select_related("drafted_by", "sent_by", "confirmed_by", "email")
    )
    draft = next((r for r in replies if r.status == ReplyStatus.DRAFT), None)
    conversation = _conversation(user, complaint, replies)
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "missed": overdue_deadlines(complaint),
            "eightd": eightd,
            "progress": _progress(eightd),
            "replies": replies,
            "thread": conversation,
            "draft": draft,
            "returns": complaint.returns.all(),
            "capas": capas_of(complaint).select_related("department"),
            "attachments": attachments_of(complaint),
            "signatures": signatures_of(complaint),
            "may": _may(user, complaint, draft),
            "forms": _forms(complaint, draft),
            "steps": COMPLAINT_FLOW.allowed(complaint),
            "cases": lessons.similar(
                lessons.text_of(complaint), complaint.product, complaint.customer, exclude=complaint
            ),  # fmt: skip
        },
    )


def _conversation(user, complaint, replies):
    """Return the complaint's thread with the customer's addresses as the user may see them
    (SEC-2); each reply gets ``shown_sent_to`` for its own section. A view in clear is logged."""
    plain = may_see_contact_details(user)
    for reply in replies:
        reply.shown_sent_to = shown_to(plain, reply.sent_to, masked_addresses)
    entries = thread.conversation(complaint, replies, plain)
    if plain and any(entry.address for entry in entries):
        log_contact_details_shown(user, complaint)
    return entries


def _progress(eightd):
    if eightd is None:
        return []
    today = timezone.localdate()
    return [
        (d.code, d.get_status_display(), d.status, d.is_late(today))
        for d in eightd.disciplines.order_by("code")
    ]


def _may(user, complaint, draft):
    status = complaint.status
    open_ = status in (
        ComplaintStatus.REGISTERED,
        ComplaintStatus.ACCEPTED,
        ComplaintStatus.REPLIED,
    )
    return {
        "edit": status == ComplaintStatus.REGISTERED
        and can(user, "complaints.change_complaint", complaint),
        "assess": status == ComplaintStatus.REGISTERED
        and can(user, "complaints.assess_complaint", complaint),
        "acknowledge": open_
        and complaint.acknowledged_at is None
        and (can(user, "complaints.reply_complaint") or can(user, "complaints.assess_complaint")),
        "trace": status not in (ComplaintStatus.VOID, ComplaintStatus.NOT_OURS)
        and can(user, "complaints.trace_complaint", complaint),
        "cost": can(user, "complaints.cost_complaint", complaint),
        "reply": status in (ComplaintStatus.ACCEPTED, ComplaintStatus.REPLIED)
        and can(user, "complaints.assess_complaint", complaint),
        "send": draft is not None and can(user, "complaints.reply_complaint", complaint),
        "confirm": can(user, "complaints.confirm_reply", complaint),
        "close": status == ComplaintStatus.REPLIED
        and can(user, "complaints.close_complaint", complaint),
        "void": status in (ComplaintStatus.REGISTERED, ComplaintStatus.ACCEPTED)
        and can(user, "complaints.close_complaint", complaint),
        "sign_read": status not in (ComplaintStatus.REGISTERED, ComplaintStatus.VOID)
        and can(user, "complaints.sign_read_complaint", complaint),
        "upload": open_ and can(user, "complaints.change_complaint", complaint),
    }


def _forms(complaint, draft):
    target = {"complaint": complaint.number}
    if draft is not None:
        reply_initial = {
            "subject": draft.subject,
            "body": draft.body,
            "language": draft.language,
            "version": draft.version,
        }
    else:
        language = complaint.customer.language
        subject, body = letters.draft(complaint, language)
        reply_initial = {"subject": subject, "body": body, "language": language}
    return {
        "accept": AcceptForm(
            initial={"severity": complaint.severity, "version": complaint.version}
        ),
        "not_ours": NotOursForm(initial={"version": complaint.version}),
        "trace": TraceForm(instance=complaint, initial={"version": complaint.version}),
        "cost": CostForm(instance=complaint, initial={"version": complaint.version}),
        "reply": ReplyForm(initial={**target, **reply_initial}),
        "send": SendReplyForm(initial=target),
        "confirm": ConfirmForm(initial=target),
        "note": NoteForm(),
        "reason": ReasonForm(),
    }


def _portal_detail(request, complaint):
    replies = complaint.replies.filter(status=ReplyStatus.SENT).order_by("sent_at")
    return render(
        request,
        "complaints/portal/detail.html",
        {
            "complaint": complaint,
            "replies": replies,
            "attachments": attachments_of(complaint),
            "confirm_form": ConfirmForm(initial={"complaint": complaint.number}),
            "may_confirm": can(request.user, "complaints.confirm_reply", complaint),
        },
    )


# --- steps ---------------------------------------------------------------------------------


def _accept(request, complaint):
    return (
        AcceptForm(request.POST),
        lambda d: actions.accept_complaint(
            request.user, complaint, d["severity"], d["department"], d["note"], d["version"]
        ),
        _("Accepted: the 8D report and a corrective action are open."),
    )


def _not_ours(request, complaint):
    return (
        NotOursForm(request.POST),
        lambda d: actions.not_ours(request.user, complaint, d["explanation"], d["version"]),
        _("Closed as not a complaint; Sales will explain to the customer."),
    )


def _acknowledge(request, complaint):
    return (
        NoteForm(request.POST),
        lambda d: actions.acknowledge_complaint(request.user, complaint, d["note"]),
        _("Acknowledgement recorded."),
    )


def _trace(request, complaint):
    form = TraceForm(request.POST, instance=Complaint(pk=complaint.pk))
    return (
        form,
        lambda d: actions.record_traceability(
            request.user, complaint, {k: v for k, v in d.items() if k != "version"}, d["version"]
        ),
        _("Traceability recorded."),
    )


def _costs(request, complaint):
    form = CostForm(request.POST, instance=Complaint(pk=complaint.pk))
    return (
        form,
        lambda d: actions.record_costs(
            request.user, complaint, {k: v for k, v in d.items() if k != "version"}, d["version"]
        ),
        _("Costs recorded."),
    )


def _void(request, complaint):
    return (
        ReasonForm(request.POST),
        lambda d: actions.void_complaint(request.user, complaint, d["reason"]),
        _("The complaint was voided."),
    )


def _close(request, complaint):
    return (
        NoteForm(request.POST),
        lambda d: actions.close_complaint(request.user, complaint, d["note"]),
        _("The complaint is closed."),
    )


def _sign_read(request, complaint):
    return (
        NoteForm(request.POST),
        lambda d: actions.sign_read(request.user, complaint, d["note"]),
        _("Signed as read."),
    )


def _draft_reply(request, complaint):
    return (
        ReplyForm(request.POST),
        lambda d: actions.draft_reply(
            request.user,
            complaint,
            d["complaint"],
            d["subject"],
            d["body"],
            d["language"],
            d["version"],
        ),
        _("The reply letter was saved; Sales can send it."),
    )


def _send_reply(request, complaint):
    draft = complaint.replies.filter(status=ReplyStatus.DRAFT).first()
    if draft is None:
        raise Http404
    return (
        SendReplyForm(request.POST),
        lambda d: actions.send_reply(request.user, draft, d["complaint"], d["to"]),
        _("The reply was sent to the customer."),
    )


STEPS = {
    "accept": _accept,
    "not-ours": _not_ours,
    "acknowledge": _acknowledge,
    "trace": _trace,
    "costs": _costs,
    "void": _void,
    "close": _close,
    "sign-read": _sign_read,
    "draft-reply": _draft_reply,
    "send-reply": _send_reply,
}


@login_required
@require_POST
def complaint_step(request, pk, step):
    complaint = visible(request, Complaint, pk, related=("customer",))
    if step not in STEPS or is_customer_user(request.user):
        raise Http404
    form, call, success = STEPS[step](request, complaint)
    run_form(request, form, call, success)
    return redirect(complaint)


@login_required
@require_POST
def confirm_reply(request, pk, reply_pk):
    """Sales (or the customer, in the portal) records the customer's answer to a reply."""
    complaint = visible(request, Complaint, pk)
    reply = get_object_or_404(restrict(Reply.objects.all(), request.user), pk=reply_pk)
    form = ConfirmForm(request.POST)
    run_form(
        request,
        form,
        lambda d: (
            actions.confirm_reply(request.user, reply, d["complaint"], d["confirmation"], d["note"])
            if reply.complaint_id == complaint.pk
            else _wrong_reply(complaint)
        ),
        _("The customer's answer was recorded."),
    )
    return redirect(complaint)


def _wrong_reply(complaint):
    from csc.core.errors import Invalid

    raise Invalid.field(
        "complaint", _("That reply belongs to another complaint; nothing was recorded.")
    )


@login_required
def reply_pdf(request, pk, reply_pk):
    complaint = visible(request, Complaint, pk)
    replies = restrict(Reply.objects.filter(complaint=complaint), request.user)
    if is_customer_user(request.user):
        replies = replies.filter(status=ReplyStatus.SENT)
    reply = get_object_or_404(replies, pk=reply_pk)
    if not reply.pdf:
        raise Http404
    return FileResponse(
        reply.pdf.open("rb"),
        as_attachment=False,
        filename=f"{complaint.number}-reply-{reply.pk}.pdf",
        content_type="application/pdf",
    )


@login_required
def complaint_edit(request, pk):
    from django.contrib import messages

    complaint = visible(request, Complaint, pk)
    if is_customer_user(request.user) or not can(
        request.user, "complaints.change_complaint", complaint
    ):
        raise Http404
    form = EditComplaintForm(
        request.POST or None, instance=complaint, initial={"version": complaint.version}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            actions.update_complaint(
                request.user, Complaint.objects.get(pk=pk), data, form.cleaned_data["version"]
            )
        except ActionError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("The complaint was saved."))
            return redirect(complaint)
    return render(request, "complaints/edit.html", {"form": form, "complaint": complaint})


@login_required
@require_POST
def add_evidence(request, pk):
    """More photos or files: the customer in the portal, or staff on the complaint page."""
    from django.contrib import messages

    complaint = visible(request, Complaint, pk)
    files = request.FILES.getlist("files")
    try:
        with transaction.atomic():  # all the files, or none
            for upload in files:
                actions.attach_evidence(request.user, complaint, upload)
    except ActionError as error:
        flash_error(request, error)
    else:
        if files:
            messages.success(request, _("The files were added."))
    return redirect(complaint)


@login_required
def feedback_pdf(request, pk):
    """The complaint as registered (客户品质反馈单) as PDF, in Chinese (default) or English
    (``?lang=en``); for staff: Quality's assessment and department are internal."""
    from django.http import HttpResponse
    from django.utils.translation import override

    from ..pdf import feedback_sheet

    if is_customer_user(request.user):
        raise Http404
    complaint = visible(request, Complaint, pk, related=("customer", "product", "department", "registered_by", "assessed_by"))  # fmt: skip
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = feedback_sheet(complaint)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{complaint.number}-{language}.pdf"'
    return response
