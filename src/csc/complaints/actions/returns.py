"""Returns (CMP-7): notice, warehouse receipt, Quality verification, rework, replacement."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.capa.actions import open_capa
from csc.capa.choices import Category, Source
from csc.core.actions import check_version, notify, save_versioned, transition, verb
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, users_with_permission

from ..choices import VerificationResult
from ..models import Return
from ..rules import REPLACEMENT_STATES, RETURN_FLOW

ISSUE_FIELDS = ["customer", "complaint", "product", "lot", "notice_date", "quantity", "reason"]


def _positive(name, value, allow_zero=False):
    if value is None or Decimal(value) < 0 or (not allow_zero and Decimal(value) == 0):
        raise Invalid.field(
            name, _("Enter a quantity above 0.") if not allow_zero else _("Enter 0 or more.")
        )


def _tell(perm, record, title, body=""):
    notify(users_with_permission(perm), title, body, record.get_absolute_url())


@verb
def issue_return(actor, data):
    """Issue a return notice (退货通知单); the warehouse is told to expect the goods."""
    require(actor, "complaints.add_return")
    if data.get("customer") is None:
        raise Invalid.field("customer", _("Choose the customer."))
    complaint = data.get("complaint")
    if complaint is not None and complaint.customer_id != data["customer"].pk:
        raise Invalid.field("complaint", _("This complaint is another customer's."))
    _positive("quantity", data.get("quantity"))
    if not (data.get("reason") or "").strip():
        raise Invalid.field("reason", _("Give the reason for the return."))
    if data.get("notice_date") and data["notice_date"] > timezone.localdate():
        raise Invalid.field("notice_date", _("The notice date cannot be in the future."))
    values = {k: v for k, v in data.items() if k in ISSUE_FIELDS and v is not None}
    ret = Return.objects.create(number=next_number("return", "RT"), registered_by=actor, **values)
    _tell(
        "complaints.receive_return",
        ret,
        Later(
            gettext_noop("Return %(number)s from %(customer)s: please receive and count"),
            number=ret.number,
            customer=ret.customer,
        ),
        ret.reason,
    )
    return ret


@verb
def receive_return(actor, ret, received_quantity, note="", version=None):
    """The warehouse counts and receives the returned goods; Quality is told to verify."""
    require(actor, "complaints.receive_return", ret)
    check_version(ret, version)
    _positive("received_quantity", received_quantity, allow_zero=True)
    ret.received_quantity, ret.received_at, ret.received_by = (
        received_quantity,
        timezone.now(),
        actor,
    )
    if Decimal(received_quantity) != ret.quantity:
        note = (note + "\n" if note else "") + _(
            "Counted %(counted)s, notice said %(noticed)s."
        ) % {
            "counted": received_quantity,
            "noticed": ret.quantity,
        }
    transition(
        ret,
        RETURN_FLOW,
        "receive",
        note,
        extra_fields=["received_quantity", "received_at", "received_by"],
    )
    _tell(
        "complaints.verify_return",
        ret,
        Later(
            gettext_noop("Return %(number)s received: please verify the defect"), number=ret.number
        ),
    )
    return ret


@verb
def verify_return(actor, ret, result, defective_quantity=None, note="", version=None):
    """Quality verifies the actual defect: confirmed, no trouble found, or customer-caused.

    A confirmed defect without a complaint opens a corrective action; a customer-caused one
    goes to Sales to negotiate with the customer.
    """
    require(actor, "complaints.verify_return", ret)
    check_version(ret, version)
    if result not in VerificationResult.values:
        raise Invalid.field("result", _("Choose the result of the verification."))
    if result == VerificationResult.CONFIRMED:
        _positive("defective_quantity", defective_quantity)
        if Decimal(defective_quantity) > (ret.received_quantity or 0):
            raise Invalid.field("defective_quantity", _("More defective parts than were received."))
    else:
        defective_quantity = Decimal(0)
    if not (note or "").strip():
        raise Invalid.field("note", _("Describe what was found."))
    ret.result, ret.defective_quantity, ret.verification_note = result, defective_quantity, note
    ret.verified_at, ret.verified_by = timezone.now(), actor
    fields = ["result", "defective_quantity", "verification_note", "verified_at", "verified_by"]
    transition(ret, RETURN_FLOW, "verify", note, extra_fields=fields)
    _after_verification(actor, ret)
    return ret


def _after_verification(actor, ret):
    if ret.result == VerificationResult.CONFIRMED and ret.complaint_id is None:
        open_capa(
            actor,
            source=Source.RETURN,
            category=Category.QUALITY,
            title=_("Return %(number)s: %(reason)s")
            % {"number": ret.number, "reason": ret.reason[:120]},
            description=ret.verification_note,
            source_record=ret,
            customer=ret.customer,
        )
    if ret.result == VerificationResult.CUSTOMER_CAUSED:
        _tell(
            "complaints.add_return",
            ret,
            Later(
                gettext_noop(
                    "Return %(number)s is customer-caused: please negotiate with the customer"
                ),
                number=ret.number,
            ),
            ret.verification_note,
        )


@verb
def order_rework(actor, ret, instructions, due=None, version=None):
    """Issue a rework notice (返工通知单) to Production for confirmed defective parts."""
    require(actor, "complaints.verify_return", ret)
    check_version(ret, version)
    if ret.result != VerificationResult.CONFIRMED:
        raise Invalid.field("result", _("Rework is ordered only for a confirmed defect."))
    if not (instructions or "").strip():
        raise Invalid.field("instructions", _("Say what has to be reworked and how."))
    ret.rework_number = next_number("rework", "RW")
    ret.rework_instructions, ret.rework_due = instructions, due
    transition(
        ret,
        RETURN_FLOW,
        "rework",
        instructions,
        extra_fields=["rework_number", "rework_instructions", "rework_due"],
    )
    _tell(
        "complaints.rework_return",
        ret,
        Later(
            gettext_noop("Rework notice %(number)s for return %(ret)s"),
            number=ret.rework_number,
            ret=ret.number,
        ),
        instructions,
    )
    return ret


@verb
def record_rework(actor, ret, result, version=None):
    """Production reports the rework done; Quality re-inspects before closing."""
    require(actor, "complaints.rework_return", ret)
    check_version(ret, version)
    if not (result or "").strip():
        raise Invalid.field("rework_result", _("Describe the result of the rework."))
    ret.rework_result, ret.reworked_at, ret.reworked_by = result, timezone.now(), actor
    transition(
        ret,
        RETURN_FLOW,
        "reworked",
        result,
        extra_fields=["rework_result", "reworked_at", "reworked_by"],
    )
    _tell(
        "complaints.verify_return",
        ret,
        Later(gettext_noop("Return %(number)s reworked: re-inspect and close"), number=ret.number),
    )
    return ret


@verb
def schedule_replacement(actor, ret, quantity, date, note="", version=None):
    """Materials schedules the replacement delivery for the returned parts."""
    require(actor, "complaints.schedule_replacement", ret)
    check_version(ret, version)
    if ret.status not in REPLACEMENT_STATES:
        raise Invalid.field("status", _("Replacement is scheduled after Quality's verification."))
    _positive("replacement_quantity", quantity)
    if date is None:
        raise Invalid.field("replacement_date", _("Give the delivery date."))
    ret.replacement_quantity, ret.replacement_date = quantity, date
    ret.replacement_note, ret.scheduled_by = note, actor
    save_versioned(
        ret, ["replacement_quantity", "replacement_date", "replacement_note", "scheduled_by"]
    )
    return ret


@verb
def close_return(actor, ret, cost=None, note="", version=None):
    """Close the return after verification (and re-inspection of any rework)."""
    require(actor, "complaints.verify_return", ret)
    check_version(ret, version)
    if cost is not None:
        _positive("cost", cost, allow_zero=True)
        ret.cost = cost
    ret.closed_at = timezone.now()
    return transition(ret, RETURN_FLOW, "close", note, extra_fields=["cost", "closed_at"])


@verb
def void_return(actor, ret, reason):
    require(actor, "complaints.change_return", ret)
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for voiding."))
    ret.void_reason = reason
    return transition(ret, RETURN_FLOW, "void", reason, extra_fields=["void_reason"])
