"""The corrective action list as an Excel sheet: its columns and rows."""

from django.utils import timezone
from django.utils.translation import gettext_lazy

HEADERS = [
    gettext_lazy("Action no."),
    gettext_lazy("Title"),
    gettext_lazy("Source"),
    gettext_lazy("From record"),
    gettext_lazy("Customer"),
    gettext_lazy("Category"),
    gettext_lazy("Responsible department"),
    gettext_lazy("Owner"),
    gettext_lazy("Due date"),
    gettext_lazy("Status"),
    gettext_lazy("Created"),
    gettext_lazy("Closed"),
]


def export_headers():
    return [str(label) for label in HEADERS]


def export_rows(queryset):
    """Yield one list per action, read in chunks with the names it shows (no query per row)."""
    rows = queryset.select_related("department", "owner", "customer").iterator(chunk_size=500)
    for capa in rows:
        yield [
            capa.number,
            capa.title,
            capa.get_source_display(),
            capa.source_label,
            capa.customer.name if capa.customer else "",
            capa.get_category_display(),
            str(capa.department),
            str(capa.owner) if capa.owner else "",
            capa.due_date,
            capa.get_status_display(),
            _local(capa.created_at),
            _local(capa.closed_at),
        ]


def _local(moment):
    # Excel has no time zones: the company's local time, as people read it on the page.
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None
