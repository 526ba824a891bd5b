"""The recall section of the customer 360° page: lots this customer received and was told of."""

from django.db.models import Sum

from csc.core.permissions import can

from .models import Distribution


def customer_panel(customer, user):
    """Return the panel's context for one customer, or None when the user may not see it."""
    if not can(user, "recalls.view_recall"):
        return None
    rows = (
        Distribution.objects.filter(customer=customer)
        .values("lot__recall", "lot__recall__number", "lot__recall__title", "lot__recall__status")
        .annotate(shipped=Sum("shipped"), at_customer=Sum("at_customer"))
        .order_by("-lot__recall")
    )
    return {"customer": customer, "recalls": list(rows[:8])}
