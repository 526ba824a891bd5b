"""Printable complaint forms: the customer quality feedback sheet (客户品质反馈单), the reply
letter (客户质量投诉回复书), the 8D report and the return and rework notices (退货通知单,
返工通知单).

Both are written in the active language (call them inside ``translation.override``), so the
same record prints in Chinese or in English.
"""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.actions import signatures_of
from csc.core.pdf import FormPDF

from . import disciplines

# S0 7.9 names no number for the feedback sheet; ours follows CMP-1 (the complaint register).
FEEDBACK_FORM = "CSC-CMP-01"
REPLY_FORM = "CSC-CMP-06"
EIGHTD_FORM = "CSC-CMP-04"
# S1 names no number for the return and rework notices; ours follow CMP-7 (returns).
RETURN_FORM = "CSC-CMP-07"
REWORK_FORM = "CSC-CMP-07-RW"


def _when(moment, with_time=False):
    if moment is None:
        return ""
    local = timezone.localtime(moment)
    return local.strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")


def _complaint_facts(complaint):
    product = complaint.product
    return [
        (_("Customer"), complaint.customer.name),
        (_("Complaint no."), complaint.number),
        (_("Received"), _when(complaint.received_at, True)),
        (_("Category"), complaint.get_category_display()),
        (_("Product"), f"{product.code} {product.name}" if product else ""),
        (_("Lot / batch"), complaint.lot),
        (_("Quantity affected"), f"{complaint.quantity_affected.normalize():f}"),
        (_("Severity"), complaint.get_severity_display()),
    ]


def reply_letter(reply):
    """Return the PDF bytes of a reply letter."""
    complaint = reply.complaint
    pdf = FormPDF(_("Customer quality complaint reply"), REPLY_FORM)
    facts = _complaint_facts(complaint)
    eightd = getattr(complaint, "eightd", None)
    facts.append((_("8D no."), eightd.number if eightd else ""))
    facts.append((_("Date"), _when(reply.drafted_at)))
    pdf.facts(facts)
    pdf.paragraph(_("Subject"), reply.subject)
    pdf.paragraph(_("Our reply"), reply.body)
    pdf.signatures(
        [
            (_("Quality"), str(reply.drafted_by), _when(reply.drafted_at)),
            (_("Sales"), str(reply.sent_by or ""), _when(reply.sent_at)),
            (_("Customer confirmation"), "", ""),
        ]
    )
    return pdf.render()


def eightd_report(eightd):
    """Return the PDF bytes of the 8D report with every discipline and the signatures."""
    complaint = eightd.complaint
    pdf = FormPDF(_("8D report"), EIGHTD_FORM, subtitle=f"{eightd.number} · {complaint.number}")
    facts = _complaint_facts(complaint)
    facts += [
        (_("8D leader"), str(eightd.leader)),
        (_("Status"), eightd.get_status_display()),
        (_("Opened"), _when(eightd.opened_at)),
        (_("Closure due"), _when(eightd.due_at)),
        (_("Closed"), _when(eightd.closed_at)),
        (_("Root cause class"), complaint.get_cause_class_display()),
    ]
    pdf.facts(facts)
    pdf.paragraph(_("Description"), complaint.description)
    sections = list(eightd.disciplines.select_related("owner").order_by("code"))
    names = _names(disciplines.user_ids({d.code: d.data for d in sections}))
    for discipline in sections:
        _discipline(pdf, discipline, names)
    _signatures(pdf, eightd, complaint)
    return pdf.render()


def _names(ids):
    users = get_user_model().objects.filter(pk__in=ids)
    return {user.pk: str(user) for user in users}


def _discipline(pdf, discipline, names):
    code = discipline.code
    pdf.heading(f"{code} {disciplines.TITLES[code]}")
    pdf.facts(
        [
            (_("Owner"), str(discipline.owner or "")),
            (_("Due date"), discipline.due_date.isoformat()),
            (_("Status"), discipline.get_status_display()),
            (_("Done"), _when(discipline.completed_at)),
        ],
        columns=4,
        label_share=0.4,
    )
    for block in disciplines.blocks(code, discipline.data, names):
        if "rows" in block:
            headers = [str(block["title"] or ""), *[str(c) for c in block["columns"]]]
            rows = [[str(label), *[value for value, _f in cells]] for label, cells in block["rows"]]
            pdf.table(headers, rows, widths=[1.2] + [2] * len(block["columns"]))
        else:
            pairs = [(str(label), value) for label, value, _f, _wide in block["items"]]
            pdf.facts(pairs, columns=1, label_share=0.3)


