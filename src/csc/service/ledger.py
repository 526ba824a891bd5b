"""The service request ledger (服务请求台账) as an Excel sheet: its columns and streamed rows."""

from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from .choices import Category, Channel, RequestStatus, Severity, SlaState
from .rules import target_state

# (values_list field, header); the order is the ledger's.
EXPORT_COLUMNS = [
    ("number", gettext_lazy("Service request no.")),
    ("received_at", gettext_lazy("Received")),
    ("customer__code", gettext_lazy("Customer no.")),
    ("customer__name", gettext_lazy("Customer")),
    ("channel", gettext_lazy("Channel")),
    ("category", gettext_lazy("Category")),
    ("severity", gettext_lazy("Severity")),
    ("subject", gettext_lazy("Subject")),
    ("status", gettext_lazy("Status")),
    ("team__name", pgettext_lazy("service desk", "Team")),
    ("handler__username", gettext_lazy("Handler")),
    ("first_answer_due_at", gettext_lazy("First answer due")),
    ("first_answered_at", gettext_lazy("First answer")),
    ("resolution_due_at", gettext_lazy("Resolution due")),
    ("resolved_at", gettext_lazy("Resolved")),
    ("waited", gettext_lazy("Time waiting (hours)")),
    (None, gettext_lazy("Resolution SLA")),
]
FIELDS = [name for name, _label in EXPORT_COLUMNS if name]
LABELS = {"channel": Channel, "category": Category, "severity": Severity, "status": RequestStatus}
MOMENTS = {"received_at", "first_answer_due_at", "first_answered_at", "resolution_due_at",
           "resolved_at"}  # fmt: skip


def export_headers():
    return [str(label) for _name, label in EXPORT_COLUMNS]


def export_rows(queryset, chunk_size=2000):
    """Yield one list per request, streaming from the database in chunks."""
    labels = {name: dict(choices.choices) for name, choices in LABELS.items()}
    now = timezone.now()
    for values in queryset.values_list(*FIELDS).iterator(chunk_size=chunk_size):
        row = dict(zip(FIELDS, values, strict=True))
        state = target_state(row["resolution_due_at"], row["resolved_at"], now)
        yield [*(_cell(name, row[name], labels) for name in FIELDS), SlaState(state).label]


def _cell(name, value, labels):
    if name in labels:
        return str(labels[name].get(value, value))
    if name in MOMENTS and value is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    if name == "waited":
        return round(value.total_seconds() / 3600, 1)
    return value
