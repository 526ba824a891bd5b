"""Writes of service agreements, whose 三包 terms override the standard (S2 5.6.1.1)."""

from django.utils.translation import gettext as _

from csc.core.actions import verb
from csc.core.errors import Invalid
from csc.core.numbering import next_number
from csc.core.permissions import require

from ..models import ServiceAgreement

FIELDS = ["customer", "product", "warranty_months", "warranty_km", "valid_from", "valid_to"]


@verb
def create_agreement(actor, data):
    """Record a customer's service agreement; return it."""
    require(actor, "aftersales.add_serviceagreement")
    errors = {}
    if data.get("customer") is None:
        errors["customer"] = [_("Choose the customer.")]
    if not data.get("warranty_months") or data["warranty_months"] < 1:
        errors["warranty_months"] = [_("The warranty lasts at least one month.")]
    if data.get("warranty_km") is not None and data["warranty_km"] < 1:
        errors["warranty_km"] = [_("Leave the mileage limit empty, or give a positive number.")]
    if data.get("valid_from") is None:
        errors["valid_from"] = [_("Give the date the agreement takes effect.")]
    elif data.get("valid_to") and data["valid_to"] < data["valid_from"]:
        errors["valid_to"] = [_("The agreement cannot end before it starts.")]
    if errors:
        raise Invalid(fields=errors)
    return ServiceAgreement.objects.create(
        number=next_number("service-agreement", "SA"),
        created_by=actor,
        terms=data.get("terms", ""),
        **{k: data.get(k) for k in FIELDS},
    )


@verb
def export_sheet(actor, kind, target):
    """Write the ledger of one kind of after-sales record the actor may see; return the rows."""
    from csc.core import audit
    from csc.core.permissions import perm_name, restrict
    from csc.core.xlsxstream import write_workbook

    from ..sheets import SHEETS, rows

    model, title, columns, labels = SHEETS[kind]
    require(actor, perm_name(model, "view"))
    visible = restrict(model.objects.all(), actor).order_by("pk")
    headers = [str(header) for _name, header in columns]
    count = write_workbook(target, str(title), headers, rows(visible, columns, labels))
    audit.record_export(model, count)
    return count
