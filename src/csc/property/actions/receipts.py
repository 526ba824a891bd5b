"""Receipt against the delivery note, IQC, and the nonconforming lot (PRP-2, PRP-3)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, save_versioned, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, users_with_permission
from csc.core.privacy import masked_address
from csc.core.units import unit_label

from .. import notices
from ..choices import AnomalyKind, Disposition, IqcResult, LotStatus, MovementKind, SortRejects
from ..models import Lot
from ..rules import LOT_FLOW
from ..stock import balance
from . import common
from .anomalies import new_anomaly


@verb
def receive(
    actor,
    item,
    quantity_received,
    quantity_declared=None,
    delivery_note_no="",
    lot_no="",
    appearance_ok=True,
    identification_ok=True,
    note="",
    on=None,
):
    """Receive a lot against the customer's delivery note (收料单); return the lot.

    1. Quantity, appearance and identification are checked on receipt.
    2. The lot goes to IQC when the item needs inspection, else it is accepted at once.
    3. The received quantity enters the ledger (on hold until accepted).
    4. A shortfall, bad appearance or wrong identification is reported to Materials as an
       anomaly straight away (S0 5.2.3).
    """
    require(actor, "property.receive_property", item)
    item = common.held(common.locked(item))
    received = common.positive(quantity_received, "quantity_received")
    declared = received
    if quantity_declared not in (None, ""):
        declared = common.positive(quantity_declared, "quantity_declared")
    on = common.day(on, "received_on")
    before = balance(item)
    lot = Lot.objects.create(
        number=next_number("property_receipt", "RC", when=_noon(on)),
        item=item,
        delivery_note_no=(delivery_note_no or "")[:60],
        lot_no=(lot_no or "")[:60],
        quantity_declared=declared,
        quantity_received=received,
        appearance_ok=appearance_ok,
        identification_ok=identification_ok,
        receipt_note=note or "",
        received_on=on,
        received_by=actor,
        status=LotStatus.AWAITING_IQC if item.needs_iqc else LotStatus.ACCEPTED,
    )
    common.move(actor, item, lot, MovementKind.RECEIPT, received, on, lot.delivery_note_no)
    common.log_balance(item, before, _("Received"), lot=lot.number)
    _report_receipt_problems(actor, item, lot)
    _start_check_schedule(item, on)
    return lot


def _noon(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _report_receipt_problems(actor, item, lot):
    if lot.short_quantity > 0:
        new_anomaly(
            actor,
            item,
            AnomalyKind.SHORT,
            _("Delivery note %(note)s says %(declared)s, %(received)s received.")
            % {
                "note": lot.delivery_note_no or "–",
                "declared": common.shown(lot.quantity_declared),
                "received": common.shown(lot.quantity_received),
            },
            quantity=lot.short_quantity,
            lot=lot,
        )
    if not lot.appearance_ok:
        new_anomaly(
            actor, item, AnomalyKind.APPEARANCE, lot.receipt_note or _("Bad appearance on receipt."),
            lot=lot,
        )  # fmt: skip
    if not lot.identification_ok:
        new_anomaly(
            actor,
            item,
            AnomalyKind.UNSUITABLE,
            lot.receipt_note or _("Identification does not match the delivery note."),
            lot=lot,
        )


def _start_check_schedule(item, on):
    if item.check_interval_days and item.next_check_due is None:
        item.next_check_due = on + dt.timedelta(days=item.check_interval_days)
        save_versioned(item, ["next_check_due"])


@verb
def inspect(actor, lot, result, report="", sample_size=None, defects=None):
    """Record the IQC result of a lot (IQC 检验报告); a failed lot waits for the customer's word."""
    require(actor, "property.inspect_property", lot)
    lot = common.fresh(lot, "item", "item__customer")
    if result not in IqcResult.values:
        raise Invalid.field("result", _("Choose pass or fail."))
    report = (report or "").strip()
    if result == IqcResult.FAIL and not report:
        raise Invalid.field(
            "report", _("Describe the nonconformity: the customer will read this report.")
        )
    _check_sample(sample_size, defects)
    old = lot.status
    lot.iqc_result, lot.iqc_report = result, report
    lot.iqc_sample_size, lot.iqc_defects = sample_size, defects
    lot.inspected_by, lot.inspected_at = actor, timezone.now()
    step = "pass" if result == IqcResult.PASS else "fail"
    fields = ["iqc_result", "iqc_report", "iqc_sample_size", "iqc_defects"]
    transition(lot, LOT_FLOW, step, report, extra_fields=[*fields, "inspected_by", "inspected_at"])
    sign(actor, lot, SignatureMeaning.REVIEWED, section="iqc", note=report)
    common.item_event(lot.item, {"lot": lot.number, "status": [old, lot.status]}, report)
    if result == IqcResult.FAIL:
        _ask_for_notice(lot)
    return lot


