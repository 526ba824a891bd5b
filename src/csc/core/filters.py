"""The FilterSet every list filters with: out-of-range numbers and dates are refused, never 500.

A filter value reaches the database as it is: an id beyond 64 bits overflows SQLite's INTEGER,
a year outside 1…9999 cannot become a date, and a date before 1900 turns into a datetime the
company time zone cannot shift. Each number and date field of the filter form gets bounds, so
a page shows the field's message and the API answers 400 naming the parameter.
"""

import datetime

import django_filters
import django_filters.rest_framework
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

BIGINT_MIN, BIGINT_MAX = -(2**63), 2**63 - 1
YEAR_MIN, YEAR_MAX = 1900, 2999
DATE_MIN, DATE_MAX = datetime.date(YEAR_MIN, 1, 1), datetime.date(YEAR_MAX, 12, 31)
DATETIME_MIN = datetime.datetime(YEAR_MIN, 1, 1, tzinfo=datetime.UTC)
DATETIME_MAX = datetime.datetime(YEAR_MAX, 12, 31, tzinfo=datetime.UTC)


def number_bounds(filter_):
    """Return (lowest, highest) a number filter accepts: a calendar year, else a 64-bit int."""
    lookup = filter_.lookup_expr or ""
    if lookup.split("__")[0] in {"year", "iso_year"}:
        return YEAR_MIN, YEAR_MAX
    return BIGINT_MIN, BIGINT_MAX


def bounds_for(field, filter_):
    """Return the (lowest, highest) values ``field`` of ``filter_`` accepts, or None."""
    if isinstance(field, forms.DateTimeField):
        return DATETIME_MIN, DATETIME_MAX
    if isinstance(field, forms.DateField):
        return DATE_MIN, DATE_MAX
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        return number_bounds(filter_)
    return None


def bound(field, filter_):
    """Give ``field`` (a filter form field) its range validators, once."""
    limits = bounds_for(field, filter_)
    if limits is None or getattr(field, "csc_bounded", False):
        return
    lowest, highest = limits
    field.validators.append(
        MinValueValidator(lowest, _("Enter a value of at least %(limit_value)s."))
    )
    field.validators.append(
        MaxValueValidator(highest, _("Enter a value of at most %(limit_value)s."))
    )
    field.csc_bounded = True


class FilterSet(django_filters.FilterSet):
    """A FilterSet whose number and date fields refuse values the database cannot take."""

    def get_form_class(self):
        form_class = super().get_form_class()
        for name, field in form_class.base_fields.items():
            bound(field, self.filters[name])
        return form_class


class FilterBackend(django_filters.rest_framework.DjangoFilterBackend):
    """The API's filter backend: filters built from ``filterset_fields`` are bounded too."""

    class filterset_base(FilterSet, django_filters.rest_framework.FilterSet):  # noqa: N801
        pass


def record_id_in(value):
    """Return ``value`` as a record id when it is one (digits, within 64 bits), else None.

    For filters that take an id or a code in one box: a long number is a code, not an id.
    """
    value = value.strip()
    if value.isascii() and value.isdigit() and 0 < int(value) <= BIGINT_MAX:
        return int(value)
    return None
