"""Stocktakes (盘点): open a count, fill the count sheet, submit, approve, post."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from csc.core.actions import signatures_of
from csc.core.errors import ActionError
from csc.core.permissions import can, restrict
from csc.core.views import (
    action_error_to_form,
    filtered,
    flash_error,
    paginate,
    query_without_page,
    require_page,
    run_form,
    visible,
)

from .. import actions, sheets
from ..choices import StocktakeStatus
from ..filters import StocktakeFilter
from ..forms import NoteForm, StocktakeForm
from ..models import NO_SECRETS, Stocktake
from ..rules import STOCKTAKE_FLOW

LINES_PER_PAGE = 50


@login_required
def stocktake_list(request):
    require_page(request, "property.view_stocktake")
    may_open = can(request.user, "property.add_stocktake")
    form = StocktakeForm(request.POST or None, user=request.user)
    if request.method == "POST" and may_open and form.is_valid():
        try:
            stocktake = actions.open_stocktake(request.user, **form.cleaned_data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The stocktake was opened; print or fill its count sheet."))
            return redirect(stocktake)
    queryset = restrict(
        Stocktake.objects.select_related("customer", "opened_by").defer(*NO_SECRETS), request.user
    ).annotate(line_count=Count("lines"))
    filterset, stocktakes = filtered(StocktakeFilter, request, queryset, ["-counted_on", "-id"])
    return render(
        request,
        "property/stocktakes.html",
        {
            "filter": filterset,
            "page": paginate(request, stocktakes),
            "query": query_without_page(request),
            "form": form if may_open else None,
        },
    )


def _lines(stocktake):
    return stocktake.lines.select_related("item", "lot").order_by("item__number", "lot__number")


def _summary(stocktake):
    differs = ~Q(counted_quantity=F("book_quantity")) & Q(counted_quantity__isnull=False)
    return stocktake.lines.aggregate(
        total=Count("pk"),
        counted=Count("pk", filter=Q(counted_quantity__isnull=False)),
        differences=Count("pk", filter=differs),
        unexplained=Count("pk", filter=differs & Q(explanation="")),
    )


def _steps(user, stocktake):
    allowed = STOCKTAKE_FLOW.allowed(stocktake)
    perms = {
        "submit": "property.count_stock",
        "post": "property.count_stock",
        "approve": "property.approve_stocktake",
        "return": "property.approve_stocktake",
    }
    return [(s, STOCKTAKE_FLOW.steps[s].label) for s in allowed if can(user, perms[s])]


@login_required
def stocktake_detail(request, pk):
    stocktake = visible(
        request,
        Stocktake,
        pk,
        related=("customer", "opened_by", "submitted_by", "approved_by", "posted_by"),
    )
    counting = stocktake.status == StocktakeStatus.COUNTING
    return render(
        request,
        "property/stocktake_detail.html",
        {
            "stocktake": stocktake,
            "lines": Paginator(_lines(stocktake), LINES_PER_PAGE).get_page(request.GET.get("page")),
            "summary": _summary(stocktake),
            "may_count": counting and can(request.user, "property.count_stock"),
            "steps": _steps(request.user, stocktake),
            "note_form": NoteForm(),
            "signatures": signatures_of(stocktake),
        },
    )


@login_required
def count_sheet_pdf(request, pk):
    stocktake = visible(request, Stocktake, pk)
    document = sheets.count_sheet_pdf(stocktake, _lines(stocktake))
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{stocktake.number}.pdf"'
    return response


def _count(request, stocktake):
    ids = [k.removeprefix("counted_") for k in request.POST if k.startswith("counted_")]
    lines = stocktake.lines.filter(pk__in=[int(i) for i in ids if i.isdigit()])
    rows = [
        (
            line,
            request.POST.get(f"counted_{line.pk}", "").strip(),
            request.POST.get(f"explanation_{line.pk}", "").strip(),
        )
        for line in lines
    ]
    try:
        actions.count_lines(request.user, stocktake, rows)
    except ActionError as error:
        flash_error(request, error)
    else:
        messages.success(request, _("The counts were saved."))


STOCKTAKE_STEPS = {
    "submit": (actions.submit_stocktake, gettext_lazy("The count was sent for approval.")),
    "return": (actions.return_stocktake, gettext_lazy("The count was returned for a recount.")),
    "approve": (actions.approve_stocktake, gettext_lazy("The differences were approved.")),
    "post": (actions.post_stocktake, gettext_lazy("The differences were posted to the ledger.")),
}


@login_required
@require_POST
def stocktake_step(request, pk, step):
    stocktake = visible(request, Stocktake, pk)
    if step == "count":
        _count(request, stocktake)
        page = request.POST.get("page", "")
        return redirect(f"{stocktake.get_absolute_url()}?page={page}" if page else stocktake)
    if step not in STOCKTAKE_STEPS:
        raise Http404
    verb, success = STOCKTAKE_STEPS[step]
    run_form(
        request,
        NoteForm(request.POST),
        lambda d: verb(request.user, stocktake, d["note"]),
        str(success),
    )
    return redirect(stocktake)
