"""Complaint indicators for the indicator list, computed by this area's own KPI functions."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.core.periods import months_period
from csc.kpi.indicators import HIGHER, LOWER, Indicator, Measure, shared

from . import kpis
from .models import Complaint


def _monthly(starts):
    def compute():
        period = months_period(min(starts), max(starts))
        return {m.first: row for m, row in zip(period.months, kpis.monthly(Complaint.objects.all(), period), strict=True)}  # fmt: skip

    return shared(("complaints.monthly", min(starts), max(starts)), compute)


def complaint_rate(starts):
    return {
        first: Measure(row["rate"], Decimal(row["complaints"]), Decimal(row["shipments"]))
        for first, row in _monthly(starts).items()
    }


def ppm(starts):
    return {
        first: Measure(row["ppm"], row["rejected"], row["delivered"])
        for first, row in _monthly(starts).items()
    }


def _by_month(starts, figure):
    period = months_period(min(starts), max(starts))
    found = figure(Complaint.objects.all(), period)
    measures = {}
    for month in period.months:
        on_time, due, rate = found.get(month.label, (0, 0, None))
        measures[month.first] = Measure(rate, Decimal(on_time), Decimal(due))
    return measures


def reply_on_time(starts):
    """From the monthly rows the rate and PPM come from: the same pass over the complaints."""
    measures = {}
    for first, row in _monthly(starts).items():
        on_time, due, rate = row["reply_on_time"]
        measures[first] = Measure(rate, Decimal(on_time), Decimal(due))
    return measures


def eightd_on_time(starts):
    return _by_month(starts, kpis.eightd_on_time_by_month)


def repeat_rate(starts):
    period = months_period(min(starts), max(starts))
    found = kpis.recurrence_by_month(period)
    return {
        m.first: Measure(found[m.label][2], Decimal(found[m.label][0]), Decimal(found[m.label][1]))
        for m in period.months
        if m.label in found
    }


def complaints_of(start, end):
    return f"{reverse('complaints:list')}?month={start:%Y-%m}"


COMMON = {"source": "complaints", "owner": Role.QUALITY, "drill": complaints_of}

INDICATORS = [
    Indicator(
        "complaint_rate",
        _("Complaint rate"),
        _(
            "Complaints that count (not voided, not found “not ours”) ÷ shipments of the month × 100 %."
        ),  # fmt: skip
        "%",
        LOWER,
        series=complaint_rate,
        order=20,
        clause="IATF 9.1.2.1",
        **COMMON,
    ),  # fmt: skip
    Indicator(
        "ppm",
        _("Customer PPM"),
        _("Parts rejected in complaints found to be ours ÷ parts delivered × 1,000,000."),
        "ppm",
        LOWER,
        series=ppm,
        order=21,
        clause="IATF 9.1.2.1",
        **COMMON,
    ),  # fmt: skip
    Indicator(
        "complaint_reply_on_time",
        _("Complaint replies on time"),
        _(
            "Replies sent by their deadline ÷ replies due (sent or overdue) for the month's complaints."
        ),  # fmt: skip
        "%",
        HIGHER,
        series=reply_on_time,
        order=22,
        clause="IATF 10.2.6",
        **COMMON,
    ),  # fmt: skip
    Indicator(
        "eightd_on_time",
        _("8D closed on time"),
        _("8D reports closed by their deadline ÷ 8D reports due (closed or overdue)."),
        "%",
        HIGHER,
        series=eightd_on_time,
        order=23,
        clause="IATF 10.2.3",
        **COMMON,
    ),  # fmt: skip
    Indicator(
        "repeat_complaint_rate",
        _("Repeat complaints"),
        _(
            "8D reports closed in the month that found the problem a recurrence of an earlier case ÷ 8D reports closed."
        ),  # fmt: skip
        "%",
        LOWER,
        series=repeat_rate,
        order=25,
        clause="IATF 10.2.6",
        **COMMON,
    ),  # fmt: skip
]
