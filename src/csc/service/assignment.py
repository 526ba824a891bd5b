"""Who handles a new request (SVC-2): the first matching rule picks the team, the team's
strategy picks the member. Reads only; the verbs in actions.py write the choice."""

from django.db.models import Count, Q

from .choices import OPEN_STATUSES, Strategy
from .models import AssignmentRule


def rule_for(request):
    """Return the first AssignmentRule whose filled-in conditions all match, or None.

    A company keeps a handful of rules: reading them in their order and matching here costs
    less than building the four-way condition in SQL for every new request.
    """
    product_line = request.product.product_line if request.product_id else ""
    region = request.customer.region
    for rule in AssignmentRule.objects.select_related("team"):
        if (
            rule.category in ("", request.category)
            and rule.product_line in ("", product_line)
            and rule.customer_id in (None, request.customer_id)
            and rule.region in ("", region)
        ):
            return rule
    return None


def pick_handler(team):
    """Return the member of ``team`` who gets the next request, or None for an empty team."""
    members = team.members.filter(is_active=True).order_by("id")
    if team.strategy == Strategy.LEAST_LOADED:
        loaded = members.annotate(
            load=Count("service_requests", filter=Q(service_requests__status__in=OPEN_STATUSES))
        )
        return loaded.order_by("load", "id").first()
    after = team.last_assigned_id or 0
    return members.filter(id__gt=after).first() or members.first()
