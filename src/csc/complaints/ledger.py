"""The complaint ledger (投诉台账) as an Excel sheet: its columns and streamed rows."""

from django.db.models.sql.constants import MULTI
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from csc.core.xlsxstream import local_times

from .choices import CauseClass, Channel, ComplaintCategory, ComplaintStatus, Severity

# (values_list field, header); the order is the ledger's.
EXPORT_COLUMNS = [
    ("number", gettext_lazy("Complaint no.")),
    ("received_at", gettext_lazy("Received")),
    ("customer__code", gettext_lazy("Customer no.")),
    ("customer__name", gettext_lazy("Customer")),
    ("channel", gettext_lazy("Channel")),
    ("product__code", gettext_lazy("Product no.")),
    ("product__name", gettext_lazy("Product")),
    ("lot", gettext_lazy("Lot / batch")),
    ("production_date", gettext_lazy("Production date")),
    ("category", gettext_lazy("Category")),
    ("description", gettext_lazy("Description")),
    ("quantity_affected", gettext_lazy("Quantity affected")),
    ("severity", gettext_lazy("Severity")),
    ("status", gettext_lazy("Status")),
    ("department__name", gettext_lazy("Responsible department")),
    ("cause_class", gettext_lazy("Root cause class (5M1E)")),
    ("eightd__number", gettext_lazy("8D no.")),
    ("reply_due_at", gettext_lazy("Reply due")),
    ("replied_at", gettext_lazy("Replied")),
    (None, gettext_lazy("Replied on time")),
    ("closed_at", gettext_lazy("Closed")),
    ("compensation", gettext_lazy("Compensation")),
    ("penalty", gettext_lazy("Penalty")),
    ("cost", gettext_lazy("Internal cost")),
]
FIELDS = [name for name, _label in EXPORT_COLUMNS if name]
LABELS = {
    "channel": Channel,
    "category": ComplaintCategory,
    "severity": Severity,
    "status": ComplaintStatus,
    "cause_class": CauseClass,
}
MOMENTS = ("received_at", "reply_due_at", "replied_at", "closed_at")


def export_headers():
    return [str(label) for _name, label in EXPORT_COLUMNS]


def export_rows(queryset, chunk_size=2000):
    """Yield one list per complaint, streaming from the database in chunks.

    Choice values become their labels in the current language; times become the company's
    local time (Excel has no time zones); "on time" is computed from the two reply times.
    """
    labels = [
        (FIELDS.index(name), {k: str(v) for k, v in choices.choices})
        for name, choices in LABELS.items()
    ]
    moments = [FIELDS.index(name) for name in MOMENTS]
    due, replied = FIELDS.index("reply_due_at"), FIELDS.index("replied_at")
    on_time_at = FIELDS.index("closed_at")
    yes, no = _("yes"), _("no")
    local = local_times(timezone.get_current_timezone())
    for values in _raw_rows(queryset.values_list(*FIELDS), chunk_size):
        row = list(values)
        for index in moments:
            if row[index] is not None:
                row[index] = local(row[index])
        on_time = "" if row[replied] is None else (yes if row[replied] <= row[due] else no)
        for index, names in labels:
            row[index] = names.get(row[index], row[index])
        row.insert(on_time_at, on_time)
        yield row


def _raw_rows(queryset, chunk_size):
    """Yield the database's own rows of a values_list query, in chunks (a server-side cursor
    where the database has one), skipping the ORM's per-value converters: at 100,000 rows
    they cost more than writing the sheet. Values are converted above, once, as needed."""
    compiler = queryset.query.get_compiler(queryset.db)
    for chunk in compiler.execute_sql(MULTI, chunked_fetch=True, chunk_size=chunk_size):
        yield from chunk
