"""Writes of 三包 warranty claims (SVC-7): register, assess, decide, cost, close, void."""

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import check_version, notify, save_versioned, sign, transition, verb
from csc.core.choices import SignatureMeaning
from csc.core.errors import IllegalTransition, Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import require, restrict, users_with_permission
from csc.core.xlsxstream import write_workbook

from .. import ledger
from ..choices import (
    COVERED_DECISIONS,
    ClaimStatus,
    CoverageReason,
    Decision,
    DefectKind,
    Exclusion,
)
from ..conf import setting
from ..models import WarrantyClaim
from ..rules import CLAIM_FLOW, coverage, terms_for

COST_FIELDS = ["parts_cost", "labour_cost", "freight_cost"]
EDITABLE = ["failed_on", "mileage_km", "quantity", "serial_no", "description"]


def purchase_date(shipment):
    """The purchase date 三包 counts from: delivery (or shipment until delivered) by setting."""
    if setting("WARRANTY_START") == "delivery" and shipment.delivered_on:
        return shipment.delivered_on
    return shipment.shipped_on


def _received_shipment(customer, product, shipment, failed_on):
    """Return the shipment that brought ``product`` to ``customer``, or raise Invalid.

    Without a chosen shipment, the latest one before the failure is taken: the part that
    failed is most likely the one delivered last.
    """
    from csc.orders.models import Shipment

    received = Shipment.objects.filter(customer=customer, lines__product=product)
    if shipment is not None:
        if not received.filter(pk=shipment.pk).exists():
            raise Invalid.field(
                "shipment", _("This shipment did not deliver this product to this customer.")
            )
        return shipment
    found = received.filter(shipped_on__lte=failed_on).order_by("-shipped_on", "-id").first()
    if found is None:
        raise Invalid.field(
            "product", _("This customer never received this product from us before the failure.")
        )
    return found


def _validate(data):
    errors = {}
    for name, message in [
        ("customer", _("Choose the customer.")),
        ("product", _("Choose the product.")),
        ("failed_on", _("Give the date of the failure.")),
    ]:
        if data.get(name) is None:
            errors[name] = [message]
    if not (data.get("description") or "").strip():
        errors["description"] = [_("Describe the failure.")]
    if (data.get("mileage_km") or 0) < 0:
        errors["mileage_km"] = [_("The mileage cannot be negative.")]
    if data.get("quantity") is not None and data["quantity"] < 1:
        errors["quantity"] = [_("The quantity must be at least 1.")]
    if data.get("failed_on") and data["failed_on"] > timezone.localdate():
        errors["failed_on"] = [_("The failure date cannot be in the future.")]
    if errors:
        raise Invalid(fields=errors)


def _apply_coverage(claim):
    terms = terms_for(claim.customer_id, claim.product_id, claim.purchased_on)
    result = coverage(
        terms,
        claim.purchased_on,
        claim.failed_on,
        claim.mileage_km,
        claim.defect_kind,
        claim.exclusion,
    )
    claim.agreement = terms.agreement
    claim.coverage_ends_on, claim.coverage_km = result.ends_on, result.km_limit
    claim.covered, claim.coverage_reason = result.covered, result.reason
    return ["agreement", "coverage_ends_on", "coverage_km", "covered", "coverage_reason"]


@verb
def register_claim(actor, data):
    """Register a 三包 claim and compute its cover; return it.

    1. The customer must have received the product (a shipment of ours), before the failure.
    2. Cover is computed at once from the purchase date, mileage and any service agreement;
       the cause is assessed afterwards by Quality, who is told now.
    """
    require(actor, "aftersales.add_warrantyclaim")
    _validate(data)
    shipment = _received_shipment(
        data["customer"], data["product"], data.get("shipment"), data["failed_on"]
    )
    purchased_on = purchase_date(shipment)
    if data["failed_on"] < purchased_on:
        raise Invalid.field(
            "failed_on",
            _("The failure date cannot be before the purchase (%(day)s).") % {"day": purchased_on},
        )
    claim = WarrantyClaim(
        customer=data["customer"],
        product=data["product"],
        shipment=shipment,
        purchased_on=purchased_on,
        registered_by=actor,
        **{k: data[k] for k in EDITABLE if data.get(k) is not None},
    )
    _apply_coverage(claim)
    claim.number = next_number("warranty-claim", "WC")
    claim.save()
    notify(
        users_with_permission("aftersales.assess_warrantyclaim"),
        Later(
            gettext_noop("三包 claim %(number)s from %(customer)s to assess"),
            number=claim.number,
            customer=claim.customer,
        ),
        claim.description[:300],
        claim.get_absolute_url(),
    )
    return claim


@verb
def assess_claim(actor, claim, defect_kind, exclusion="", finding="", version=None):
    """Record the cause and any exclusion found, and compute the cover again."""
    require(actor, "aftersales.assess_warrantyclaim", claim)
    check_version(claim, version)
    CLAIM_FLOW.check(claim, "assess")
    if defect_kind not in DefectKind.values or defect_kind == DefectKind.UNKNOWN:
        raise Invalid.field("defect_kind", _("Say what caused the failure."))
    if exclusion not in Exclusion.values:
        raise Invalid.field("exclusion", _("Choose an exclusion from the list."))
    if not (finding or "").strip():
        raise Invalid.field("finding", _("Describe what the assessment found."))
    claim.defect_kind, claim.exclusion, claim.finding = defect_kind, exclusion, finding
    claim.assessed_by, claim.assessed_at = actor, timezone.now()
    fields = _apply_coverage(claim)
    note = CoverageReason(claim.coverage_reason).label
    extra = ["defect_kind", "exclusion", "finding", "assessed_by", "assessed_at", *fields]
    return transition(claim, CLAIM_FLOW, "assess", str(note), extra_fields=extra)


