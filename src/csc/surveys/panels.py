"""The surveys section of the customer 360° page (CUS-6): the customer's scores over time."""

from csc.core import charts
from csc.core.permissions import can

from . import stats
from .rules import ROUNDING_RULE


def customer_scores(customer, user):
    """Return the panel's context, or None when the user may not see survey answers."""
    if not can(user, "surveys.view_surveyresponse", customer):
        return None
    history = stats.customer_history(customer)
    points = [
        (f"{row['round__period_end']:%Y-%m}", row["satisfaction"], "") for row in history[-12:]
    ]
    return {
        "customer": customer,
        "history": history[-12:][::-1],
        "chart": charts.trend(points, name=str(customer), height=180) if len(points) > 1 else "",
        "rounding": ROUNDING_RULE,
    }
