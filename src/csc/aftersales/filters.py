"""Filters of the after-sales lists, shared by the pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.filters import FilterSet

from .choices import (
    ClaimStatus,
    CoverageReason,
    Decision,
    FieldStage,
    FieldStatus,
    ReturnStatus,
    WarningKind,
    WarningStatus,
)
from .models import (
    EarlyWarning,
    FieldServiceRecord,
    RepairReturn,
    ServiceAgreement,
    WarrantyClaim,
)

CLAIM_SORTS = {"registered_at": pgettext_lazy("time", "Registered"), "failed_on": _("Failed on"), "number": _("Claim no.")}  # fmt: skip


class ClaimFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices, label=_("Status"))
    decision = django_filters.ChoiceFilter(choices=Decision.choices, label=_("Decision"))
    coverage_reason = django_filters.ChoiceFilter(
        choices=CoverageReason.choices, label=_("Coverage")
    )
    covered = django_filters.BooleanFilter(label=_("Covered"))
    registered_from = django_filters.DateFilter(
        field_name="registered_at", lookup_expr="date__gte", label=_("Registered from")
    )
    registered_to = django_filters.DateFilter(
        field_name="registered_at", lookup_expr="date__lte", label=_("Registered to")
    )
    ordering = django_filters.OrderingFilter(
        fields=[(k, k) for k in CLAIM_SORTS], field_labels=CLAIM_SORTS, label=_("Sort by")
    )

    class Meta:
        model = WarrantyClaim
        fields = ["q", "status", "decision", "coverage_reason", "covered", "customer", "product"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__iexact=value) | Q(serial_no__iexact=value) | Q(product__code__iexact=value)
        )


class AgreementFilter(FilterSet):
    class Meta:
        model = ServiceAgreement
        fields = ["customer", "product"]


class WarningFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=WarningStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=WarningKind.choices, label=_("Signal"))

    class Meta:
        model = EarlyWarning
        fields = ["status", "kind", "customer", "product", "period"]


class FieldRecordFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    status = django_filters.ChoiceFilter(choices=FieldStatus.choices, label=_("Status"))
    stage = django_filters.ChoiceFilter(choices=FieldStage.choices, label=_("Stage"))
    found_from = django_filters.DateFilter(
        field_name="found_at", lookup_expr="date__gte", label=_("Found from")
    )
    found_to = django_filters.DateFilter(
        field_name="found_at", lookup_expr="date__lte", label=_("Found to")
    )

    class Meta:
        model = FieldServiceRecord
        fields = ["q", "status", "stage", "customer", "staff", "warranty_claim", "service_request"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(number__iexact=value) if value else queryset


class RepairReturnFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=ReturnStatus.choices, label=_("Status"))
    number = django_filters.CharFilter(lookup_expr="iexact", label=_("Repair return no."))

    class Meta:
        model = RepairReturn
        fields = ["number", "status", "customer", "product", "record"]
