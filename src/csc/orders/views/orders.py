"""Pages of orders: the archive with "waiting for me", intake, the order and its review record."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from csc.core.actions import attachments_of, signatures_of
from csc.core.errors import ActionError
from csc.core.models import Department
from csc.core.permissions import can, customer_id_of, is_customer_user, restrict
from csc.core.views import (
    action_error_to_form,
    job_response,
    paginate,
    query_without_page,
    require_page,
    visible,
)
from csc.customers.models import Customer

from .. import actions, versions
from ..actions.common import may_sign, sections_user_signs
from ..choices import ItemCategory, OrderStatus, Section, SectionState, VersionStatus
from ..filters import OrderFilter, waiting_for
from ..forms import LineFormSet, OrderForm, RequirementsForm
from ..models import Order, OrderLine, ProductionOrder, ReviewVersion
from ..rules import ORDER_FLOW, plain_number

WAITING_SHOWN = 20


@login_required
def order_list(request):
    """The archive (ORD-9); a reviewer or the GM sees what waits for them first."""
    require_page(request, "orders.view_order")
    shown = restrict(Order.objects.select_related("customer"), request.user)
    filterset = OrderFilter(request.GET or None, queryset=shown, request=request)
    bound = filterset.is_bound and filterset.is_valid()
    orders = filterset.qs if bound else shown.order_by("-received_at", "-id")
    waiting = None
    if not request.GET and (
        sections_user_signs(request.user) or can(request.user, "orders.approve_order")
    ):
        waiting = list(
            waiting_for(shown, request.user).order_by("pending_due_at", "id")[:WAITING_SHOWN]
        )
    return render(
        request,
        "orders/list.html",
        {
            "filter": filterset,
            "page": paginate(request, orders),
            "query": query_without_page(request),
            "waiting": waiting,
            "may_add": can(request.user, "orders.add_order"),
            "may_export": can(request.user, "orders.export_order"),
        },
    )


@login_required
def order_export(request):
    """The review ledger as Excel, filtered like the archive."""
    require_page(request, "orders.export_order")
    return job_response(request, "orders.export", _("Order review ledger"))


def _line_rows(formset):
    return [form.cleaned_data for form in formset if form.cleaned_data.get("product")]


def _blank_lines(count=5):
    return [{} for _ in range(count)]


@login_required
def order_new(request):
    """Intake of an order from any channel (ORD-1) with its requirements (ORD-2)."""
    require_page(request, "orders.add_order")
    portal = is_customer_user(request.user)
    initial = {"channel": "portal" if portal else "phone", "customer": _initial_customer(request)}
    form = OrderForm(request.POST or None, initial=initial)
    if portal:
        form.fields.pop("customer")
        form.fields.pop("channel")
    lines = LineFormSet(
        request.POST or None, prefix="lines", initial=None if request.POST else _blank_lines()
    )
    requirements = RequirementsForm(request.POST or None, prefix="req")
    if (
        request.method == "POST"
        and form.is_valid()
        and lines.is_valid()
        and requirements.is_valid()
    ):
        data = dict(form.cleaned_data)
        if portal:
            data["customer"] = Customer.objects.get(pk=customer_id_of(request.user))
            data["channel"] = "portal"
        if not data.get("received_at"):
            data.pop("received_at", None)
        try:
            order = actions.receive_order(
                request.user, data, _line_rows(lines), requirements.cleaned_data
            )
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(
                request,
                _("Order %(number)s was recorded. Submit it for review when complete.")
                % {"number": order.number},
            )
            return redirect(order)
    return render(
        request,
        "orders/order_form.html",
        {
            "form": form,
            "lines": lines,
            "requirements": requirements,
            "portal": portal,
            "customer_hints": _customer_hints(request.user) if not portal else [],
        },
    )


def _customer_hints(user):
    """The admitted customers a salesperson looks after, offered while typing the customer."""
    customers = restrict(Customer.objects.admitted(), user).filter(salesperson=user)
    return customers.order_by("name").values_list("code", "name")[:200]


def _initial_customer(request):
    value = request.GET.get("customer", "")
    return int(value) if value.isdigit() else None


@login_required
def order_edit(request, pk):
    order = visible(request, Order, pk, related=("customer",))
    if not can(request.user, "orders.change_order", order) or order.status != OrderStatus.DRAFT:
        raise Http404
    draft = order.versions.get(number=order.revision)
    form = OrderForm(request.POST or None, instance=order, editing=True)
    existing = [_line_initial(line) for line in order.lines.select_related("product")]
    lines = LineFormSet(
        request.POST or None,
        prefix="lines",
        initial=None if request.POST else existing + _blank_lines(2),
    )
    items = {
        c: "\n".join(i.requirement for i in draft.items.all() if i.category == c)
        for c in ItemCategory.values
    }
    requirements = RequirementsForm(request.POST or None, prefix="req", initial=items)
    if (
        request.method == "POST"
        and form.is_valid()
        and lines.is_valid()
        and requirements.is_valid()
    ):
        try:
            actions.update_order(
                request.user, order, form.cleaned_data, _line_rows(lines), requirements.cleaned_data,
                request.POST.get("version"),
            )  # fmt: skip
        except ActionError as error:
            action_error_to_form(form, error)
        else:
            messages.success(request, _("The order was saved."))
            return redirect(order)
    return render(
        request,
        "orders/order_form.html",
        {"form": form, "lines": lines, "requirements": requirements, "order": order},
    )


def _line_initial(line):
    fields = ("product", "specification", "currency", "requested_date", "promised_date")
    initial = {name: getattr(line, name) for name in fields}
    initial["quantity"] = Decimal(plain_number(line.quantity))
    initial["unit_price"] = Decimal(plain_number(line.unit_price))
    return initial


def _detail_queryset():
    return Order.objects.select_related("customer", "created_by").prefetch_related(
        Prefetch(
            "lines", queryset=OrderLine.objects.select_related("product").order_by("line_no", "id")
        ),
    )


@login_required
def order_detail(request, pk):
    order = _visible_order(request, pk)
    internal = not is_customer_user(request.user)
    context = {"order": order, "internal": internal, "lines": order.lines.all()}
    context.update(_execution_context(order, internal))
    if internal:
        context.update(_review_context(request, order))
        context.update(_step_flags(request, order))
        context["signatures"] = signatures_of(order)
        context["attachments"] = attachments_of(order)
    context["questions"] = order.questions.select_related("asked_by", "answered_by")
    context["may_ask"] = can(request.user, "orders.add_orderquestion", order)
    return render(request, "orders/detail.html", context)


def _visible_order(request, pk):
    return get_object_or_404(restrict(_detail_queryset(), request.user), pk=pk)


def _review_context(request, order):
    all_versions = list(order.versions.all())
    current = next((v for v in all_versions if v.number == order.revision), None)
    sections, items = [], []
    if current is not None:
        order_of = {code: index for index, code in enumerate(Section.values)}
        sections = sorted(
            current.sections.select_related("signed_by"), key=lambda s: order_of[s.section]
        )
        items = list(current.items.all())
    signable = {
        s.section
        for s in sections
        if s.state == SectionState.OPEN and may_sign(request.user, s.section)
    }
    reviewing = order.status in (OrderStatus.REVIEW, OrderStatus.DISPUTED)
    return {
        "versions": all_versions,
        "current": current,
        "sections": sections,
        "items": items,
        "signable": signable if reviewing else set(),
        "changes": order.changes.select_related("requested_by"),
        "memos": order.memos.select_related("from_department", "to_department", "created_by"),
    }


def _execution_context(order, internal):
    production = ProductionOrder.objects.filter(order=order).select_related("issued_by").first()
    shipments = order.shipments.annotate(total=Sum("lines__quantity")).order_by("shipped_on", "id")
    return {"production": production if internal else None, "shipments": shipments}


def _step_flags(request, order):
    user = request.user
    allowed = set(ORDER_FLOW.allowed(order))
    finished = order.status in (OrderStatus.CLOSED, OrderStatus.CANCELLED)
    return {
        "may_edit": "submit" in allowed and can(user, "orders.change_order", order),
        "may_decide": can(user, "orders.approve_order", order)
        and order.status in (OrderStatus.REVIEW, OrderStatus.DISPUTED),
        "may_approve": can(user, "orders.approve_order", order)
        and order.status == OrderStatus.REVIEW,
        "may_send_back": "send_back" in allowed and can(user, "orders.approve_order", order),
        "may_issue": "issue_production_order" in allowed
        and can(user, "orders.issue_production_order", order),
        "may_schedule": not finished and can(user, "orders.schedule_production", order),
        "may_ship": "ship_part" in allowed and can(user, "orders.ship_order", order),
        "may_confirm": can(user, "orders.ship_order", order),
        "may_change": "change" in allowed
        and (
            can(user, "orders.change_order", order)
            or can(user, "orders.request_internal_change", order)
        ),
        "may_memo": can(user, "orders.add_liaisonmemo", order),
        "departments": Department.objects.exclude(pk=user.department_id),
    }


@login_required
def version_detail(request, pk, number):
    """One version of the review record; withdrawn ones stay readable, marked superseded (ORD-7)."""
    if is_customer_user(request.user):
        raise Http404
    order = _visible_order(request, pk)
    version = get_object_or_404(
        ReviewVersion.objects.prefetch_related("items").select_related("decided_by"),
        order=order,
        number=number,
    )
    return render(
        request,
        "orders/version.html",
        {
            "order": order,
            "version": version,
            "content": versions.content(version),
            "sections": version.sections.select_related("signed_by"),
            "numbers": list(order.versions.values_list("number", flat=True)),
            "withdrawn": version.status == VersionStatus.WITHDRAWN,
        },
    )


@login_required
def version_diff(request, pk):
    """The difference between two versions of the review record."""
    if is_customer_user(request.user):
        raise Http404
    order = _visible_order(request, pk)
    numbers = list(order.versions.values_list("number", flat=True))
    a, b = _version_pair(request, numbers)
    old = order.versions.prefetch_related("items").get(number=a) if a else None
    new = order.versions.prefetch_related("items").get(number=b) if b else None
    changes = versions.diff(versions.content(old), versions.content(new)) if old and new else []
    return render(
        request,
        "orders/diff.html",
        {"order": order, "a": a, "b": b, "numbers": numbers, "changes": changes},
    )


def _version_pair(request, numbers):
    def pick(name, default):
        value = request.GET.get(name, "")
        return int(value) if value.isdigit() and int(value) in numbers else default

    if len(numbers) < 2:
        return (numbers[0] if numbers else None), None
    return pick("a", numbers[-2]), pick("b", numbers[-1])
