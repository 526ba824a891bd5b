"""Pages of recalls (RCL-1…5); every write calls a verb in ``actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.actions import signatures_of
from csc.core.errors import ActionError
from csc.core.mail import with_delivery
from csc.core.permissions import can, restrict
from csc.core.views import (
    action_error_to_form,
    flash_error,
    flash_form_errors,
    paginate,
    query_without_page,
    show_addresses,
    visible,
    workbook_response,
)

from . import actions, forms, rules
from .choices import OPEN_STATUSES
from .filters import RecallFilter
from .models import Disposition, Distribution, Lot, Recall
from .rules import RECALL_FLOW


def _visible(request, pk):
    return visible(
        request,
        Recall,
        pk,
        related=(
            "leader",
            "complaint",
            "plan_approved_by",
            "capa",
        ),
    )


def _filtered(request):
    visible = restrict(Recall.objects.all(), request.user)
    filterset = RecallFilter(request.GET or None, queryset=visible, request=request)
    return filterset, filterset.qs if filterset.is_bound and filterset.is_valid() else visible


@login_required
def recall_list(request):
    if not can(request.user, "recalls.view_recall"):
        raise Http404
    filterset, recalls = _filtered(request)
    return render(
        request,
        "recalls/list.html",
        {
            "filter": filterset,
            "page": paginate(request, recalls),
            "query": query_without_page(request),
            "may_trigger": can(request.user, "recalls.add_recall"),
        },
    )


@login_required
def recall_export(request):
    if not can(request.user, "recalls.view_recall"):
        raise Http404
    _filterset, recalls = _filtered(request)
    name = f"recalls-{timezone.localdate():%Y%m%d}.xlsx"
    return workbook_response(lambda file: actions.export_recalls(request.user, file, recalls), name)


@login_required
def recall_new(request):
    if not can(request.user, "recalls.add_recall"):
        raise Http404
    form = forms.NewRecallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            recall = actions.trigger_recall(request.user, form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Recall %(number)s opened.") % {"number": recall.number})
            return redirect(recall)
    return render(request, "recalls/new.html", {"form": form})


def _may(user, recall):
    """Return which parts of the page this user may act on."""
    return {
        "gm": can(user, "recalls.approve_recall", recall),
        "team": actions.may_work_on(user, recall),
        "quality": can(user, "recalls.supervise_disposition", recall),
        "close": can(user, "recalls.close_recall", recall),
        "review": can(user, "recalls.review_recall", recall),
    }


STEP_PERMISSION = {
    "approve_plan": "gm",
    "finish_notices": "team",
    "finish_reconciliation": "team",
    "close": "close",
}


@login_required
def recall_detail(request, pk):
    recall = _visible(request, pk)
    may = _may(request.user, recall)
    steps = [s for s in RECALL_FLOW.allowed(recall) if may.get(STEP_PERMISSION.get(s, ""))]
    return render(
        request,
        "recalls/detail.html",
        {
            "recall": recall,
            "may": may,
            "steps": [(s, RECALL_FLOW.steps[s].label) for s in steps],
            "lots": rules.reconciliation(recall),
            "samples": recall.samples.select_related("checked_by"),
            "notices": show_addresses(
                request,
                with_delivery(
                    recall.notices.select_related("customer", "notified_by", "email"), "email"
                ),
                "address",
                on=recall,
            ),
            "dispositions": Disposition.objects.filter(lot__recall=recall).select_related(
                "lot", "supervised_by"
            ),
            "team": recall.team.all(),
            "signatures": signatures_of(recall),
            "open": recall.status in OPEN_STATUSES,
            "forms": _blank_forms(recall),
        },
    )


def _blank_forms(recall):
    return {
        "team": forms.TeamForm(),
        "edit": forms.EditForm(initial={"plan": recall.plan, "root_cause": recall.root_cause}),
        "lot": forms.LotForm(),
        "sample": forms.SampleForm(),
        "notice": forms.NoticeForm(recall=recall),
        "disposition": forms.DispositionForm(recall=recall),
        "review": forms.ReviewForm(),
        "step": forms.StepForm(),
    }


def _lot_of(recall, request):
    return get_object_or_404(Lot, recall=recall, pk=request.POST.get("lot_id"))


def _row_of(recall, request):
    return get_object_or_404(Distribution, lot__recall=recall, pk=request.POST.get("row_id"))


# form slug → (form class, whether it needs the recall, verb call)
FORMS = {
    "team": (
        forms.TeamForm,
        False,
        lambda u, r, d, q: actions.name_team(u, r, d["leader"], list(d["members"])),
    ),
    "edit": (forms.EditForm, False, lambda u, r, d, q: actions.update_recall(u, r, d)),
    "lot": (forms.LotForm, False, lambda u, r, d, q: actions.add_lot(u, r, d)),
    "sample": (forms.SampleForm, False, lambda u, r, d, q: actions.record_sample(u, r, d)),
    "notice": (forms.NoticeForm, True, lambda u, r, d, q: actions.record_notice(u, r, d)),
    "lot-quantities": (
        forms.LotQuantityForm,
        False,
        lambda u, r, d, q: actions.set_lot_quantities(u, _lot_of(r, q), d),
    ),
    "quantities": (
        forms.DistributionQuantityForm,
        False,
        lambda u, r, d, q: actions.set_distribution_quantities(u, _row_of(r, q), d),
    ),
    "disposition": (
        forms.DispositionForm,
        True,
        lambda u, r, d, q: actions.record_disposition(u, d["lot"], d),
    ),
    "capa": (forms.StepForm, False, lambda u, r, d, q: actions.open_corrective_action(u, r)),
    "review": (
        forms.ReviewForm,
        False,
        lambda u, r, d, q: actions.review_procedure(u, r, d["procedure_review"]),
    ),
}


@login_required
@require_POST
def recall_form(request, pk, form):
    recall = _visible(request, pk)
    if form not in FORMS:
        raise Http404
    form_class, with_recall, call = FORMS[form]
    bound = form_class(request.POST, **({"recall": recall} if with_recall else {}))
    if not bound.is_valid():
        flash_form_errors(request, bound)
        return redirect(recall)
    try:
        call(request.user, recall, bound.cleaned_data, request)
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(recall)


STEPS = {
    "approve_plan": actions.approve_plan,
    "finish_notices": actions.finish_notices,
    "finish_reconciliation": actions.finish_reconciliation,
    "close": actions.close_recall,
}


@login_required
@require_POST
def recall_step(request, pk, step):
    recall = _visible(request, pk)
    if step not in STEPS:
        raise Http404
    form = forms.StepForm(request.POST)
    form.is_valid()
    try:
        STEPS[step](request.user, recall, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": RECALL_FLOW.steps[step].label})
    return redirect(recall)


@login_required
def recall_pdf(request, pk):
    from .pdf import recall_record

    recall = _visible(request, pk)
    response = HttpResponse(recall_record(recall), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{recall.number}.pdf"'
    return response
