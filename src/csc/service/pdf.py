"""The printed information feedback sheet (信息反馈单, S2 7.6 / SVC-6), in the active language
(call inside ``translation.override``)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.pdf import FormPDF

# S2 names no form number for the sheet; ours follows the CSC-<area>-<requirement> pattern.
SHEET_FORM = "CSC-SVC-06"


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def sheet_pdf(sheet):
    """Return the PDF bytes of one sheet: the request it comes from, the question to the
    department and the department's answer, with who and when."""
    request = sheet.request
    pdf = FormPDF(pgettext("seed form", "Information feedback sheet"), SHEET_FORM, subtitle=sheet.number)  # fmt: skip
    pdf.facts(
        [
            (_("Sheet no."), sheet.number),
            (_("To department"), str(sheet.department)),
            (_("Service request no."), request.number),
            (_("Customer"), request.customer.name),
            (_("Subject"), request.subject),
            (_("Sent"), _when(sheet.sent_at)),
        ]
    )
    pdf.paragraph(_("Information and question"), sheet.question)
    pdf.paragraph(_("Answer"), sheet.answer)
    pdf.signatures(
        [
            (_("Sent by"), str(sheet.sent_by), _when(sheet.sent_at)),
            (_("Answered by"), str(sheet.answered_by or ""), _when(sheet.answered_at)),
        ]
    )
    return pdf.render()
