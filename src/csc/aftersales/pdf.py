"""The printable 三包 claim (三包索赔单) and customer visit report (客户访谈报告, S2 7.1), in the
active language (call inside ``override``)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.pdf import FormPDF

# S2 names no form number for the claim; ours follows the CSC-<area>-<requirement> pattern.
CLAIM_FORM = "CSC-SVC-07"
# S2 names no number for the visit report either.
VISIT_FORM = "CSC-SVC-08"


def _day(value):
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def _money(value):
    return f"{value:,.2f}"


def claim_pdf(claim):
    """Return the PDF bytes of one claim with its cover, decision and cost."""
    pdf = FormPDF(_("三包 warranty claim"), CLAIM_FORM, subtitle=claim.number)
    product = claim.product
    pdf.facts(
        [
            (_("Customer"), claim.customer.name),
            (_("Claim no."), claim.number),
            (_("Product"), f"{product.code} {product.name}"),
            (_("Serial / lot no."), claim.serial_no),
            (_("Delivery note no."), claim.shipment.number),
            (_("Purchased on"), _day(claim.purchased_on)),
            (_("Failed on"), _day(claim.failed_on)),
            (_("Mileage (km)"), "" if claim.mileage_km is None else f"{claim.mileage_km:,}"),
            (_("Quantity"), str(claim.quantity)),
            (_("Status"), claim.get_status_display()),
        ]
    )
    pdf.paragraph(_("Failure description"), claim.description)
    pdf.heading(_("Coverage"))
    terms = claim.agreement.number if claim.agreement_id else _("Standard 三包 terms")
    km = "" if claim.coverage_km is None else f"{claim.coverage_km:,}"
    pdf.facts(
        [
            (_("Terms"), terms),
            (_("Cover ends on"), _day(claim.coverage_ends_on)),
            (_("Mileage limit (km)"), km or _("none")),
            (_("Coverage"), claim.get_coverage_reason_display()),
            (_("Cause"), claim.get_defect_kind_display()),
            (_("Exclusion"), claim.get_exclusion_display()),
        ]
    )
    pdf.paragraph(_("Assessment finding"), claim.finding)
    pdf.heading(_("Decision"))
    pdf.facts([(_("Decision"), claim.get_decision_display()), (_("Decided"), _day(claim.decided_at))])  # fmt: skip
    pdf.paragraph(_("Reason for the decision"), claim.decision_reason)
    if claim.ntf_analysis:
        pdf.paragraph(_("NTF analysis"), claim.ntf_analysis)
    pdf.table(
        [_("Parts cost"), _("Labour cost"), _("Freight cost"), _("Total")],
        [
            [
                _money(v)
                for v in (claim.parts_cost, claim.labour_cost, claim.freight_cost, claim.total_cost)
            ]
        ],  # fmt: skip
    )
    pdf.signatures(
        [
            (_("Registered by"), str(claim.registered_by), _day(claim.registered_at)),
            (
                pgettext("claim", "Assessed by"),
                str(claim.assessed_by or ""),
                _day(claim.assessed_at),
            ),
            (_("Decided by"), str(claim.decided_by or ""), _day(claim.decided_at)),
        ]
    )
    return pdf.render()


# The seeds name the 服务回执单 (S1 3.1.4.1) without a form number; ours follows CSC-<area>-<req>.
RECEIPT_FORM = "CSC-SVC-05"
REPORT_FORM = "CSC-SVC-10"
SIGNATURE_BOX = (70, 28)  # mm


def _time(value):
    return "" if value is None else timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _hours(value):
    return f"{value:.1f}"


def receipt_pdf(record, receipt=None, parts=()):
    """Return the PDF bytes of a job's service receipt, with the customer's drawn signature."""
    pdf = FormPDF(_("Service receipt"), RECEIPT_FORM, subtitle=record.number)
    product = record.product
    pdf.facts(
        [
            (_("Customer"), record.customer.name),
            (_("Service record no."), record.number),
            (_("Service staff"), str(record.staff)),
            (_("Stage"), record.get_stage_display()),
            (_("Site"), record.site),
            (_("Product"), f"{product.code} {product.name}" if product else ""),
            (_("Problem found"), _time(record.found_at)),
            (_("Completed"), _time(record.completed_at)),
            (_("Failure form"), record.failure_form),
            (_("Maker"), record.maker),
            (_("Outcome"), record.get_outcome_display()),
            (_("Status"), record.get_status_display()),
            (_("Work hours"), _hours(record.work_hours)),
            (_("Travel hours"), _hours(record.travel_hours)),
        ]
    )
    pdf.paragraph(_("Defect"), record.defect)
    pdf.paragraph(_("Result"), record.result)
    if parts:
        pdf.table(
            [
                _("Part no."),
                _("Part name"),
                pgettext("spare part", "Requested"),
                pgettext("spare part", "Issued"),
                pgettext("spare part", "Used"),
            ],
            [[p.part_no, p.name, p.requested, p.issued, p.used] for p in parts],
            widths=[2, 4, 1.3, 1.3, 1.3],
        )
    pdf.heading(_("Customer's confirmation"))
    if receipt is None:
        pdf.paragraph(_("Customer's remark"), _("Not signed yet."))
        return pdf.render()
    pdf.facts(
        [
            (_("Signer's name"), receipt.signer_name),
            (pgettext("time", "Signed"), _time(receipt.signed_at)),
            (_("How it was signed"), receipt.get_method_display()),
            (_("Satisfied with the service"), _("Yes") if receipt.satisfied else _("No")),
        ]
    )
    pdf.paragraph(_("Customer's remark"), receipt.remark)
    if receipt.signature_png:
        _signature_image(pdf, bytes(receipt.signature_png))
    return pdf.render()


def _signature_image(pdf, png):
    import io

    width, height = SIGNATURE_BOX
    if pdf.will_page_break(height + 8):
        pdf.add_page()
    pdf.set_font("cjk", "", 9)
    pdf.cell(pdf.width, 6, _("Customer's signature"), new_x="LMARGIN", new_y="NEXT")
    x, y = pdf.get_x(), pdf.get_y()
    pdf.rect(x, y, width, height)
    pdf.image(io.BytesIO(png), x=x + 1, y=y + 1, w=width - 2, h=height - 2, keep_aspect_ratio=True)
    pdf.set_xy(pdf.l_margin, y + height + 2)


def service_report_pdf(period, figures, months=None, written=None):
    """Return the PDF bytes of the service summary of ``period`` (SVC-10): the figures, the
    months with their chart, the conclusions and the sign-off."""
    from .models import ServiceSummary
    from .servicereport import figure_rows, month_chart

    draft = written is None or written.signed_at is None
    subtitle = f"{period}" + (f" · {_('DRAFT')}" if draft else "")
    pdf = FormPDF(_("Service summary report"), REPORT_FORM, subtitle=subtitle)
    pdf.table([_("Figure"), _("Value")], [[label, value] for label, value in figure_rows(figures)], widths=[3, 1.5])  # fmt: skip
    if months:
        pdf.heading(_("By month"))
        pdf.table(
            [_("Month"), _("Field jobs"), _("Work hours"), _("Service receipts signed")],
            [[f"{m:%Y-%m}", jobs, hours, signed] for m, jobs, hours, signed in months],
        )
        pdf.chart(month_chart(months))
    pdf.heading(_("Conclusions"))
    for name in ServiceSummary.TEXT_FIELDS:
        field = ServiceSummary._meta.get_field(name)
        pdf.paragraph(field.verbose_name, getattr(written, name, "") if written else "")
    pdf.signatures(
        [
            (
                _("Written by"),
                str(written.created_by) if written else "",
                _day(written.created_at) if written else "",
            ),  # fmt: skip
            (
                _("Signed off by"),
                str(written.signed_by or "") if written else "",
                _day(written.signed_at) if written and written.signed_at else "",
            ),  # fmt: skip
        ]
    )
    return pdf.render()


# The seeds name the 退修单 (S2 5.9.2) without a form number either.
RETURN_FORM = "CSC-SVC-05-RR"


def repair_return_pdf(repair):
    """Return the PDF bytes of a repair return (退修单) with the store's count."""
    pdf = FormPDF(_("Repair return"), RETURN_FORM, subtitle=repair.number)
    product = repair.product
    counted = "" if repair.quantity_received is None else str(repair.quantity_received)
    pdf.facts(
        [
            (_("Customer"), repair.customer.name),
            (_("Repair return no."), repair.number),
            (_("Product"), f"{product.code} {product.name}"),
            (_("Service record"), repair.record.number if repair.record_id else ""),
            (_("Quantity sent"), str(repair.quantity_sent)),
            (_("Quantity received"), counted),
            (_("Status"), repair.get_status_display()),
            (_("Received"), _time(repair.received_at)),
        ]
    )
    pdf.paragraph(_("Reason for return"), repair.reason)
    pdf.paragraph(_("Receiving note"), repair.receiving_note)
    pdf.signatures(
        [
            (_("Sent by"), str(repair.created_by), _day(repair.created_at)),
            (_("Received by"), str(repair.received_by or ""), _day(repair.received_at)),
        ]
    )
    return pdf.render()


