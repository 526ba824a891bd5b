"""Filters of the customer list, shared by the web page, the API and the export."""

import django_filters
from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from csc.core.filters import FilterSet
from csc.core.search import Searchable
from csc.core.textindex import clean

from .choices import ABCClass, AdmissionStatus, CreditLevel, CustomerStatus, RequestStatus
from .models import CreditChange, Customer, CustomerAdmission
from .search import INDEX

SORTS = {
    "name": _("Name"),
    "code": _("Customer no."),
    "abc_class": _("Class"),
    "region": _("Region"),
    "created_at": _("Created"),
}
# django-filter formats "(descending)" labels once, at import, in whatever language is active
# then; lazy labels of our own follow each request's language.
SORT_LABELS = {
    **SORTS,
    **{
        f"-{key}": format_lazy(_("{label} (descending)"), label=label)
        for key, label in SORTS.items()
    },
}


class CustomerFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    abc_class = django_filters.ChoiceFilter(choices=ABCClass.choices, label=_("Class"))
    credit_level = django_filters.ChoiceFilter(choices=CreditLevel.choices, label=_("Credit level"))
    status = django_filters.ChoiceFilter(choices=CustomerStatus.choices, label=_("Status"))
    region = django_filters.CharFilter(label=_("Region"))
    industry = django_filters.CharFilter(label=_("Industry"))
    created_after = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__gte", label=_("Created from")
    )
    created_before = django_filters.DateFilter(
        field_name="created_at", lookup_expr="date__lte", label=_("Created until")
    )
    ordering = django_filters.OrderingFilter(
        fields=[(k, k) for k in SORTS], field_labels=SORT_LABELS, label=_("Sort by")
    )

    class Meta:
        model = Customer
        fields = ["q", "abc_class", "credit_level", "status", "region", "industry", "salesperson"]

    def search(self, queryset, name, value):
        value = clean(value)
        return queryset.filter(_matches(value)) if value else queryset


class AdmissionFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=AdmissionStatus.choices, label=_("Status"))
    requested_level = django_filters.ChoiceFilter(
        choices=CreditLevel.choices, label=_("Requested level")
    )

    class Meta:
        model = CustomerAdmission
        fields = ["status", "requested_level", "customer"]


class CreditChangeFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))

    class Meta:
        model = CreditChange
        fields = ["status", "customer"]


def searchable(word):
    """What the header search finds among customers: the customer list's own search."""
    found = Customer.objects.defer("bank_account", "notes").filter(_matches(word))
    return [Searchable(_("Customers"), found.order_by("name"), "customers:list")]


def _matches(value):
    # Codes are upper case by construction (CU-2026-0001): an index lookup; names and short
    # names by their word index.
    return Q(code=value.upper()) | INDEX.matches(value)
