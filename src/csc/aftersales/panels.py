"""The after-sales sections of the customer 360° page (CUS-6): 三包 claims and warnings;
field service jobs, receipts and repair returns."""

from csc.core.permissions import can, restrict

from .kpis import claim_figures
from .models import EarlyWarning, FieldServiceRecord, RepairReturn, WarrantyClaim

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


def field_panel(customer, user):
    """Return the field service panel's context (jobs, hours, receipts), or None."""
    from django.db.models import Count, Sum

    if not can(user, "aftersales.view_fieldservicerecord"):
        return None
    records = restrict(FieldServiceRecord.objects.filter(customer=customer), user)
    figures = records.exclude(status="void").aggregate(
        jobs=Count("id"), hours=Sum("work_hours"), signed=Count("receipt")
    )
    returns = restrict(RepairReturn.objects.filter(customer=customer), user).count()
    return {
        "customer": customer,
        "records": records.defer("defect", "result")[:SHOWN],
        "figures": figures,
        "returns": returns,
    }