def _signatures(pdf, eightd, complaint):
    boxes = [(_("8D leader"), str(eightd.leader), _when(eightd.closed_at))]
    final = signatures_of(eightd).filter(section="final report").first()
    boxes.append(
        (
            _("Plant manager (final report)"),
            final.user_name if final else "",
            _when(final.at) if final else "",
        )
    )
    reads = list(signatures_of(complaint).filter(meaning="read")[:2])
    for signature in reads:
        boxes.append((_("Read"), signature.user_name, _when(signature.at)))
    pdf.signatures(boxes)


def _n(value):
    return "" if value is None else f"{value.normalize():f}"


def _return_facts(ret):
    product = ret.product
    return [
        (_("Return no."), ret.number),
        (_("Customer"), ret.customer.name),
        (_("Complaint no."), ret.complaint.number if ret.complaint else "–"),
        (_("Notice date"), ret.notice_date.isoformat()),
        (_("Product"), f"{product.code} {product.name}" if product else ""),
        (_("Lot / batch"), ret.lot),
        (_("Quantity returned"), _n(ret.quantity)),
        (_("Status"), ret.get_status_display()),
    ]


def return_notice(ret):
    """Return the PDF bytes of the return notice: what comes back, why, and each department's
    step (warehouse count, Quality verification, replacement) as far as it has gone."""
    pdf = FormPDF(pgettext("seed form", "Return notice"), RETURN_FORM, subtitle=ret.number)
    pdf.facts(_return_facts(ret))
    pdf.paragraph(_("Reason"), ret.reason)
    pdf.heading(_("Receipt and verification"))
    pdf.facts(
        [
            (_("Quantity received"), _n(ret.received_quantity)),
            (_("Received"), _when(ret.received_at)),
            (_("Verification result"), ret.get_result_display() if ret.result else ""),
            (_("Defective quantity"), _n(ret.defective_quantity)),
            (_("Replacement quantity"), _n(ret.replacement_quantity)),
            (
                _("Replacement delivery date"),
                ret.replacement_date.isoformat() if ret.replacement_date else "",
            ),  # fmt: skip
        ]
    )
    pdf.paragraph(_("Verification note"), ret.verification_note)
    pdf.signatures(
        [
            (_("Issued by"), str(ret.registered_by or ""), ret.notice_date.isoformat()),
            (_("Received by"), str(ret.received_by or ""), _when(ret.received_at)),
            (_("Verified by"), str(ret.verified_by or ""), _when(ret.verified_at)),
        ]
    )
    return pdf.render()


def rework_notice(ret):
    """Return the PDF bytes of the rework notice to Production (only once rework is ordered)."""
    pdf = FormPDF(pgettext("seed form", "Rework notice"), REWORK_FORM, subtitle=ret.rework_number)
    pdf.facts(
        [
            (_("Rework notice no."), ret.rework_number),
            (_("Rework due"), ret.rework_due.isoformat() if ret.rework_due else ""),
            *_return_facts(ret),
            (_("Defective quantity"), _n(ret.defective_quantity)),
            (_("Reworked"), _when(ret.reworked_at)),
        ]
    )
    pdf.paragraph(_("Verification note"), ret.verification_note)
    pdf.paragraph(_("Rework instructions"), ret.rework_instructions)
    pdf.paragraph(_("Rework result"), ret.rework_result)
    pdf.signatures(
        [
            (_("Quality"), str(ret.verified_by or ""), _when(ret.verified_at)),
            (_("Production"), str(ret.reworked_by or ""), _when(ret.reworked_at)),
        ]
    )
    return pdf.render()


def feedback_sheet(complaint):
    """Return the PDF bytes of the complaint as registered (客户品质反馈单): what the customer
    reported, through which channel, and Quality's assessment with the responsible department."""
    pdf = FormPDF(pgettext("seed form", "Customer quality feedback sheet"), FEEDBACK_FORM, subtitle=complaint.number)  # fmt: skip
    facts = _complaint_facts(complaint)
    facts += [
        (_("Channel"), complaint.get_channel_display()),
        (
            _("Production date"),
            complaint.production_date.isoformat() if complaint.production_date else "",
        ),  # fmt: skip
        (_("Status"), complaint.get_status_display()),
        (_("Responsible department"), str(complaint.department or "")),
    ]
    pdf.facts(facts)
    pdf.paragraph(_("Description"), complaint.description)
    pdf.paragraph(_("Assessment / explanation to the customer"), complaint.assessment)
    pdf.signatures(
        [
            (_("Registered by"), str(complaint.registered_by), _when(complaint.received_at)),
            (_("Assessed by"), str(complaint.assessed_by or ""), _when(complaint.assessed_at)),
        ]
    )
    return pdf.render()
