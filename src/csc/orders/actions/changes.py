"""Changes (ORD-7): a customer change becomes a production change order at once; an internal
application needs the VP's approval and the customer's agreement. Applying a change opens a new
version of the review record that re-opens only the sections the change touches."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.company_calendar import company_calendar
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, users_with_permission

from ..choices import (
    REVIEWING,
    ChangeKind,
    ChangeStatus,
    OrderStatus,
    Section,
    SectionState,
    VersionStatus,
)
from ..conf import setting
from ..models import OrderChange, OrderLine, Product, ReviewItem, ReviewSection, ReviewVersion
from ..rules import (
    CHANGE_FLOW,
    ORDER_FLOW,
    VERSION_FLOW,
    affected_sections,
    carried_over,
    decimal_or_none,
    plain_number,
    review_due,
)
from ..versions import snapshot
from .common import current_version, locked, people_of_order, require_text
from .execution import tell_production
from .intake import clean_items, clean_lines, tell_reviewers

EDITABLE = [
    "quantity",
    "unit_price",
    "currency",
    "specification",
    "requested_date",
    "promised_date",
]


@verb
def request_change(actor, order, kind, reason, description, lines=None, new_lines=(), items=None):
    """Record a change to an order; return the OrderChange (CO-…).

    1. Cancelled, closed and fully shipped orders cannot change.
    2. A customer change (Marketing) is applied at once: the production change order.
    3. An internal change (Materials: reason and requested change) waits for the responsible
       VP's approval and then the customer's agreement before it is applied.
    """
    if kind not in ChangeKind.values:
        raise Invalid.field("kind", _("Choose a customer change or an internal application."))
    perm = (
        "orders.change_order" if kind == ChangeKind.CUSTOMER else "orders.request_internal_change"
    )
    require(actor, perm, order)
    order = locked(order)
    ORDER_FLOW.check(order, "change")
    reason = require_text("reason", reason, _("Give the reason for the change."))
    description = require_text("description", description, _("Describe the change requested."))
    payload = {
        "lines": {str(k): v for k, v in (lines or {}).items()},
        "new_lines": list(new_lines or []),
        "items": dict(items or {}),
    }
    plan = change_plan(order, payload)  # validates now, so a bad request is refused at once
    change = OrderChange.objects.create(
        number=next_number("change-order", "CO"),
        order=order,
        kind=kind,
        status=ChangeStatus.IN_REVIEW if kind == ChangeKind.CUSTOMER else ChangeStatus.AWAITING_VP,
        reason=reason,
        description=description,
        payload=_storable(payload),
        affected_sections=plan["sections"],
        requested_by=actor,
    )
    sign(actor, change, SignatureMeaning.AUTHORED, note=reason)
    if kind == ChangeKind.CUSTOMER:
        apply_change(actor, order, change)
    else:
        notify(
            users_with_permission("orders.approve_change"),
            Later(
                gettext_noop("Change application %(number)s for %(order)s waits for your approval"),
                number=change.number,
                order=order.number,
            ),
            f"{reason}\n{description}",
            change.get_absolute_url(),
        )
    return change


def _storable(payload):
    """Return the payload with dates and decimals as text (it is kept as JSON)."""

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        if isinstance(value, Product):
            return value.pk
        if isinstance(value, dt.date) or hasattr(value, "as_tuple"):
            return str(value)
        return value

    return plain(payload)


def change_plan(order, payload):
    """Return what a payload changes against the order now: line edits, new lines, items, sections.

    Refuses a quantity below what already shipped, unknown lines and a change that changes nothing.
    """
    lines = {str(line.pk): line for line in order.lines.select_related("product")}
    edits = {}
    for line_id, values in payload.get("lines", {}).items():
        line = lines.get(str(line_id))
        if line is None:
            raise Invalid.field("lines", _("A line does not belong to this order."))
        changed = _line_edits(line, values)
        if changed:
            edits[line.pk] = changed
    new_lines = (
        clean_lines(_with_products(payload["new_lines"]), ordered_on=order.received_on)
        if payload.get("new_lines")
        else []
    )
    items = _item_edits(current_version(order), payload.get("items") or {})
    if not (edits or new_lines or items):
        raise Invalid.field("description", _("The change changes nothing on the order."))
    sections = affected_sections({k: set(v) for k, v in edits.items()}, len(new_lines), set(items))
    return {"edits": edits, "new_lines": new_lines, "items": items, "sections": sections}


def _with_products(lines):
    """Return new lines as clean_lines reads them: products as rows, dates as dates."""
    ids = [_int(getattr(entry.get("product"), "pk", entry.get("product"))) for entry in lines]
    products = Product.objects.in_bulk([i for i in ids if i is not None])
    return [
        {
            **entry,
            "product": products.get(pid),
            "requested_date": _date(entry.get("requested_date"), "lines"),
            "promised_date": _date(entry.get("promised_date"), "lines"),
        }
        for entry, pid in zip(lines, ids, strict=True)
    ]


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value, field):
    if value in (None, "") or isinstance(value, dt.date):
        return value or None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise Invalid.field(field, _("Give dates as YYYY-MM-DD.")) from None


def _line_edits(line, values):
    """Return {field: new value} of the line's fields that really change."""
    changed = {}
    for name in EDITABLE:
        if name not in values:
            continue
        new = _parse(name, values[name], line)
        if new != getattr(line, name):
            changed[name] = new
    return changed


