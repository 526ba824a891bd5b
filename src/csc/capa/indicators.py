"""CAPA indicator for the indicator list: corrective actions closed by their due date."""

from decimal import Decimal

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.core.periods import by_month, months_period
from csc.kpi.indicators import HIGHER, Indicator, Measure, percent

from .choices import CapaStatus
from .models import Capa


def on_time(starts, now=None):
    """Per month of the due date: CAPAs closed by it ÷ CAPAs due (closed, or open past it)."""
    today = timezone.localdate(now)
    period = months_period(min(starts), max(starts))
    capas = Capa.objects.exclude(status=CapaStatus.CANCELLED)
    closed_in_time = Q(closed_at__isnull=False, closed_at__date__lte=F("due_date"))
    due = Q(closed_at__isnull=False) | Q(due_date__lt=today)
    kept = by_month(capas, "due_date", period, Count("pk", filter=closed_in_time), dates=True)
    owed = by_month(capas, "due_date", period, Count("pk", filter=due), dates=True)
    return {
        m.first: Measure(
            percent(kept.get(m.label, 0), owed.get(m.label, 0)),
            Decimal(kept.get(m.label, 0)),
            Decimal(owed.get(m.label, 0)),
        )
        for m in period.months
    }


def capas_of(start, end):
    return reverse("capa:list")


INDICATORS = [
    Indicator(
        "capa_on_time",
        _("Corrective actions closed on time"),
        _(
            "CAPAs closed by their due date ÷ CAPAs due in the month (closed, or still open past it)."
        ),  # fmt: skip
        "%",
        HIGHER,
        source="capa",
        owner=Role.QUALITY,
        series=on_time,
        drill=capas_of,
        order=30,
        clause="ISO 9001 10.2",
    ),  # fmt: skip
]
