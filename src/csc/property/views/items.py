"""The register (顾客财产登记表 HT-QR-MA-10) and the page of one item with its steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from csc.core.actions import attachments_of
from csc.core.errors import ActionError, Conflict
from csc.core.permissions import can, restrict
from csc.core.views import (
    action_error_to_form,
    filtered,
    job_response,
    paginate,
    query_without_page,
    require_page,
    run_form,
    visible,
)

from .. import actions, stock
from ..choices import LOGGED_KINDS, USABLE_LOT_STATES
from ..filters import ItemFilter
from ..forms import (
    AnomalyForm,
    BalanceAtForm,
    CheckForm,
    ItemForm,
    MoveForm,
    NewItemForm,
    ReceiveForm,
    SignForForm,
    VoidForm,
)
from ..models import NO_SECRETS, PropertyItem

LOTS_SHOWN = 50
SHORT_LIST = 20


def _register_rows(request):
    queryset = restrict(
        PropertyItem.objects.select_related("customer").defer(*NO_SECRETS), request.user
    )
    return filtered(ItemFilter, request, queryset, ["-number"])


def _chosen_customer(filterset):
    if filterset.is_bound and filterset.is_valid():
        return filterset.form.cleaned_data.get("customer")
    return None


@login_required
def register(request):
    require_page(request, "property.view_propertyitem")
    filterset, items = _register_rows(request)
    return render(
        request,
        "property/register.html",
        {
            "filter": filterset,
            "customer": _chosen_customer(filterset),
            "page": paginate(request, items.annotate(on_hand=stock.on_hand())),
            "query": query_without_page(request),
            "today": timezone.localdate(),
            "may_add": can(request.user, "property.add_propertyitem"),
            "may_sign_for": can(request.user, "property.sign_for_property"),
            "may_export": can(request.user, "property.export_property"),
        },
    )


@login_required
def register_export(request):
    require_page(request, "property.export_property")
    return job_response(request, "property.export-register", _("Customer property register"))


@login_required
def register_pdf(request):
    require_page(request, "property.view_propertyitem")
    filterset, items = _register_rows(request)
    customer = _chosen_customer(filterset)
    subtitle = f"{customer.name} · " if customer else ""
    subtitle += timezone.localdate().isoformat()
    document = actions.print_register(request.user, items, subtitle)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="HT-QR-MA-10.pdf"'
    return response


@login_required
def item_new(request):
    require_page(request, "property.add_propertyitem")
    initial = {"customer": request.GET.get("customer")} if request.GET.get("customer") else {}
    form = NewItemForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("customer", "version")}
        try:
            item = actions.register_item(request.user, form.cleaned_data["customer"], data)
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The item was added to the register."))
            return redirect(item)
    return render(request, "property/item_form.html", {"form": form, "item": None})


@login_required
def sign_for(request):
    require_page(request, "property.sign_for_property")
    form = SignForForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item_data = {k: data[k] for k in ("kind", "name", "part_no", "unit", "location")}
        try:
            lot = actions.sign_for(
                request.user,
                data["customer"],
                item_data,
                data["quantity"],
                data["delivery_note_no"],
                data["note"],
            )
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("Signed for and recorded in the register."))
            return redirect(lot.item)
    return render(request, "property/sign_for.html", {"form": form})


def _lots(item, at):
    lots = list(
        item.lots.annotate(on_hand=stock.lot_on_hand()).order_by("-received_on", "-id")[:LOTS_SHOWN]
    )
    if at is not None:
        balances = stock.lot_balances(item, at)
        for lot in lots:
            lot.balance_at = balances.get(lot.pk, stock.ZERO)
    return lots


def _balance_date(request):
    form = BalanceAtForm(request.GET or None)
    at = form.cleaned_data.get("at") if form.is_valid() else None
    return form, at


def _ledger_page(request, item):
    entries = stock.with_running_balance(
        item.movements.select_related("lot", "created_by")
    ).order_by("-moved_on", "-id")
    return Paginator(entries, 25).get_page(request.GET.get("page"))


def _forms(user, item):
    """Return the forms of the steps this user may take on the item."""
    usable = item.lots.filter(status__in=USABLE_LOT_STATES)
    forms = {
        "receive": ("property.receive_property", lambda: ReceiveForm()),
        "issue": ("property.issue_property", lambda: MoveForm(item=item, lots=usable, prefix="i")),
        "return": ("property.return_property", lambda: MoveForm(item=item, prefix="r")),
        "scrap": ("property.return_property", lambda: MoveForm(item=item, prefix="s")),
        "report-anomaly": ("property.add_anomaly", lambda: AnomalyForm(item=item, prefix="a")),
        "check": ("property.check_property", lambda: CheckForm(prefix="c")),
        "void": ("property.change_propertyitem", lambda: VoidForm(prefix="v")),
    }
    active = item.status == "active"
    return {
        step.replace("-", "_"): make()
        for step, (perm, make) in forms.items()
        if active and can(user, perm, item)
    }


@login_required
def item_detail(request, pk):
    item = visible(request, PropertyItem, pk, related=("customer", "registered_by"))
    balance_form, at = _balance_date(request)
    return render(
        request,
        "property/item_detail.html",
        {
            "item": item,
            "customer": item.customer,
            "on_hand": stock.balance(item),
            "balance_form": balance_form,
            "at": at,
            "balance_at": stock.balance(item, at=at) if at else None,
            "lots": _lots(item, at),
            "ledger": _ledger_page(request, item),
            "anomalies": item.anomalies.select_related("lot")[:SHORT_LIST],
            "checks": item.checks.select_related("checked_by")[:SHORT_LIST],
            "logged": item.kind in LOGGED_KINDS,
            "forms": _forms(request.user, item),
            "may_edit": can(request.user, "property.change_propertyitem", item),
            "attachments": attachments_of(item),
            "today": timezone.localdate(),
        },
    )


@login_required
def item_edit(request, pk):
    item = visible(request, PropertyItem, pk, related=("customer",))
    if not can(request.user, "property.change_propertyitem", item):
        raise Http404
    form = ItemForm(request.POST or None, instance=item, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        fresh = PropertyItem.objects.get(pk=pk)
        try:
            actions.update_item(request.user, fresh, data, form.cleaned_data["version"])
        except Conflict as error:
            form.add_error(None, str(error.message))
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The item was saved."))
            return redirect(item)
    return render(request, "property/item_form.html", {"form": form, "item": item})


def _receive(user, item, post):
    form = ReceiveForm(post)
    return form, lambda d: actions.receive(
        user,
        item,
        quantity_received=d["quantity_received"],
        quantity_declared=d["quantity_declared"],
        delivery_note_no=d["delivery_note_no"],
        lot_no=d["lot_no"],
        appearance_ok=d["appearance_ok"],
        identification_ok=d["identification_ok"],
        note=d["note"],
        on=d["received_on"],
    )


def _issue(user, item, post):
    form = MoveForm(post, item=item, prefix="i")
    return form, lambda d: actions.issue(
        user, item, d["quantity"], d["lot"], d["reference"], d["note"]
    )


def _take(verb, prefix):
    def step(user, item, post):
        form = MoveForm(post, item=item, prefix=prefix)
        return form, lambda d: verb(user, item, d["lot"], d["quantity"], d["note"], d["reference"])

    return step


def _anomaly(user, item, post):
    form = AnomalyForm(post, item=item, prefix="a")
    return form, lambda d: actions.report_anomaly(
        user, item, d["kind"], d["description"], d["quantity"], d["lot"]
    )


def _check(user, item, post):
    form = CheckForm(post, prefix="c")
    return form, lambda d: actions.record_check(
        user, item, d["result"], d["note"], d["temperature"], d["humidity"]
    )


def _void(user, item, post):
    form = VoidForm(post, prefix="v")
    return form, lambda d: actions.void_item(user, item, d["reason"])


ITEM_STEPS = {
    "receive": (_receive, gettext_lazy("The lot was received.")),
    "issue": (_issue, gettext_lazy("Issued to production.")),
    "return": (_take(actions.return_to_customer, "r"), gettext_lazy("Returned to the customer.")),
    "scrap": (_take(actions.scrap, "s"), gettext_lazy("Scrapped.")),
    "report-anomaly": (_anomaly, gettext_lazy("The anomaly was reported to Materials.")),
    "check": (_check, gettext_lazy("The condition check was recorded.")),
    "void": (_void, gettext_lazy("The item was voided.")),
}


@login_required
@require_POST
def item_step(request, pk, step):
    item = visible(request, PropertyItem, pk)
    if step not in ITEM_STEPS:
        raise Http404
    build, success = ITEM_STEPS[step]
    form, call = build(request.user, item, request.POST)
    result = run_form(request, form, call, str(success))
    if step == "receive" and result is not None:
        return redirect(result)
    if step == "report-anomaly" and result is not None:
        return redirect(result)
    return redirect(item)
