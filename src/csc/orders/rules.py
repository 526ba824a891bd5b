"""Rules of contract and order review: workflows, deadlines, who signs, what a change re-opens.

Pure functions where possible, so each rule is tested on its own (due dates across holidays,
version re-opening, routing by subject).
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.workflow import Step, Workflow

from .choices import (
    ChangeStatus,
    ItemCategory,
    MemoStatus,
    OrderStatus,
    PresalesKind,
    PresalesStatus,
    QuestionStatus,
    QuestionSubject,
    Section,
    SectionState,
    VersionStatus,
)

V = VersionStatus
# A review version is opened when the order is submitted (or by a change), concluded by the
# GM's decision or the order's cancellation, and withdrawn when a change replaces it.
VERSION_FLOW = Workflow(
    states=VersionStatus,
    steps={
        "open": Step((V.DRAFT,), V.OPEN, _("Open the review")),
        "approve": Step((V.OPEN,), V.APPROVED, _("Approve")),
        "cancel": Step((V.DRAFT, V.OPEN, V.APPROVED), V.CANCELLED, _("Cancel")),
        "withdraw": Step((V.OPEN, V.APPROVED), V.WITHDRAWN, _("Withdraw")),
    },
)

QUESTION_FLOW = Workflow(
    states=QuestionStatus,
    steps={"answer": Step((QuestionStatus.OPEN,), QuestionStatus.ANSWERED, _("Answer"))},
)

S = OrderStatus
ORDER_FLOW = Workflow(
    states=OrderStatus,
    steps={
        "submit": Step((S.DRAFT,), S.REVIEW, _("Submit for review")),
        "dispute": Step((S.REVIEW,), S.DISPUTED, pgettext_lazy("review decision", "Reject")),
        "send_back": Step((S.DISPUTED,), S.REVIEW, _("Send back for re-review")),
        "approve": Step((S.REVIEW,), S.APPROVED, _("Approve")),
        # After a change, approval returns the order to where the change found it.
        "approve_in_production": Step((S.REVIEW,), S.IN_PRODUCTION, _("Approve")),
        "approve_shipping": Step((S.REVIEW,), S.SHIPPING, _("Approve")),
        "cancel_draft": Step((S.DRAFT,), S.CANCELLED, _("Cancel")),
        "cancel": Step((S.REVIEW, S.DISPUTED), S.CANCELLED, _("Approve cancellation")),
        "issue_production_order": Step((S.APPROVED,), S.IN_PRODUCTION, _("Issue production order")),
        "ship_part": Step((S.IN_PRODUCTION, S.SHIPPING), S.SHIPPING, _("Ship")),
        "ship_all": Step((S.IN_PRODUCTION, S.SHIPPING), S.SHIPPED, _("Ship")),
        "change": Step(
            (S.REVIEW, S.DISPUTED, S.APPROVED, S.IN_PRODUCTION, S.SHIPPING),
            S.REVIEW,
            _("Change"),
        ),
        "close": Step((S.SHIPPED,), S.CLOSED, _("Close")),
    },
)

#: The approval step that returns an order to the state a change found it in.
RESUME_STEP = {S.IN_PRODUCTION: "approve_in_production", S.SHIPPING: "approve_shipping"}

C = ChangeStatus
CHANGE_FLOW = Workflow(
    states=ChangeStatus,
    steps={
        "vp_approve": Step((C.AWAITING_VP,), C.AWAITING_CUSTOMER, _("Approve")),
        "vp_refuse": Step((C.AWAITING_VP,), C.REFUSED, _("Refuse")),
        "customer_agrees": Step((C.AWAITING_CUSTOMER,), C.IN_REVIEW, _("Customer agrees")),
        "customer_refuses": Step((C.AWAITING_CUSTOMER,), C.REFUSED, _("Customer does not agree")),
        "approved": Step((C.IN_REVIEW,), C.APPROVED, _("Approved")),
        "withdrawn": Step((C.IN_REVIEW,), C.REFUSED, _("Superseded")),
    },
)

PRESALES_FLOW = Workflow(
    states=PresalesStatus,
    steps={
        "approve": Step((PresalesStatus.SUBMITTED,), PresalesStatus.APPROVED, _("Approve")),
        "refuse": Step((PresalesStatus.SUBMITTED,), PresalesStatus.REFUSED, _("Refuse")),
    },
)

MEMO_FLOW = Workflow(
    states=MemoStatus,
    steps={"reply": Step((MemoStatus.OPEN,), MemoStatus.REPLIED, _("Reply"))},
)

# --- who signs -------------------------------------------------------------------------------


def sign_permission(section):
    """Return the permission that signs a review section: 'orders.sign_quality' …"""
    return f"orders.sign_{Section(section).value}"


# --- deadlines -------------------------------------------------------------------------------


def review_due(calendar, received_at, working_days):
    """Return when a review of an order received at ``received_at`` is due (ORD-4)."""
    return calendar.add_working_days(received_at, working_days)


def completed_in_time(due_at, completed_at):
    return completed_at is not None and due_at is not None and completed_at <= due_at


def rate(part, whole):
    """Return part ÷ whole as a percentage rounded to one decimal, or None for an empty whole."""
    if not whole:
        return None
    return round(Decimal(part) * 100 / Decimal(whole), 1)


# --- what a change touches -------------------------------------------------------------------

#: Line fields and the sections that must look again when they change.
LINE_FIELD_SECTIONS = {
    "quantity": {Section.MATERIALS},
    "requested_date": {Section.MATERIALS},
    "promised_date": {Section.MATERIALS},
    "specification": {Section.ENGINEERING, Section.QUALITY},
    "product": {Section.ENGINEERING, Section.QUALITY, Section.MATERIALS},
    # Prices and currency are commercial: the GM's approval covers them.
    "unit_price": set(),
    "currency": set(),
}
ITEM_SECTIONS = {
    ItemCategory.QUALITY: {Section.QUALITY},
    ItemCategory.TECHNICAL: {Section.ENGINEERING},
    ItemCategory.PACKAGING: {Section.MATERIALS, Section.QUALITY},
    ItemCategory.SPECIAL: {Section.ENGINEERING, Section.QUALITY, Section.MATERIALS},
    ItemCategory.CHARACTERISTICS: {Section.ENGINEERING, Section.QUALITY},
}
ALL_SECTIONS = frozenset(Section)


def affected_sections(line_changes, new_lines, item_changes):
    """Return the sections a change re-opens, in Section order.

    ``line_changes`` maps a line to the names of its changed fields, ``new_lines`` counts added
    lines (a new line is reviewed by everyone), ``item_changes`` lists changed item categories.
    """
    touched = set(ALL_SECTIONS) if new_lines else set()
    for fields in line_changes.values():
        for name in fields:
            touched |= LINE_FIELD_SECTIONS.get(name, ALL_SECTIONS)
    for category in item_changes:
        touched |= ITEM_SECTIONS.get(category, ALL_SECTIONS)
    return [s.value for s in Section if s in touched]


def carried_over(previous_state, affected):
    """Return True when a section keeps its decision in a change's new version: it had accepted
    and the change does not touch it. Open or rejected sections are reviewed again."""
    return previous_state == SectionState.ACCEPTED and not affected


# --- routing of questions (S0 5.1.6) --------------------------------------------------------

QUESTION_ROUTES = {
    QuestionSubject.DELIVERY: ["marketing"],
    QuestionSubject.QUALITY: ["marketing", "quality"],
    QuestionSubject.TECHNICAL: ["marketing", "engineering"],
}


def question_route(subject):
    """Return the departments (codes) a question on ``subject`` passes through, in order."""
    return list(QUESTION_ROUTES[QuestionSubject(subject)])


#: The department whose head decides a pre-sales request of each kind (S2 5.1.2-5.1.3).
PRESALES_DEPARTMENTS = {
    PresalesKind.SAMPLE: "production",
    PresalesKind.SPECIAL_SAMPLE: "engineering",
    PresalesKind.TECHNICAL_DATA: "engineering",
    PresalesKind.TECHNICAL_GUIDANCE: "engineering",
    PresalesKind.TECHNICAL_AGREEMENT: "engineering",
    PresalesKind.QUALITY_AGREEMENT: "quality",
}


# --- shipping --------------------------------------------------------------------------------


def shippable_quantity(ordered, shipped, tolerance_percent):
    """Return how much more of a line may ship, over-delivery tolerance included."""
    ceiling = ordered * (1 + Decimal(tolerance_percent) / 100)
    return max(ceiling - shipped, Decimal(0))


def on_time(promised_on, actual_on):
    """A batch is on time when it arrived (or left) no later than promised; None if unpromised."""
    if promised_on is None or actual_on is None:
        return None
    return actual_on <= promised_on


def plain_number(value):
    """Return a decimal as people write it: 80, 12.5 (never 8E+1 or 80.000)."""
    return format(Decimal(value).normalize(), "f")


def decimal_or_none(value):
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
