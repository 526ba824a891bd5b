"""After-sales indicators for the indicator list: field returns and the NTF rate (IATF 10.2.5)."""

from decimal import Decimal

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.core.periods import by_month, months_period
from csc.kpi.indicators import LOWER, Indicator, Measure

from .kpis import claim_figures
from .models import WarrantyClaim


def field_returns(starts):
    period = months_period(min(starts), max(starts))
    counts = by_month(WarrantyClaim.objects.all(), "registered_at", period, Count("pk"))
    return {m.first: Measure(Decimal(counts.get(m.label, 0))) for m in period.months}


def ntf_rate(starts):
    found = {}
    for month in months_period(min(starts), max(starts)).months:
        decided = WarrantyClaim.objects.filter(
            decided_at__gte=month.start, decided_at__lt=month.end
        )
        figures = claim_figures(decided)
        rate = figures["ntf_rate"]
        found[month.first] = Measure(
            None if rate is None else Decimal(str(rate)),
            Decimal(figures["ntf"]),
            Decimal(figures["decided"]),
        )
    return found


def claims_of(start, end):
    return f"{reverse('aftersales:claims')}?registered_from={start:%Y-%m-%d}"


INDICATORS = [
    Indicator(
        "field_returns",
        _("Field returns (warranty claims)"),
        _("Warranty (三包) claims registered in the month: parts failed in the field."),
        "count",
        LOWER,
        source="aftersales",
        owner=Role.SERVICE,
        series=field_returns,
        drill=claims_of,
        order=60,
        clause="IATF 10.2.6",
    ),  # fmt: skip
    Indicator(
        "ntf_rate",
        _("No trouble found (NTF) rate"),
        _("Claims decided “no trouble found” ÷ claims decided in the month (IATF 10.2.5)."),
        "%",
        LOWER,
        source="aftersales",
        owner=Role.QUALITY,
        series=ntf_rate,
        drill=claims_of,
        order=61,
        clause="IATF 10.2.5",
    ),  # fmt: skip
]
