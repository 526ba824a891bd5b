"""Filters of the survey lists, shared by the pages, the API and the exports."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.filters import FilterSet
from csc.core.search import Searchable
from csc.customers.choices import ABCClass

from .choices import Channel, RoundStatus, TemplateKind, TemplateStatus
from .models import SurveyInvitation, SurveyResponse, SurveyRound, SurveyTemplate


class TemplateFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=TemplateStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=TemplateKind.choices, label=_("Scoring"))

    class Meta:
        model = SurveyTemplate
        fields = ["status", "kind", "code"]


class RoundFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=RoundStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(field_name="period_end", lookup_expr="year", label=_("Year"))
    overdue = django_filters.BooleanFilter(method="past_due", label=_("Past the answer date"))
    valid = django_filters.BooleanFilter(label=_("Valid"))

    class Meta:
        model = SurveyRound
        fields = ["q", "status", "year", "valid", "plan", "template"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(_round_matches(value)) if value else queryset

    def past_due(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status=RoundStatus.SENT, due_date__lt=timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class ResponseFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Customer"))
    abc_class = django_filters.ChoiceFilter(choices=ABCClass.choices, label=_("Class"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Received by"))
    product_line = django_filters.CharFilter(label=_("Product line"))
    below = django_filters.BooleanFilter(method="below_requirement", label=_("Below requirement"))
    ordering = django_filters.OrderingFilter(
        fields=[("submitted_at", "submitted_at"), ("satisfaction", "satisfaction")],
        label=_("Sort by"),
    )

    class Meta:
        model = SurveyResponse
        fields = ["round", "customer", "abc_class", "channel", "product_line"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(customer__name__icontains=value) | Q(customer__code__iexact=value))

    def below_requirement(self, queryset, name, value):
        if value is None:
            return queryset
        return (
            queryset.filter(below_requirement__gt=0)
            if value
            else queryset.filter(below_requirement=0)
        )


class InvitationFilter(FilterSet):
    answered = django_filters.BooleanFilter(
        field_name="responded_at", lookup_expr="isnull", exclude=True, label=_("Answered")
    )
    abc_class = django_filters.ChoiceFilter(choices=ABCClass.choices, label=_("Class"))
    q = django_filters.CharFilter(method="search", label=_("Customer"))

    class Meta:
        model = SurveyInvitation
        fields = ["answered", "abc_class", "drawn"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(customer__name__icontains=value) if value else queryset


def searchable(word):
    """What the header search finds among survey rounds: number or words of the title (a LIKE:
    rounds are a few a year)."""
    found = SurveyRound.objects.filter(_round_matches(word))
    return [Searchable(_("Survey rounds"), found, "surveys:rounds")]


def _round_matches(word):
    return Q(number__in={word, word.upper()}) | Q(title__icontains=word)
