"""Condition checks and the condition log of tooling and equipment (PRP-7)."""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit
from csc.core.actions import notify, save_versioned, verb
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.permissions import require, users_with_permission

from ..choices import AnomalyKind, CheckResult, CheckStatus, ItemStatus
from ..conf import setting
from ..models import ConditionCheck, PropertyItem
from ..rules import CHECK_FLOW
from . import common
from .anomalies import new_anomaly


@verb
def record_check(actor, item, result, note="", temperature="", humidity="", on=None):
    """Record a condition check: it completes the item's open periodic check (or is a log entry
    of its own) and schedules the next one. Damage found is reported as an anomaly."""
    require(actor, "property.check_property", item)
    if result not in CheckResult.values:
        raise Invalid.field("result", _("Choose the condition found."))
    note = (note or "").strip()
    if result != CheckResult.OK and not note:
        raise Invalid.field("note", _("Describe the condition found."))
    on = common.day(on, "checked_on")
    item = common.held(common.locked(item))
    check = item.checks.filter(status=CheckStatus.DUE).first() or ConditionCheck(item=item)
    CHECK_FLOW.apply(check, "record")
    check.checked_on, check.checked_by = on, actor
    check.result, check.note = result, note
    check.temperature, check.humidity = (temperature or "")[:40], (humidity or "")[:40]
    check.save()
    if item.check_interval_days:
        item.next_check_due = on + dt.timedelta(days=item.check_interval_days)
        save_versioned(item, ["next_check_due"])
    else:
        common.item_event(item, {"condition": result}, note)
    if result == CheckResult.DAMAGED:
        new_anomaly(actor, item, AnomalyKind.DAMAGE, note)
    return check


@verb
def schedule_condition_checks(actor=None, today=None):
    """Open the periodic checks falling due and flag the overdue ones; return the counts.

    Run daily by the worker (``tasks.condition_checks``). Set-based: one INSERT … of the items
    due without an open check, one UPDATE of the checks past their date.
    """
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=setting("PROPERTY_CHECK_LEAD_DAYS"))
    open_check = ConditionCheck.objects.filter(item=OuterRef("pk"), status=CheckStatus.DUE)
    due = (
        PropertyItem.objects.filter(
            status=ItemStatus.ACTIVE,
            check_interval_days__isnull=False,
            next_check_due__lte=horizon,
        )
        .exclude(Exists(open_check))
        .values_list("pk", "next_check_due")
    )
    created = audit.create_all(
        ConditionCheck, (ConditionCheck(item_id=pk, due_on=when) for pk, when in due.iterator())
    )
    flagged = audit.update_all(
        ConditionCheck.objects.filter(status=CheckStatus.DUE, due_on__lt=today, overdue=False),
        overdue=True,
    )
    if flagged:
        _tell_checkers(flagged)
    return {"opened": len(created), "flagged_overdue": flagged}


def _tell_checkers(count):
    from django.urls import reverse

    notify(
        users_with_permission("property.check_property"),
        Later(
            gettext_noop("%(count)s condition checks of customer property are overdue"), count=count
        ),
        "",
        reverse("property:checks") + "?overdue=true",
        email=False,
    )
