"""Pages of 三包 warranty claims (SVC-7); each write calls a verb in ``actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from csc.core.actions import attachments_of, signatures_of
from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import (
    LEDGER_COUNT_AT_MOST,
    action_error_to_form,
    flash_error,
    flash_form_errors,
    paginate,
    query_without_page,
    visible,
    workbook_response,
)

from .. import actions
from ..filters import ClaimFilter
from ..forms import AssessForm, ClaimForm, CostForm, DecideForm, NoteForm
from ..kpis import ledger_figures
from ..models import WarrantyClaim
from ..pdf import claim_pdf
from ..rules import CLAIM_FLOW

LIST_RELATED = ("customer", "product")


def _visible(request, pk):
    return visible(
        request,
        WarrantyClaim,
        pk,
        related=(
            "customer",
            "product",
            "shipment",
            "agreement",
            "complaint",
            "registered_by",
            "assessed_by",
            "decided_by",
        ),
    )


def _filtered(request):
    visible = restrict(WarrantyClaim.objects.select_related(*LIST_RELATED), request.user)
    filterset = ClaimFilter(request.GET or None, queryset=visible)
    claims = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return filterset, claims


@login_required
def claim_list(request):
    if not can(request.user, "aftersales.view_warrantyclaim"):
        raise Http404
    filterset, claims = _filtered(request)
    return render(
        request,
        "aftersales/claims.html",
        {
            "filter": filterset,
            "page": paginate(request, claims, count_at_most=LEDGER_COUNT_AT_MOST),
            "query": query_without_page(request),
            "figures": ledger_figures(claims.order_by()),
            "may_add": can(request.user, "aftersales.add_warrantyclaim"),
            "may_export": can(request.user, "aftersales.export_warrantyclaim"),
        },
    )


@login_required
def claim_export(request):
    if not can(request.user, "aftersales.export_warrantyclaim"):
        raise Http404
    _filterset, claims = _filtered(request)
    name = f"warranty-claims-{timezone.localdate():%Y%m%d}.xlsx"
    return workbook_response(lambda file: actions.export_claims(request.user, file, claims), name)


@login_required
def claim_new(request):
    if not can(request.user, "aftersales.add_warrantyclaim"):
        raise Http404
    form = ClaimForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = actions.register_claim(request.user, form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Claim %(number)s registered.") % {"number": claim.number})
            return redirect(claim)
    return render(request, "aftersales/claim_form.html", {"form": form})


def _steps(user, claim):
    allowed = CLAIM_FLOW.allowed(claim)
    may = {
        "assess": can(user, "aftersales.assess_warrantyclaim", claim),
        "decide": can(user, "aftersales.decide_warrantyclaim", claim),
        "close": can(user, "aftersales.change_warrantyclaim", claim),
        "void": can(user, "aftersales.change_warrantyclaim", claim),
    }
    return [s for s in allowed if may[s]]


def _similar(user, claim):
    """The earlier complaints most like this failure (lessons learned, IATF 10.2.3 f)."""
    if not can(user, "complaints.view_complaint"):
        return None
    from csc.complaints import lessons

    return lessons.similar(claim.description, claim.product, claim.customer)


@login_required
def claim_detail(request, pk):
    claim = _visible(request, pk)
    steps = _steps(request.user, claim)
    initial = {"version": claim.version}
    editable = claim.status in ("registered", "assessed", "decided")
    may_change = can(request.user, "aftersales.change_warrantyclaim", claim)
    return render(
        request,
        "aftersales/claim.html",
        {
            "claim": claim,
            "steps": steps,
            "assess_form": AssessForm(
                initial={
                    **initial,
                    "defect_kind": claim.defect_kind,
                    "exclusion": claim.exclusion,
                    "finding": claim.finding,
                }
            ),  # fmt: skip
            "decide_form": DecideForm(initial=initial),
            "note_form": NoteForm(),
            "cost_form": CostForm(instance=claim, initial=initial)
            if may_change and editable
            else None,  # fmt: skip
            "may_complaint": may_change
            and not claim.complaint_id
            and can(request.user, "complaints.add_complaint"),
            "may_accept": can(request.user, "complaints.assess_complaint"),
            "signatures": signatures_of(claim),
            "attachments": attachments_of(claim),
            "may_edit": may_change,
            "cases": _similar(request.user, claim),
        },
    )


@login_required
@require_POST
def claim_costs(request, pk):
    claim = _visible(request, pk)
    form = CostForm(request.POST, instance=WarrantyClaim(pk=claim.pk))
    if form.is_valid():
        data = {k: form.cleaned_data[k] for k in ("parts_cost", "labour_cost", "freight_cost")}
        try:
            actions.update_claim(request.user, claim, data, form.cleaned_data["version"])
        except ActionError as error:
            flash_error(request, error)
        else:
            messages.success(request, _("The costs were saved."))
    else:
        flash_form_errors(request, form)
    return redirect(claim)


def _assess(request, claim):
    form = AssessForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    actions.assess_claim(
        request.user, claim, d.get("defect_kind", ""), d.get("exclusion", ""),
        d.get("finding", ""), d.get("version"),
    )  # fmt: skip


def _decide(request, claim):
    form = DecideForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    actions.decide_claim(
        request.user, claim, d.get("decision", ""), d.get("reason", ""),
        d.get("ntf_analysis", ""), d.get("version"),
    )  # fmt: skip


def _note(request):
    form = NoteForm(request.POST)
    form.is_valid()
    return form.cleaned_data.get("note", "")


STEPS = {
    "assess": _assess,
    "decide": _decide,
    "close": lambda request, claim: actions.close_claim(request.user, claim, _note(request)),
    "void": lambda request, claim: actions.void_claim(request.user, claim, _note(request)),
    "complaint": lambda request, claim: actions.open_complaint(
        request.user, claim, bool(request.POST.get("open_eightd"))
    ),
}


@login_required
@require_POST
def claim_step(request, pk, step):
    claim = _visible(request, pk)
    if step not in STEPS:
        raise Http404
    try:
        STEPS[step](request, claim)
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(claim)


@login_required
def claim_print(request, pk):
    """The claim as PDF, in Chinese (default) or English (``?lang=en``)."""
    claim = _visible(request, pk)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = claim_pdf(claim)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{claim.number}-{language}.pdf"'
    return response
