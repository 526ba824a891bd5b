"""The scorecard section of the customer 360° page."""

from csc.core.permissions import can

from . import scorecard


def customer_panel(customer, user):
    """Return the panel's context, or None when the user may not see indicators."""
    if not can(user, "kpi.view_kpi"):
        return None
    first, last = scorecard.window()
    return {"customer": customer, "lines": scorecard.lines(customer), "first": first, "last": last}
