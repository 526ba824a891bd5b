"""Receipts (收料单): the list, one lot with its IQC report, notice and disposition."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from csc.core.actions import attachments_of, signatures_of
from csc.core.permissions import can, restrict
from csc.core.views import (
    filtered,
    paginate,
    query_without_page,
    require_page,
    run_form,
    show_addresses,
    visible,
)

from .. import actions, notices, stock
from ..actions.common import default_address
from ..choices import LotStatus, NoticeVia
from ..filters import LotFilter
from ..forms import DispositionForm, InspectForm, NoticeForm, SortForm
from ..models import NO_SECRETS, Lot


@login_required
def lot_list(request):
    require_page(request, "property.view_lot")
    queryset = restrict(
        Lot.objects.select_related("item", "item__customer", "received_by").defer(
            *[f"item__{name}" for name in NO_SECRETS]
        ),
        request.user,
    )
    filterset, lots = filtered(LotFilter, request, queryset, ["-received_on", "-id"])
    return render(
        request,
        "property/lots.html",
        {
            "filter": filterset,
            "page": paginate(request, lots.annotate(on_hand=stock.lot_on_hand())),
            "query": query_without_page(request),
        },
    )


def _notice_form(lot):
    return NoticeForm(
        initial={
            "via": NoticeVia.EMAIL,
            "to": default_address(lot.item.customer),
            "text": notices.lot_notice(lot),
        }
    )


#: step → (state it needs, permission, blank form)
LOT_FORMS = {
    "inspect": (LotStatus.AWAITING_IQC, "property.inspect_property", lambda lot: InspectForm()),
    "notify": (LotStatus.REJECTED, "property.notify_property_customer", _notice_form),
    "dispose": (LotStatus.NOTIFIED, "property.dispose_property", lambda lot: DispositionForm()),
    "sort": (LotStatus.SORTING, "property.dispose_property", lambda lot: SortForm()),
}


def _forms(user, lot):
    return {
        step: make(lot)
        for step, (state, perm, make) in LOT_FORMS.items()
        if lot.status == state and can(user, perm, lot)
    }


@login_required
def lot_detail(request, pk):
    lot = visible(
        request,
        Lot,
        pk,
        related=(
            "item", "item__customer", "received_by", "inspected_by", "notified_by",
            "disposed_by", "notice_email",
        ),
    )  # fmt: skip
    show_addresses(request, [lot], "notice_to")
    return render(
        request,
        "property/lot_detail.html",
        {
            "lot": lot,
            "item": lot.item,
            "on_hand": stock.balance(lot.item, lot=lot),
            "movements": lot.movements.select_related("created_by").order_by("moved_on", "id"),
            "anomalies": lot.anomalies.all(),
            "signatures": signatures_of(lot),
            "attachments": attachments_of(lot),
            "forms": _forms(request.user, lot),
        },
    )


def _inspect(user, lot, post):
    form = InspectForm(post)
    return form, lambda d: actions.inspect(
        user, lot, d["result"], d["report"], d["sample_size"], d["defects"]
    )


def _notify(user, lot, post):
    form = NoticeForm(post)
    return form, lambda d: actions.notify_lot_customer(user, lot, d["via"], d["to"], d["text"])


def _dispose(user, lot, post):
    form = DispositionForm(post)
    return form, lambda d: actions.dispose_lot(
        user, lot, d["disposition"], d["agreed_with"], d["note"]
    )


def _sort(user, lot, post):
    form = SortForm(post)
    return form, lambda d: actions.finish_sort(
        user, lot, d["good_quantity"], d["rejects"], d["note"]
    )


LOT_STEPS = {
    "inspect": (_inspect, gettext_lazy("The IQC result was recorded.")),
    "notify": (_notify, gettext_lazy("The customer notice was recorded.")),
    "dispose": (_dispose, gettext_lazy("The disposition was recorded.")),
    "sort": (_sort, gettext_lazy("The sort result was recorded.")),
}


@login_required
@require_POST
def lot_step(request, pk, step):
    lot = visible(request, Lot, pk, related=("item", "item__customer"))
    if step not in LOT_STEPS:
        raise Http404
    build, success = LOT_STEPS[step]
    form, call = build(request.user, lot, request.POST)
    run_form(request, form, call, str(success))
    return redirect(lot)
