"""Returns: the list, the return notice, and each department's step on one page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import action_error_to_form, paginate, query_without_page, run_form, visible

from .. import actions
from ..choices import ReturnStatus, VerificationResult
from ..filters import ReturnFilter
from ..forms import (
    CloseReturnForm,
    ReasonForm,
    ReceiveForm,
    ReplacementForm,
    ReturnForm,
    ReworkDoneForm,
    ReworkForm,
    VerifyForm,
)
from ..models import Return
from ..rules import REPLACEMENT_STATES, RETURN_FLOW


@login_required
def return_list(request):
    if not can(request.user, "complaints.view_return"):
        raise Http404
    visible_ = restrict(
        Return.objects.select_related("customer", "product", "complaint"), request.user
    )
    filterset = ReturnFilter(request.GET or None, queryset=visible_)
    returns = filterset.qs if filterset.is_bound and filterset.is_valid() else visible_
    return render(
        request,
        "complaints/returns.html",
        {
            "filter": filterset,
            "page": paginate(request, returns),
            "query": query_without_page(request),
            "may_issue": can(request.user, "complaints.add_return"),
        },
    )


@login_required
def return_new(request):
    if not can(request.user, "complaints.add_return"):
        raise Http404
    initial = {}
    if request.GET.get("complaint"):
        initial["complaint_number"] = request.GET["complaint"]
    form = ReturnForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "complaint_number"}
        data["complaint"] = form.cleaned_data["complaint_number"]
        try:
            ret = actions.issue_return(request.user, data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(
                request, _("Return notice %(number)s issued.") % {"number": ret.number}
            )
            return redirect(ret)
    return render(request, "complaints/return_form.html", {"form": form})


@login_required
def return_detail(request, pk):
    ret = visible(
        request,
        Return,
        pk,
        related=("customer", "product", "complaint", "registered_by", "received_by", "verified_by"),
    )
    user = request.user
    allowed = RETURN_FLOW.allowed(ret)
    version = {"version": ret.version}
    may = {
        "receive": "receive" in allowed and can(user, "complaints.receive_return", ret),
        "verify": "verify" in allowed and can(user, "complaints.verify_return", ret),
        "rework": "rework" in allowed
        and ret.result == VerificationResult.CONFIRMED
        and can(user, "complaints.verify_return", ret),
        "reworked": "reworked" in allowed and can(user, "complaints.rework_return", ret),
        "replace": ret.status in REPLACEMENT_STATES
        and can(user, "complaints.schedule_replacement", ret),
        "close": "close" in allowed and can(user, "complaints.verify_return", ret),
        "void": "void" in allowed and can(user, "complaints.change_return", ret),
    }
    forms = {
        "receive": ReceiveForm(initial={**version, "received_quantity": ret.quantity}),
        "verify": VerifyForm(initial=version),
        "rework": ReworkForm(initial=version),
        "reworked": ReworkDoneForm(initial=version),
        "replace": ReplacementForm(
            initial={**version, "quantity": ret.defective_quantity or ret.quantity}
        ),
        "close": CloseReturnForm(initial={**version, "cost": ret.cost}),
        "void": ReasonForm(),
    }
    from csc.capa.actions import capas_of

    return render(
        request,
        "complaints/return_detail.html",
        {
            "ret": ret,
            "may": may,
            "forms": forms,
            "steps": [s for s in ReturnStatus if s != ReturnStatus.VOID],
            "capas": capas_of(ret).select_related("department"),
        },
    )


def _step_forms(request, ret):
    user = request.user
    return {
        "receive": (
            ReceiveForm,
            lambda d: actions.receive_return(
                user, ret, d["received_quantity"], d["note"], d["version"]
            ),
            _("Receipt recorded."),
        ),
        "verify": (
            VerifyForm,
            lambda d: actions.verify_return(
                user, ret, d["result"], d["defective_quantity"], d["note"], d["version"]
            ),
            _("Verification recorded."),
        ),
        "rework": (
            ReworkForm,
            lambda d: actions.order_rework(user, ret, d["instructions"], d["due"], d["version"]),
            _("Rework notice issued to Production."),
        ),
        "reworked": (
            ReworkDoneForm,
            lambda d: actions.record_rework(user, ret, d["result"], d["version"]),
            _("Rework recorded."),
        ),
        "replace": (
            ReplacementForm,
            lambda d: actions.schedule_replacement(
                user, ret, d["quantity"], d["date"], d["note"], d["version"]
            ),
            _("Replacement scheduled."),
        ),
        "close": (
            CloseReturnForm,
            lambda d: actions.close_return(user, ret, d["cost"], d["note"], d["version"]),
            _("The return is closed."),
        ),
        "void": (
            ReasonForm,
            lambda d: actions.void_return(user, ret, d["reason"]),
            _("The return was voided."),
        ),
    }


@login_required
@require_POST
def return_step(request, pk, step):
    ret = visible(request, Return, pk, related=("customer",))
    steps = _step_forms(request, ret)
    if step not in steps:
        raise Http404
    form_class, call, success = steps[step]
    run_form(request, form_class(request.POST), call, success)
    return redirect(ret)


@login_required
def return_pdf(request, pk, kind):
    """The return notice (``notice``) or the rework notice (``rework``) as PDF, in Chinese
    (default) or English (``?lang=en``)."""
    from django.http import HttpResponse
    from django.utils.translation import override

    from ..pdf import return_notice, rework_notice

    ret = visible(request, Return, pk, related=("customer", "product", "complaint"))
    printer = {"notice": return_notice, "rework": rework_notice if ret.rework_number else None}.get(kind)  # fmt: skip
    if printer is None:
        raise Http404
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = printer(ret)
    number = ret.number if kind == "notice" else ret.rework_number
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{number}-{language}.pdf"'
    return response
