"""The after-sales section of the customer 360° page (CUS-6): 三包 claims and warnings."""

from csc.core.permissions import can, restrict

from .kpis import claim_figures
from .models import EarlyWarning, WarrantyClaim

SHOWN = 8


def customer_panel(customer, user):
    """Return the panel's context for one customer, or None when the user may not see it."""
    if not can(user, "aftersales.view_warrantyclaim"):
        return None
    claims = restrict(WarrantyClaim.objects.filter(customer=customer), user)
    warnings = restrict(EarlyWarning.objects.filter(customer=customer), user)
    return {
        "customer": customer,
        "claims": claims.select_related("product")[:SHOWN],
        "figures": claim_figures(claims),
        "warnings": warnings[:SHOWN],
    }
