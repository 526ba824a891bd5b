"""The recall record (产品召回记录) as PDF, in the active language (call it inside
``translation.override`` for the other one), so the same record prints in Chinese or English."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from csc.core.actions import signatures_of
from csc.core.pdf import FormPDF
from csc.core.privacy import masked_address

from . import rules

FORM = "CSC-RCL-01"


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else ""


def _n(value):
    return f"{value.normalize():f}" if value is not None else ""


def recall_record(recall):
    """Return the PDF bytes of the recall record: trigger, team, lots, quantities, outcome."""
    pdf = FormPDF(_("Product recall record"), form_number=FORM, subtitle=recall.number)
    pdf.facts(
        [
            (_("Recall no."), recall.number),
            (_("Status"), recall.get_status_display()),
            (_("Trigger"), recall.get_trigger_display()),
            (_("Complaint no."), recall.complaint.number if recall.complaint_id else ""),
            (pgettext("time", "Triggered"), _when(recall.created_at)),
            (_("Team leader"), str(recall.leader or "")),
            (_("Recall team"), "、".join(str(u) for u in recall.team.all())),
            (
                _("Plan approved"),
                f"{recall.plan_approved_by or ''} {_when(recall.plan_approved_at)}",
            ),
        ]
    )
    pdf.paragraph(_("What was found"), recall.trigger_detail)
    pdf.paragraph(_("Recall plan"), recall.plan)
    _quantities(pdf, recall)
    _samples_and_notices(pdf, recall)
    pdf.heading(_("Disposition"))
    pdf.table(
        [_("Lot"), _("Disposition"), _("Quantity"), _("Supervised by (Quality)"), _("Done")],
        [
            [d.lot.batch, d.get_method_display(), _n(d.quantity), d.supervised_by, _when(d.done_at)]
            for d in _dispositions(recall)
        ],
    )
    pdf.paragraph(_("Root cause"), recall.root_cause)
    pdf.paragraph(
        _("Corrective action"), f"{recall.capa.number} {recall.capa.title}" if recall.capa else ""
    )
    pdf.paragraph(_("Review of the recall procedure"), recall.procedure_review)
    pdf.signatures(
        [(s.get_meaning_display(), s.user_name, _when(s.at)) for s in signatures_of(recall)]
        or [(_("Approved"), "", "")]
    )
    return pdf.render()


def _dispositions(recall):
    from .models import Disposition

    return Disposition.objects.filter(lot__recall=recall).select_related("lot", "supervised_by")


def _quantities(pdf, recall):
    pdf.heading(_("Quantity reconciliation"))
    for item in rules.reconciliation(recall):
        lot = item["lot"]
        pdf.facts(
            [
                (_("Lot"), f"{lot.product.code} · {lot.batch}"),
                (_("Produced"), f"{lot.produced_from} – {lot.produced_to}"),
                (_("Quantity produced"), _n(lot.produced)),
                (_("Shipped"), _n(item["shipped"])),
                (_("Quantity in stock"), _n(lot.in_stock)),
                (_("Difference"), f"{_n(item['gap'])} {lot.difference_note}"),
            ]
        )
        pdf.table(
            [_("Customer"), _("Shipped"), _("Returned"), _("Still at the customer"),
             _("Destroyed at the customer"), _("Difference")],
            [
                [e["row"].customer.name, _n(e["row"].shipped), _n(e["row"].returned),
                 _n(e["row"].at_customer), _n(e["row"].destroyed_at_customer),
                 f"{_n(e['gap'])} {e['row'].difference_note}"]
                for e in item["rows"]
            ],
            widths=[3, 1, 1, 1, 1, 2],
        )  # fmt: skip


def _samples_and_notices(pdf, recall):
    pdf.heading(_("Retained samples re-checked"))
    pdf.table(
        [_("Retained sample"), _("Result"), _("Finding"), _("Checked")],
        [
            [s.reference, s.get_result_display(), s.finding, _when(s.checked_at)]
            for s in recall.samples.all()
        ],
        widths=[2, 2, 4, 1],
    )
    # A printed report leaves the system: the contacts' addresses go on it masked (SEC-2).
    pdf.heading(_("Notifications"))
    pdf.table(
        [_("Party"), _("Channel"), _("E-mail or phone"), _("Message or phone notes"), _("Notified")],
        [
            [n.customer.name if n.customer_id else n.authority, n.get_channel_display(),
             masked_address(n.address), n.text, _when(n.notified_at)]
            for n in recall.notices.select_related("customer")
        ],
        widths=[2, 1, 2, 4, 1],
    )  # fmt: skip
