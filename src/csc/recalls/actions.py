"""Every write of a recall (RCL-1…5); pages, the API and the demo call these verbs only."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from csc.core import audit
from csc.core.actions import (
    check_version,
    notify,
    queue_email,
    save_versioned,
    sign,
    transition,
    verb,
)
from csc.core.choices import AuditAction, SignatureMeaning
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.core.later import Later
from csc.core.numbering import next_number
from csc.core.permissions import can, require
from csc.core.privacy import masked_address

from . import rules
from .choices import OPEN_STATUSES, Channel, Method, Party, RecallStatus, SampleResult, Trigger
from .models import ZERO, Disposition, Distribution, Lot, Notice, Recall, RetainedSample
from .rules import RECALL_FLOW

S_TRIGGERED, S_TEAM = RecallStatus.TRIGGERED, RecallStatus.TEAM_NAMED


def _users(perm):
    from csc.customers.actions import users_with_permission

    return users_with_permission(perm)


def _text(data, name, message):
    value = (data.get(name) or "").strip()
    if not value:
        raise Invalid.field(name, message)
    return value


def _quantity(data, name):
    try:
        value = Decimal(str(data.get(name, ZERO) or ZERO))
    except InvalidOperation:
        raise Invalid.field(name, _("Enter a number.")) from None
    if value < ZERO:
        raise Invalid.field(name, _("A quantity cannot be negative."))
    return value


def _log(recall, event, changes):
    """Note a change of one of the recall's rows on the recall's own trail (REC-3)."""
    audit.record(recall, AuditAction.UPDATE, {event: changes})


def _require_open(recall):
    if recall.status not in OPEN_STATUSES:
        raise IllegalTransition(_("The recall is closed; its record can no longer change."))


def may_work_on(user, recall):
    """The team (leader and members) works on a recall; Quality and the GM always may."""
    if not can(user, "recalls.change_recall"):
        return False
    if can(user, "recalls.approve_recall") or can(user, "recalls.supervise_disposition"):
        return True
    return recall.leader_id == user.pk or recall.team.filter(pk=user.pk).exists()


def _require_team(actor, recall):
    require(actor, "recalls.change_recall", recall)
    if not may_work_on(actor, recall):
        raise Denied(_("Only the recall team works on this recall."))
    _require_open(recall)


# --- 1. trigger, team, plan --------------------------------------------------------------


@verb
def trigger_recall(actor, data):
    """Open a recall from its trigger (RCL-1) and tell whoever names the team; return it."""
    require(actor, "recalls.add_recall")
    title = _text(data, "title", _("Say what is being recalled."))
    trigger = data.get("trigger")
    if trigger not in Trigger.values:
        raise Invalid.field("trigger", _("Choose where the recall was triggered from."))
    complaint = data.get("complaint")
    if trigger == Trigger.COMPLAINT and complaint is None:
        raise Invalid.field("complaint", _("Name the complaint that triggered the recall."))
    recall = Recall.objects.create(
        number=next_number("recall", "RL"),
        title=title[:200],
        trigger=trigger,
        trigger_detail=data.get("trigger_detail", ""),
        complaint=complaint if trigger == Trigger.COMPLAINT else None,
        created_by=actor,
    )
    notify(
        _users("recalls.approve_recall"),
        Later(gettext_noop("Recall %(number)s triggered: name the team"), number=recall.number),
        title,
        recall.get_absolute_url(),
    )
    return recall


@verb
def name_team(actor, recall, leader, members=(), note=""):
    """1. The GM names the leader and the members of the recall team (S3 召回小组)."""
    require(actor, "recalls.approve_recall", recall)
    if leader is None:
        raise Invalid.field("leader", _("Name the leader of the recall team."))
    recall.leader = leader
    transition(recall, RECALL_FLOW, "name_team", note, extra_fields=["leader"])
    recall.team.set([leader, *members])
    notify(
        recall.team.all(),
        Later(gettext_noop("You are on the team of recall %(number)s"), number=recall.number),
        recall.title,
        recall.get_absolute_url(),
    )
    return recall


@verb
def update_recall(actor, recall, data, version=None):
    """Edit the plan and the root cause while the recall is open (409 on a stale version)."""
    _require_team(actor, recall)
    check_version(recall, version)
    changed = [k for k in ("title", "trigger_detail", "plan", "root_cause") if k in data]
    if "plan" in changed and recall.status not in (S_TRIGGERED, S_TEAM):
        raise Invalid.field("plan", _("The plan was approved; it can no longer change."))
    for name in changed:
        setattr(recall, name, data[name])
    if changed:
        save_versioned(recall, changed)
    return recall


@verb
def approve_plan(actor, recall, note=""):
    """2. The GM approves the written plan; the team may then notify (S3 b)."""
    require(actor, "recalls.approve_recall", recall)
    if not recall.plan.strip():
        raise Invalid.field("plan", _("Write the recall plan before it is approved."))
    recall.plan_approved_by, recall.plan_approved_at = actor, timezone.now()
    transition(
        recall,
        RECALL_FLOW,
        "approve_plan",
        note,
        extra_fields=["plan_approved_by", "plan_approved_at"],
    )
    sign(actor, recall, SignatureMeaning.APPROVED, section="plan", note=note)
    notify(
        recall.team.all(),
        Later(
            gettext_noop("Recall plan %(number)s approved: notify the customers"),
            number=recall.number,
        ),
        recall.title,
        recall.get_absolute_url(),
    )
    return recall


# --- lots, distribution, samples ---------------------------------------------------------


@verb
def add_lot(actor, recall, data):
    """Add a lot by batch and production dates and compute who received it (RCL-2)."""
    _require_team(actor, recall)
    batch = _text(data, "batch", _("Give the batch number."))
    if data.get("product") is None:
        raise Invalid.field("product", _("Choose the product."))
    start, end = data.get("produced_from"), data.get("produced_to")
    if not start or not end or end < start:
        raise Invalid.field("produced_to", _("The production end cannot be before its start."))
    ship_from = data.get("shipped_from") or start
    ship_to = data.get("shipped_to") or timezone.localdate()
    if ship_to < ship_from:
        raise Invalid.field("shipped_to", _("The shipping window ends before it starts."))
    lot = Lot.objects.create(
        recall=recall,
        product=data["product"],
        batch=batch[:60],
        produced_from=start,
        produced_to=end,
        shipped_from=ship_from,
        shipped_to=ship_to,
        produced=_quantity(data, "produced"),
        in_stock=_quantity(data, "in_stock"),
    )
    _distribute(lot)
    _log(recall, "lot", {"batch": lot.batch, "product": lot.product_id})
    return lot


def _distribute(lot):
    shipped = rules.shipped_per_customer(lot.product_id, lot.shipped_from, lot.shipped_to)
    for customer_id, quantity in shipped.items():
        row, created = Distribution.objects.get_or_create(
            lot=lot, customer_id=customer_id, defaults={"shipped": quantity}
        )
        if not created and row.shipped != quantity:
            row.shipped = quantity
            row.save(update_fields=["shipped"])


@verb
def redistribute(actor, lot):
    """Compute again who received the lot (a late delivery note was entered)."""
    _require_team(actor, lot.recall)
    _distribute(lot)
    return lot


@verb
def record_sample(actor, recall, data):
    """Record a retained sample re-checked and its result (RCL-2)."""
    _require_team(actor, recall)
    result = data.get("result") or SampleResult.PENDING
    if result not in SampleResult.values:
        raise Invalid.field("result", _("Choose the result of the check."))
    checked = result != SampleResult.PENDING
    _log(recall, "retained_sample", {"reference": data.get("reference"), "result": result})
    return RetainedSample.objects.create(
        recall=recall,
        lot=data.get("lot"),
        reference=_text(data, "reference", _("Name the retained sample."))[:100],
        result=result,
        finding=data.get("finding", ""),
        checked_by=actor if checked else None,
        checked_at=timezone.now() if checked else None,
    )


# --- 3. notices ---------------------------------------------------------------------------


@verb
def record_notice(actor, recall, data):
    """Tell a customer or an authority: an e-mail goes through the outbox, a call is noted."""
    _require_team(actor, recall)
    if recall.status in (S_TRIGGERED, S_TEAM):
        raise IllegalTransition(_("Nobody is told before the GM approves the recall plan."))
    party, channel = data.get("party"), data.get("channel")
    if party not in Party.values:
        raise Invalid.field("party", _("Choose customer or authority."))
    if channel not in Channel.values:
        raise Invalid.field("channel", _("Choose e-mail or phone."))
    customer = data.get("customer") if party == Party.CUSTOMER else None
    authority = (data.get("authority") or "").strip() if party == Party.AUTHORITY else ""
    if party == Party.CUSTOMER and customer is None:
        raise Invalid.field("customer", _("Choose the customer."))
    if party == Party.AUTHORITY and not authority:
        raise Invalid.field("authority", _("Name the authority."))
    address = _text(data, "address", _("Give the e-mail address or phone number."))
    if channel == Channel.EMAIL:
        try:
            validate_email(address)
        except ValidationError:
            raise Invalid.field("address", _("Enter a valid e-mail address.")) from None
    text = _text(data, "text", _("Write the message, or the notes of the call."))
    email = None
    if channel == Channel.EMAIL:
        # In the customer's correspondence language (an authority reads the company's).
        language = getattr(customer, "language", "") or settings.LANGUAGE_CODE
        with override(language):
            subject = _("Product recall %(number)s: %(title)s") % {
                "number": recall.number,
                "title": recall.title,
            }
        email = queue_email([address], subject, text)
    _log(recall, "notice", {"party": party, "channel": channel, "address": masked_address(address)})
    return Notice.objects.create(
        recall=recall,
        party=party,
        customer=customer,
        authority=authority[:200],
        channel=channel,
        address=address[:254],
        text=text,
        email=email,
        notified_by=actor,
    )


@verb
def finish_notices(actor, recall, note=""):
    """Move on to the quantities once every customer who received the lots has been told."""
    _require_team(actor, recall)
    told = set(recall.notices.exclude(customer=None).values_list("customer", flat=True))
    receivers = Distribution.objects.filter(lot__recall=recall).exclude(customer__in=told)
    missing = sorted({row.customer.name for row in receivers.select_related("customer")})
    if missing:
        raise IllegalTransition(
            _("These customers received the lots and were not told yet: %(names)s.")
            % {"names": "、".join(missing)}
        )
    return transition(recall, RECALL_FLOW, "finish_notices", note)


# --- 4. quantities ------------------------------------------------------------------------


@verb
def set_lot_quantities(actor, lot, data):
    """Record what was produced and what is still in stock of a lot, and why they differ."""
    _require_team(actor, lot.recall)
    _set_quantities(lot, data, ("produced", "in_stock"))
    _log(lot.recall, "lot_quantities", {"batch": lot.batch, **_plain(data)})
    return lot


@verb
def set_distribution_quantities(actor, row, data):
    """Record where one customer's quantity went: returned, still there, destroyed there."""
    _require_team(actor, row.lot.recall)
    _set_quantities(row, data, ("returned", "at_customer", "destroyed_at_customer"))
    _log(row.lot.recall, "distribution", {"customer": row.customer_id, **_plain(data)})
    return row


