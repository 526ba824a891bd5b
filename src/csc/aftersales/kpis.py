"""After-sales figures computed in SQL: the NTF rate (IATF 16949 10.2.5) and claim cost."""

from django.db.models import Count, Q, Sum

from .choices import Decision


def claim_figures(claims):
    """Return decided, NTF count, NTF rate (%) and total cost of a queryset of claims."""
    figures = claims.aggregate(
        claims=Count("id"),
        decided=Count("id", filter=~Q(decision="")),
        ntf=Count("id", filter=Q(decision=Decision.NTF)),
        parts=Sum("parts_cost"),
        labour=Sum("labour_cost"),
        freight=Sum("freight_cost"),
    )
    decided = figures["decided"]
    figures["ntf_rate"] = round(100 * figures["ntf"] / decided, 1) if decided else None
    figures["cost"] = sum(figures[k] or 0 for k in ("parts", "labour", "freight"))
    return figures
