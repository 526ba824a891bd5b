"""Pages of field service (SVC-5): the job records, the receipt signed on the pad, spare
parts and the staff list; each write calls a verb in ``actions``."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from csc.core.actions import attachments_of
from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import (
    LEDGER_COUNT_AT_MOST,
    action_error_to_form,
    flash_error,
    paginate,
    query_without_page,
    require_page,
    save_form,
    visible,
    workbook_response,
)

from .. import actions, receipts
from ..actions.field import EDITABLE as FIELD_EDITABLE
from ..choices import FieldStatus
from ..filters import FieldRecordFilter
from ..forms import (
    CompleteForm,
    FieldRecordEditForm,
    FieldRecordForm,
    LinkForm,
    PartForm,
    QuantityForm,
    SignForm,
    StaffForm,
)
from ..models import FieldServiceRecord, ServiceReceipt, ServiceStaff, SparePart
from ..pdf import receipt_pdf
from ..rules import FIELD_FLOW, report_state

RELATED = ("customer", "staff__person", "product", "receipt")


def _visible(request, pk):
    related = (*RELATED, "service_request", "warranty_claim", "created_by")
    return visible(request, FieldServiceRecord, pk, related=related)


def _filtered(request):
    visible = restrict(FieldServiceRecord.objects.select_related(*RELATED), request.user)
    visible = visible.defer("receipt__signature_png")
    filterset = FieldRecordFilter(request.GET or None, queryset=visible)
    records = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return filterset, records


@login_required
def record_list(request):
    require_page(request, "aftersales.view_fieldservicerecord")
    filterset, records = _filtered(request)
    page = paginate(request, records, count_at_most=LEDGER_COUNT_AT_MOST)
    now = timezone.now()
    for record in page:
        record.report_state = report_state(record.report_due_at, record.reported_at, now)
    return render(
        request,
        "aftersales/field_records.html",
        {
            "filter": filterset,
            "page": page,
            "query": query_without_page(request),
            "may_add": can(request.user, "aftersales.add_fieldservicerecord"),
            "may_export": can(request.user, "aftersales.export_fieldservicerecord"),
        },
    )


@login_required
def record_export(request):
    require_page(request, "aftersales.export_fieldservicerecord")
    _filterset, records = _filtered(request)
    name = f"field-service-{timezone.localdate():%Y%m%d}.xlsx"
    return workbook_response(lambda file: actions.export_records(request.user, file, records), name)


@login_required
def record_new(request):
    require_page(request, "aftersales.add_fieldservicerecord")
    form = FieldRecordForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = actions.open_record(request.user, form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Service record %(number)s opened.") % {"number": record.number})  # fmt: skip
            return redirect(record)
    return render(request, "aftersales/field_record_form.html", {"form": form})


@login_required
def record_edit(request, pk):
    """Correct an open job's facts and hours; the form keeps the input when the verb refuses."""
    record = _visible(request, pk)
    if not can(request.user, "aftersales.change_fieldservicerecord", record):
        raise Http404
    if record.status != FieldStatus.OPEN:
        messages.error(request, _("Only an open service record can be edited."))
        return redirect(record)
    initial = {name: getattr(record, name) for name in FIELD_EDITABLE} | {"version": record.version}  # fmt: skip
    form = FieldRecordEditForm(request.POST or None, initial=initial)
    if form.is_bound:
        update = partial(actions.update_record, request.user, record)
        if save_form(request, form, update, _("The service record was corrected.")):
            return redirect(record)
    status = 400 if form.is_bound else 200
    return render(request, "aftersales/field_record_edit.html", {"record": record, "form": form}, status=status)  # fmt: skip


def _receipt_of(record):
    try:
        return record.receipt
    except ServiceReceipt.DoesNotExist:
        return None


def _context(request, record, **forms):
    user = request.user
    may_change = can(user, "aftersales.change_fieldservicerecord", record)
    steps = [s for s in FIELD_FLOW.allowed(record) if s != "sign"] if may_change else []
    initial = {"version": record.version}
    completing = {k: getattr(record, k) for k in ("outcome", "result", "work_hours", "travel_hours", "travel_km")}  # fmt: skip
    return {
        "record": record,
        "receipt": _receipt_of(record),
        "parts": list(record.parts.select_related("requested_by", "issued_by")),
        "returns": list(record.repair_returns.all()),
        "report_state": report_state(record.report_due_at, record.reported_at, timezone.now()),
        "steps": steps,
        "may_change": may_change,
        "may_edit": may_change and record.status == FieldStatus.OPEN,
        "may_sign": may_change and record.status == "completed" and _receipt_of(record) is None,
        "may_report": may_change and record.report_due_at and not record.reported_at,
        "may_request_part": record.status == "open" and can(user, "aftersales.add_sparepart"),
        "may_issue": can(user, "aftersales.issue_sparepart"),
        "complete_form": forms.get("complete_form")
        or CompleteForm(initial={**initial, **completing}),  # fmt: skip
        "sign_form": forms.get("sign_form") or SignForm(),
        "link_form": LinkForm(),
        "part_form": forms.get("part_form") or PartForm(),
        "link_url": forms.get("link_url"),
        "attachments": attachments_of(record),
    }


