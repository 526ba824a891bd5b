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
            (_("Assessed by"), str(claim.assessed_by or ""), _day(claim.assessed_at)),
            (_("Decided by"), str(claim.decided_by or ""), _day(claim.decided_at)),
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
