"""The printed questionnaire (顾客满意度调查表, HT-QR-MA-01) of a template, for a customer who
answers on paper; in the active language (call inside ``translation.override``)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.pdf import FormPDF

BOX = "□"


def questionnaire_pdf(template):
    """Return the PDF bytes of the blank questionnaire: who answers, every item with a box per
    level (weighted) or a score out of its maximum (points), and room for comments."""
    pdf = FormPDF(template.label, template.form_number, subtitle=f"{template.code} v{template.edition}")  # fmt: skip
    pdf.facts([(pgettext("addressee", "To"), ""), (_("Date"), ""), (_("Company"), ""), (pgettext("job title", "Position"), ""), (_("Filled in by"), ""), (_("Reply by"), "")])  # fmt: skip
    pdf.paragraph(
        "",
        _(
            "Dear customer, thank you for your support. To learn your requirements and "
            "suggestions and serve you better, please have this questionnaire filled in: tick the "
            "box that fits each item and add a short remark where you wish."
        ),
    )
    items = list(template.items.all())
    if template.is_weighted:
        levels = [str(level) for level in template.levels]
        headers = [pgettext("row number", "No."), _("Question"), _("Category"), *levels]
        rows = [[n, item.label, item.get_category_display(), *[BOX] * len(levels)] for n, item in enumerate(items, 1)]  # fmt: skip
        widths = [0.6, 4, 1.4, *[0.7] * len(levels)]
        pdf.paragraph(_("Scale"), _("%(high)s = very satisfied … %(low)s = very dissatisfied") % {"high": levels[0] if levels else "", "low": levels[-1] if levels else ""})  # fmt: skip
    else:
        headers = [
            pgettext("row number", "No."),
            _("Question"),
            _("Category"),
            _("Max. points"),
            _("Score"),
        ]
        rows = [[n, item.label, item.get_category_display(), item.max_points or "", ""] for n, item in enumerate(items, 1)]  # fmt: skip
        widths = [0.6, 4, 1.4, 1.2, 1.2]
    pdf.table(headers, rows, widths=widths)
    pdf.paragraph(_("Other comments and suggestions"), "\n\n\n")
    pdf.signatures([(_("Customer (stamp)"), "", ""), (_("Date"), "", "")])
    return pdf.render()
