"""Workflow steps posted from the order page, and the pages of shipping and changing an order."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from csc.core.errors import ActionError
from csc.core.permissions import can
from csc.core.views import flash_error, flash_form_errors, run_form, visible

from .. import actions
from ..choices import ChangeKind, ItemCategory
from ..forms import (
    ChangeForm,
    ChangeLineFormSet,
    DeliveryForm,
    MemoForm,
    NoteForm,
    ProductionForm,
    ProductionOrderForm,
    QuestionForm,
    ReasonForm,
    RemarksForm,
    RequirementsForm,
    ShipForm,
    SignForm,
)
from ..models import Order, Shipment
from ..rules import plain_number

# step → (form, call(user, order, data), success message)
ORDER_STEPS = {
    "submit": (
        NoteForm,
        lambda u, o, d: actions.submit_order(u, o, d["note"]),
        gettext_lazy("Sent to Engineering, Quality and Materials for review."),
    ),
    "sign": (
        SignForm,
        lambda u, o, d: actions.sign_section(u, o, d["section"], d["decision"], d["opinion"]),
        gettext_lazy("Your section was signed."),
    ),
    "approve": (
        NoteForm,
        lambda u, o, d: actions.approve_order(u, o, d["note"]),
        gettext_lazy("The order review was approved."),
    ),
    "send-back": (
        RemarksForm,
        lambda u, o, d: actions.send_back(u, o, d["remarks"]),
        gettext_lazy("Sent back for re-review."),
    ),
    "cancel": (
        ReasonForm,
        lambda u, o, d: actions.cancel_order(u, o, d["reason"]),
        gettext_lazy("The order was cancelled."),
    ),
    "issue-production-order": (
        ProductionOrderForm,
        lambda u, o, d: actions.issue_production_order(
            u, o, d["instructions"], d["planned_completion"]
        ),
        gettext_lazy("The production order was issued."),
    ),
    "production": (
        ProductionForm,
        lambda u, o, d: actions.update_production(
            u, o, d["planned_completion"], d["actual_completion"]
        ),
        gettext_lazy("Production dates saved."),
    ),
    "ask": (
        QuestionForm,
        lambda u, o, d: actions.ask_question(u, o, d["subject"], d["question"]),
        gettext_lazy("Your question was sent to Marketing."),
    ),
    "memo": (
        MemoForm,
        lambda u, o, d: actions.write_memo(
            u, o, d["to_department"], d["subject"], d["body"], d["reply_by"]
        ),
        gettext_lazy("The liaison memo was sent."),
    ),
}


@login_required
@require_POST
def order_step(request, pk, step):
    order = visible(request, Order, pk, related=("customer",))
    if step not in ORDER_STEPS:
        raise Http404
    form_class, call, success = ORDER_STEPS[step]
    run_form(
        request, form_class(request.POST), lambda d: call(request.user, order, d), str(success)
    )
    return redirect(order)


@login_required
def ship(request, pk):
    """Ship all or part of an order (HT-QR-MA-07)."""
    order = visible(request, Order, pk, related=("customer",))
    if not can(request.user, "orders.ship_order", order):
        raise Http404
    lines = list(order.lines.select_related("product"))
    form = ShipForm(
        request.POST or None,
        initial={"shipped_on": timezone.localdate(), "destination": order.customer.address},
    )
    if request.method == "POST":
        quantities = [
            {"order_line": line.pk, "quantity": request.POST.get(f"qty-{line.pk}") or 0}
            for line in lines
        ]
        shipment = run_form(
            request,
            form,
            lambda d: actions.ship_order(
                request.user,
                order,
                d["shipped_on"],
                _numbers(quantities),
                d["carrier"],
                d["destination"],
                d["notes"],
            ),
            _("The shipment was recorded."),
        )
        if shipment is not None:
            return redirect(shipment)
    return render(request, "orders/ship.html", {"order": order, "form": form, "lines": lines})


def _numbers(quantities):
    """Keep only quantities that read as numbers; the verb refuses the rest with a message."""
    kept = []
    for entry in quantities:
        try:
            kept.append({**entry, "quantity": Decimal(str(entry["quantity"]).strip() or "0")})
        except InvalidOperation:
            kept.append({**entry, "quantity": Decimal(-1)})
    return kept


@login_required
def shipment_detail(request, pk):
    shipment = visible(request, Shipment, pk, related=("order", "customer", "created_by"))
    return render(
        request,
        "orders/shipment.html",
        {
            "shipment": shipment,
            "lines": shipment.lines.select_related("order_line", "product"),
            "form": DeliveryForm(initial={"delivered_on": timezone.localdate()}),
            "may_confirm": can(request.user, "orders.ship_order", shipment)
            and shipment.delivered_on is None,
        },
    )


@login_required
@require_POST
def confirm_delivery(request, pk):
    shipment = visible(request, Shipment, pk, related=("order",))
    form = DeliveryForm(request.POST)
    run_form(
        request,
        form,
        lambda d: actions.confirm_delivery(
            request.user, shipment, d["delivered_on"], d["received_by"], d["note"]
        ),
        _("The delivery was confirmed."),
    )
    return redirect(shipment)


def _change_kinds(user, order):
    kinds = []
    if can(user, "orders.change_order", order):
        kinds.append((ChangeKind.CUSTOMER, ChangeKind.CUSTOMER.label))
    if can(user, "orders.request_internal_change", order):
        kinds.append((ChangeKind.INTERNAL, ChangeKind.INTERNAL.label))
    return kinds


@login_required
def change_new(request, pk):
    """Record a customer change or an internal change application (ORD-7)."""
    order = visible(request, Order, pk, related=("customer",))
    kinds = _change_kinds(request.user, order)
    if not kinds:
        raise Http404
    lines = list(order.lines.select_related("product"))
    version = order.versions.get(number=order.revision)
    current_items = {
        c: "\n".join(i.requirement for i in version.items.all() if i.category == c)
        for c in ItemCategory.values
    }
    form = ChangeForm(request.POST or None, kinds=kinds)
    line_forms = ChangeLineFormSet(
        request.POST or None, prefix="lines", initial=[_line_initial(line) for line in lines]
    )
    requirements = RequirementsForm(request.POST or None, prefix="req", initial=current_items)
    if request.method == "POST":
        if form.is_valid() and line_forms.is_valid() and requirements.is_valid():
            change = _request_change(request, order, form, line_forms, requirements)
            if change is not None:
                return redirect(change)
        else:
            for bad in (form, *line_forms, requirements):
                flash_form_errors(request, bad)
    return render(
        request,
        "orders/change_form.html",
        {
            "order": order,
            "form": form,
            "line_forms": list(zip(line_forms, lines, strict=True)),
            "management": line_forms.management_form,
            "requirements": requirements,
        },
    )


def _line_initial(line):
    return {
        "id": line.pk,
        "quantity": Decimal(plain_number(line.quantity)),  # 60, not 60.000
        "unit_price": Decimal(plain_number(line.unit_price)),
        "specification": line.specification,
        "requested_date": line.requested_date,
        "promised_date": line.promised_date,
    }


def _request_change(request, order, form, line_forms, requirements):
    lines = {
        f.cleaned_data["id"]: {k: v for k, v in f.cleaned_data.items() if k != "id"}
        for f in line_forms
    }
    data = form.cleaned_data
    try:
        change = actions.request_change(
            request.user, order, data["kind"], data["reason"], data["description"],
            lines=lines, items=requirements.cleaned_data,
        )  # fmt: skip
    except ActionError as error:
        flash_error(request, error)
        return None
    messages.success(request, _("Change %(number)s was recorded.") % {"number": change.number})
    return change
