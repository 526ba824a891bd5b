"""Anomalies of customer property (PRP-5): any department reports → Materials confirms → the
customer is told → the disposition closes it."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, transition, verb
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, users_with_permission
from csc.core.privacy import masked_address
from csc.core.units import unit_label

from .. import notices
from ..choices import AnomalyKind, AnomalyOutcome, MovementKind
from ..models import Anomaly
from ..rules import ANOMALY_FLOW
from ..stock import balance
from . import common

#: Outcomes that take the affected quantity out of the ledger.
TAKES_STOCK = {
    AnomalyOutcome.RETURN: MovementKind.RETURN,
    AnomalyOutcome.WRITE_OFF: MovementKind.SCRAP,
}


def new_anomaly(actor, item, kind, description, quantity=None, lot=None):
    """Record an anomaly and tell Materials (call inside a verb that checked permission)."""
    if kind not in AnomalyKind.values:
        raise Invalid.field("kind", _("Choose what is wrong."))
    description = common.required_text(description, "description", _("Describe what you found."))
    quantity = common.positive(quantity) if quantity not in (None, "") else None
    if lot is not None:
        common.lot_of(item, lot)
    anomaly = Anomaly.objects.create(
        number=next_number("property_anomaly", "PA"),
        item=item,
        lot=lot,
        kind=kind,
        quantity=quantity,
        description=description,
        reported_by=actor,
        department=getattr(actor, "department", None),
    )
    common.item_event(item, {"anomaly": anomaly.number, "kind": kind}, description)
    notify(
        users_with_permission("property.confirm_anomaly"),
        Later(
            gettext_noop("%(number)s: %(kind)s reported on %(item)s"),
            number=anomaly.number,
            kind=AnomalyKind(anomaly.kind).label,
            item=item,
        ),
        description,
        anomaly.get_absolute_url(),
    )
    return anomaly


@verb
def report_anomaly(actor, item, kind, description, quantity=None, lot=None):
    """Any department reports a problem with customer property to Materials; return it."""
    require(actor, "property.add_anomaly", item)
    return new_anomaly(actor, item, kind, description, quantity, lot)


@verb
def confirm_anomaly(actor, anomaly, note=""):
    """Materials confirms the anomaly: from now on the customer must be told (PRP-5)."""
    require(actor, "property.confirm_anomaly", anomaly)
    anomaly = common.fresh(anomaly, "item", "item__customer", "lot")
    anomaly.confirmed_by, anomaly.confirmed_at, anomaly.confirm_note = actor, timezone.now(), note
    fields = ["confirmed_by", "confirmed_at", "confirm_note"]
    transition(anomaly, ANOMALY_FLOW, "confirm", note, extra_fields=fields)
    _on_item(anomaly, "confirmed", note)
    return anomaly


@verb
def dismiss_anomaly(actor, anomaly, note):
    """Materials finds nothing wrong after all; the reason is kept."""
    require(actor, "property.confirm_anomaly", anomaly)
    anomaly = common.fresh(anomaly, "item", "item__customer", "lot")
    note = common.required_text(note, "note", _("Say why this is not an anomaly."))
    anomaly.confirm_note = note
    transition(anomaly, ANOMALY_FLOW, "dismiss", note, extra_fields=["confirm_note"])
    _on_item(anomaly, "dismissed", note)
    return anomaly


@verb
def notify_anomaly_customer(actor, anomaly, via, to="", text=""):
    """Tell the customer about a confirmed anomaly by e-mail (outbox) or record a phone notice."""
    require(actor, "property.notify_property_customer", anomaly)
    anomaly = common.fresh(anomaly, "item", "item__customer", "lot")
    ANOMALY_FLOW.check(anomaly, "notify")
    text = text or notices.anomaly_notice(anomaly)
    subject = notices.anomaly_subject(anomaly)
    fields = common.give_notice(actor, anomaly, anomaly.item.customer, via, to, text, subject)
    transition(
        anomaly, ANOMALY_FLOW, "notify", masked_address(anomaly.notice_to), extra_fields=fields
    )
    _on_item(anomaly, "notified", masked_address(anomaly.notice_to))
    return anomaly


@verb
def close_anomaly(actor, anomaly, outcome, note, quantity=None):
    """Record the disposition agreed with the customer and close the anomaly.

    Closing is refused until the customer was notified. A return or write-off of a quantity
    takes it out of the anomaly's lot in the ledger.
    """
    require(actor, "property.confirm_anomaly", anomaly)
    anomaly = common.fresh(anomaly, "item", "item__customer", "lot")
    ANOMALY_FLOW.check(anomaly, "close")
    if outcome not in AnomalyOutcome.values:
        raise Invalid.field("outcome", _("Choose the disposition agreed with the customer."))
    note = common.required_text(
        note, "outcome_note", _("Record what was agreed with the customer.")
    )
    if quantity not in (None, "") and outcome in TAKES_STOCK:
        _take_out(actor, anomaly, TAKES_STOCK[outcome], common.positive(quantity), note)
    anomaly.outcome, anomaly.outcome_note = outcome, note
    anomaly.closed_by, anomaly.closed_at = actor, timezone.now()
    fields = ["outcome", "outcome_note", "closed_by", "closed_at"]
    transition(anomaly, ANOMALY_FLOW, "close", note, extra_fields=fields)
    _on_item(anomaly, "closed", note)
    return anomaly


def _take_out(actor, anomaly, kind, quantity, note):
    if anomaly.lot is None:
        raise Invalid.field("quantity", _("The anomaly names no lot to take the quantity from."))
    item = common.locked(anomaly.item)
    lot = anomaly.lot
    held = balance(item, lot=lot)
    if quantity > held:
        raise Invalid.field(
            "quantity",
            _("Lot %(lot)s holds only %(held)s %(unit)s.")
            % {"lot": lot.number, "held": common.shown(held), "unit": unit_label(item.unit)},
        )
    on = timezone.localdate()
    common.in_date_order(lot, on)
    before = balance(item)
    common.move(actor, item, lot, kind, -quantity, on, anomaly.number, note)
    common.log_balance(item, before, note, anomaly=anomaly.number)


def _on_item(anomaly, what, note):
    common.item_event(anomaly.item, {"anomaly": anomaly.number, "step": what}, note)