def _check_sample(sample_size, defects):
    """Refuse counts that cannot be: negative, or more defects than pieces inspected."""
    if sample_size is not None and sample_size < 0:
        raise Invalid.field("sample_size", _("The sample size cannot be negative."))
    if defects is not None and defects < 0:
        raise Invalid.field("defects", _("The number of defects cannot be negative."))
    if sample_size is not None and defects is not None and defects > sample_size:
        raise Invalid.field("defects", _("There cannot be more defects than pieces in the sample."))


def _ask_for_notice(lot):
    notify(
        users_with_permission("property.notify_property_customer"),
        Later(
            gettext_noop("Lot %(lot)s of %(customer)s failed IQC: tell the customer"),
            lot=lot.number,
            customer=lot.item.customer,
        ),
        lot.iqc_report,
        lot.get_absolute_url(),
    )


@verb
def notify_lot_customer(actor, lot, via, to="", text=""):
    """Send the IQC report of a nonconforming lot to the customer, or record a phone notice."""
    require(actor, "property.notify_property_customer", lot)
    lot = common.fresh(lot, "item", "item__customer")
    LOT_FLOW.check(lot, "notify")
    old = lot.status
    text = text or notices.lot_notice(lot)
    fields = common.give_notice(
        actor, lot, lot.item.customer, via, to, text, notices.lot_subject(lot)
    )
    transition(lot, LOT_FLOW, "notify", masked_address(lot.notice_to), extra_fields=fields)
    common.item_event(
        lot.item, {"lot": lot.number, "status": [old, lot.status]}, masked_address(lot.notice_to)
    )
    return lot


@verb
def dispose_lot(actor, lot, disposition, agreed_with, note=""):
    """Record the disposition the customer agreed for a nonconforming lot (S0 5.2.1).

    Return and scrap take the lot's whole balance out of the ledger; a concession makes the lot
    usable as is; sorting keeps it on hold until the sort result is recorded.
    """
    require(actor, "property.dispose_property", lot)
    lot = common.fresh(lot, "item", "item__customer")
    if disposition not in Disposition.values:
        raise Invalid.field("disposition", _("Choose return, concession, sort or scrap."))
    agreed_with = common.required_text(
        agreed_with, "agreed_with", _("Name the customer's person who agreed.")
    )
    LOT_FLOW.check(lot, disposition)
    item = common.locked(lot.item)
    before, old = balance(item), lot.status
    if disposition in (Disposition.RETURN, Disposition.SCRAP):
        _take_out(actor, item, lot, disposition, note or agreed_with)
    lot.disposition, lot.agreed_with, lot.disposition_note = disposition, agreed_with[:120], note
    lot.disposed_by, lot.disposed_at = actor, timezone.now()
    fields = ["disposition", "agreed_with", "disposition_note", "disposed_by", "disposed_at"]
    transition(lot, LOT_FLOW, disposition, note, extra_fields=fields)
    meaning = SignatureMeaning.APPROVED
    sign(
        actor, lot, meaning, section="disposition", note=f"{lot.get_disposition_display()}: {note}"
    )
    common.log_balance(item, before, note, lot=lot.number, status=[old, lot.status])
    return lot


def _take_out(actor, item, lot, how, note, quantity=None):
    quantity = balance(item, lot=lot) if quantity is None else quantity
    if quantity <= 0:
        return
    kind = MovementKind.RETURN if how == Disposition.RETURN else MovementKind.SCRAP
    on = timezone.localdate()
    common.in_date_order(lot, on)
    common.move(actor, item, lot, kind, -quantity, on, lot.number, note)


@verb
def finish_sort(actor, lot, good_quantity, rejects, note=""):
    """Record the result of sorting: the good part becomes usable, the rest is returned or
    scrapped as agreed."""
    require(actor, "property.dispose_property", lot)
    lot = common.fresh(lot, "item", "item__customer")
    LOT_FLOW.check(lot, "finish_sort")
    if rejects not in SortRejects.values:
        raise Invalid.field(
            "rejects", _("Say whether the sorted-out parts go back or are scrapped.")
        )
    item = common.locked(lot.item)
    held = balance(item, lot=lot)
    good = common.not_negative(good_quantity, "good_quantity")
    if good > held:
        raise Invalid.field(
            "good_quantity",
            _("The lot holds %(held)s %(unit)s; more cannot be good.")
            % {"held": common.shown(held), "unit": unit_label(item.unit)},
        )
    before = balance(item)
    _take_out(actor, item, lot, rejects, note or _("Sorted out"), quantity=held - good)
    lot.sorted_good, lot.sort_rejects = good, rejects
    transition(lot, LOT_FLOW, "finish_sort", note, extra_fields=["sorted_good", "sort_rejects"])
    common.log_balance(item, before, note, lot=lot.number, sorted_good=str(good))
    return lot
