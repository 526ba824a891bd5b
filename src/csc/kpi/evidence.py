"""Audit evidence (ISO 9001 / IATF 16949): for each clause an auditor asks about, what it asks,
where CSC keeps the evidence, the indicators that measure it and the records of a period.

The figures are the indicators' own values (``kpi.values`` through the review pack's period
arithmetic): an auditor sees the number the dashboard and the management review show, never a
second formula. Each clause's records come from ``evidence_records``; ``evidence_pack`` turns
a clause and a period into the zip.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy, pgettext_lazy

from . import evidence_records as records


@dataclass(frozen=True)
class Clause:
    code: str  # slug used in urls and job params
    label: str  # "IATF 16949 10.2.3"
    title: object
    asks: object
    where: tuple  # ((label, url name), …): the pages holding the evidence
    indicators: tuple  # codes of the indicators (kpi.indicators) measuring the clause
    headers: tuple  # columns of the records table (after the record number)
    records: object  # (user, first day, last day) -> [evidence_records.Record]


# --- the clauses -------------------------------------------------------------------------------

# The texts below are lazy: read in the user's language when shown.

CLAUSES = (
    Clause(
        "iso-8-2-1",
        "ISO 9001 8.2.1",
        gettext_lazy("Customer communication"),
        gettext_lazy(
            "Communicate with customers on products, enquiries, contracts and orders, obtain their "
            "feedback including complaints, handle their property and set contingency actions."
        ),
        (
            (gettext_lazy("Service requests"), "service:list"),
            (gettext_lazy("Complaint ledger"), "complaints:list"),
        ),
        ("service_first_answer_on_time", "service_resolution_on_time"),
        (
            gettext_lazy("Customer"),
            gettext_lazy("Received"),
            gettext_lazy("First answer"),
            gettext_lazy("Status"),
        ),
        records.service_requests,
    ),
    Clause(
        "iso-8-2-3",
        "ISO 9001 8.2.3",
        gettext_lazy("Review of the requirements for products"),
        gettext_lazy(
            "Before committing to supply, review the customer's stated and implied requirements, "
            "legal requirements and our own; keep the review record and any new requirements."
        ),
        (
            (gettext_lazy("Orders and their reviews"), "orders:list"),
            (gettext_lazy("Order review indicators"), "orders:kpi"),
        ),
        ("contract_review_in_time",),
        (
            gettext_lazy("Customer"),
            gettext_lazy("Review started"),
            gettext_lazy("Review due"),
            gettext_lazy("Review completed"),
            gettext_lazy("Status"),
        ),
        records.contract_reviews,
    ),
    Clause(
        "iso-8-2-4",
        "ISO 9001 8.2.4",
        gettext_lazy("Changes to requirements for products"),
        gettext_lazy(
            "When requirements change, amend the documents and make sure the people concerned "
            "know the changed requirements."
        ),
        ((gettext_lazy("Order changes"), "orders:changes"),),
        (),
        (
            gettext_lazy("Order no."),
            gettext_lazy("Customer"),
            gettext_lazy("Kind"),
            gettext_lazy("Requested"),
            gettext_lazy("Status"),
        ),
        records.order_changes,
    ),
    Clause(
        "iso-8-5-3",
        "ISO 9001 8.5.3",
        gettext_lazy("Property belonging to customers"),
        gettext_lazy(
            "Identify, verify, protect and safeguard customer property; when it is lost, damaged "
            "or found unsuitable, report this to the customer and keep the record."
        ),
        (
            (gettext_lazy("Customer property register"), "property:register"),
            (gettext_lazy("Property anomalies"), "property:anomalies"),
        ),  # fmt: skip
        ("property_damage",),
        (
            gettext_lazy("Customer"),
            gettext_lazy("Item"),
            gettext_lazy("Anomaly"),
            pgettext_lazy("time", "Reported"),
            gettext_lazy("Status"),
            gettext_lazy("Customer notice"),
        ),
        records.property_anomalies,
    ),
    Clause(
        "iso-9-1-2",
        "ISO 9001 9.1.2",
        gettext_lazy("Customer satisfaction"),
        gettext_lazy(
            "Monitor how customers perceive the degree to which their needs and expectations are "
            "fulfilled, and decide the methods to obtain, monitor and review this information."
        ),
        (
            (gettext_lazy("Survey rounds"), "surveys:rounds"),
            (gettext_lazy("Satisfaction trend"), "surveys:trend"),
        ),
        ("satisfaction_index",),
        (
            gettext_lazy("Title"),
            gettext_lazy("Sent"),
            gettext_lazy("Closed"),
            gettext_lazy("Answered / sent"),
            gettext_lazy("Satisfaction index"),
        ),
        records.survey_rounds,
    ),
    Clause(
        "iatf-8-2-3-1-2",
        "IATF 16949 8.2.3.1.2",
        gettext_lazy("Customer-designated special characteristics in the contract review"),
        gettext_lazy(
            "Review the customer's requirements, including designated special characteristics, "
            "before accepting the order, and show that each review was completed in time."
        ),
        (
            (gettext_lazy("Orders and their reviews"), "orders:list"),
            (gettext_lazy("Order review indicators"), "orders:kpi"),
        ),
        ("contract_review_in_time",),
        (
            gettext_lazy("Customer"),
            gettext_lazy("Review started"),
            gettext_lazy("Review due"),
            gettext_lazy("Review completed"),
            gettext_lazy("Status"),
        ),
        records.contract_reviews,
    ),
    Clause(
        "iatf-9-1-2-1",
        "IATF 16949 9.1.2.1",
        gettext_lazy("Customer satisfaction – supplemental"),
        gettext_lazy(
            "Monitor the customer's perception through internal and external performance "
            "indicators: delivered part quality, customer disruptions, delivery schedule "
            "performance including premium freight, and customer notifications."
        ),
        (
            (gettext_lazy("Indicator dashboard"), "kpi:dashboard"),
            (gettext_lazy("Complaint indicators"), "complaints:kpis"),
        ),  # fmt: skip
        ("complaint_rate", "ppm", "on_time_delivery", "premium_freight", "customer_disruptions"),
        (
            gettext_lazy("Customer"),
            gettext_lazy("Promised for"),
            gettext_lazy("Shipped on"),
            gettext_lazy("Delivered on"),
        ),
        records.late_shipments,
    ),
    Clause(
        "iso-10-2",
        "ISO 9001 10.2",
        gettext_lazy("Nonconformity and corrective action"),
        gettext_lazy(
            "React to nonconformities, find their causes, take action so they do not recur, review "
            "the effectiveness of the actions and keep records of each."
        ),
        ((gettext_lazy("Corrective and preventive actions"), "capa:list"),),
        ("capa_on_time",),
        (
            gettext_lazy("Title"),
            gettext_lazy("Opened"),
            gettext_lazy("Verified"),
            gettext_lazy("Closed"),
            gettext_lazy("Status"),
        ),
        records.capas_closed,
    ),
    Clause(
        "iatf-10-2-3",
        "IATF 16949 10.2.3",
        gettext_lazy("Problem solving"),
        gettext_lazy(
            "Use a documented problem-solving method (8D) with containment, root cause analysis, "
            "corrective action and verification, and update the PFMEA and control plan."
        ),
        (
            (gettext_lazy("Complaint ledger"), "complaints:list"),
            (gettext_lazy("Complaint indicators"), "complaints:kpis"),
        ),
        ("eightd_on_time",),
        (
            gettext_lazy("Complaint no."),
            gettext_lazy("Customer"),
            gettext_lazy("Closed"),
            gettext_lazy("PFMEA"),
            gettext_lazy("Control plan"),
        ),
        records.eightds_closed,
    ),
    Clause(
        "iatf-10-2-5",
        "IATF 16949 10.2.5",
        gettext_lazy("Warranty management systems"),
        gettext_lazy(
            "Run a warranty management process that analyses returned parts, including those with "
            "no trouble found (NTF), and agrees the analysis with the customer."
        ),
        ((gettext_lazy("Warranty claims"), "aftersales:claims"),),
        ("field_returns", "ntf_rate"),
        (
            gettext_lazy("Customer"),
            pgettext_lazy("time", "Registered"),
            gettext_lazy("Decision"),
            gettext_lazy("NTF analysis"),
        ),
        records.warranty_claims,
    ),
    Clause(
        "iatf-10-2-6",
        "IATF 16949 10.2.6",
        gettext_lazy("Customer complaints and field failure test analysis"),
        gettext_lazy(
            "Analyse customer complaints and field failures, including returned parts, start "
            "problem solving and corrective action, and tell the customer the results."
        ),
        (
            (gettext_lazy("Complaint ledger"), "complaints:list"),
            (gettext_lazy("Returns"), "complaints:returns"),
        ),
        ("complaint_rate", "complaint_reply_on_time", "field_returns"),
        (
            gettext_lazy("Record"),
            gettext_lazy("Customer"),
            gettext_lazy("Received"),
            gettext_lazy("Status"),
            gettext_lazy("Reply sent"),
        ),
        records.complaints_and_returns,
    ),
)


BY_CODE = {clause.code: clause for clause in CLAUSES}


def get(code):
    """Return the clause of ``code`` or None."""
    return BY_CODE.get(code)


def pages(clause):
    """Return [(label, url)] of the pages holding the clause's evidence (names that resolve)."""
    from django.urls import NoReverseMatch

    found = []
    for label, name in clause.where:
        try:
            found.append((label, reverse(name)))
        except NoReverseMatch:  # the area is not installed
            continue
    return found


def figures(clause, start, end):
    """Return [(indicator, value, target, rating)] of the clause's indicators over the period,
    as the management review pack computes a period's figure from the indicator's months."""
    from types import SimpleNamespace

    from . import indicators, pack

    codes = {code for code in clause.indicators if indicators.get(code) is not None}
    if not codes:
        return []
    period = SimpleNamespace(period_start=indicators.month_start(start), period_end=end)
    return [
        (row.indicator, value, target, rating)
        for row, _points, value, target, rating in pack.indicator_table(period, codes)
    ]


def records_of(clause, user, start, end):
    """Return the clause's records of the period that ``user`` may see."""
    return clause.records(user, start, end)
