"""Execution and delivery (ORD-5, ORD-6): production orders, shipments, delivery confirmation."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, save_step, sign, transition, verb
from csc.core.choices import Role, SignatureMeaning
from csc.core.errors import IllegalTransition, Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require
from csc.customers.models import PurchaseVolume

from ..choices import FINISHED, OrderStatus, ProductionKind
from ..conf import book_rate, setting, tolerance_percent
from ..models import ProductionOrder, Shipment, ShipmentLine
from ..rules import ORDER_FLOW, on_time, plain_number, shippable_quantity
from .common import locked, people_of_order


def tell_production(order, title, body=""):
    """Tell the plant leaders and the departments that run production (S0 5.1.4.1)."""
    codes = setting("ORDERS_PRODUCTION_ORDER_DEPARTMENTS")
    people = get_user_model().objects.filter(
        Q(department__code__in=codes) | Q(groups__name=Role.PLANT_MANAGER), is_active=True
    )
    notify(list(people.distinct()), title, body, order.get_absolute_url())


@verb
def issue_production_order(actor, order, instructions="", planned_completion=None):
    """Issue the production or sample order (HT-QR-MA-04) of an approved order; return it."""
    require(actor, "orders.issue_production_order", order)
    order = locked(order)
    ORDER_FLOW.check(order, "issue_production_order")
    production = ProductionOrder.objects.create(
        number=next_number("production-order", "PO"),
        order=order,
        kind=ProductionKind.SAMPLE if order.sample else ProductionKind.PRODUCTION,
        issued_by=actor,
        instructions=instructions,
        planned_completion=planned_completion,
    )
    transition(order, ORDER_FLOW, "issue_production_order", production.number)
    sign(actor, production, SignatureMeaning.AUTHORED, note=instructions)
    tell_production(
        order,
        Later(
            gettext_noop("%(kind)s %(number)s issued for order %(order)s"),
            kind=ProductionKind(production.kind).label,
            number=production.number,
            order=order,
        ),
        instructions,
    )
    return production


@verb
def update_production(actor, order, planned_completion=None, actual_completion=None):
    """Materials schedules production and records its completion (ORD-6)."""
    require(actor, "orders.schedule_production", order)
    order = locked(order)
    production = getattr(order, "production_order", None)
    if production is None:
        raise IllegalTransition(
            _("No production order was issued for %(order)s.") % {"order": order}
        )
    if order.status in FINISHED:
        raise IllegalTransition(
            _("Order %(order)s is %(status)s.")
            % {"order": order, "status": order.get_status_display()}
        )
    fields = []
    if planned_completion is not None:
        production.planned_completion = planned_completion
        fields.append("planned_completion")
    if actual_completion is not None:
        if actual_completion > timezone.localdate():
            raise Invalid.field("actual_completion", _("Completion cannot be in the future."))
        production.actual_completion = actual_completion
        fields.append("actual_completion")
    if not fields:
        raise Invalid.field("planned_completion", _("Give a planned or an actual completion date."))
    production.save(update_fields=fields)
    return production


def _shipment_lines(order, wanted):
    """Return [(order line, quantity)] checked against what is left to ship."""
    by_id = {line.pk: line for line in order.lines.select_related("product")}
    tolerance = tolerance_percent()
    chosen = {}
    for entry in wanted:
        line = by_id.get(_line_id(entry.get("order_line")))
        if line is None:
            raise Invalid.field("lines", _("A line does not belong to this order."))
        quantity = Decimal(str(entry.get("quantity") or 0))
        if quantity < 0:
            raise Invalid.field(
                "lines", _("Line %(no)s: give a quantity of zero or more.") % {"no": line.line_no}
            )
        if quantity == 0:
            continue
        chosen[line.pk] = (line, chosen.get(line.pk, (line, Decimal(0)))[1] + quantity)
    if not chosen:
        raise Invalid.field("lines", _("Give the quantity shipped of at least one line."))
    for line, quantity in chosen.values():
        left = shippable_quantity(line.quantity, line.shipped_quantity, tolerance)
        if quantity > left:
            raise Invalid.field(
                "lines",
                _(
                    "Line %(no)s: only %(left)s %(unit)s may still ship (ordered %(ordered)s, shipped %(shipped)s, tolerance %(tol)s%%)."
                )
                % {
                    "no": line.line_no,
                    "left": plain_number(left),
                    "unit": line.product.unit,
                    "ordered": plain_number(line.quantity),
                    "shipped": plain_number(line.shipped_quantity),
                    "tol": plain_number(tolerance),
                },
            )
    return list(chosen.values())


def _line_id(value):
    value = getattr(value, "pk", value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@verb
def ship_order(actor, order, shipped_on, lines, carrier="", destination="", notes=""):
    """Ship all or part of an order (发货通知单 HT-QR-MA-07); return the shipment.

    1. Each line ships at most what is left, plus the over-delivery tolerance (a setting).
    2. The shipment carries the promised date of its lines, so on-time delivery is one column.
    3. Shipped quantities feed complaint rates/PPM and the customer's purchase volume (CUS-7).
    """
    require(actor, "orders.ship_order", order)
    order = locked(order)
    ORDER_FLOW.check(order, "ship_part")
    if shipped_on > timezone.localdate():
        raise Invalid.field("shipped_on", _("A shipment cannot be dated in the future."))
    chosen = _shipment_lines(order, lines)
    promised = min((line.due_date for line, _q in chosen if line.due_date), default=None)
    shipment = Shipment.objects.create(
        number=next_number("delivery-note", "DN", when=None),
        order=order,
        customer=order.customer,
        shipped_on=shipped_on,
        promised_on=promised,
        on_time=on_time(promised, shipped_on),
        carrier=carrier,
        destination=destination or order.customer.address,
        notes=notes,
        created_by=actor,
    )
    _record_lines(order, shipment, chosen)
    _add_purchase_volume(order.customer_id, shipped_on, chosen)
    _advance_after_shipping(order, shipment)
    notify(
        people_of_order(order),
        Later(
            gettext_noop("Order %(order)s shipped: %(number)s"),
            order=order.number,
            number=shipment.number,
        ),
        "",
        shipment.get_absolute_url(),
    )
    return shipment


def _record_lines(order, shipment, chosen):
    ShipmentLine.objects.bulk_create(
        ShipmentLine(
            shipment=shipment,
            order_line=line,
            product_id=line.product_id,
            customer_id=order.customer_id,
            shipped_on=shipment.shipped_on,
            quantity=quantity,
        )
        for line, quantity in chosen
    )
    for line, quantity in chosen:
        line.shipped_quantity += quantity
        line.save(update_fields=["shipped_quantity"])


def _advance_after_shipping(order, shipment):
    complete = not any(line.shipped_quantity < line.quantity for line in order.lines.all())
    step = "ship_all" if complete else "ship_part"
    if ORDER_FLOW.steps[step].target != order.status:
        transition(order, ORDER_FLOW, step, shipment.number)


def _add_purchase_volume(customer_id, shipped_on, chosen):
    """Add the shipped quantity and value to the customer's month (CUS-7)."""
    period = shipped_on.replace(day=1)
    quantity = sum((q for _line, q in chosen), Decimal(0))
    amount = sum(
        (q * line.unit_price * book_rate(line.currency) for line, q in chosen), Decimal(0)
    ).quantize(Decimal("0.01"))
    volumes = PurchaseVolume.objects.filter(customer_id=customer_id, period=period)
    if volumes.update(quantity=F("quantity") + quantity, amount=F("amount") + amount):
        return
    try:
        with transaction.atomic():  # a savepoint: losing the race to create keeps us usable
            PurchaseVolume.objects.create(
                customer_id=customer_id, period=period, quantity=quantity, amount=amount
            )
    except IntegrityError:
        volumes.update(quantity=F("quantity") + quantity, amount=F("amount") + amount)


