"""Pages of early warnings (SVC-9): the list, and the detail where Quality writes the
analysis, Sales records the notice to the customer and a CAPA can be opened."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.capa.actions import capas_of
from csc.core.actions import attachments_of
from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import flash_error, paginate, query_without_page, visible

from .. import actions
from ..filters import WarningFilter
from ..models import EarlyWarning
from ..rules import WARNING_FLOW


def _visible(request, pk):
    return visible(
        request,
        EarlyWarning,
        pk,
        related=(
            "customer",
            "product",
            "analysed_by",
            "notified_by",
        ),
    )


@login_required
def warning_list(request):
    if not can(request.user, "aftersales.view_earlywarning"):
        raise Http404
    visible = restrict(EarlyWarning.objects.select_related("customer", "product"), request.user)
    filterset = WarningFilter(request.GET or None, queryset=visible)
    warnings = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return render(
        request,
        "aftersales/warnings.html",
        {
            "filter": filterset,
            "page": paginate(request, warnings),
            "query": query_without_page(request),
        },  # fmt: skip
    )


@login_required
def warning_detail(request, pk):
    warning = _visible(request, pk)
    allowed = WARNING_FLOW.allowed(warning)
    analyst = can(request.user, "aftersales.analyse_earlywarning", warning)
    may = {"analyse": analyst, "close": analyst, "notify": can(request.user, "aftersales.notify_earlywarning", warning)}  # fmt: skip
    return render(
        request,
        "aftersales/warning.html",
        {
            "warning": warning,
            "steps": [s for s in allowed if may[s]],
            "capas": capas_of(warning),
            "may_capa": analyst,
            "attachments": attachments_of(warning),
            "may_edit": can(request.user, "aftersales.change_earlywarning", warning),
        },
    )


STEPS = {
    "analyse": lambda r, w: actions.analyse_warning(
        r.user, w, r.POST.get("text", ""), r.POST.get("version")
    ),  # fmt: skip
    "notify": lambda r, w: actions.notify_customer(
        r.user, w, r.POST.get("text", ""), r.POST.get("version")
    ),  # fmt: skip
    "close": lambda r, w: actions.close_warning(r.user, w, r.POST.get("text", "")),
    "capa": lambda r, w: actions.open_warning_capa(r.user, w),
}


@login_required
@require_POST
def warning_step(request, pk, step):
    warning = _visible(request, pk)
    if step not in STEPS:
        raise Http404
    try:
        STEPS[step](request, warning)
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Saved."))
    return redirect(warning)
