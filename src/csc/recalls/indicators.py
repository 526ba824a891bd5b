"""Recall indicator for the indicator list: recalls triggered per month (target 0)."""

from decimal import Decimal

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.core.periods import by_month, months_period
from csc.kpi.indicators import LOWER, Indicator, Measure

from .models import Recall


def triggered(starts):
    period = months_period(min(starts), max(starts))
    counts = by_month(Recall.objects.all(), "created_at", period, Count("pk"))
    return {m.first: Measure(Decimal(counts.get(m.label, 0))) for m in period.months}


def recalls_of(start, end):
    return reverse("recalls:list")


INDICATORS = [
    Indicator(
        "recalls",
        _("Product recalls"),
        _(
            "Recalls triggered in the month, whatever their source (inspection, complaint, authority, media)."
        ),  # fmt: skip
        "count",
        LOWER,
        source="recalls",
        owner=Role.QUALITY,
        series=triggered,
        drill=recalls_of,
        order=70,
        clause="IATF 8.7.1",
    ),  # fmt: skip
]