def visit_report_pdf(report):
    """Return the PDF bytes of one visit report: the customer's opinions on product and
    service, the satisfaction and each finding with the corrective action it opened."""
    pdf = FormPDF(pgettext("seed form", "Customer visit report"), VISIT_FORM, subtitle=report.number)  # fmt: skip
    pdf.facts(
        [
            (_("Report no."), report.number),
            (_("Customer"), report.customer.name),
            (_("Visited on"), _day(report.visited_on)),
            (_("Visited by"), str(report.visitor)),
            (_("Service satisfaction"), report.get_satisfaction_display()),
            (_("Planned visit"), _("yes") if report.planned_id else _("no")),
        ]
    )
    pdf.paragraph(_("Customer's opinions and requests"), report.opinions)
    pdf.paragraph(_("Product quality"), report.product_quality)
    pdf.paragraph(_("After-sales service"), report.service_quality)
    findings = [[f.description, f.capa.number if f.capa else "–"] for f in report.findings.select_related("capa")]  # fmt: skip
    pdf.heading(pgettext("visit", "Findings"))
    if findings:
        pdf.table([pgettext("visit", "Finding"), _("Corrective action")], findings, widths=[4, 1.2])
    else:
        pdf.paragraph("", _("No findings."))
    pdf.signatures([(_("Visited by"), str(report.visitor), _day(report.visited_on)), (_("Customer"), "", "")])  # fmt: skip
    return pdf.render()