@login_required
def record_detail(request, pk):
    record = _visible(request, pk)
    return render(request, "aftersales/field_record.html", _context(request, record))


def _complete(request, record):
    form = CompleteForm(request.POST)
    form.is_valid()
    d = dict(form.cleaned_data)
    version = d.pop("version", None)
    actions.complete_record(request.user, record, d, version)


def _note(request):
    return (request.POST.get("note") or "").strip()


STEPS = {
    "complete": _complete,
    "reopen": lambda request, record: actions.reopen_record(request.user, record, _note(request)),
    "void": lambda request, record: actions.void_record(request.user, record, _note(request)),
    "report": lambda request, record: actions.report_problem(request.user, record, _note(request)),
}


@login_required
@require_POST
def record_step(request, pk, step):
    record = _visible(request, pk)
    if step not in STEPS:
        raise Http404
    try:
        STEPS[step](request, record)
    except ActionError as error:
        if error.status == 409:
            return _refused(request, record, error)
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(record)


def _refused(request, record, error):
    """An illegal step (409) or a refusal (403) answers with the record's page and the reason."""
    messages.error(request, str(error.message))
    record.refresh_from_db()
    context = _context(request, record)
    return render(request, "aftersales/field_record.html", context, status=error.status)


@login_required
@require_POST
def record_sign(request, pk):
    """The receipt drawn on the pad: the PNG arrives as a data URL in a hidden field."""
    record = _visible(request, pk)
    form = SignForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    try:
        actions.sign_receipt(
            request.user, record, d.get("signer_name", ""), d.get("signature", ""),
            bool(d.get("satisfied")), d.get("remark", ""),
        )  # fmt: skip
    except ActionError as error:
        if error.status in (403, 409):
            return _refused(request, record, error)
        action_error_to_form(form, error)
        context = _context(request, record, sign_form=form)
        return render(request, "aftersales/field_record.html", context, status=400)
    messages.success(request, _("The receipt is signed."))
    return redirect(record)


@login_required
@require_POST
def record_link(request, pk):
    """Issue a one-time link for the customer to confirm the receipt; shown once."""
    record = _visible(request, pk)
    form = LinkForm(request.POST)
    email = form.cleaned_data.get("email", "") if form.is_valid() else ""
    try:
        token = actions.issue_receipt_link(request.user, record, email)
    except ActionError as error:
        flash_error(request, error)
        return redirect(record)
    context = _context(request, record, link_url=receipts.link_url(token))
    return render(request, "aftersales/field_record.html", context)


@login_required
@require_POST
def part_request(request, pk):
    record = _visible(request, pk)
    form = PartForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    try:
        actions.request_part(request.user, record, d.get("part_no", ""), d.get("name", ""), d.get("quantity"))  # fmt: skip
    except ActionError as error:
        if error.status in (403, 409):
            return _refused(request, record, error)
        action_error_to_form(form, error)
        context = _context(request, record, part_form=form)
        return render(request, "aftersales/field_record.html", context, status=400)
    messages.success(request, _("The part is requested."))
    return redirect(record)


PART_STEPS = {"issue": actions.issue_part, "use": actions.use_part}


@login_required
@require_POST
def part_step(request, pk, step):
    visible = restrict(SparePart.objects.select_related("record"), request.user)
    part = get_object_or_404(visible, pk=pk)
    if step not in PART_STEPS:
        raise Http404
    form = QuantityForm(request.POST)
    form.is_valid()
    try:
        PART_STEPS[step](request.user, part, form.cleaned_data.get("quantity"))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(part.record)


@login_required
def record_print(request, pk):
    """The service receipt as PDF, in Chinese (default) or English (``?lang=en``)."""
    record = _visible(request, pk)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = receipt_pdf(record, _receipt_of(record), list(record.parts.all()))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{record.number}-{language}.pdf"'
    return response


@login_required
def staff_list(request):
    require_page(request, "aftersales.view_servicestaff")
    staff = restrict(ServiceStaff.objects.select_related("person", "resident_at"), request.user)
    may_add = can(request.user, "aftersales.add_servicestaff")
    form = StaffForm(request.POST or None) if may_add else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            actions.add_staff(request.user, form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("aftersales:staff")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "aftersales/staff.html", {"page": paginate(request, staff), "form": form}, status=status
    )  # fmt: skip


@login_required
def record_signature(request, pk):
    """The drawn signature of a signed receipt, as the PNG that was stored."""
    record = _visible(request, pk)
    receipt = _receipt_of(record)
    if receipt is None or not receipt.signature_png:
        raise Http404
    response = HttpResponse(bytes(receipt.signature_png), content_type="image/png")
    response["Cache-Control"] = "private, max-age=3600"
    return response
