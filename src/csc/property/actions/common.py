"""Checks and records shared by the customer-property verbs (call them inside a verb)."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core import audit
from csc.core.actions import queue_email
from csc.core.choices import AuditAction
from csc.core.errors import Invalid

from ..choices import ItemStatus, NoticeVia
from ..models import QUANTITY, Lot, Movement, PropertyItem
from ..stock import balance, shown  # noqa: F401  (shown: for the verbs' messages)

MAX_QUANTITY = Decimal(10) ** (QUANTITY["max_digits"] - QUANTITY["decimal_places"])


def _decimal(value, field):
    """Return ``value`` as a finite Decimal the ledger can hold, or raise Invalid on ``field``."""
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError, TypeError):
        raise Invalid.field(field, _("Enter a number.")) from None
    if not number.is_finite():
        raise Invalid.field(field, _("Enter a number."))
    if abs(number) >= MAX_QUANTITY or -number.as_tuple().exponent > QUANTITY["decimal_places"]:
        raise Invalid.field(
            field,
            _("Enter a number below %(max)s with at most %(places)s decimals.")
            % {"max": MAX_QUANTITY, "places": QUANTITY["decimal_places"]},
        )
    return number


def positive(value, field="quantity"):
    """Return ``value`` as a Decimal greater than zero, or raise Invalid on ``field``."""
    number = _decimal(value, field)
    if number <= 0:
        raise Invalid.field(field, _("Enter a quantity greater than zero."))
    return number


def not_negative(value, field):
    """Return ``value`` as a Decimal of zero or more (a count), or raise Invalid on ``field``."""
    if value in (None, ""):
        raise Invalid.field(field, _("Enter the quantity."))
    number = _decimal(value, field)
    if number < 0:
        raise Invalid.field(field, _("Enter zero or more."))
    return number


def required_text(value, field, message):
    text = (value or "").strip()
    if not text:
        raise Invalid.field(field, message)
    return text


def day(value, field="moved_on"):
    """Return the day of a movement: today by default, never in the future."""
    today = timezone.localdate()
    if value in (None, ""):
        return today
    if value > today:
        raise Invalid.field(field, _("The date cannot be in the future."))
    return value


def in_date_order(lot, on, field="moved_on"):
    """Refuse an entry dated before the lot's latest entry: the ledger is written in order, so
    the balance checked now is also the balance on that day and never dips below zero later."""
    latest = Movement.objects.filter(lot=lot).aggregate(last=Max("moved_on"))["last"]
    if latest is not None and on < latest:
        raise Invalid.field(
            field,
            _("Lot %(lot)s already has entries dated %(date)s; enter movements in date order.")
            % {"lot": lot.number, "date": latest.isoformat()},
        )


def locked(item):
    """Return the item re-read under a row lock: movements of one item queue one behind the other,
    so two issues at the same moment cannot both spend the same stock."""
    return (
        PropertyItem.objects.select_for_update(of=("self",))
        .select_related("customer")
        .get(pk=item.pk)
    )


def fresh(record, *related):
    """Return the record re-read under a row lock: a workflow step decides on the state as
    stored now, and a second step on the same record waits for the first to finish."""
    queryset = type(record)._default_manager.select_for_update(of=("self",))
    return queryset.select_related(*related).get(pk=record.pk)


def held(item):
    if item.status != ItemStatus.ACTIVE:
        raise Invalid.field("item", _("This item was voided; it cannot move."))
    return item


def lot_of(item, lot, field="lot"):
    """Return the lot as stored now (its status may have moved on), if it is one of the item's."""
    if lot is None or lot.item_id != item.pk:
        raise Invalid.field(field, _("Choose a lot of this item."))
    return Lot.objects.get(pk=lot.pk)


def move(actor, item, lot, kind, quantity, on, reference="", note="", stocktake=None):
    """Write one ledger entry (quantity signed: + in, − out) and return it."""
    return Movement.objects.create(
        item=item,
        lot=lot,
        customer_id=item.customer_id,
        kind=kind,
        quantity=quantity,
        moved_on=on,
        reference=reference[:80],
        note=note,
        created_by=actor,
        stocktake=stocktake,
    )


def item_event(item, changes, note=""):
    """Log on the item's own history what happened to it (its lots, its stock)."""
    audit.record(item, AuditAction.UPDATE, changes, note=note)


def log_balance(item, before, note="", **details):
    """Log the item's balance before → after a set of movements, with what caused it."""
    after = balance(item)
    item_event(item, {"on_hand": [str(before), str(after)], **details}, note)
    return after


def default_address(customer):
    """Return the e-mail address a customer notice goes to: primary contact first."""
    contact = (
        customer.contacts.exclude(email="").order_by("-is_primary", "name").only("email").first()
    )
    return contact.email if contact else customer.email


def give_notice(actor, record, customer, via, to, text, subject):
    """Record how the customer was told and, for e-mail, queue it in the outbox.

    Returns the names of the fields set on ``record`` (the caller saves them with its step).
    """
    if via not in NoticeVia.values:
        raise Invalid.field("notice_via", _("Choose e-mail or phone."))
    text = required_text(text, "notice_text", _("Write what the customer is told."))
    to = (to or "").strip()
    if via == NoticeVia.EMAIL:
        to = to or default_address(customer)
        try:
            validate_email(to)
        except ValidationError:
            raise Invalid.field(
                "notice_to",
                _("Give the customer's e-mail address (the customer has none on file)."),
            ) from None
        record.notice_email = queue_email([to], subject, text)
    else:
        record.notice_email = None
        required_text(to, "notice_to", _("Say whom you phoned, and on which number."))
    record.notice_via, record.notice_to, record.notice_text = via, to[:200], text
    record.notified_at, record.notified_by = timezone.now(), actor
    return ["notice_via", "notice_to", "notice_text", "notified_at", "notified_by", "notice_email"]
