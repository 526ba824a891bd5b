"""Excel ledgers of the after-sales records other than claims (those are in ``ledger``):
columns per kind, as (values_list field, header); choice values become their labels."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import PlanStatus, Satisfaction, TrainingKind, WarningKind, WarningStatus
from .models import EarlyWarning, ServiceAgreement, Training, VisitPlan, VisitReport

SHEETS = {
    "warnings": (
        EarlyWarning,
        _("Early warnings"),
        [
            ("number", _("Warning no.")), ("period", _("Period")), ("kind", _("Signal")),
            ("customer__name", _("Customer")), ("product__code", _("Product no.")),
            ("baseline", _("baseline")), ("observed", _("observed")), ("summary", _("Summary")),
            ("status", _("Status")), ("analysis", _("Quality's analysis")),
            ("notice", _("Notice to the customer")),
        ],
        {"kind": WarningKind, "status": WarningStatus},
    ),
    "agreements": (
        ServiceAgreement,
        _("Service agreements"),
        [
            ("number", _("Agreement no.")), ("customer__name", _("Customer")),
            ("product__code", _("Product no.")), ("warranty_months", _("Warranty months")),
            ("warranty_km", _("Mileage limit (km)")), ("valid_from", _("Valid from")),
            ("valid_to", _("Valid to")), ("terms", _("Terms")),
        ],
        {},
    ),
    "plans": (
        VisitPlan,
        _("Visit plans"),
        [
            ("number", _("Plan no.")), ("year", _("Year")), ("salesperson__username", _("Salesperson")),
            ("visits__month", _("Month")), ("visits__customer__name", _("Customer")),
            ("visits__purpose", _("Purpose")), ("status", _("Status")),
        ],
        {"status": PlanStatus},
    ),
    "reports": (
        VisitReport,
        _("Visit reports"),
        [
            ("number", _("Report no.")), ("visited_on", _("Visited on")),
            ("customer__name", _("Customer")), ("visitor__username", _("Visited by")),
            ("opinions", _("Customer's opinions and requests")),
            ("product_quality", _("Product quality")), ("service_quality", _("After-sales service")),
            ("satisfaction", _("Service satisfaction")),
        ],
        {"satisfaction": Satisfaction},
    ),
    "trainings": (
        Training,
        _("Trainings"),
        [
            ("number", _("Training no.")), ("held_on", _("Held on")), ("kind", _("Kind")),
            ("title", pgettext_lazy("training", "Title")), ("hours", _("Hours")),
            ("attendance__person__username", _("Attendee")), ("attendance__result", _("Result")),
        ],
        {"kind": TrainingKind},
    ),
}  # fmt: skip


def rows(queryset, columns, labels):
    """Yield one list per row of ``queryset``, choice values as labels in the active language."""
    fields = [name for name, _header in columns]
    names = [(fields.index(f), {k: str(v) for k, v in c.choices}) for f, c in labels.items()]
    for values in queryset.values_list(*fields).iterator(chunk_size=2000):
        row = list(values)
        for index, mapping in names:
            row[index] = mapping.get(row[index], row[index])
        yield row