def _parse(name, value, line):
    def refuse(message):
        return Invalid.field(
            "lines", _("Line %(no)s: %(problem)s") % {"no": line.line_no, "problem": message}
        )

    if name in ("quantity", "unit_price"):
        number = decimal_or_none(value)
        if number is None or number < 0 or (name == "quantity" and number <= 0):
            raise refuse(_("give a positive number."))
        if name == "quantity" and number < line.shipped_quantity:
            raise refuse(
                _("%(shipped)s already shipped; the quantity cannot be less.")
                % {"shipped": plain_number(line.shipped_quantity)}
            )
        return number
    if name in ("requested_date", "promised_date"):
        if value in (None, ""):
            return None
        try:
            return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
        except ValueError:
            raise refuse(_("give dates as YYYY-MM-DD.")) from None
    if name == "currency" and str(value).upper() not in setting("ORDERS_CURRENCIES"):
        raise refuse(_("unknown currency %(currency)s.") % {"currency": value})
    return str(value or "").strip()[:200] if name != "currency" else str(value).upper()


def _item_edits(version, items):
    """Return {category: [requirements]} for the categories whose text changes."""
    current = {}
    for item in version.items.all():
        current.setdefault(item.category, []).append(item.requirement)
    wanted = {}
    for category, text in clean_items({k: v for k, v in items.items() if (v or "").strip()}):
        wanted[category] = [text]
    for category in items:
        wanted.setdefault(category, [])
    return {c: texts for c, texts in wanted.items() if current.get(c, []) != texts}


@verb
def decide_change(actor, change, approve, note=""):
    """The responsible VP approves or refuses an internal change application (S0 5.1.5.2 A)."""
    require(actor, "orders.approve_change", change)
    if not approve:
        note = require_text("note", note, _("Say why you refuse."))
    transition(change, CHANGE_FLOW, "vp_approve" if approve else "vp_refuse", note)
    change.vp_decided_by, change.vp_decided_at, change.vp_note = actor, timezone.now(), note
    change.save(update_fields=["vp_decided_by", "vp_decided_at", "vp_note"])
    sign(
        actor,
        change,
        SignatureMeaning.APPROVED if approve else SignatureMeaning.REJECTED,
        note=note,
    )
    notify(
        [change.requested_by, *people_of_order(change.order)],
        Later(
            gettext_noop("Change application %(number)s %(outcome)s"),
            number=change.number,
            outcome=Later(gettext_noop("approved: agree it with the customer"))
            if approve
            else Later(gettext_noop("refused")),
        ),
        note,
        change.get_absolute_url(),
    )
    return change


@verb
def record_customer_response(actor, change, agreed, note):
    """Marketing records whether the customer agreed to an internal change; agreement applies it."""
    require(actor, "orders.change_order", change)
    note = require_text("note", note, _("Record what the customer said."))
    order = locked(change.order)
    if agreed:
        ORDER_FLOW.check(order, "change")
    change.customer_agreement, change.customer_agreed_at = note, timezone.now() if agreed else None
    transition(
        change,
        CHANGE_FLOW,
        "customer_agrees" if agreed else "customer_refuses",
        note,
        extra_fields=["customer_agreement", "customer_agreed_at"],
    )
    if agreed:
        apply_change(actor, order, change)
    outcome = (
        gettext_noop("agreed by the customer")
        if agreed
        else gettext_noop("not agreed by the customer")
    )
    notify(
        [change.requested_by],
        Later(
            gettext_noop("Change application %(number)s %(outcome)s"),
            number=change.number,
            outcome=Later(outcome),
        ),
        note,
        change.get_absolute_url(),
    )
    return change


