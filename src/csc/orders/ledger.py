"""The order review ledger (合同/订单评审台账) as an Excel sheet: columns and streamed rows."""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import Channel, OrderStatus, OrderType
from .rules import completed_in_time

COLUMNS = [
    ("number", gettext_lazy("Order no.")),
    ("customer__code", gettext_lazy("Customer no.")),
    ("customer__name", gettext_lazy("Customer")),
    ("received_at", gettext_lazy("Received")),
    ("channel", gettext_lazy("Channel")),
    ("order_type", gettext_lazy("Order type")),
    ("customer_reference", gettext_lazy("Customer's order no.")),
    ("status", gettext_lazy("Status")),
    ("revision", gettext_lazy("Review record version")),
    ("line_count", gettext_lazy("Lines")),
    ("total_quantity", gettext_lazy("Total quantity")),
    ("review_due_at", gettext_lazy("Review due")),
    ("review_completed_at", gettext_lazy("Review completed")),
]


def headers():
    return [str(label) for _name, label in COLUMNS] + [_("Within 1 working day")]


def _local(value):
    # Excel has no time zones: write the company's local time.
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def rows(queryset):
    """Yield one list per order, streaming from the database in chunks."""
    labels = {
        "channel": dict(Channel.choices),
        "order_type": dict(OrderType.choices),
        "status": dict(OrderStatus.choices),
    }
    names = [name for name, _label in COLUMNS]
    annotated = queryset.annotate(line_count=Count("lines"), total_quantity=Sum("lines__quantity"))
    yes, no = _("yes"), _("no")
    for values in annotated.values_list(*names).iterator(chunk_size=2000):
        row = dict(zip(names, values, strict=True))
        for name, choices in labels.items():
            row[name] = str(choices.get(row[name], row[name]))
        in_time = completed_in_time(row["review_due_at"], row["review_completed_at"])
        for name in ("received_at", "review_due_at", "review_completed_at"):
            row[name] = _local(row[name])
        yield [row[name] for name in names] + [yes if in_time else no]