def _plain(data):
    return {k: str(v) for k, v in data.items()}


def _set_quantities(obj, data, names):
    changed = [n for n in names if n in data]
    for name in changed:
        setattr(obj, name, _quantity(data, name))
    if "difference_note" in data:
        obj.difference_note = data["difference_note"] or ""
        changed.append("difference_note")
    if changed:
        obj.save(update_fields=changed)
    return obj


def _require_reconciled(recall):
    problems = rules.unexplained(recall)
    if not recall.lots.exists():
        problems.insert(0, _("Add at least one lot to the recall."))
    if problems:
        raise IllegalTransition(
            _("The quantities do not balance; explain each difference first: %(problems)s")
            % {"problems": " ".join(problems)}
        )


@verb
def finish_reconciliation(actor, recall, note=""):
    """Move on to the disposition once produced, shipped and returned quantities balance."""
    _require_team(actor, recall)
    _require_reconciled(recall)
    return transition(recall, RECALL_FLOW, "finish_reconciliation", note)


# --- 5. disposition, cause, closure, review ----------------------------------------------


@verb
def record_disposition(actor, lot, data):
    """Record recalled product destroyed, re-purposed or reworked under Quality (RCL-5)."""
    require(actor, "recalls.supervise_disposition", lot.recall)
    _require_open(lot.recall)
    method = data.get("method")
    if method not in Method.values:
        raise Invalid.field("method", _("Choose destroy, re-purpose or rework."))
    quantity = _quantity(data, "quantity")
    if quantity == ZERO:
        raise Invalid.field("quantity", _("Give the quantity disposed of."))
    _log(lot.recall, "disposition", {"method": method, "quantity": str(quantity)})
    return Disposition.objects.create(
        lot=lot, method=method, quantity=quantity, note=data.get("note", ""), supervised_by=actor
    )


