"""Stocktake (盘点, PRP-4): count sheets, book vs counted, differences explained, approved and
only then posted to the ledger."""

from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.actions import sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Denied, Invalid
from csc.core.numbering import next_number
from csc.core.permissions import require

from ..choices import ItemStatus, MovementKind
from ..models import Movement, PropertyItem, Stocktake, StocktakeLine
from ..rules import STOCKTAKE_FLOW
from ..stock import balance
from . import common


@verb
def open_stocktake(actor, counted_on=None, customer=None, location="", note=""):
    """Open a count and print its count sheet: one line per lot held on the count date.

    The book quantity of each line is the ledger balance at the end of the count date.
    """
    require(actor, "property.add_stocktake")
    counted_on = common.day(counted_on, "counted_on")
    rows = _book(counted_on, customer, (location or "").strip())
    if not rows:
        raise Invalid.field(
            "customer", _("No customer property is held for this selection on that date.")
        )
    stocktake = Stocktake.objects.create(
        number=next_number("property_stocktake", "ST"),
        counted_on=counted_on,
        customer=customer,
        location=(location or "").strip()[:80],
        note=note or "",
        opened_by=actor,
    )
    StocktakeLine.objects.bulk_create(
        (
            StocktakeLine(stocktake=stocktake, item_id=item, lot_id=lot, book_quantity=total)
            for item, lot, total in rows
        ),
        batch_size=1000,
    )
    return stocktake


def _book(counted_on, customer, location):
    entries = Movement.objects.filter(moved_on__lte=counted_on, item__status=ItemStatus.ACTIVE)
    if customer is not None:
        entries = entries.filter(customer=customer)
    if location:
        entries = entries.filter(item__location=location)
    totals = entries.order_by().values("item", "lot").annotate(total=Sum("quantity"))
    return list(totals.exclude(total=0).order_by("item", "lot").values_list("item", "lot", "total"))


def _counting(stocktake):
    STOCKTAKE_FLOW.check(stocktake, "submit")  # counts change only while counting


@verb
def count_item(actor, item, stocktake, lot, counted, explanation=""):
    """Record what was counted of one lot of an item; a lot not on the sheet is added to it."""
    require(actor, "property.count_stock", item)
    stocktake = common.fresh(stocktake)
    _counting(stocktake)
    lot = common.lot_of(item, lot)
    if stocktake.customer_id and item.customer_id != stocktake.customer_id:
        raise Invalid.field("item", _("This stocktake counts another customer's property."))
    line = stocktake.lines.filter(lot=lot).first() or StocktakeLine(
        stocktake=stocktake,
        item=item,
        lot=lot,
        book_quantity=balance(item, at=stocktake.counted_on, lot=lot),
    )
    _set_count(actor, line, counted, explanation)
    common.item_event(
        item,
        {
            "stocktake": stocktake.number,
            "lot": lot.number,
            "book": str(line.book_quantity),
            "counted": str(line.counted_quantity),
        },
        line.explanation,
    )
    return line


def _set_count(actor, line, counted, explanation):
    line.counted_quantity = common.not_negative(counted, "counted_quantity")
    line.explanation = (explanation or "").strip()
    line.counted_by, line.counted_at = actor, timezone.now()
    line.save()


@verb
def count_lines(actor, stocktake, rows):
    """Record a whole count sheet at once: ``rows`` is [(line, counted, explanation)]."""
    require(actor, "property.count_stock")
    stocktake = common.fresh(stocktake)
    _counting(stocktake)
    for line, counted, explanation in rows:
        if line.stocktake_id != stocktake.pk:
            raise Invalid.field("lines", _("A line of another stocktake was sent."))
        if counted in (None, "") and not explanation:
            continue  # not counted yet
        _set_count(actor, line, counted, explanation)
    return stocktake


def _unexplained(stocktake):
    return stocktake.lines.exclude(counted_quantity=F("book_quantity")).filter(
        counted_quantity__isnull=False, explanation=""
    )


