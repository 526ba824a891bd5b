"""The joint review (ORD-3): section signatures, the GM's approval, disputes, delegates, reminders."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core.actions import notify, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.later import Later
from csc.core.models import Department
from csc.core.permissions import can, require, users_with_permission

from ..choices import (
    REVIEWING,
    SECTION_SHORT,
    OrderStatus,
    Section,
    SectionState,
    VersionStatus,
)
from ..conf import setting
from ..models import ReviewDelegate, ReviewSection, ReviewVersion
from ..rules import CHANGE_FLOW, ORDER_FLOW, RESUME_STEP, VERSION_FLOW
from .common import current_version, locked, may_sign, people_of_order, require_text, reviewers_for
from .intake import tell_reviewers

DECISIONS = {"accept": SectionState.ACCEPTED, "reject": SectionState.REJECTED}


def _section_name(section):
    return str(SECTION_SHORT[Section(section)])


def _check_section(section):
    if section not in Section.values:
        raise Invalid.field("section", _("Choose engineering, quality or materials."))


@verb
def sign_section(actor, order, section, decision, opinion=""):
    """Record one department's opinion and accept/reject on the open review (ORD-3).

    1. Only the department's reviewers or their authorised delegates sign its section.
    2. Each section is signed once per version; a second signature is refused.
    3. A rejection sends the review to the GM; the last acceptance tells the GM it waits.
    """
    _check_section(section)
    if not may_sign(actor, section):
        raise Denied(
            _("Only %(section)s or its authorised delegate signs this section.")
            % {"section": _section_name(section)}
        )
    if decision not in DECISIONS:
        raise Invalid.field("decision", _("Choose accept or reject."))
    order = locked(order)
    if order.status not in REVIEWING:
        raise IllegalTransition(_("The review of %(number)s is not open.") % {"number": order})
    version = current_version(order)
    part = ReviewSection.objects.select_for_update().get(version=version, section=section)
    if part.state != SectionState.OPEN:
        raise IllegalTransition(
            _("%(section)s already signed version %(version)s (%(who)s, %(when)s).")
            % {
                "section": _section_name(section),
                "version": version.number,
                "who": part.signed_by,
                "when": f"{timezone.localtime(part.signed_at):%Y-%m-%d %H:%M}",
            }
        )
    if decision == "reject":
        opinion = require_text("opinion", opinion, _("Say why you reject: the GM will read it."))
    _record_signature(actor, order, part, decision, opinion)
    if decision == "reject":
        _dispute(order, part)
    elif not version.sections.exclude(state=SectionState.ACCEPTED).exists():
        _tell_approvers(order)
    return part


def _record_signature(actor, order, part, decision, opinion):
    part.state, part.opinion = DECISIONS[decision], opinion
    part.signed_by, part.signed_at = actor, timezone.now()
    part.as_delegate = not can(actor, f"orders.sign_{part.section}")
    part.carried = False
    part.save(
        update_fields=["state", "opinion", "signed_by", "signed_at", "as_delegate", "carried"]
    )
    meaning = SignatureMeaning.APPROVED if decision == "accept" else SignatureMeaning.REJECTED
    note = opinion
    if part.as_delegate:
        note = _("As delegate of %(section)s. %(opinion)s") % {
            "section": _section_name(part.section),
            "opinion": opinion,
        }
    sign(actor, order, meaning, section=part.section, note=note.strip(), role=part.section)


def _dispute(order, part):
    if order.status == OrderStatus.REVIEW:
        transition(order, ORDER_FLOW, "dispute", part.opinion)
    notify(
        [*users_with_permission("orders.approve_order"), *people_of_order(order)],
        Later(
            gettext_noop("Order review %(number)s rejected by %(section)s"),
            number=order.number,
            section=SECTION_SHORT[Section(part.section)],
        ),
        part.opinion,
        order.get_absolute_url(),
    )


def _tell_approvers(order):
    notify(
        users_with_permission("orders.approve_order"),
        Later(gettext_noop("Order review %(number)s waits for your approval"), number=order.number),
        Later(
            gettext_noop("Engineering, Quality and Materials accepted the order of %(customer)s."),
            customer=order.customer,
        ),
        order.get_absolute_url(),
    )


def missing_sections(version):
    """Return the names of the sections that have not accepted the version."""
    states = dict(version.sections.values_list("section", "state"))
    return [_section_name(s) for s in Section if states.get(s.value) != SectionState.ACCEPTED]


@verb
def approve_order(actor, order, note=""):
    """The GM approves the review once all three sections accepted (ORD-3); 409 names what is missing."""
    require(actor, "orders.approve_order", order)
    order = locked(order)
    version = current_version(order)
    missing = missing_sections(version) if version.status == VersionStatus.OPEN else []
    if missing:
        raise IllegalTransition(
            _("The review cannot be approved yet: still waiting for %(sections)s.")
            % {"sections": "、".join(missing)}
        )
    step = RESUME_STEP.get(version.resume_status, "approve")
    ORDER_FLOW.check(order, step)
    _conclude(actor, order, version, "approve", note)
    transition(order, ORDER_FLOW, step, note, extra_fields=_timing_fields(order))
    sign(actor, order, SignatureMeaning.APPROVED, section="general_manager", note=note)
    if version.change_id:
        _approve_change(order, version)
    notify(
        people_of_order(order),
        Later(gettext_noop("Order %(number)s approved"), number=order.number),
        note,
        order.get_absolute_url(),
    )
    return order


def _conclude(actor, order, version, step, note):
    """Close a review round: the version's decision and the order's review timing."""
    now = timezone.now()
    VERSION_FLOW.apply(version, step)
    version.completed_at, version.decided_by = now, actor
    if note:
        version.remarks = "\n".join(filter(None, [version.remarks, note]))
    version.save(update_fields=["status", "completed_at", "decided_by", "remarks"])
    if order.review_completed_at is None:
        order.review_completed_at = now
    order.pending_due_at = None


def _timing_fields(order):
    return ["review_completed_at", "pending_due_at"]


def _approve_change(order, version):
    change = version.change
    transition(change, CHANGE_FLOW, "approved")
    if hasattr(order, "production_order"):
        from .execution import tell_production

        tell_production(
            order,
            Later(
                gettext_noop("Production change order %(number)s for %(order)s"),
                number=change.number,
                order=order.number,
            ),
            change.description,
        )


@verb
def send_back(actor, order, remarks):
    """The GM records the coordination agreed and sends the rejected sections back for re-review."""
    require(actor, "orders.approve_order", order)
    remarks = require_text(
        "remarks", remarks, _("Record the coordination measures in the remarks.")
    )
    order = locked(order)
    ORDER_FLOW.check(order, "send_back")
    version = current_version(order)
    version.remarks = "\n".join(filter(None, [version.remarks, remarks]))
    version.save(update_fields=["remarks"])
    reopened = []
    for part in version.sections.filter(state=SectionState.REJECTED):
        part.state, part.signed_by, part.signed_at = SectionState.OPEN, None, None
        part.save(update_fields=["state", "signed_by", "signed_at"])
        reopened.append(part.section)
    transition(order, ORDER_FLOW, "send_back", remarks)
    tell_reviewers(order, reopened)
    return order


@verb
def cancel_order(actor, order, reason):
    """Cancel an order: a draft by Marketing; a reviewed one only with the GM's approval (S0 5.1.3.1)."""
    reason = require_text("reason", reason, _("Give the reason for the cancellation."))
    order = locked(order)
    draft = order.status == OrderStatus.DRAFT
    require(actor, "orders.change_order" if draft else "orders.approve_order", order)
    step = "cancel_draft" if draft else "cancel"
    ORDER_FLOW.check(order, step)
    version = current_version(order)
    if not draft:
        _conclude(actor, order, version, "cancel", reason)
        if version.change_id:
            transition(version.change, CHANGE_FLOW, "withdrawn", reason)
    else:
        VERSION_FLOW.apply(version, "cancel")
        version.save(update_fields=["status"])
    order.cancel_reason = reason
    transition(
        order, ORDER_FLOW, step, reason, extra_fields=["cancel_reason", *_timing_fields(order)]
    )
    if not draft:
        sign(actor, order, SignatureMeaning.APPROVED, section="cancellation", note=reason)
        notify(
            people_of_order(order),
            Later(gettext_noop("Order %(number)s cancelled"), number=order.number),
            reason,
            order.get_absolute_url(),
        )
    return order


