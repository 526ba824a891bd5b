"""What the customer is told about its property, written in the customer's language."""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from csc.core.units import unit_label

from .stock import shown


def _company():
    return settings.CSC.get("COMPANY_NAME", "")


def lot_subject(lot):
    customer = lot.item.customer
    with override(customer.language):
        return _("IQC report: your lot %(lot)s of %(item)s is nonconforming") % {
            "lot": lot.lot_no or lot.number,
            "item": lot.item.part_no or lot.item.name,
        }


def lot_notice(lot):
    """Return the IQC report of a nonconforming lot as the text of a notice (S0 5.2.1)."""
    item, customer = lot.item, lot.item.customer
    with override(customer.language):
        lines = [
            _("Dear %(customer)s,") % {"customer": customer.name},
            "",
            _(
                "Incoming inspection found the following lot of your property nonconforming. "
                "Please tell us how you want it handled: return, use as is under concession, "
                "sorting, or scrapping."
            ),
            "",
            _("IQC report (IQC 检验报告)"),
            f"{_('Receipt no.')}: {lot.number}",
            f"{_('Delivery note no.')}: {lot.delivery_note_no or '–'}",
            f"{_('Item')}: {item.name} · {item.part_no or '–'}",
            f"{_('Lot no.')}: {lot.lot_no or '–'}",
            f"{_('Quantity received')}: {shown(lot.quantity_received)} {unit_label(item.unit)}",
            f"{_('Received on')}: {lot.received_on:%Y-%m-%d}",
            f"{_('Sample size')}: {lot.iqc_sample_size or '–'}",
            f"{_('Defects found')}: {lot.iqc_defects if lot.iqc_defects is not None else '–'}",
            f"{_('Findings')}: {lot.iqc_report}",
            "",
            _company(),
        ]
    return "\n".join(lines)


def anomaly_subject(anomaly):
    customer = anomaly.item.customer
    with override(customer.language):
        return _("Your property %(item)s: %(kind)s (%(number)s)") % {
            "item": anomaly.item.part_no or anomaly.item.name,
            "kind": anomaly.get_kind_display(),
            "number": anomaly.number,
        }


def anomaly_notice(anomaly):
    """Return the report of an anomaly as the text of a notice (S0 5.2.3, ISO 8.5.3)."""
    item, customer = anomaly.item, anomaly.item.customer
    with override(customer.language):
        quantity = (
            f"{shown(anomaly.quantity)} {unit_label(item.unit)}"
            if anomaly.quantity is not None
            else "–"
        )
        lines = [
            _("Dear %(customer)s,") % {"customer": customer.name},
            "",
            _("We must report the following about property you entrusted to us."),
            "",
            f"{_('Report no.')}: {anomaly.number}",
            f"{_('Item')}: {item.name} · {item.part_no or item.serial_no or '–'}",
            f"{_('Lot')}: {anomaly.lot or '–'}",
            f"{_('Anomaly')}: {anomaly.get_kind_display()}",
            f"{_('Quantity affected')}: {quantity}",
            f"{_('Found on')}: {timezone.localtime(anomaly.reported_at):%Y-%m-%d}",
            f"{_('What was found')}: {anomaly.description}",
            "",
            _("We will agree the disposition with you."),
            _company(),
        ]
    return "\n".join(lines)
