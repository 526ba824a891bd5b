"""Information feedback sheets and "escalate to 8D" from a request's page (SVC-6)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.models import Department
from csc.core.views import flash_error

from .. import actions
from ..choices import Severity
from .detail import request_or_404


def _run(request, record, call, success):
    try:
        result = call()
    except ActionError as error:
        flash_error(request, error)
        return redirect(record)
    messages.success(request, success)
    return result


@login_required
@require_POST
def send_sheet(request, pk):
    record = request_or_404(request, pk)
    department = Department.objects.filter(pk=request.POST.get("department") or None).first()
    question = request.POST.get("question", "")
    _run(
        request,
        record,
        lambda: actions.send_feedback_sheet(request.user, record, department, question),
        _("Information feedback sheet sent."),
    )
    return redirect(record)


@login_required
@require_POST
def answer_sheet(request, pk, sheet_pk):
    record = request_or_404(request, pk)
    sheet = get_object_or_404(record.feedback_sheets, pk=sheet_pk)
    answer = request.POST.get("answer", "")
    _run(
        request,
        record,
        lambda: actions.answer_feedback_sheet(request.user, sheet, answer),
        _("Answer recorded."),
    )
    return redirect(record)


@login_required
@require_POST
def escalate(request, pk):
    record = request_or_404(request, pk)
    severity = request.POST.get("severity") or Severity.MAJOR
    result = _run(
        request,
        record,
        lambda: actions.escalate_to_8d(request.user, record, severity),
        _("Complaint registered and its 8D opened."),
    )
    return redirect(result) if hasattr(result, "number") else result


@login_required
def sheet_pdf(request, pk, sheet_pk):
    """One feedback sheet as PDF, in Chinese (default) or English (``?lang=en``); internal,
    so a customer contact who sees the request never gets its sheets."""
    from django.http import HttpResponse
    from django.utils.translation import override

    from csc.core.permissions import restrict

    from ..models import FeedbackSheet
    from ..pdf import sheet_pdf as printed

    record = request_or_404(request, pk)
    sheets = restrict(FeedbackSheet.objects.select_related("department", "sent_by", "answered_by"), request.user)  # fmt: skip
    sheet = get_object_or_404(sheets, pk=sheet_pk, request=record)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = printed(sheet)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{sheet.number}-{language}.pdf"'
    return response
