"""The forms the procedures name (REC-1): S0 7.0, S1 7.0 and 7, S2 7; with the form number, the
CSC record that holds each and where it is printed from.

``printer`` is the dotted path of the function that prints the form; the page imports it, so a
form reads "printed" only when the code really prints it, and a missing one says so.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class SeedForm:
    seed: str  # where the procedure lists it, e.g. "S0 7.3"
    name: object  # the form's name, in its own context so zh-Hans reads exactly as the seed
    number: str  # form number printed on it ("" where the seed gives none)
    record: str  # app_label.Model holding it
    page: str  # url name of the page it is printed from (or where its records are)
    printer: str = ""  # dotted path of the function printing the PDF; "" = not printed yet
    excel: str = ""  # url name of its Excel export, where it is a ledger
    note: object = ""


FORMS = (
    SeedForm(
        "S0 7.1",
        pgettext_lazy("seed form", "Customer satisfaction questionnaire"),
        "HT-QR-MA-01",
        "surveys.SurveyTemplate",
        "surveys:templates",
        "csc.surveys.pdf.questionnaire_pdf",
        note=_(
            "Printed blank from each questionnaire's page, for customers answering on paper; answered on line through the survey link."
        ),
    ),
    SeedForm(
        "S0 7.2",
        pgettext_lazy("seed form", "Customer satisfaction survey statistics"),
        "HT-QR-MA-02",
        "surveys.SurveyRound",
        "surveys:rounds",
        "csc.surveys.report.write_pdf",
    ),  # fmt: skip
    SeedForm(
        "S0 7.3",
        pgettext_lazy("seed form", "Order review record"),
        "HT-QR-MA-03",
        "orders.ReviewVersion",
        "orders:list",
        "csc.orders.pdf.review_record",
    ),  # fmt: skip
    SeedForm(
        "S0 7.4",
        pgettext_lazy("seed form", "Production / sample order"),
        "HT-QR-MA-04",
        "orders.ProductionOrder",
        "orders:list",
        "csc.orders.pdf.production_order",
    ),  # fmt: skip
    SeedForm(
        "S0 7.5",
        pgettext_lazy("seed form", "Production change order"),
        "HT-QR-MA-05",
        "orders.OrderChange",
        "orders:changes",
        "csc.orders.pdf.change_order",
    ),  # fmt: skip
    SeedForm(
        "S0 7.6",
        pgettext_lazy("seed form", "Customer property register"),
        "HT-QR-MA-10",
        "property.PropertyItem",
        "property:register",
        "csc.property.sheets.register_pdf",
        "property:register-export",
    ),  # fmt: skip
    SeedForm(
        "S0 7.7",
        pgettext_lazy("seed form", "Internal liaison memo"),
        "HT-QR-MA-06",
        "orders.LiaisonMemo",
        "orders:memos",
        "csc.orders.pdf.liaison_memo",
    ),  # fmt: skip
    SeedForm(
        "S0 7.8",
        pgettext_lazy("seed form", "Delivery notice"),
        "HT-QR-MA-07",
        "orders.Shipment",
        "orders:list",
        "csc.orders.pdf.delivery_notice",
    ),  # fmt: skip
    SeedForm(
        "S0 7.9",
        pgettext_lazy("seed form", "Customer quality feedback sheet"),
        "CSC-CMP-01",
        "complaints.Complaint",
        "complaints:list",
        "csc.complaints.pdf.feedback_sheet",
        excel="complaints:export",
        note=_(
            "Printed from the complaint's page; the seed gives no form number, CSC numbers it after the complaint register (CMP-1)."
        ),
    ),
    SeedForm(
        "S0 7.10",
        pgettext_lazy("seed form", "Pro forma invoice (PI)"),
        "",
        "orders.Order",
        "orders:list",
        "csc.orders.pdf.proforma_invoice",
    ),  # fmt: skip
    SeedForm(
        "S1 7.0",
        pgettext_lazy("seed form", "Customer quality complaint reply"),
        "CSC-CMP-06",
        "complaints.Reply",
        "complaints:list",
        "csc.complaints.pdf.reply_letter",
    ),  # fmt: skip
    SeedForm(
        "S1 7.0",
        pgettext_lazy("seed form", "Return notice"),
        "CSC-CMP-07",
        "complaints.Return",
        "complaints:returns",
        "csc.complaints.pdf.return_notice",
        note=_("The procedure gives no form number; CSC numbers it after returns (CMP-7)."),
    ),
    SeedForm(
        "S1 7.0",
        pgettext_lazy("seed form", "Rework notice"),
        "CSC-CMP-07-RW",
        "complaints.Return",
        "complaints:returns",
        "csc.complaints.pdf.rework_notice",
        note=_("The procedure gives no form number; CSC numbers it after returns (CMP-7)."),
    ),
    SeedForm(
        "S1 7.0",
        pgettext_lazy("seed form", "Corrective and preventive action notice"),
        "CSC-CMP-10",
        "capa.Capa",
        "capa:list",
        "csc.capa.pdf.notice_pdf",
        note=_(
            "The procedure gives no form number; CSC numbers it after the action system (CMP-10)."
        ),
    ),
    SeedForm(
        "S1 7",
        pgettext_lazy("seed form", "New customer application"),
        "FM-MKT-004-B1",
        "customers.CustomerAdmission",
        "customers:admissions",
        "csc.customers.pdf.admission_pdf",
    ),
    SeedForm(
        "S1 7",
        pgettext_lazy("seed form", "Customer list"),
        "FM-MKT-005-B1",
        "customers.Customer",
        "customers:list",
        excel="customers:export",
    ),  # fmt: skip
    SeedForm(
        "S1 7",
        pgettext_lazy("seed form", "Customer satisfaction questionnaire"),
        "FM-MKT-006-B1",
        "surveys.SurveyTemplate",
        "surveys:templates",
        "csc.surveys.pdf.questionnaire_pdf",
        note=_(
            "The same questionnaire as HT-QR-MA-01; a template whose form number is set to FM-MKT-006-B1 prints under that number."
        ),
    ),
    SeedForm(
        "S1 7",
        pgettext_lazy("seed form", "Customer satisfaction survey report"),
        "HT-QR-MA-02",
        "surveys.SurveyRound",
        "surveys:rounds",
        "csc.surveys.report.write_pdf",
    ),  # fmt: skip
    SeedForm(
        "S2 7.1",
        pgettext_lazy("seed form", "Customer visit report"),
        "CSC-SVC-08",
        "aftersales.VisitReport",
        "aftersales:reports",
        "csc.aftersales.pdf.visit_report_pdf",
        note=_("S2 gives no form number; CSC numbers it in the service series."),
    ),
    SeedForm(
        "S2 7.2",
        pgettext_lazy("seed form", "Customer file"),
        "",
        "customers.Customer",
        "customers:list",
        excel="customers:export",
        note=_("Kept as the customer's 360° page."),
    ),  # fmt: skip
    SeedForm(
        "S2 7.3",
        pgettext_lazy("seed form", "Customer complaint register"),
        "",
        "complaints.Complaint",
        "complaints:list",
        excel="complaints:export",
    ),  # fmt: skip
    SeedForm(
        "S2 7.4",
        pgettext_lazy("seed form", "Service work summary report"),
        "",
        "service.ServiceRequest",
        "service:report",
        excel="service:report-export",
    ),  # fmt: skip
    SeedForm(
        "S2 7.5",
        pgettext_lazy("seed form", "8D report"),
        "CSC-CMP-04",
        "complaints.EightD",
        "complaints:list",
        "csc.complaints.pdf.eightd_report",
    ),  # fmt: skip
    SeedForm(
        "S2 7.6",
        pgettext_lazy("seed form", "Information feedback sheet"),
        "CSC-SVC-06",
        "service.FeedbackSheet",
        "service:list",
        "csc.service.pdf.sheet_pdf",
        note=_(
            "Printed from the service request's page; S2 gives no form number, CSC numbers it after SVC-6."
        ),
    ),
)

# Forms CSC prints that no seed lists: kept here so the page shows every printed form.
OWN_FORMS = (
    SeedForm(
        "CSC",
        pgettext_lazy("seed form", "三包 warranty claim"),
        "CSC-SVC-07",
        "aftersales.WarrantyClaim",
        "aftersales:claims",
        "csc.aftersales.pdf.claim_pdf",
    ),  # fmt: skip
    SeedForm(
        "CSC",
        pgettext_lazy("seed form", "Product recall record"),
        "CSC-RCL-01",
        "recalls.Recall",
        "recalls:list",
        "csc.recalls.pdf.recall_record",
    ),  # fmt: skip
    SeedForm(
        "CSC",
        pgettext_lazy("seed form", "Management review pack"),
        "CSC-KPI-01",
        "kpi.ManagementReview",
        "kpi:reviews",
        "csc.kpi.pack.write_pdf",
    ),  # fmt: skip
    SeedForm(
        "CSC",
        pgettext_lazy("seed form", "Audit evidence pack"),
        "CSC-KPI-02",
        "core.Job",
        "kpi:evidence",
        "csc.kpi.evidence_pack.index_pdf",
    ),  # fmt: skip
)


def printer_of(form):
    """Return the function printing ``form``, or None when CSC does not print it (yet)."""
    if not form.printer:
        return None
    module, _dot, name = form.printer.rpartition(".")
    try:
        return getattr(import_module(module), name, None)
    except ImportError:
        return None


def _url(name):
    if not name:
        return ""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def _record_name(label):
    try:
        return apps.get_model(label)._meta.verbose_name
    except LookupError:
        return label


def rows(forms=FORMS):
    """Return a dict per form for the page: its record type's name, its page, whether printed."""
    return [
        {
            "form": form,
            "record": _record_name(form.record),
            "url": _url(form.page),
            "excel": _url(form.excel),
            "printed": printer_of(form) is not None,
        }
        for form in forms
    ]
