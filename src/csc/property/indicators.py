"""Customer property indicator for the indicator list: damage and loss (target 0, S3)."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.kpi.indicators import LOWER, Indicator, Measure

from . import kpis
from .conf import setting
from .models import Anomaly


def damage(starts):
    first, last = min(starts), max(starts)
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    table = kpis.damage_by_month(Anomaly.objects.all(), months=months, today=last)
    return {row["month"]: Measure(Decimal(row["total"])) for row in table if row["month"] in starts}


def anomalies_of(start, end):
    return f"{reverse('property:anomalies')}?reported_after={start:%Y-%m-%d}"


INDICATORS = [
    Indicator(
        "property_damage",
        _("Customer property damaged or lost"),
        _("Confirmed damage and loss of customer property reported in the month (target 0)."),
        "count",
        LOWER,
        source="property",
        owner=Role.WAREHOUSE,
        series=damage,
        drill=anomalies_of,
        order=40,
        clause="ISO 9001 8.5.3",
        extra={"target": lambda: setting("PROPERTY_DAMAGE_TARGET")},
    ),  # fmt: skip
]