def apply_change(actor, order, change):
    """Apply a change to the order and open the next version of the review record (call in a verb).

    1. Line edits and new lines are written; requirements replaced where changed.
    2. The current version is withdrawn (回收); the new one re-opens only the sections the
       change touches and carries the others' acceptance over.
    3. The order goes back under review, due one working day from now; approval returns it to
       production or shipping if that is where the change found it.
    """
    plan = change_plan(order, change.payload)
    previous = current_version(order)
    _write_line_edits(order, plan)
    version = _next_version(order, previous, change, plan)
    if (
        previous.status == VersionStatus.OPEN
        and previous.change_id
        and previous.change_id != change.pk
    ):
        transition(previous.change, CHANGE_FLOW, "withdrawn", change.number)
    VERSION_FLOW.apply(previous, "withdraw")
    previous.withdrawn_at = timezone.now()
    previous.save(update_fields=["status", "withdrawn_at"])
    order.revision, order.pending_due_at = version.number, version.due_at
    transition(
        order, ORDER_FLOW, "change", change.number, extra_fields=["revision", "pending_due_at"]
    )
    change.applied_at, change.version_number = timezone.now(), version.number
    change.affected_sections = plan["sections"]
    change.save(update_fields=["applied_at", "version_number", "affected_sections"])
    _tell_about_change(order, change, version)
    return version


def _write_line_edits(order, plan):
    for line_id, values in plan["edits"].items():
        line = OrderLine.objects.get(pk=line_id)
        for name, value in values.items():
            setattr(line, name, value)
        line.save(update_fields=list(values))
    last = order.lines.order_by("-line_no").values_list("line_no", flat=True).first() or 0
    OrderLine.objects.bulk_create(
        OrderLine(order=order, line_no=last + n, **line)
        for n, line in enumerate(plan["new_lines"], 1)
    )


def _resume_status(order, previous):
    if order.status in (OrderStatus.IN_PRODUCTION, OrderStatus.SHIPPING):
        return order.status
    return previous.resume_status if order.status in REVIEWING else ""


def _next_version(order, previous, change, plan):
    now = timezone.now()
    due = review_due(company_calendar(), now, setting("ORDERS_REVIEW_DUE_WORKING_DAYS"))
    lines = list(order.lines.select_related("product"))
    version = ReviewVersion.objects.create(
        order=order,
        number=previous.number + 1,
        status=VersionStatus.OPEN,
        reason=f"{change.number}: {change.description}",
        change=change,
        snapshot=snapshot(order, lines),
        resume_status=_resume_status(order, previous),
        started_at=now,
        due_at=due,
    )
    _copy_items(previous, version, plan["items"])
    _carry_sections(previous, version, plan["sections"])
    return version


def _copy_items(previous, version, changed):
    kept = [
        ReviewItem(version=version, category=i.category, requirement=i.requirement)
        for i in previous.items.all()
        if i.category not in changed
    ]
    new = [
        ReviewItem(version=version, category=category, requirement=text)
        for category, texts in changed.items()
        for text in texts
    ]
    ReviewItem.objects.bulk_create([*kept, *new])


def _carry_sections(previous, version, affected):
    old = {s.section: s for s in previous.sections.all()}
    rows = []
    for code in Section.values:
        before = old.get(code)
        if before and carried_over(before.state, code in affected):
            rows.append(
                ReviewSection(
                    version=version,
                    section=code,
                    state=SectionState.ACCEPTED,
                    opinion=before.opinion,
                    signed_by=before.signed_by,
                    signed_at=before.signed_at,
                    as_delegate=before.as_delegate,
                    carried=True,
                )
            )
        else:
            rows.append(ReviewSection(version=version, section=code))
    ReviewSection.objects.bulk_create(rows)


def _tell_about_change(order, change, version):
    reopened = list(
        version.sections.filter(state=SectionState.OPEN).values_list("section", flat=True)
    )
    if reopened:
        tell_reviewers(order, reopened)
    else:
        notify(
            users_with_permission("orders.approve_order"),
            Later(
                gettext_noop("Order %(number)s changed: waits for your approval"),
                number=order.number,
            ),
            change.description,
            order.get_absolute_url(),
        )
    if hasattr(order, "production_order"):
        tell_production(
            order,
            Later(
                gettext_noop("Order %(order)s is being changed (%(number)s)"),
                order=order.number,
                number=change.number,
            ),
            change.description,
        )