def _check_decision(claim, decision, reason, ntf_analysis):
    if decision not in Decision.values:
        raise Invalid.field("decision", _("Choose the decision."))
    if decision == Decision.NTF:
        if not (ntf_analysis or "").strip():
            raise Invalid.field(
                "ntf_analysis",
                _("Analyse the part returned with no trouble found (IATF 16949 10.2.5)."),
            )
    elif decision in COVERED_DECISIONS and not claim.covered:
        raise Invalid.field(
            "decision",
            _("The claim is not covered (%(reason)s); it can only be rejected or found NTF.")
            % {"reason": CoverageReason(claim.coverage_reason).label},
        )
    elif decision == Decision.REJECT and claim.covered:
        raise Invalid.field(
            "decision", _("The claim is covered by 三包: repair, replace or refund it.")
        )
    # Repair comes first (能修则修); anything else says why.
    if decision != Decision.REPAIR and not (reason or "").strip():
        raise Invalid.field("decision_reason", _("Give the reason for this decision."))


@verb
def decide_claim(actor, claim, decision, reason="", ntf_analysis="", version=None):
    """Decide repair / replace / refund / reject, or record no trouble found; sign it."""
    require(actor, "aftersales.decide_warrantyclaim", claim)
    check_version(claim, version)
    CLAIM_FLOW.check(claim, "decide")
    _check_decision(claim, decision, reason, ntf_analysis)
    claim.decision, claim.decision_reason, claim.ntf_analysis = decision, reason, ntf_analysis
    claim.decided_by, claim.decided_at = actor, timezone.now()
    extra = ["decision", "decision_reason", "ntf_analysis", "decided_by", "decided_at"]
    transition(claim, CLAIM_FLOW, "decide", reason, extra_fields=extra)
    sign(actor, claim, SignatureMeaning.APPROVED, note=Decision(decision).label)
    notify(
        [claim.registered_by],
        Later(
            gettext_noop("三包 claim %(number)s decided: %(decision)s"),
            number=claim.number,
            decision=Decision(decision).label,
        ),
        reason,
        claim.get_absolute_url(),
    )
    return claim


@verb
def update_claim(actor, claim, data, version=None):
    """Edit the claim's facts or costs, refusing a save on an outdated copy; re-check cover."""
    require(actor, "aftersales.change_warrantyclaim", claim)
    check_version(claim, version)
    if claim.status not in (ClaimStatus.REGISTERED, ClaimStatus.ASSESSED, ClaimStatus.DECIDED):
        raise IllegalTransition(_("A closed or voided claim cannot be edited."))
    merged = {**{k: getattr(claim, k) for k in ("customer", "product")}, **data}
    merged.setdefault("description", claim.description)
    merged.setdefault("failed_on", claim.failed_on)
    _validate(merged)
    for name in COST_FIELDS:
        if data.get(name) is not None and data[name] < Decimal("0"):
            raise Invalid.field(name, _("A cost cannot be negative."))
    if merged["failed_on"] < claim.purchased_on:
        raise Invalid.field("failed_on", _("The failure date cannot be before the purchase."))
    changed = [k for k in [*EDITABLE, *COST_FIELDS] if k in data and getattr(claim, k) != data[k]]
    for name in changed:
        setattr(claim, name, data[name])
    if set(changed) & {"failed_on", "mileage_km"}:
        if claim.status == ClaimStatus.DECIDED:
            raise IllegalTransition(_("The claim is decided; its failure facts are final."))
        changed += _apply_coverage(claim)
    if changed:
        save_versioned(claim, changed)
    return claim


@verb
def close_claim(actor, claim, note=""):
    require(actor, "aftersales.change_warrantyclaim", claim)
    claim.closed_at = timezone.now()
    return transition(claim, CLAIM_FLOW, "close", note, extra_fields=["closed_at"])


@verb
def void_claim(actor, claim, reason):
    """Void a claim registered by mistake; it stays in the ledger (nothing is lost)."""
    require(actor, "aftersales.change_warrantyclaim", claim)
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for voiding."))
    claim.void_reason = reason
    return transition(claim, CLAIM_FLOW, "void", reason, extra_fields=["void_reason"])


@verb
def open_complaint(actor, claim, open_eightd=False):
    """Open a complaint for the claim through the complaint area's own verbs; with
    ``open_eightd`` Quality accepts it at once, which opens the 8D report and its CAPA."""
    from csc.complaints.actions import accept_complaint, register_complaint

    require(actor, "aftersales.change_warrantyclaim", claim)
    if claim.complaint_id:
        raise IllegalTransition(
            _("Complaint %(number)s is already open for this claim.")
            % {"number": claim.complaint.number}
        )
    complaint = register_complaint(
        actor,
        {
            "customer": claim.customer,
            "product": claim.product,
            "channel": "other",
            "category": "quality",
            "lot": claim.serial_no,
            "quantity_affected": Decimal(claim.quantity),
            "description": _("三包 claim %(number)s: %(text)s")
            % {"number": claim.number, "text": claim.description},
        },
    )
    if open_eightd:
        accept_complaint(actor, complaint, "complex", note=claim.number)
    claim.complaint = complaint
    save_versioned(claim, ["complaint"])
    return claim


@verb
def export_claims(actor, target, queryset=None):
    """Write the 三包 claim ledger the actor may see to ``target``; return the rows."""
    require(actor, "aftersales.export_warrantyclaim")
    queryset = WarrantyClaim.objects.all() if queryset is None else queryset
    visible = restrict(queryset, actor).order_by("registered_at", "id")
    count = write_workbook(
        target, _("三包 claim ledger"), ledger.export_headers(), ledger.export_rows(visible)
    )
    audit.record_export(WarrantyClaim, count)
    return count
