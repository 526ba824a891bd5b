"""The repair returns (退修单) list: Service registers them, the finished-goods store counts
them in (S2 5.9.2)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import (
    action_error_to_form,
    flash_error,
    paginate,
    query_without_page,
    require_page,
)

from .. import actions
from ..filters import RepairReturnFilter
from ..forms import ReceiveForm, ReturnForm
from ..models import RepairReturn


def _visible():
    return RepairReturn.objects.select_related("customer", "product", "record", "received_by")


@login_required
def return_list(request):
    require_page(request, "aftersales.view_repairreturn")
    visible = restrict(_visible(), request.user)
    filterset = RepairReturnFilter(request.GET or None, queryset=visible)
    returns = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    may_add = can(request.user, "aftersales.add_repairreturn")
    form = ReturnForm(request.POST or None, initial=request.GET.dict() or None) if may_add else None
    status = 200
    if request.method == "POST" and form is not None:
        if form.is_valid():
            try:
                repair = actions.register_return(request.user, form.cleaned_data)
            except ActionError as error:
                action_error_to_form(form, error)
            else:
                messages.success(request, _("Repair return %(number)s registered.") % {"number": repair.number})  # fmt: skip
                return redirect("aftersales:repair-returns")
        status = 400
    totals = returns.order_by().values("status")
    return render(
        request,
        "aftersales/repair_returns.html",
        {
            "filter": filterset,
            "page": paginate(request, returns),
            "query": query_without_page(request),
            "form": form,
            "may_receive": can(request.user, "aftersales.receive_repairreturn"),
            "receive_form": ReceiveForm(),
            "totals": _totals(totals),
        },
        status=status,
    )


def _totals(queryset):
    from django.db.models import Count, Q, Sum

    return queryset.aggregate(
        open=Count("pk", filter=Q(status="sent")),
        sent=Sum("quantity_sent"),
        received=Sum("quantity_received"),
    )


@login_required
@require_POST
def return_receive(request, pk):
    repair = get_object_or_404(restrict(_visible(), request.user), pk=pk)
    form = ReceiveForm(request.POST)
    form.is_valid()
    d = form.cleaned_data
    try:
        actions.receive_return(
            request.user, repair, d.get("quantity_received"), d.get("receiving_note", ""),
            d.get("version"),
        )  # fmt: skip
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("Repair return %(number)s counted in.") % {"number": repair.number})  # fmt: skip
    return redirect("aftersales:repair-returns")


@login_required
def return_print(request, pk):
    """The repair return as PDF, in Chinese (default) or English (``?lang=en``)."""
    from django.http import HttpResponse
    from django.utils.translation import override

    from ..pdf import repair_return_pdf

    repair = get_object_or_404(restrict(_visible().select_related("created_by"), request.user), pk=pk)  # fmt: skip
    language = "en" if request.GET.get("lang") == "en" else "zh-hans"
    with override(language):
        content = repair_return_pdf(repair)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{repair.number}-{language}.pdf"'
    return response
