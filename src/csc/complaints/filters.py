"""Filters of the complaint ledger and the returns list, shared by pages, API and export."""

import datetime as dt

import django_filters
from django import forms
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.filters import FilterSet
from csc.core.models import Department
from csc.core.search import Searchable

from . import search
from .choices import CauseClass, Channel, ComplaintCategory, ComplaintStatus, ReturnStatus, Severity
from .models import Complaint, EightD, Return
from .rules import overdue_q

SORTS = {
    "received_at": _("Received"),
    "number": _("Complaint no."),
    "reply_due_at": _("Reply due"),
    "severity": _("Severity"),
}
MONTH = RegexValidator(r"^\d{4}-(0[1-9]|1[0-2])$", _("Write the month as 2026-03."))


def month_bounds(text):
    """Return the aware [start, end) of a 'YYYY-MM' month in the company's time zone."""
    year, month = (int(part) for part in text.split("-"))
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    following = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start, following


class MonthFilter(django_filters.CharFilter):
    field_class = forms.CharField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [MONTH])
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "month"}))
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if not value:
            return queryset
        start, end = month_bounds(value)
        return queryset.filter(**{f"{self.field_name}__gte": start, f"{self.field_name}__lt": end})


class ComplaintFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ComplaintStatus.choices, label=_("Status"))
    department = django_filters.ModelChoiceFilter(
        queryset=Department.objects.all(), label=_("Responsible department")
    )
    month = MonthFilter(field_name="received_at", label=_("Month received"))
    category = django_filters.ChoiceFilter(choices=ComplaintCategory.choices, label=_("Category"))
    severity = django_filters.ChoiceFilter(choices=Severity.choices, label=_("Severity"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    cause_class = django_filters.ChoiceFilter(
        choices=CauseClass.choices, label=_("Root cause class")
    )
    overdue = django_filters.BooleanFilter(method="only_overdue", label=_("Overdue only"))
    received_after = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__gte", label=_("Received from")
    )
    received_before = django_filters.DateFilter(
        field_name="received_at", lookup_expr="date__lte", label=_("Received until")
    )
    ordering = django_filters.OrderingFilter(
        fields=[(k, k) for k in SORTS], field_labels=SORTS, label=_("Sort by")
    )

    class Meta:
        model = Complaint
        fields = ["q", "status", "department", "month", "category", "severity", "customer"]

    def search(self, queryset, name, value):
        value = search.clean(value)
        return queryset.filter(search.matches(value)) if value else queryset

    def only_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = overdue_q(timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


class ReturnFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ReturnStatus.choices, label=_("Status"))
    notice_after = django_filters.DateFilter(
        field_name="notice_date", lookup_expr="gte", label=_("Notice from")
    )
    notice_before = django_filters.DateFilter(
        field_name="notice_date", lookup_expr="lte", label=_("Notice until")
    )

    class Meta:
        model = Return
        fields = ["q", "status", "customer", "complaint"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__iexact=value) | Q(lot__iexact=value) | Q(customer__name__icontains=value)
        )


def searchable(word):
    """What the header search finds among complaints (the ledger's index) and 8D reports (by
    their number or their complaint's, index lookups)."""
    codes = {word, word.upper()}
    complaints = Complaint.objects.filter(search.matches(word)).select_related("customer")
    # The complaint's number is looked up first: an OR across the join would scan the 8Ds.
    numbered = list(Complaint.objects.filter(number__in=codes).values_list("pk", flat=True))
    eightds = EightD.objects.filter(Q(number__in=codes) | Q(complaint__in=numbered))
    return [
        Searchable(_("Complaints"), complaints, "complaints:list", _complaint_line),
        Searchable(
            _("8D reports"),
            eightds.select_related("complaint"),
            "complaints:list",
            lambda eightd: f"{eightd.number} · {eightd.complaint.number}",
        ),
    ]


def _complaint_line(complaint):
    return f"{complaint.number} · {complaint.customer} · {complaint.description[:60]}"
