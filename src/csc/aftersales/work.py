"""What waits for a user in after-sales, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.permissions import can, restrict

from .choices import ClaimStatus
from .models import WarrantyClaim


def work_for(user):
    """Return [(title, url, count)]: 三包 claims to assess or decide."""
    items = []
    claims = reverse("aftersales:claims")
    visible = restrict(WarrantyClaim.objects.all(), user)
    if can(user, "aftersales.assess_warrantyclaim"):
        count = visible.filter(status=ClaimStatus.REGISTERED).count()
        items.append((_("三包 claims to assess"), f"{claims}?status=registered", count))
    if can(user, "aftersales.decide_warrantyclaim"):
        count = visible.filter(status=ClaimStatus.ASSESSED).count()
        items.append((_("三包 claims to decide"), f"{claims}?status=assessed", count))
    return items