def _check_complete(stocktake):
    uncounted = stocktake.lines.filter(counted_quantity__isnull=True).count()
    if uncounted:
        raise Invalid.field(
            "lines",
            _("%(count)s lines of the count sheet are not counted yet.") % {"count": uncounted},
        )
    missing = list(_unexplained(stocktake).values_list("lot__number", flat=True)[:10])
    if missing:
        raise Invalid.field(
            "explanation",
            _("Explain every difference between book and count first: %(lots)s.")
            % {"lots": "、".join(missing)},
        )


@verb
def submit_stocktake(actor, stocktake, note=""):
    """Send the finished count for approval; every difference must be explained."""
    require(actor, "property.count_stock")
    stocktake = common.fresh(stocktake)
    STOCKTAKE_FLOW.check(stocktake, "submit")
    _check_complete(stocktake)
    stocktake.submitted_by, stocktake.submitted_at = actor, timezone.now()
    fields = ["submitted_by", "submitted_at"]
    transition(stocktake, STOCKTAKE_FLOW, "submit", note, extra_fields=fields)
    sign(actor, stocktake, SignatureMeaning.AUTHORED, section="count", note=note)
    return stocktake


def _approver(actor, stocktake):
    require(actor, "property.approve_stocktake")
    if stocktake.submitted_by_id == actor.pk:
        raise Denied(_("The person who submitted the count cannot approve it."))


@verb
def return_stocktake(actor, stocktake, note):
    """Send the count back for a recount, with the reason."""
    stocktake = common.fresh(stocktake)
    _approver(actor, stocktake)
    note = common.required_text(note, "note", _("Say what must be recounted."))
    transition(stocktake, STOCKTAKE_FLOW, "return", note)
    return stocktake


@verb
def approve_stocktake(actor, stocktake, note=""):
    """Approve the count and the explanations of its differences."""
    stocktake = common.fresh(stocktake)
    _approver(actor, stocktake)
    STOCKTAKE_FLOW.check(stocktake, "approve")
    _check_complete(stocktake)
    stocktake.approved_by, stocktake.approved_at = actor, timezone.now()
    stocktake.approval_note = note
    fields = ["approved_by", "approved_at", "approval_note"]
    transition(stocktake, STOCKTAKE_FLOW, "approve", note, extra_fields=fields)
    sign(actor, stocktake, SignatureMeaning.APPROVED, section="differences", note=note)
    return stocktake


@verb
def post_stocktake(actor, stocktake, note=""):
    """Post the approved differences to the ledger as adjustments dated on the count date.

    An adjustment that would leave a lot below zero today (stock issued after the count) is
    refused: the count must be redone.
    """
    require(actor, "property.count_stock")
    stocktake = common.fresh(stocktake)
    STOCKTAKE_FLOW.check(stocktake, "post")
    _check_complete(stocktake)
    lines = list(stocktake.lines.exclude(counted_quantity=F("book_quantity")).select_related("lot"))
    items = {i.pk: i for i in PropertyItem.objects.select_for_update().filter(
        pk__in={line.item_id for line in lines}
    )}  # fmt: skip
    for line in lines:
        _adjust(actor, items[line.item_id], line, stocktake)
    stocktake.posted_by, stocktake.posted_at = actor, timezone.now()
    transition(stocktake, STOCKTAKE_FLOW, "post", note, extra_fields=["posted_by", "posted_at"])
    return stocktake


def _adjust(actor, item, line, stocktake):
    before = balance(item)
    if balance(item, lot=line.lot) + line.difference < 0:
        raise Invalid.field(
            "lines",
            _("Lot %(lot)s was issued after the count; its adjustment would leave it below zero. "
              "Recount it.") % {"lot": line.lot.number},
        )  # fmt: skip
    common.move(
        actor,
        item,
        line.lot,
        MovementKind.ADJUST,
        line.difference,
        stocktake.counted_on,
        stocktake.number,
        line.explanation,
        stocktake=stocktake,
    )
    common.log_balance(item, before, line.explanation, stocktake=stocktake.number)
