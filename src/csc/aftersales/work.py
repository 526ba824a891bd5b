"""What waits for a user in after-sales, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.permissions import can, restrict

from .choices import ClaimStatus, WarningStatus
from .models import EarlyWarning, WarrantyClaim


def work_for(user):
    """Return [(title, url, count)]: 三包 claims to assess or decide, early warnings to handle."""
    items = []
    claims = reverse("aftersales:claims")
    visible = restrict(WarrantyClaim.objects.all(), user)
    if can(user, "aftersales.assess_warrantyclaim"):
        count = visible.filter(status=ClaimStatus.REGISTERED).count()
        items.append((_("三包 claims to assess"), f"{claims}?status=registered", count))
    if can(user, "aftersales.decide_warrantyclaim"):
        count = visible.filter(status=ClaimStatus.ASSESSED).count()
        items.append((_("三包 claims to decide"), f"{claims}?status=assessed", count))
    warnings = reverse("aftersales:warnings")
    seen = restrict(EarlyWarning.objects.all(), user)
    if can(user, "aftersales.analyse_earlywarning"):
        count = seen.filter(status=WarningStatus.OPEN).count()
        items.append((_("Early warnings to analyse"), f"{warnings}?status=open", count))
    if can(user, "aftersales.notify_earlywarning"):
        count = seen.filter(status=WarningStatus.ANALYSED).count()
        items.append((_("Early warnings to tell the customer"), f"{warnings}?status=analysed", count))  # fmt: skip
    return items
