"""Intake (ORD-1) and the review record's first version (ORD-2), up to submission."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import check_version, notify, save_versioned, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.company_calendar import company_calendar
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import customer_id_of, require
from csc.customers.models import Customer

from ..choices import Channel, ItemCategory, OrderType, Section
from ..conf import setting
from ..models import Order, OrderLine, Product, ReviewItem, ReviewSection, ReviewVersion
from ..rules import ORDER_FLOW, VERSION_FLOW, review_due
from ..versions import snapshot
from .common import current_version, locked, people_of_order, reviewers_for

ORDER_FIELDS = [
    "channel",
    "order_type",
    "sample",
    "customer_reference",
    "payment_terms",
    "trade_terms",
    "notes",
]


def default_payment_terms(language):
    """Return the payment terms of the PI (S0 附表十) in the customer's language."""
    terms = setting("ORDERS_PAYMENT_TERMS")
    return terms.get(language) or terms.get("en") or ""


def _check_customer(actor, customer):
    if customer is None:
        raise Invalid.field("customer", _("Choose the customer."))
    own = customer_id_of(actor)
    if own is not None and own != customer.pk:
        raise Invalid.field("customer", _("You can place orders only for your own company."))
    if not Customer.objects.admitted().filter(pk=customer.pk).exists():
        raise Invalid.field(
            "customer",
            _("Only admitted customers can place orders (CUS-4): %(name)s is not.")
            % {"name": customer},
        )


def _check_header(data):
    if data.get("channel") not in Channel.values:
        raise Invalid.field("channel", _("Choose how the order was received."))
    if data.get("order_type", OrderType.PRODUCT) not in OrderType.values:
        raise Invalid.field("order_type", _("Choose product or SPARE order."))


def clean_lines(lines, ordered_on=None):
    """Return the order lines checked and normalised, or refuse with the first problem.

    ``ordered_on`` is the day the order was received: no line is wanted or promised before it.
    """
    if not lines:
        raise Invalid.field("lines", _("An order needs at least one line."))
    currencies = setting("ORDERS_CURRENCIES")
    cleaned = []
    for number, line in enumerate(lines, start=1):
        cleaned.append(_clean_line(number, line, currencies, ordered_on))
    return cleaned


def _impossible_date(line, ordered_on):
    """Return why the line's dates cannot be, or None."""
    requested, promised = line.get("requested_date"), line.get("promised_date")
    if ordered_on is not None and requested is not None and requested < ordered_on:
        return _("the requested delivery date lies before the order date.")
    if ordered_on is not None and promised is not None and promised < ordered_on:
        return _("the promised date lies before the order date.")
    # Without an order date (or entered today) the promise must not lie in the past; orders
    # entered afterwards keep the promises made back then, which are past by now.
    if ordered_on is None and promised is not None and promised < timezone.localdate():
        return _("the promised date lies in the past.")
    return None


def _clean_line(number, line, currencies, ordered_on=None):
    def refuse(message):
        return Invalid.field(
            "lines", _("Line %(no)s: %(problem)s") % {"no": number, "problem": message}
        )

    product = line.get("product")
    if not isinstance(product, Product) or not product.active:
        raise refuse(_("choose an active product."))
    quantity = Decimal(str(line.get("quantity") or 0))
    if quantity <= 0:
        raise refuse(_("the quantity must be more than zero."))
    price = Decimal(str(line.get("unit_price") or 0))
    if price < 0:
        raise refuse(_("the price cannot be negative."))
    currency = (line.get("currency") or setting("ORDERS_DEFAULT_CURRENCY")).upper()
    if currency not in currencies:
        raise refuse(_("unknown currency %(currency)s.") % {"currency": currency})
    for name in ("requested_date", "promised_date"):
        if line.get(name) is not None and not isinstance(line[name], dt.date):
            raise refuse(_("give dates as YYYY-MM-DD."))
    if (problem := _impossible_date(line, ordered_on)) is not None:
        raise refuse(problem)
    return {
        "product": product,
        "specification": (line.get("specification") or product.specification or "")[:200],
        "quantity": quantity,
        "unit_price": price,
        "currency": currency,
        "requested_date": line.get("requested_date"),
        "promised_date": line.get("promised_date"),
    }


def clean_items(items):
    """Return [(category, requirement)] from a list of dicts or a {category: text} mapping."""
    pairs = (
        items.items()
        if isinstance(items, dict)
        else [(i.get("category"), i.get("requirement")) for i in items or []]
    )
    cleaned = []
    for category, text in pairs:
        if category not in ItemCategory.values:
            raise Invalid.field("items", _("Unknown kind of requirement: %(c)s.") % {"c": category})
        if (text or "").strip():
            cleaned.append((category, text.strip()))
    return cleaned


def _write_lines(order, lines):
    audit.create_all(
        OrderLine,
        (OrderLine(order=order, line_no=number, **line) for number, line in enumerate(lines, 1)),
    )


def _write_items(version, items):
    audit.create_all(
        ReviewItem,
        (ReviewItem(version=version, category=c, requirement=text) for c, text in items),
    )


