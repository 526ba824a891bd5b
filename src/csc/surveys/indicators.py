"""Satisfaction indicator for the indicator list: the annual index of the closed rounds."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role
from csc.kpi.indicators import HIGHER, YEAR, Indicator, Measure

from .conf import setting
from .stats import annual_index


def satisfaction(starts):
    return {start: Measure(annual_index(start.year)) for start in starts}


def rounds_of(start, end):
    return reverse("surveys:rounds")


INDICATORS = [
    Indicator(
        "satisfaction_index",
        _("Customer satisfaction index"),
        _(
            "Average weighted satisfaction of every answer in the survey rounds closed for the year."
        ),  # fmt: skip
        "points",
        HIGHER,
        source="surveys",
        owner=Role.SALES,
        period=YEAR,
        series=satisfaction,
        drill=rounds_of,
        order=1,
        clause="ISO 9001 9.1.2",
        extra={"target": lambda: setting("SURVEY_ANNUAL_TARGET")},
    ),  # fmt: skip
]
