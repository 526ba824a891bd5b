"""Service desk indicators for the indicator list: first answers and resolutions on time (SVC-3),
from the SLA report's own aggregates."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.kpi.indicators import HIGHER, Indicator, Measure, shared

from . import report
from .models import ServiceRequest


def _rates(starts):
    return shared(("service.rates", min(starts), max(starts)), lambda: _compute_rates(starts))


def _compute_rates(starts):
    found = {}
    for year in sorted({s.year for s in starts}):
        for month, answers, resolutions in report.monthly_rates(report.lines(ServiceRequest.objects.all(), year)):  # fmt: skip
            found[month] = (answers, resolutions)
    return found


def _measures(starts, index):
    rates = _rates(starts)
    return {
        start: Measure(
            None
            if rates.get(start, (None, None))[index] is None
            else Decimal(str(rates[start][index]))
        )  # fmt: skip
        for start in starts
    }


def first_answer_on_time(starts):
    return _measures(starts, 0)


def resolution_on_time(starts):
    return _measures(starts, 1)


def report_of(start, end):
    return f"{reverse('service:report')}?year={start.year}"


COMMON = {"source": "service", "owner": Role.SERVICE, "drill": report_of, "clause": "IATF 8.2.1"}

INDICATORS = [
    Indicator(
        "service_first_answer_on_time",
        _("Service requests answered on time"),
        _(
            "Requests first answered within their target (24 h of business time) ÷ requests answered."
        ),  # fmt: skip
        "%",
        HIGHER,
        series=first_answer_on_time,
        order=50,
        **COMMON,
    ),  # fmt: skip
    Indicator(
        "service_resolution_on_time",
        _("Service requests resolved on time"),
        _("Requests resolved within 1 / 2 / 5 working days by severity ÷ requests resolved."),
        "%",
        HIGHER,
        series=resolution_on_time,
        order=51,
        **COMMON,
    ),  # fmt: skip
]
