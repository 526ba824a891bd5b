"""Filters of the action list, shared by the page and the API."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.filters import FilterSet
from csc.core.models import Department
from csc.core.search import Searchable

from .choices import OPEN_STATUSES, CapaStatus, Category, Source
from .models import Capa

SORTS = {"created_at": _("Opened"), "due_date": _("Due date"), "number": _("Action no.")}


class CapaFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=CapaStatus.choices, label=_("Status"))
    source = django_filters.ChoiceFilter(choices=Source.choices, label=_("Source"))
    category = django_filters.ChoiceFilter(choices=Category.choices, label=_("Category"))
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Responsible department")
    )
    overdue = django_filters.BooleanFilter(method="only_overdue", label=_("Overdue only"))
    ordering = django_filters.OrderingFilter(
        fields=[(k, k) for k in SORTS], field_labels=SORTS, label=_("Sort by")
    )

    class Meta:
        model = Capa
        fields = ["q", "status", "source", "category", "department", "customer", "owner"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__iexact=value) | Q(title__icontains=value) | Q(source_label__iexact=value)
        )

    def only_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


def searchable(word):
    """What the header search finds among corrective actions: number, record it came from, or
    words of the title (a LIKE: actions are hundreds a year)."""
    codes = {word, word.upper()}
    found = Capa.objects.filter(
        Q(number__in=codes) | Q(source_label__in=codes) | Q(title__icontains=word)
    )
    return [Searchable(_("Corrective actions"), found, "capa:list")]