@verb
def confirm_delivery(actor, shipment, delivered_on, received_by="", note=""):
    """Record that the customer received a shipment; the last one closes a fully shipped order."""
    require(actor, "orders.ship_order", shipment)
    order = locked(shipment.order)
    shipment = Shipment.objects.select_for_update().get(pk=shipment.pk)
    if shipment.delivered_on is not None:
        raise IllegalTransition(
            _("Delivery of %(number)s was already confirmed on %(day)s.")
            % {"number": shipment.number, "day": shipment.delivered_on}
        )
    if delivered_on < shipment.shipped_on or delivered_on > timezone.localdate():
        raise Invalid.field(
            "delivered_on", _("The delivery date must lie between shipment and today.")
        )
    shipment.delivered_on, shipment.received_by = delivered_on, received_by[:100]
    shipment.delivery_note = note
    shipment.on_time = on_time(shipment.promised_on, delivered_on)
    save_step(shipment, ["delivered_on", "received_by", "delivery_note", "on_time"], note)
    if (
        order.status == OrderStatus.SHIPPED
        and not order.shipments.filter(delivered_on__isnull=True).exists()
    ):
        order.closed_at = timezone.now()
        transition(
            order, ORDER_FLOW, "close", _("All shipments delivered."), extra_fields=["closed_at"]
        )
    return shipment
