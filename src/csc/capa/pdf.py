"""The printed corrective and preventive action notice (纠正和预防措施通知单, S1 7.0), in the
active language (call inside ``translation.override``)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.actions import signatures_of
from csc.core.pdf import FormPDF

# S1 names no form number for the notice; ours follows the CSC-<area>-<requirement> pattern
# (the action system is CMP-10).
NOTICE_FORM = "CSC-CMP-10"


def _day(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def notice_pdf(capa):
    """Return the PDF bytes of one action's notice: the problem, who acts by when, the root
    cause, the action taken and how its effectiveness was verified, with the signatures."""
    pdf = FormPDF(
        pgettext("seed form", "Corrective and preventive action notice"),
        NOTICE_FORM,
        subtitle=capa.number,
    )
    assisting = ", ".join(str(d) for d in capa.assisting.all())
    pdf.facts(
        [
            (_("Action no."), capa.number),
            (_("Status"), capa.get_status_display()),
            (_("Source"), f"{capa.get_source_display()} {capa.source_label}".strip()),
            (_("Customer"), str(capa.customer or "")),
            (_("Category"), capa.get_category_display()),
            (_("Responsible department"), str(capa.department)),
            (_("Assisting departments"), assisting or "–"),
            (_("Owner"), str(capa.owner or "")),
            (_("Issued"), _day(capa.created_at)),
            (_("Due date"), _day(capa.due_date)),
        ]
    )
    pdf.paragraph(_("Title"), capa.title)
    pdf.paragraph(_("Problem"), capa.description)
    pdf.paragraph(_("Root cause"), capa.root_cause)
    pdf.paragraph(_("Action taken"), capa.action_taken)
    pdf.paragraph(_("Verification of effectiveness"), capa.verification)
    if capa.cancel_reason:
        pdf.paragraph(_("Reason for cancelling"), capa.cancel_reason)
    boxes = [(s.get_meaning_display(), s.user_name, _day(s.at)) for s in signatures_of(capa)[:3]]
    pdf.signatures(
        boxes
        or [
            (_("Issued by"), "", _day(capa.created_at)),
            (_("Responsible department"), str(capa.owner or ""), ""),
            (_("Verified by"), str(capa.verified_by or ""), _day(capa.verified_at)),
        ]
    )
    return pdf.render()
