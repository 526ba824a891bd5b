"""Filters of the recall list, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from csc.core.filters import FilterSet

from .choices import RecallStatus, Trigger
from .models import Recall


class RecallFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=RecallStatus.choices, label=_("Status"))
    trigger = django_filters.ChoiceFilter(choices=Trigger.choices, label=_("Trigger"))
    mine = django_filters.BooleanFilter(method="only_mine", label=_("My recalls only"))

    class Meta:
        model = Recall
        fields = ["q", "status", "trigger", "mine"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__iexact=value) | Q(title__icontains=value) | Q(lots__batch__iexact=value)
        ).distinct()

    def only_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(team=user).distinct()
