"""Writes of the action system; other areas open actions through ``open_capa``."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext_lazy

from csc.core.actions import (
    check_version,
    notify,
    read_verb,
    save_step,
    save_versioned,
    sign,
    transition,
    verb,
)
from csc.core.bulk import each_or_none, remind_open
from csc.core.choices import SignatureMeaning
from csc.core.errors import Denied, Invalid
from csc.core.later import Later
from csc.core.models import Department
from csc.core.numbering import next_number
from csc.core.permissions import can, is_customer_user, require, restrict

from .choices import OPEN_STATUSES, Category, Source
from .conf import setting
from .models import Capa
from .rules import CAPA_FLOW, route

EDITABLE = ["title", "description", "root_cause", "action_taken", "owner", "due_date"]


@verb
def open_capa(
    actor,
    *,
    source,
    category,
    title,
    description="",
    source_record=None,
    customer=None,
    due_date=None,
):
    """Open an action routed by category and tell the responsible department; return it.

    Callers are the areas' own verbs (a complaint accepted, a survey trigger…), which have
    checked their own permissions; the action is attributed to ``actor``.
    """
    responsible, assisting = route(category)
    department = Department.objects.get(code=responsible)
    capa = Capa.objects.create(
        number=next_number("capa", "CAPA"),
        source=source,
        source_type=ContentType.objects.get_for_model(source_record) if source_record else None,
        source_id=str(source_record.pk) if source_record else "",
        source_label=str(getattr(source_record, "number", "") or "")[:60],
        customer=customer,
        category=category,
        title=title[:200],
        description=description,
        department=department,
        due_date=due_date or timezone.localdate() + dt.timedelta(days=setting("CAPA_DEFAULT_DAYS")),
    )
    capa.assisting.set(Department.objects.filter(code__in=assisting))
    notify(
        department.members.filter(is_active=True),
        Later(gettext_noop("Corrective action %(number)s for your department"), number=capa.number),
        title,
        capa.get_absolute_url(),
    )
    return capa


@verb
def create_capa(actor, data):
    """Open an action by hand (an audit finding, an internal problem); return it."""
    require(actor, "capa.manage_capa")
    if not (data.get("title") or "").strip():
        raise Invalid.field("title", _("Give the action a title."))
    capa = open_capa(
        actor,
        source=data.get("source") or Source.OTHER,
        category=data.get("category") or Category.OTHER,
        title=data["title"],
        description=data.get("description", ""),
        customer=data.get("customer"),
        due_date=data.get("due_date"),
    )
    if data.get("owner"):
        capa.owner = data["owner"]
        save_versioned(capa, ["owner"])
    return capa


def may_work_on(user, capa):
    """Members of the responsible department work on an action; managers of actions too."""
    if can(user, "capa.manage_capa", capa):
        return True
    return can(user, "capa.change_capa", capa) and user.department_id == capa.department_id


def _require_worker(actor, capa):
    require(actor, "capa.change_capa", capa)
    if not may_work_on(actor, capa):
        raise Denied(
            _("Only %(department)s works on this action.") % {"department": capa.department}
        )


@verb
def update_capa(actor, capa, data, version=None):
    """Edit what the action says and who owns it, refusing a save on an outdated copy."""
    _require_worker(actor, capa)
    check_version(capa, version)
    if capa.status not in OPEN_STATUSES:
        raise Invalid.field("status", _("A closed or cancelled action cannot be edited."))
    changed = [k for k in EDITABLE if k in data and getattr(capa, k) != data[k]]
    for name in changed:
        setattr(capa, name, data[name])
    if changed:
        save_versioned(capa, changed)
    return capa


@verb
def start_capa(actor, capa, note=""):
    _require_worker(actor, capa)
    capa.started_at = timezone.now()
    if capa.owner_id is None:
        capa.owner = actor
    return transition(capa, CAPA_FLOW, "start", note, extra_fields=["started_at", "owner"])


@verb
def submit_capa(actor, capa, action_taken="", note=""):
    """Report the action done and ask for verification of its effectiveness."""
    _require_worker(actor, capa)
    if action_taken:
        capa.action_taken = action_taken
    if not capa.action_taken.strip():
        raise Invalid.field("action_taken", _("Say what action was taken."))
    capa.submitted_at = timezone.now()
    transition(capa, CAPA_FLOW, "submit", note, extra_fields=["action_taken", "submitted_at"])
    from csc.core.permissions import users_with_permission

    notify(
        users_with_permission("capa.verify_capa"),
        Later(
            gettext_noop("Corrective action %(number)s waits for verification"), number=capa.number
        ),
        capa.title,
        capa.get_absolute_url(),
    )
    return capa


@verb
def verify_capa(actor, capa, verification):
    """Close the action: its effectiveness was verified (required, CMP-10)."""
    require(actor, "capa.verify_capa", capa)
    if not (verification or "").strip():
        raise Invalid.field(
            "verification", _("Describe how the effectiveness was verified before closing.")
        )
    now = timezone.now()
    capa.verification, capa.verified_by, capa.verified_at, capa.closed_at = (
        verification,
        actor,
        now,
        now,
    )
    transition(
        capa,
        CAPA_FLOW,
        "verify",
        verification,
        extra_fields=["verification", "verified_by", "verified_at", "closed_at"],
    )
    sign(actor, capa, SignatureMeaning.APPROVED, note=verification)
    return capa


@verb
def reject_capa(actor, capa, note):
    """Send the action back: not effective yet."""
    require(actor, "capa.verify_capa", capa)
    if not (note or "").strip():
        raise Invalid.field("note", _("Say why the action is not effective yet."))
    transition(capa, CAPA_FLOW, "reject", note)
    if capa.owner_id:
        notify(
            [capa.owner],
            Later(
                gettext_noop("Corrective action %(number)s is not effective yet"),
                number=capa.number,
            ),
            note,
            capa.get_absolute_url(),
        )
    return capa


@verb
def cancel_capa(actor, capa, reason):
    require(actor, "capa.manage_capa", capa)
    if not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for cancelling."))
    capa.cancel_reason = reason
    return transition(capa, CAPA_FLOW, "cancel", reason, extra_fields=["cancel_reason"])


def capas_of(record):
    """Return the actions opened from ``record``."""
    return Capa.objects.filter(
        source_type=ContentType.objects.get_for_model(record), source_id=str(record.pk)
    )


# --- work on the actions ticked in the list (IF-1 bulk actions) ---------------------------


@verb
def assign_capa(actor, capa, owner, reason="", version=None):
    """Make ``owner`` answer for an open action; they are told. A change of owner needs a
    reason, kept in the history."""
    require(actor, "capa.manage_capa", capa)
    check_version(capa, version)
    if owner is None or not owner.is_active or is_customer_user(owner):
        raise Invalid.field("owner", _("Choose the owner from the staff."))
    if capa.status not in OPEN_STATUSES:
        raise Invalid.field("owner", _("A closed or cancelled action cannot be edited."))
    if capa.owner_id == owner.pk:
        return capa
    if capa.owner_id is not None and not (reason or "").strip():
        raise Invalid.field("reason", _("Give the reason for the reassignment."))
    capa.owner = owner
    save_step(capa, ["owner"], note=reason or "")
    notify(
        [owner],
        Later(gettext_noop("Corrective action %(number)s is yours"), number=capa.number),
        capa.title,
        capa.get_absolute_url(),
    )
    return capa


@verb
def assign_capas(actor, capas, owner, reason=""):
    """Give every action of a selection to one owner, all or none."""
    return each_or_none(
        capas,
        lambda capa: assign_capa.__wrapped__(actor, capa, owner, reason),
        _("Tick the actions to assign."),
    )


@verb
def remind_capas(actor, capas):
    """Remind the owner of each ticked open action (else its department's head); each
    action's history records the reminder once."""
    return remind_open(
        actor, capas, "capa.manage_capa", OPEN_STATUSES, _("Tick the actions to remind of."),
        people_of=_answerable, subject=_actions_waiting, list_url=reverse("capa:list"),
    )  # fmt: skip


def _answerable(capa):
    if capa.owner_id:
        return [capa.owner]
    return [capa.department.head] if capa.department.head_id else []


def _actions_waiting(count):
    return Later(
        ngettext_lazy(
            "Reminder: %(count)s corrective action waits for you",
            "Reminder: %(count)s corrective actions wait for you",
            "count",
        ),
        count=count,
    )


@read_verb
def export_capas(actor, target, queryset):
    """Write the actions of ``queryset`` the actor may see to ``target``; return the rows."""
    from csc.core import audit, xlsx

    from . import ledger

    require(actor, "capa.view_capa")
    visible = restrict(queryset, actor).order_by("created_at", "id")
    count = xlsx.write_workbook(
        target, _("Corrective actions"), ledger.export_headers(), ledger.export_rows(visible)
    )
    audit.record_export(Capa, count)
    return count
