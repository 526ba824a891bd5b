"""The 三包 claim ledger (三包索赔台账) as an Excel sheet: its columns and streamed rows."""

from django.utils.translation import gettext_lazy, pgettext_lazy

from .choices import ClaimStatus, CoverageReason, Decision, DefectKind, Exclusion

# (values_list field, header); the order is the ledger's.
EXPORT_COLUMNS = [
    ("number", gettext_lazy("Claim no.")),
    ("registered_at", pgettext_lazy("time", "Registered")),
    ("customer__code", gettext_lazy("Customer no.")),
    ("customer__name", gettext_lazy("Customer")),
    ("product__code", gettext_lazy("Product no.")),
    ("product__name", gettext_lazy("Product")),
    ("shipment__number", gettext_lazy("Delivery note no.")),
    ("purchased_on", gettext_lazy("Purchased on")),
    ("failed_on", gettext_lazy("Failed on")),
    ("mileage_km", gettext_lazy("Mileage (km)")),
    ("quantity", gettext_lazy("Quantity")),
    ("serial_no", gettext_lazy("Serial / lot no.")),
    ("description", gettext_lazy("Failure description")),
    ("coverage_ends_on", gettext_lazy("Cover ends on")),
    ("agreement__number", gettext_lazy("Service agreement")),
    ("coverage_reason", gettext_lazy("Coverage")),
    ("defect_kind", gettext_lazy("Cause")),
    ("exclusion", gettext_lazy("Exclusion")),
    ("status", gettext_lazy("Status")),
    ("decision", gettext_lazy("Decision")),
    ("decision_reason", gettext_lazy("Reason for the decision")),
    ("ntf_analysis", gettext_lazy("NTF analysis")),
    ("parts_cost", gettext_lazy("Parts cost")),
    ("labour_cost", gettext_lazy("Labour cost")),
    ("freight_cost", gettext_lazy("Freight cost")),
    ("complaint__number", gettext_lazy("Complaint no.")),
]
FIELDS = [name for name, _label in EXPORT_COLUMNS]
LABELS = {
    "coverage_reason": CoverageReason,
    "defect_kind": DefectKind,
    "exclusion": Exclusion,
    "status": ClaimStatus,
    "decision": Decision,
}


def export_headers():
    return [str(label) for _name, label in EXPORT_COLUMNS]


def export_rows(queryset):
    """Yield one list per claim; choice values become labels in the current language."""
    labels = [
        (FIELDS.index(name), {k: str(v) for k, v in choices.choices})
        for name, choices in LABELS.items()
    ]
    registered = FIELDS.index("registered_at")
    from django.utils import timezone

    for values in queryset.values_list(*FIELDS).iterator(chunk_size=2000):
        row = list(values)
        row[registered] = timezone.localtime(row[registered]).replace(tzinfo=None)
        for index, names in labels:
            row[index] = names.get(row[index], row[index])
        yield row


# --- field service records ---------------------------------------------------------------

FIELD_COLUMNS = [
    ("number", gettext_lazy("Service record no.")),
    ("found_at", gettext_lazy("Problem found")),
    ("customer__code", gettext_lazy("Customer no.")),
    ("customer__name", gettext_lazy("Customer")),
    ("staff__person__username", gettext_lazy("Service staff")),
    ("stage", gettext_lazy("Stage")),
    ("product__code", gettext_lazy("Product no.")),
    ("defect", gettext_lazy("Defect")),
    ("failure_form", gettext_lazy("Failure form")),
    ("maker", gettext_lazy("Maker")),
    ("outcome", gettext_lazy("Outcome")),
    ("result", gettext_lazy("Result")),
    ("work_hours", gettext_lazy("Work hours")),
    ("travel_hours", gettext_lazy("Travel hours")),
    ("travel_km", gettext_lazy("Travel (km)")),
    ("status", gettext_lazy("Status")),
    ("receipt__signer_name", gettext_lazy("Receipt signed by")),
    ("receipt__signed_at", gettext_lazy("Receipt signed")),
]
FIELD_NAMES = [name for name, _label in FIELD_COLUMNS]


def field_headers():
    return [str(label) for _name, label in FIELD_COLUMNS]


def field_rows(queryset):
    """Yield one list per service record; choices as labels, times in local time."""
    from django.utils import timezone

    from .choices import FieldOutcome, FieldStage, FieldStatus

    labels = [
        (FIELD_NAMES.index(name), {k: str(v) for k, v in choices.choices})
        for name, choices in {"stage": FieldStage, "outcome": FieldOutcome, "status": FieldStatus}.items()
    ]  # fmt: skip
    times = [FIELD_NAMES.index("found_at"), FIELD_NAMES.index("receipt__signed_at")]
    for values in queryset.values_list(*FIELD_NAMES).iterator(chunk_size=2000):
        row = list(values)
        for index in times:
            if row[index] is not None:
                row[index] = timezone.localtime(row[index]).replace(tzinfo=None)
        for index, names in labels:
            row[index] = names.get(row[index], row[index])
        yield row