@verb
def open_corrective_action(actor, recall):
    """Open the corrective action of the recall in the shared action system (CMP-10)."""
    _require_team(actor, recall)
    if recall.capa_id:
        raise IllegalTransition(_("This recall already has its corrective action."))
    if not recall.root_cause.strip():
        raise Invalid.field("root_cause", _("Write the root cause before opening the action."))
    from csc.capa.actions import open_capa

    recall.capa = open_capa(
        actor,
        source="other",
        category="quality",
        title=_("Recall %(number)s: %(title)s") % {"number": recall.number, "title": recall.title},
        description=recall.root_cause,
        source_record=recall,
    )
    save_versioned(recall, ["capa"])
    return recall


@verb
def close_recall(actor, recall, note=""):
    """Close: quantities reconciled, product disposed of, root cause and action on record."""
    require(actor, "recalls.close_recall", recall)
    RECALL_FLOW.check(recall, "close")
    _require_reconciled(recall)
    if not Disposition.objects.filter(lot__recall=recall).exists():
        raise IllegalTransition(_("Record what was done with the recalled product first."))
    if not recall.root_cause.strip() or not recall.capa_id:
        raise IllegalTransition(
            _("Record the root cause and open its corrective action before closing.")
        )
    recall.closed_at = timezone.now()
    transition(recall, RECALL_FLOW, "close", note, extra_fields=["closed_at"])
    sign(actor, recall, SignatureMeaning.APPROVED, section="closure", note=note)
    notify(
        _users("recalls.review_recall"),
        Later(
            gettext_noop("Recall %(number)s closed: review the recall procedure"),
            number=recall.number,
        ),
        recall.title,
        recall.get_absolute_url(),
    )
    return recall


@verb
def review_procedure(actor, recall, text):
    """Record whether the recall procedure proved suitable (S3 d, last step)."""
    require(actor, "recalls.review_recall", recall)
    if not (text or "").strip():
        raise Invalid.field("procedure_review", _("Say whether the recall procedure worked."))
    recall.procedure_review, recall.reviewed_at = text, timezone.now()
    transition(
        recall, RECALL_FLOW, "review", text, extra_fields=["procedure_review", "reviewed_at"]
    )
    sign(actor, recall, SignatureMeaning.REVIEWED, section="procedure", note=text)
    return recall


@verb
def export_recalls(actor, target, queryset=None):
    """Write the recall ledger the actor may see to ``target``; return the rows."""
    from csc.core import audit, xlsx
    from csc.core.permissions import restrict

    from . import ledger

    require(actor, "recalls.view_recall")
    visible = restrict(Recall.objects.all() if queryset is None else queryset, actor)
    count = xlsx.write_workbook(
        target,
        _("Recall ledger"),
        ledger.export_headers(),
        ledger.export_rows(visible.order_by("created_at", "id")),
    )
    audit.record_export(Recall, count)
    return count
