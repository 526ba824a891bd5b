"""The printed new-customer application (新客户申请表, FM-MKT-004-B1, S1 7), in the active
language (call inside ``translation.override``). Bank details never print in full: the
account shows only its last four digits, as lists and exports do."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.actions import signatures_of
from csc.core.pdf import FormPDF

ADMISSION_FORM = "FM-MKT-004-B1"


def _day(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else ""


def admission_pdf(admission):
    """Return the PDF bytes of one application: the customer, the requested credit, the
    salesperson's investigation and the decision with its signatures."""
    customer = admission.customer
    pdf = FormPDF(pgettext("seed form", "New customer application"), ADMISSION_FORM, subtitle=admission.number)  # fmt: skip
    account = f"**** {customer.bank_account_tail}" if customer.bank_account_tail else ""
    pdf.facts(
        [
            (_("Application no."), admission.number),
            (_("Status"), admission.get_status_display()),
            (_("Customer"), customer.name),
            (_("Customer no."), customer.code),
            (_("Address"), customer.address),
            (_("Phone"), customer.phone),
            (_("Industry"), customer.industry),
            (_("Region"), customer.region),
            (_("Bank"), customer.bank_name),
            (_("Bank account"), account),
            (_("Requested credit level"), admission.get_requested_level_display()),
            (_("Requested credit period (days)"), admission.requested_days or ""),
            (_("Size (staff, revenue)"), admission.scale),
            (_("Expected annual purchase"), admission.expected_volume),
        ]
    )
    pdf.paragraph(_("Business and main products"), admission.business_scope)
    pdf.paragraph(_("Salesperson's investigation"), admission.investigation)
    pdf.paragraph(_("Decision note"), admission.decision_note)
    boxes = [(s.get_meaning_display(), s.user_name, _day(s.at)) for s in signatures_of(admission)[:3]]  # fmt: skip
    pdf.signatures(
        boxes
        or [
            (_("Applicant"), str(admission.applicant), _day(admission.submitted_at)),
            (_("Decided by"), str(admission.decided_by or ""), _day(admission.decided_at)),
        ]
    )
    return pdf.render()
