"""One service request: its page (staff or portal) with thread, files and history, and its
workflow steps."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from csc.core.actions import attachments_of
from csc.core.errors import ActionError
from csc.core.models import Department
from csc.core.permissions import can, is_customer_user
from csc.core.views import flash_error, flash_form_errors, save_form, visible

from .. import actions
from ..choices import Direction
from ..forms import AssignForm, EditForm, MessageForm, ReasonForm
from ..models import ServiceRequest
from ..rules import EDITABLE_STATUSES, REQUEST_FLOW, company_calendar, processing_times, sla_state

RELATED = ("customer", "contact", "team", "handler", "product", "registered_by", "complaint")


def request_or_404(request, pk):
    """Return the request if the user may see it, else 404 (never a hint that it exists)."""
    return visible(request, ServiceRequest, pk, related=RELATED)


@login_required
def request_detail(request, pk):
    record = request_or_404(request, pk)
    now = timezone.now()
    thread = record.messages.select_related("author")
    context = {
        "record": record,
        "sla": sla_state(record, now),
        "attachments": attachments_of(record).select_related("uploaded_by"),
        "message_form": MessageForm(initial={"version": record.version}),
    }
    if is_customer_user(request.user):
        context["thread"] = thread.exclude(direction=Direction.INTERNAL)
        return render(request, "service/portal/detail.html", context)
    context.update(
        thread=thread,
        steps=REQUEST_FLOW.allowed(record),
        times=_hours(processing_times(record, company_calendar(), now)),
        may_handle=can(request.user, "service.handle_servicerequest"),
        may_edit=record.status in EDITABLE_STATUSES
        and can(request.user, "service.handle_servicerequest"),
        may_assign=can(request.user, "service.assign_servicerequest"),
        assign_form=AssignForm(
            initial={
                "team": record.team_id,
                "handler": record.handler_id,
                "version": record.version,
            }
        ),
        reason_form=ReasonForm(initial={"version": record.version}),
        sheets=record.feedback_sheets.select_related("department", "sent_by", "answered_by"),
        departments=Department.objects.all(),
        may_escalate=record.complaint_id is None
        and can(request.user, "complaints.assess_complaint"),
        cases=_similar(request.user, record),
    )
    return render(request, "service/detail.html", context)


def _similar(user, record):
    """The earlier complaints most like this request (lessons learned, IATF 10.2.3 f)."""
    if not can(user, "complaints.view_complaint"):
        return None
    from csc.complaints import lessons

    return lessons.similar(record.description, record.product, record.customer)


def _hours(times):
    """Return the processing times in hours to one decimal (None while not reached)."""
    return {k: None if v is None else round(v.total_seconds() / 3600, 1) for k, v in times.items()}


# step slug → (form class, call(user, record, cleaned data), success message)
STEPS = {
    "answer": (MessageForm, lambda u, r, d: actions.answer_customer(u, r, d["body"], d["version"]),
               gettext_lazy("Reply sent to the customer.")),
    "note": (MessageForm, lambda u, r, d: actions.add_note(u, r, d["body"]), gettext_lazy("Note kept.")),
    "wait": (MessageForm, lambda u, r, d: actions.wait_for_customer(u, r, d["body"], d["version"]),
             gettext_lazy("Question sent; the clock waits for the customer.")),
    "resolve": (MessageForm,
                lambda u, r, d: actions.resolve_request(u, r, d["body"], d["version"]),
                gettext_lazy("Request resolved; the solution was sent to the customer.")),
    "customer-reply": (MessageForm, lambda u, r, d: actions.customer_reply(u, r, d["body"]),
                       gettext_lazy("Thank you, your answer was added.")),
    "start": (ReasonForm, None, gettext_lazy("Work started.")),
    "resume": (ReasonForm, None, gettext_lazy("Work resumed.")),
    "close": (ReasonForm, None, gettext_lazy("Request closed.")),
    "reopen": (ReasonForm, lambda u, r, d: actions.reopen_request(u, r, d["reason"], d["version"]),
               gettext_lazy("Request reopened.")),
    "assign": (AssignForm, lambda u, r, d: actions.assign_request(
        u, r, d["team"], d["handler"], d["reason"], d["version"]), gettext_lazy("Assignment saved.")),
}  # fmt: skip
SIMPLE = {
    "start": actions.start_request,
    "resume": actions.resume_request,
    "close": actions.close_request,
}


@login_required
@require_POST
def request_step(request, pk, step):
    record = request_or_404(request, pk)
    if step not in STEPS:
        raise Http404
    form_class, call, success = STEPS[step]
    data = request.POST.copy()
    if step in SIMPLE:
        data.setdefault("reason", "-")  # these steps take an optional note only
    form = form_class(data)
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(record)
    try:
        if step in SIMPLE:
            note = request.POST.get("reason", "")
            SIMPLE[step](request.user, record, note, form.cleaned_data["version"])
        else:
            call(request.user, record, form.cleaned_data)
    except ActionError as error:
        flash_error(request, error)
        return redirect(record)
    messages.success(request, success)
    return redirect(record)


EDIT_INITIAL = ("contact", "category", "severity", "product", "subject", "description", "version")


@login_required
def request_edit(request, pk):
    """Correct what was logged; the form keeps the input when the verb refuses it."""
    record = request_or_404(request, pk)
    if is_customer_user(request.user) or not can(request.user, "service.handle_servicerequest"):
        raise Http404
    initial = {name: getattr(record, name) for name in EDIT_INITIAL}
    form = EditForm(request.POST or None, initial=initial, record=record)
    if form.is_bound:
        update = partial(actions.update_request, request.user, record)
        if save_form(request, form, update, _("The request was corrected.")):
            return redirect(record)
    return render(request, "service/edit.html", {"record": record, "form": form})


@login_required
@require_POST
def add_file(request, pk):
    record = request_or_404(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("Choose a file."))
        return redirect(record)
    try:
        actions.attach_file(request.user, record, upload)
    except ActionError as error:
        flash_error(request, error)
    return redirect(record)
