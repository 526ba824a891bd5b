"""The register (PRP-1, PRP-6, PRP-7): recording, editing and voiding customer property."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import check_version, save_versioned, sign, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Invalid
from csc.core.numbering import next_number
from csc.core.permissions import require
from csc.customers.choices import CustomerStatus

from ..choices import SIGNED_FOR_BY_MARKETING, ItemStatus, Kind, LotStatus, MovementKind
from ..models import Lot, PropertyItem
from ..rules import ITEM_FLOW
from ..stock import balance
from . import common

ITEM_FIELDS = [
    "kind",
    "name",
    "part_no",
    "serial_no",
    "unit",
    "location",
    "storage_temperature",
    "storage_humidity",
    "protection",
    "check_interval_days",
    "needs_iqc",
    "notes",
]


def _clean(data, creating=False):
    values = {k: v for k, v in data.items() if k in ITEM_FIELDS}
    if creating:
        values.setdefault("kind", None)
        values.setdefault("name", "")
    if "kind" in values and values["kind"] not in Kind.values:
        raise Invalid.field("kind", _("Choose a kind of property."))
    if "name" in values:
        values["name"] = common.required_text(values["name"], "name", _("Name the item."))
    if "unit" in values and not (values["unit"] or "").strip():
        raise Invalid.field("unit", _("Give the unit the item is counted in."))
    interval = values.get("check_interval_days")
    if interval is not None and not 1 <= interval <= 3650:
        raise Invalid.field("check_interval_days", _("Enter between 1 and 3650 days."))
    return values


def _owner(customer):
    if customer is None or customer.status != CustomerStatus.ACTIVE:
        raise Invalid.field(
            "customer", _("Customer property is registered for admitted customers.")
        )
    return customer


def _first_check(item, start):
    if item.check_interval_days:
        return start + dt.timedelta(days=item.check_interval_days)
    return None


@verb
def register_item(actor, customer, data):
    """Add an item to the customer property register; return it.

    1. The owner must be an admitted customer; kind, name and unit are required.
    2. An item with a check interval gets its first condition check one interval from today.
    """
    require(actor, "property.add_propertyitem")
    values = _clean(data, creating=True)
    item = PropertyItem(customer=_owner(customer), registered_by=actor, **values)
    item.number = next_number("property_item", "CP")
    item.next_check_due = _first_check(item, timezone.localdate())
    item.save()
    return item


@verb
def update_item(actor, item, data, version=None):
    """Edit an item of the register, refusing a save based on an outdated copy."""
    require(actor, "property.change_propertyitem", item)
    check_version(item, version)
    values = _clean(data)
    changed = [k for k, v in values.items() if getattr(item, k) != v]
    for name in changed:
        setattr(item, name, values[name])
    if "check_interval_days" in changed:
        item.next_check_due = _first_check(item, timezone.localdate())
        changed.append("next_check_due")
    if changed:
        save_versioned(item, changed)
    return item


@verb
def void_item(actor, item, reason):
    """Void an item registered by mistake; it stays in the register with the reason."""
    require(actor, "property.change_propertyitem", item)
    reason = common.required_text(reason, "reason", _("Give the reason for voiding."))
    item = common.locked(item)
    if item.status == ItemStatus.VOIDED:
        raise Invalid.field("reason", _("This item is already voided."))
    if balance(item) != 0:
        raise Invalid.field(
            "reason", _("The item still has stock; return or scrap it before voiding.")
        )
    ITEM_FLOW.apply(item, "void")
    item.void_reason, item.next_check_due = reason, None
    save_versioned(item, ["status", "void_reason", "next_check_due"])
    return item


@verb
def sign_for(actor, customer, data, quantity, delivery_note_no="", note="", item=None):
    """Marketing signs for samples, labels or drawings sent to it directly (S0 5.2.5, PRP-6).

    1. The item is registered (or an existing one of the same customer is used).
    2. The delivery is recorded as an accepted lot with its receipt entry in the ledger.
    3. The receiver's electronic signature is put on the lot: the signed-for receipt.
    """
    require(actor, "property.sign_for_property")
    if item is None:
        kind = data.get("kind")
        if kind not in SIGNED_FOR_BY_MARKETING:
            raise Invalid.field(
                "kind", _("Marketing signs directly only for samples, labels and drawings.")
            )
        values = _clean(data, creating=True)
        item = PropertyItem(customer=_owner(customer), registered_by=actor, **values)
        item.needs_iqc = False
        item.number = next_number("property_item", "CP")
        item.next_check_due = _first_check(item, timezone.localdate())
        item.save()
    elif item.kind not in SIGNED_FOR_BY_MARKETING or item.customer_id != customer.pk:
        raise Invalid.field("item", _("Choose a sample, label or drawing of this customer."))
    return _signed_lot(actor, common.held(common.locked(item)), quantity, delivery_note_no, note)


def _signed_lot(actor, item, quantity, delivery_note_no, note):
    quantity = common.positive(quantity)
    before = balance(item)
    lot = Lot.objects.create(
        number=next_number("property_receipt", "RC"),
        item=item,
        delivery_note_no=delivery_note_no[:60],
        quantity_declared=quantity,
        quantity_received=quantity,
        receipt_note=note,
        received_by=actor,
        signed_for=True,
        status=LotStatus.ACCEPTED,
    )
    common.move(actor, item, lot, MovementKind.RECEIPT, quantity, lot.received_on, delivery_note_no)
    sign(actor, lot, SignatureMeaning.REVIEWED, section="receipt", note=note or _("Signed for"))
    common.log_balance(item, before, _("Signed for by Marketing"), lot=lot.number)
    return lot
