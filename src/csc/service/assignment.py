"""Who handles a new request (SVC-2): the first matching rule picks the team, the team's
strategy picks the member. Reads only; the verbs in actions.py write the choice."""

from django.db.models import Count, Q

from .choices import OPEN_STATUSES, Strategy
from .models import AssignmentRule


def rule_for(request):
    """Return the first AssignmentRule whose filled-in conditions all match, or None."""
    product_line = request.product.product_line if request.product_id else ""
    region = request.customer.region
    matching = (
        AssignmentRule.objects.select_related("team")
        .filter(Q(category="") | Q(category=request.category))
        .filter(Q(product_line="") | Q(product_line=product_line))
        .filter(Q(customer__isnull=True) | Q(customer_id=request.customer_id))
        .filter(Q(region="") | Q(region=region))
    )
    return matching.first()


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
