"""Pages of the action system (CMP-10); each write calls a verb in ``actions``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from django.views.decorators.http import require_POST

from csc.core.actions import signatures_of
from csc.core.errors import ActionError
from csc.core.permissions import can, is_customer_user, restrict
from csc.core.views import (
    action_error_to_form,
    flash_error,
    flash_form_errors,
    paginate,
    query_without_page,
    run_bulk,
    safe_next,
    visible,
    workbook_response,
)

from . import actions
from .filters import CapaFilter
from .forms import BulkForm, CapaForm, NewCapaForm, StepForm
from .models import Capa
from .rules import CAPA_FLOW


def _visible(request, pk):
    return visible(
        request,
        Capa,
        pk,
        related=(
            "department",
            "owner",
            "customer",
            "verified_by",
        ),
    )


@login_required
def capa_list(request):
    if not can(request.user, "capa.view_capa"):
        raise Http404
    visible = restrict(Capa.objects.select_related("department", "owner", "customer"), request.user)
    filterset = CapaFilter(request.GET or None, queryset=visible)
    capas = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return render(
        request,
        "capa/list.html",
        {
            "filter": filterset,
            "page": paginate(request, capas),
            "query": query_without_page(request),
            "may_open": can(request.user, "capa.manage_capa"),
            "bulk_form": BulkForm() if _may_bulk(request.user) else None,
        },
    )


def _may_bulk(user):
    """Ticking rows is for who assigns actions of any department (Quality, the MR)."""
    return can(user, "capa.manage_capa") and not is_customer_user(user)


@login_required
@require_POST
def capa_bulk(request):
    """Assign, remind of or export the actions ticked in the list (IF-1 bulk actions)."""
    if not _may_bulk(request.user):
        raise Http404
    user = request.user

    def assign(chosen, data):
        done = actions.assign_capas(
            user, chosen.order_by("created_at", "id"), data["owner"], data["reason"]
        )
        return _("%(count)s actions assigned.") % {"count": len(done)}

    def remind(chosen, data):
        done = actions.remind_capas(user, chosen.select_related("owner", "department__head"))
        return _("%(count)s actions reminded.") % {"count": len(done)}

    def export(chosen, data):
        name = f"corrective-actions-selected-{timezone.localdate():%Y%m%d}.xlsx"
        return workbook_response(lambda f: actions.export_capas(user, f, chosen), name)

    handlers = {"assign": assign, "remind": remind, "export": export}
    back = safe_next(request, reverse("capa:list"))
    return run_bulk(request, BulkForm(request.POST), Capa.objects.all(), handlers, back)


@login_required
def capa_new(request):
    if not can(request.user, "capa.manage_capa"):
        raise Http404
    form = NewCapaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            capa = actions.create_capa(request.user, form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Action %(number)s opened.") % {"number": capa.number})
            return redirect(capa)
    return render(request, "capa/new.html", {"form": form})


@login_required
def capa_detail(request, pk):
    capa = _visible(request, pk)
    worker = actions.may_work_on(request.user, capa)
    allowed = CAPA_FLOW.allowed(capa)
    verifier = can(request.user, "capa.verify_capa", capa)
    manager = can(request.user, "capa.manage_capa", capa)
    steps = [
        s
        for s in allowed
        if (s in ("start", "submit") and worker)
        or (s in ("verify", "reject") and verifier)
        or (s == "cancel" and manager)
    ]
    return render(
        request,
        "capa/detail.html",
        {
            "capa": capa,
            "steps": [(s, CAPA_FLOW.steps[s].label) for s in steps],
            "form": CapaForm(instance=capa, initial={"version": capa.version})
            if worker and capa.status in ("open", "in_progress", "verification")
            else None,
            "step_form": StepForm(),
            "signatures": signatures_of(capa),
            "assisting": capa.assisting.all(),
            "source": _source_url(capa),
        },
    )


def _source_url(capa):
    record = capa.source_record if capa.source_type_id else None
    url = getattr(record, "get_absolute_url", None)
    return url() if url else ""


@login_required
@require_POST
def capa_edit(request, pk):
    capa = _visible(request, pk)
    form = CapaForm(request.POST, instance=Capa(pk=capa.pk))
    if not form.is_valid():
        flash_form_errors(request, form)
        return redirect(capa)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        actions.update_capa(request.user, capa, data, form.cleaned_data["version"])
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The action was saved."))
    return redirect(capa)


STEPS = {
    "start": lambda user, capa, note: actions.start_capa(user, capa, note),
    "submit": lambda user, capa, note: actions.submit_capa(user, capa, note=note),
    "verify": lambda user, capa, note: actions.verify_capa(user, capa, note),
    "reject": lambda user, capa, note: actions.reject_capa(user, capa, note),
    "cancel": lambda user, capa, note: actions.cancel_capa(user, capa, note),
}


@login_required
@require_POST
def capa_step(request, pk, step):
    capa = _visible(request, pk)
    if step not in STEPS:
        raise Http404
    form = StepForm(request.POST)
    form.is_valid()
    try:
        STEPS[step](request.user, capa, form.cleaned_data.get("note", ""))
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Done: %(step)s.") % {"step": CAPA_FLOW.steps[step].label})
    return redirect(capa)


@login_required
def capa_pdf(request, pk):
    """The action's printed notice, in Chinese (default) or English (``?lang=en``)."""
    from .pdf import notice_pdf

    capa = _visible(request, pk)
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = notice_pdf(capa)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{capa.number}-{language}.pdf"'
    return response
