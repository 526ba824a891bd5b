"""Filters of the customer-property lists, shared by the pages, the API and the exports."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.filters import FilterSet
from csc.core.search import Searchable
from csc.core.textindex import clean
from csc.customers.models import Customer

from .choices import (
    AnomalyKind,
    AnomalyStatus,
    CheckStatus,
    ItemStatus,
    Kind,
    LotStatus,
    MovementKind,
    StocktakeStatus,
)
from .models import Anomaly, ConditionCheck, Lot, Movement, PropertyItem, Stocktake
from .search import INDEX

SORTS = {
    "number": _("Property no."),
    "name": _("Name"),
    "location": _("Storage location"),
    "next_check_due": _("Next check"),
}


def _customers(request):
    from csc.core.permissions import restrict

    user = getattr(request, "user", None)
    if user is None:
        return Customer.objects.none()
    return restrict(Customer.objects.only("pk", "name").order_by("name"), user)


class CustomerChoice(django_filters.ModelChoiceFilter):
    """A customer (by id, from links and the API) among the customers the user may see.

    A hidden field: a drop-down of every customer would cost more than the page it filters;
    people search by name with ``customer_name`` instead.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", _customers)
        kwargs.setdefault("label", _("Customer"))
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(*args, **kwargs)


def record_id(field_name, label):
    """A filter by the id of a related record (links and the API), hidden on pages."""
    return django_filters.NumberFilter(field_name=field_name, label=label, widget=forms.HiddenInput)


def customer_name(field_name="customer__name"):
    return django_filters.CharFilter(
        field_name=field_name, lookup_expr="icontains", label=_("Customer")
    )


class ItemFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    customer = CustomerChoice()
    customer_name = customer_name()
    kind = django_filters.ChoiceFilter(choices=Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=ItemStatus.choices, label=_("Status"))
    location = django_filters.CharFilter(label=_("Storage location"))
    check_due = django_filters.ChoiceFilter(
        method="due",
        choices=[("yes", _("Due or overdue")), ("no", _("Not due"))],
        label=_("Condition check"),
    )
    ordering = django_filters.OrderingFilter(
        fields=[(k, k) for k in SORTS], field_labels=SORTS, label=_("Sort by")
    )

    class Meta:
        model = PropertyItem
        fields = ["q", "customer", "customer_name", "kind", "status", "location", "check_due"]

    def search(self, queryset, name, value):
        value = clean(value)
        return queryset.filter(_matches(value)) if value else queryset

    def due(self, queryset, name, value):
        if not value:
            return queryset
        due = Q(next_check_due__lte=timezone.localdate())
        return queryset.filter(due) if value == "yes" else queryset.exclude(due)


class LotFilter(FilterSet):
    item = record_id("item", _("Item"))
    q = django_filters.CharFilter(method="search", label=_("Search"))
    customer = CustomerChoice(field_name="item__customer")
    customer_name = customer_name("item__customer__name")
    status = django_filters.ChoiceFilter(choices=LotStatus.choices, label=_("Status"))
    received_after = django_filters.DateFilter(
        field_name="received_on", lookup_expr="gte", label=_("Received from")
    )
    received_before = django_filters.DateFilter(
        field_name="received_on", lookup_expr="lte", label=_("Received until")
    )

    class Meta:
        model = Lot
        fields = ["q", "customer", "status", "received_after", "received_before", "item"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__iexact=value)
            | Q(lot_no__iexact=value)
            | Q(delivery_note_no__iexact=value)
            | Q(item__number__iexact=value)
        )


class MovementFilter(FilterSet):
    item = record_id("item", _("Item"))
    lot = record_id("lot", _("Lot"))
    customer = CustomerChoice()
    customer_name = customer_name()
    kind = django_filters.ChoiceFilter(choices=MovementKind.choices, label=_("Movement"))
    date_from = django_filters.DateFilter(field_name="moved_on", lookup_expr="gte", label=_("From"))
    date_to = django_filters.DateFilter(field_name="moved_on", lookup_expr="lte", label=_("Until"))
    item_number = django_filters.CharFilter(
        field_name="item__number", lookup_expr="iexact", label=_("Property no.")
    )

    class Meta:
        model = Movement
        fields = ["customer", "kind", "date_from", "date_to", "item_number", "item", "lot"]


class AnomalyFilter(FilterSet):
    item = record_id("item", _("Item"))
    customer = CustomerChoice(field_name="item__customer")
    customer_name = customer_name("item__customer__name")
    kind = django_filters.ChoiceFilter(choices=AnomalyKind.choices, label=_("Anomaly"))
    status = django_filters.ChoiceFilter(choices=AnomalyStatus.choices, label=_("Status"))
    reported_after = django_filters.DateFilter(
        field_name="reported_at", lookup_expr="date__gte", label=_("Reported from")
    )

    class Meta:
        model = Anomaly
        fields = ["customer", "kind", "status", "reported_after", "item"]


class StocktakeFilter(FilterSet):
    customer = CustomerChoice()
    status = django_filters.ChoiceFilter(choices=StocktakeStatus.choices, label=_("Status"))

    class Meta:
        model = Stocktake
        fields = ["status", "customer"]


class CheckFilter(FilterSet):
    item = record_id("item", _("Item"))
    customer = CustomerChoice(field_name="item__customer")
    customer_name = customer_name("item__customer__name")
    status = django_filters.ChoiceFilter(choices=CheckStatus.choices, label=_("Status"))
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), widget=django_filters.widgets.BooleanWidget
    )

    class Meta:
        model = ConditionCheck
        fields = ["customer", "status", "overdue", "item"]


def searchable(word):
    """What the header search finds among customer property: the register's own search."""
    found = PropertyItem.objects.filter(_matches(word)).order_by("-pk")
    return [Searchable(_("Customer property"), found, "property:register")]


def _matches(value):
    # Number and serial no. are looked up as written and in upper case (index lookups); the
    # name and the customer's part no. by their word index.
    codes = {value, value.upper()}
    return Q(number__in=codes) | Q(serial_no__in=codes) | INDEX.matches(value)