@verb
def receive_order(actor, data, lines, items=()):
    """Record an order received through any channel (ORD-1) as a draft; return it.

    1. Only admitted customers get orders; a customer contact orders for their own company,
       through the portal.
    2. The review is due one working day after intake (ORD-4), counted on the company calendar.
    3. The review record's version 1 is opened as a draft holding the requirements (ORD-2).
    """
    require(actor, "orders.add_order")
    customer = data.get("customer")
    _check_customer(actor, customer)
    data = {**data}
    if customer_id_of(actor) is not None:
        data["channel"] = Channel.PORTAL
    _check_header(data)
    received_at = data.get("received_at") or timezone.now()
    if received_at > timezone.now() + dt.timedelta(minutes=5):
        raise Invalid.field("received_at", _("An order cannot be received in the future."))
    lines = clean_lines(lines, ordered_on=timezone.localdate(received_at))
    items = clean_items(items)
    order = Order(
        number=next_number("order", "SO", when=received_at),
        customer=customer,
        received_at=received_at,
        created_by=actor,
        **{k: v for k, v in data.items() if k in ORDER_FIELDS},
    )
    order.payment_terms = order.payment_terms or default_payment_terms(customer.language)
    order.review_due_at = review_due(
        company_calendar(), received_at, setting("ORDERS_REVIEW_DUE_WORKING_DAYS")
    )
    order.save()
    _write_lines(order, lines)
    version = ReviewVersion.objects.create(order=order, number=1, reason=_("Order intake"))
    _write_items(version, items)
    if customer_id_of(actor) is not None:
        notify(
            people_of_order(order),
            Later(gettext_noop("New order %(number)s from the portal"), number=order.number),
            Later(
                gettext_noop(
                    "%(customer)s placed an order; turn it into a review record and submit it."
                ),
                customer=customer,
            ),
            order.get_absolute_url(),
        )
    return order


@verb
def update_order(actor, order, data, lines=None, items=None, version=None):
    """Edit a draft order: header, lines (replaced) and requirements (replaced)."""
    require(actor, "orders.change_order", order)
    order = locked(order)
    ORDER_FLOW.check(order, "submit")  # only drafts are edited this way; later, changes
    check_version(order, version)
    _check_header({"channel": data.get("channel", order.channel), **data})
    changed = [k for k in data if k in ORDER_FIELDS and getattr(order, k) != data[k]]
    for name in changed:
        setattr(order, name, data[name])
    if lines is not None:
        cleaned = clean_lines(lines, ordered_on=order.received_on)
        order.lines.all().delete()  # the delete signal logs each line
        _write_lines(order, cleaned)
    if items is not None:
        draft = current_version(order)
        cleaned_items = clean_items(items)
        draft.items.all().delete()
        _write_items(draft, cleaned_items)
    save_versioned(order, changed)
    return order


@verb
def submit_order(actor, order, note=""):
    """Send the review record to Engineering, Quality and Materials (ORD-3); tell each of them."""
    require(actor, "orders.change_order", order)
    order = locked(order)
    ORDER_FLOW.check(order, "submit")
    lines = list(order.lines.select_related("product"))
    if not lines:
        raise Invalid.field("lines", _("An order needs at least one line."))
    version = current_version(order)
    now = timezone.now()
    version.snapshot = snapshot(order, lines)
    VERSION_FLOW.apply(version, "open")
    version.started_at, version.due_at = now, order.review_due_at
    version.save(update_fields=["snapshot", "status", "started_at", "due_at"])
    audit.create_all(ReviewSection, (ReviewSection(version=version, section=s) for s in Section))
    order.submitted_at, order.pending_due_at = now, order.review_due_at
    transition(order, ORDER_FLOW, "submit", note, extra_fields=["submitted_at", "pending_due_at"])
    sign(actor, order, SignatureMeaning.AUTHORED, section="marketing", note=note)
    tell_reviewers(order, list(Section))
    return order


def tell_reviewers(order, sections):
    """Tell each section's reviewers that the order's review waits for them."""
    due = timezone.localtime(order.pending_due_at) if order.pending_due_at else None
    for section in sections:
        notify(
            reviewers_for(section),
            Later(
                gettext_noop("Order review %(number)s waits for your signature"),
                number=order.number,
            ),
            Later(
                gettext_noop("%(customer)s · due %(due)s"),
                customer=order.customer,
                due=f"{due:%Y-%m-%d %H:%M}" if due else "–",
            ),
            order.get_absolute_url(),
        )


@verb
def save_product(actor, data, product=None):
    """Add a product to the catalogue, or edit one."""
    require(actor, "orders.change_product" if product else "orders.add_product")
    code = (data.get("code") or (product.code if product else "")).strip()
    if not code:
        raise Invalid.field("code", _("Give the product number."))
    clash = Product.objects.filter(code__iexact=code)
    if product:
        clash = clash.exclude(pk=product.pk)
    if clash.exists():
        raise Invalid.field("code", _("A product with this number already exists."))
    product = product or Product()
    for name in ("code", "name", "specification", "product_line", "unit", "active"):
        if name in data:
            setattr(product, name, data[name])
    product.save()
    return product
