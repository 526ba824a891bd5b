"""The recall ledger (召回记录台账) as Excel rows."""

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def export_headers():
    return [
        _("Recall no."), _("Title"), _("Trigger"), _("Status"), pgettext("time", "Triggered"),
        _("Lots"), _("Shipped"), _("Returned"), _("Still at customers"),
        _("Destroyed at customers"), _("Closed"),
    ]  # fmt: skip


def export_rows(queryset):
    """Yield one row per recall with its summed quantities (one aggregate query)."""
    rows = queryset.annotate(
        lot_count=Count("lots", distinct=True),
        shipped=Sum("lots__distribution__shipped"),
        returned=Sum("lots__distribution__returned"),
        at_customer=Sum("lots__distribution__at_customer"),
        destroyed=Sum("lots__distribution__destroyed_at_customer"),
    )
    for r in rows.iterator(chunk_size=2000):
        yield [
            r.number, r.title, r.get_trigger_display(), r.get_status_display(),
            _local(r.created_at), r.lot_count, r.shipped, r.returned, r.at_customer, r.destroyed,
            _local(r.closed_at),
        ]  # fmt: skip


def _local(moment):
    """Excel has no time zones: write the company's wall-clock time."""
    return timezone.localtime(moment).replace(tzinfo=None) if moment else None
