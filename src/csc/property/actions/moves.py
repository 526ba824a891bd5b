"""Stock leaving the warehouse (PRP-4): issues to production, returns, scrap."""

from django.utils.translation import gettext as _

from csc.core.actions import verb
from csc.core.errors import Invalid
from csc.core.permissions import require
from csc.core.units import unit_label

from ..choices import USABLE_LOT_STATES, LotStatus, MovementKind
from ..stock import ZERO, balance, usable_stock
from . import common


def _not_usable(lot):
    if lot.status in (LotStatus.REJECTED, LotStatus.NOTIFIED):
        return _("Lot %(lot)s failed IQC; it can be issued only under a concession.")
    if lot.status == LotStatus.AWAITING_IQC:
        return _("Lot %(lot)s has not passed IQC yet.")
    if lot.status == LotStatus.SORTING:
        return _("Lot %(lot)s is being sorted; issue it once the sort result is recorded.")
    return _("Lot %(lot)s is no longer in stock (%(status)s).")


def _plan_from_lot(item, lot, quantity):
    if lot.status not in USABLE_LOT_STATES:
        message = _not_usable(lot) % {"lot": lot.number, "status": lot.get_status_display()}
        raise Invalid.field("lot", message)
    available = balance(item, lot=lot)
    if quantity > available:
        raise Invalid.field(
            "quantity",
            _("Lot %(lot)s holds %(available)s %(unit)s that may be issued.")
            % {
                "lot": lot.number,
                "available": common.shown(available),
                "unit": unit_label(item.unit),
            },
        )
    return [(lot, quantity)]


def _plan_fifo(item, quantity):
    """Spread an issue over the usable lots, oldest first."""
    stock = usable_stock(item)
    available = sum((held for _lot, held in stock), ZERO)
    if quantity > available:
        raise Invalid.field(
            "quantity",
            _("Only %(available)s %(unit)s are received and accepted; %(wanted)s cannot be issued.")
            % {
                "available": common.shown(available),
                "unit": unit_label(item.unit),
                "wanted": common.shown(quantity),
            },
        )
    lots = {lot.pk: lot for lot in item.lots.filter(pk__in=[pk for pk, _held in stock])}
    plan, left = [], quantity
    for pk, held in stock:
        if left <= 0:
            break
        take = min(held, left)
        plan.append((lots[pk], take))
        left -= take
    return plan


@verb
def issue(actor, item, quantity, lot=None, reference="", note="", on=None):
    """Issue customer material to production from received, accepted stock; return the entries.

    1. The item's row is locked first, so concurrent issues are checked one after the other.
    2. A named lot must be accepted (or used as is under concession) and hold the quantity;
       without a lot the oldest usable lots are used first.
    """
    require(actor, "property.issue_property", item)
    quantity = common.positive(quantity)
    item = common.held(common.locked(item))
    on = common.day(on)
    if lot is not None:
        plan = _plan_from_lot(item, common.lot_of(item, lot), quantity)
    else:
        plan = _plan_fifo(item, quantity)
    return _post(actor, item, plan, MovementKind.ISSUE, on, reference, note)


def _post(actor, item, plan, kind, on, reference, note):
    before = balance(item)
    moved = []
    for lot, take in plan:
        common.in_date_order(lot, on)
        moved.append(common.move(actor, item, lot, kind, -take, on, reference, note))
    common.log_balance(item, before, note, movement=kind, lots=[lot.number for lot, _take in plan])
    return moved


def _take_from_lot(actor, item, lot, quantity, kind, reason, reference, on):
    item = common.held(common.locked(item))
    lot = common.lot_of(item, lot)
    quantity = common.positive(quantity)
    available = balance(item, lot=lot)
    if quantity > available:
        raise Invalid.field(
            "quantity",
            _("Lot %(lot)s holds %(available)s %(unit)s.")
            % {
                "lot": lot.number,
                "available": common.shown(available),
                "unit": unit_label(item.unit),
            },
        )
    return _post(actor, item, [(lot, quantity)], kind, common.day(on), reference, reason)


@verb
def return_to_customer(actor, item, lot, quantity, reason, reference="", on=None):
    """Send customer property back to its owner (any lot, accepted or not)."""
    require(actor, "property.return_property", item)
    reason = common.required_text(reason, "reason", _("Give the reason for the return."))
    return _take_from_lot(actor, item, lot, quantity, MovementKind.RETURN, reason, reference, on)


@verb
def scrap(actor, item, lot, quantity, reason, reference="", on=None):
    """Scrap customer property with the customer's agreement (named in the reason)."""
    require(actor, "property.return_property", item)
    reason = common.required_text(
        reason, "reason", _("Say who at the customer agreed to scrapping, and why.")
    )
    return _take_from_lot(actor, item, lot, quantity, MovementKind.SCRAP, reason, reference, on)
