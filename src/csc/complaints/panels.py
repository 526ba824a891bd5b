"""The complaints and returns section of the customer 360° page (CUS-6)."""

from django.utils import timezone

from csc.core.permissions import can, restrict

from . import kpis
from .models import Complaint, Return

SHOWN = 8


def customer_panel(customer, user):
    """Return the panel's context for one customer, or None when the user may not see it."""
    if not can(user, "complaints.view_complaint"):
        return None
    complaints = restrict(Complaint.objects.filter(customer=customer), user)
    returns = restrict(Return.objects.filter(customer=customer), user)
    period = kpis.year_period(timezone.localdate().year)
    total = kpis.period_totals(complaints, period, customer)
    return {
        "customer": customer,
        "complaints": complaints.select_related("product")[:SHOWN],
        "complaint_count": complaints.count(),
        "returns": returns.select_related("product")[:SHOWN]
        if can(user, "complaints.view_return")
        else [],
        "return_count": returns.count() if can(user, "complaints.view_return") else 0,
        "year": period.first.year,
        "kpi": total,
    }
