"""What waits for a user in after-sales, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, restrict

from .choices import ClaimStatus, FieldStatus, ReturnStatus, WarningStatus
from .models import EarlyWarning, FieldServiceRecord, RepairReturn, SparePart, WarrantyClaim


def work_for(user):
    """Return [(title, url, count)]: 三包 claims to assess or decide, early warnings to handle,
    field work (installation problems to report, receipts to get signed, parts to issue,
    repair returns to count in)."""
    items = []
    claims = reverse("aftersales:claims")
    visible = restrict(WarrantyClaim.objects.all(), user)
    if can(user, "aftersales.assess_warrantyclaim"):
        count = queue_count(visible.filter(status=ClaimStatus.REGISTERED))
        items.append((_("三包 claims to assess"), f"{claims}?status=registered", count))
    if can(user, "aftersales.decide_warrantyclaim"):
        count = queue_count(visible.filter(status=ClaimStatus.ASSESSED))
        items.append((_("三包 claims to decide"), f"{claims}?status=assessed", count))
    warnings = reverse("aftersales:warnings")
    seen = restrict(EarlyWarning.objects.all(), user)
    if can(user, "aftersales.analyse_earlywarning"):
        count = queue_count(seen.filter(status=WarningStatus.OPEN))
        items.append((_("Early warnings to analyse"), f"{warnings}?status=open", count))
    if can(user, "aftersales.notify_earlywarning"):
        count = queue_count(seen.filter(status=WarningStatus.ANALYSED))
        items.append((_("Early warnings to tell the customer"), f"{warnings}?status=analysed", count))  # fmt: skip
    return items + _field_work(user)


def _field_work(user):
    from django.db.models import F

    items = []
    field = reverse("aftersales:field-records")
    records = restrict(FieldServiceRecord.objects.all(), user)
    if can(user, "aftersales.change_fieldservicerecord"):
        due = records.filter(report_due_at__isnull=False, reported_at__isnull=True).exclude(status=FieldStatus.VOID)  # fmt: skip
        items.append((_("Installation problems to report within 24 h"), f"{field}?stage=installation", queue_count(due)))  # fmt: skip
        waiting = queue_count(records.filter(status=FieldStatus.COMPLETED))
        items.append((_("Service receipts to get signed"), f"{field}?status=completed", waiting))
    if can(user, "aftersales.issue_sparepart"):
        parts = restrict(SparePart.objects.filter(issued__lt=F("requested")), user)
        items.append((_("Spare parts to issue"), f"{field}?status=open", queue_count(parts)))
    if can(user, "aftersales.receive_repairreturn"):
        returns = queue_count(restrict(RepairReturn.objects.filter(status=ReturnStatus.SENT), user))
        items.append((_("Repair returns to count in"), reverse("aftersales:repair-returns") + "?status=sent", returns))  # fmt: skip
    return items
