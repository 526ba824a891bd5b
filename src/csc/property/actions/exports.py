"""Exports of the register and the ledger: what the actor may see, logged in the audit trail."""

from django.utils.translation import gettext as _

from csc.core import audit, xlsx
from csc.core.actions import read_verb, verb
from csc.core.permissions import require, restrict

from .. import sheets
from ..models import Movement, PropertyItem


@read_verb
def export_register(actor, target, queryset=None):
    """Write the register lines the actor may see to ``target`` (.xlsx); return the row count."""
    require(actor, "property.export_property")
    queryset = PropertyItem.objects.order_by("number") if queryset is None else queryset
    visible = restrict(queryset, actor)
    count = xlsx.write_workbook(
        target,
        _("Customer property register"),
        sheets.headers(sheets.REGISTER_COLUMNS),
        sheets.register_rows(visible),
    )
    audit.record_export(PropertyItem, count)
    return count


@read_verb
def export_ledger(actor, target, queryset=None):
    """Write the ledger entries the actor may see to ``target`` (.xlsx); return the row count."""
    require(actor, "property.export_property")
    queryset = Movement.objects.order_by("moved_on", "id") if queryset is None else queryset
    visible = restrict(queryset, actor)
    count = xlsx.write_workbook(
        target,
        _("Customer property ledger"),
        sheets.headers(sheets.LEDGER_COLUMNS),
        sheets.ledger_rows(visible),
    )
    audit.record_export(Movement, count)
    return count


@verb
def print_register(actor, queryset, subtitle=""):
    """Return the register lines the actor may see as a PDF (HT-QR-MA-10)."""
    require(actor, "property.view_propertyitem")
    visible = restrict(queryset, actor)
    document = sheets.register_pdf(visible, subtitle)
    audit.record_export(PropertyItem, min(visible.count(), sheets.PDF_MAX_ROWS))
    return document