# --- delegates ---------------------------------------------------------------------------


def may_name_delegate(actor, section):
    """The administrator (or GM) names delegates; a department head names them for their own."""
    if can(actor, "orders.add_reviewdelegate"):
        return True
    return Department.objects.filter(code=section, head=actor).exists()


@verb
def name_delegate(actor, section, user, valid_until=None, note=""):
    """Authorise ``user`` to sign ``section`` of order reviews (S0 5.1.3.1 "或其授权人")."""
    _check_section(section)
    if not may_name_delegate(actor, section):
        raise Denied(_("Only the department head or an administrator names delegates."))
    if user is None or not user.is_active:
        raise Invalid.field("user", _("Choose an active user."))
    if valid_until and valid_until < timezone.localdate():
        raise Invalid.field("valid_until", _("The end date has passed."))
    return ReviewDelegate.objects.create(
        section=section, user=user, granted_by=actor, valid_until=valid_until, note=note[:200]
    )


@verb
def revoke_delegate(actor, delegation):
    if not may_name_delegate(actor, delegation.section):
        raise Denied(_("Only the department head or an administrator revokes delegates."))
    if delegation.revoked_at is not None:
        raise IllegalTransition(_("This delegation was already revoked."))
    delegation.revoked_at = timezone.now()
    delegation.save(update_fields=["revoked_at"])
    return delegation


# --- reminders ---------------------------------------------------------------------------


@verb
def send_review_reminders(actor=None, now=None):
    """Remind reviewers who still owe a signature on reviews due soon; return how many were due.

    Each open version is reminded once, ``ORDERS_REVIEW_REMINDER_HOURS`` before its due time.
    """
    now = now or timezone.now()
    horizon = now + dt.timedelta(hours=setting("ORDERS_REVIEW_REMINDER_HOURS"))
    due = (
        ReviewVersion.objects.select_for_update(skip_locked=True)
        .filter(status=VersionStatus.OPEN, reminded_at__isnull=True, due_at__lte=horizon)
        .select_related("order__customer")
        .order_by("due_at")[:500]
    )
    count = 0
    for version in due:
        _remind(version)
        version.reminded_at = now
        version.save(update_fields=["reminded_at"])
        count += 1
    return count


def _remind(version):
    order = version.order
    open_sections = version.sections.filter(state=SectionState.OPEN).values_list(
        "section", flat=True
    )
    due = timezone.localtime(version.due_at)
    for section in open_sections:
        notify(
            reviewers_for(section),
            Later(
                gettext_noop("Reminder: order review %(number)s is due %(due)s"),
                number=order.number,
                due=f"{due:%Y-%m-%d %H:%M}",
            ),
            Later(
                gettext_noop("Your section (%(section)s) is not signed yet."),
                section=SECTION_SHORT[Section(section)],
            ),
            order.get_absolute_url(),
        )
