"""Filters of the service request ledger and queues, shared by pages, API and export."""

import django_filters
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.filters import FilterSet
from csc.core.search import Searchable
from csc.core.textindex import clean
from csc.customers.models import Customer

from .choices import Category, Channel, RequestStatus, Severity
from .models import ServiceRequest, Team
from .search import INDEX

# "newest" and "due" are the two orders the queues are indexed for.
ORDERS = {
    "newest": ("-received_at", "-id"),
    "due": (F("due_at").asc(nulls_last=True), "id"),
}


class RequestFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    team = django_filters.ModelChoiceFilter(
        queryset=Team.objects.all(), label=pgettext_lazy("service desk", "Team")
    )
    status = django_filters.ChoiceFilter(choices=RequestStatus.choices, label=_("Status"))
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label=_("Severity"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Category"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    customer = django_filters.ModelChoiceFilter(
        queryset=Customer.objects.all(), label=_("Customer")
    )
    sort = django_filters.ChoiceFilter(
        choices=[("newest", _("Newest first")), ("due", _("By due time"))],
        method="sort_by",
        label=_("Sort by"),
        empty_label=None,
    )

    class Meta:
        model = ServiceRequest
        fields = ["q", "team", "status", "severity", "category", "channel", "customer", "handler"]

    def search(self, queryset, name, value):
        value = clean(value)
        return queryset.filter(_matches(value)) if value else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*ORDERS.get(value, ORDERS["newest"]))


def matching(params, queryset):
    """Return ``queryset`` narrowed by the query parameters (unchanged when they are invalid),
    and the filterset for the form."""
    filterset = RequestFilter(params or None, queryset=queryset)
    if filterset.is_bound and filterset.is_valid():
        return filterset.qs, filterset
    return queryset, filterset


def searchable(word):
    """What the header search finds among service requests: the ledger's own search."""
    found = ServiceRequest.objects.filter(_matches(word)).order_by("-pk")
    return [
        Searchable(
            _("Service requests"),
            found.select_related("customer"),
            "service:list",
            lambda request: f"{request.number} · {request.subject}",
        )
    ]


def _matches(value):
    # Numbers are upper case by construction (SR-…): an IN of both spellings is an index
    # lookup, where a case-blind comparison reads every row.
    return Q(number__in={value, value.upper()}) | INDEX.matches(value)
