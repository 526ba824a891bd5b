"""The records an auditor samples for each clause of ``evidence``: one function per clause,
``(user, first day, last day) -> [Record]``, selecting through ``restrict`` (a pack holds only
what its user may see) and saying for each record what is missing (``flag``), with the
function that prints the record's own form where its area has one."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.permissions import restrict
from csc.core.privacy import masked_address


@dataclass(frozen=True)
class Record:
    """One record of the period as the index lists it; ``pdf`` returns its own printed form."""

    number: str
    cells: list
    flag: str = ""
    pdf: object = None  # () -> bytes, or None where the area prints no form for it
    details: list = field(default_factory=list)  # [(label, text)] printed after the table


def bounds(start, end):
    """Return the aware datetimes [start 00:00, day after end 00:00) in the company time zone."""
    tz = timezone.get_current_timezone()
    first = dt.datetime.combine(start, dt.time(), tzinfo=tz)
    return first, dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=tz)


def _day(moment):
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = timezone.localtime(moment)
    return moment.strftime("%Y-%m-%d")


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


# --- the records of each clause -----------------------------------------------------------------


def service_requests(user, start, end):
    """ISO 8.2.1: the customers' requests and questions of the period, with their answers."""
    from csc.service.models import ServiceRequest

    first, last = bounds(start, end)
    found = restrict(ServiceRequest.objects.all(), user).filter(received_at__gte=first, received_at__lt=last)  # fmt: skip
    records = []
    for request in found.select_related("customer").order_by("received_at", "pk"):
        late = request.first_answer_due_at and (request.first_answered_at or timezone.now()) > request.first_answer_due_at  # fmt: skip
        records.append(
            Record(
                request.number,
                [
                    request.customer.name,
                    _when(request.received_at),
                    _when(request.first_answered_at),
                    request.get_status_display(),
                ],  # fmt: skip
                flag=_("First answer late") if late else "",
            )
        )
    return records


def contract_reviews(user, start, end):
    """ISO 8.2.3 / IATF 8.2.3.1.2: the reviews completed in the period, with their dates and the
    printed review record (HT-QR-MA-03); a review completed after its due time is flagged."""
    from csc.orders import pdf
    from csc.orders.models import ReviewVersion

    first, last = bounds(start, end)
    found = restrict(ReviewVersion.objects.all(), user).filter(completed_at__gte=first, completed_at__lt=last)  # fmt: skip
    records = []
    for version in found.select_related("order__customer").order_by("completed_at", "pk"):
        order = version.order
        late = version.due_at is not None and version.completed_at > version.due_at
        records.append(
            Record(
                f"{order.number} v{version.number}",
                [
                    order.customer.name,
                    _when(version.started_at or version.created_at),
                    _when(version.due_at),
                    _when(version.completed_at),
                    version.get_status_display(),
                ],  # fmt: skip
                flag=_("Review completed after its due time") if late else "",
                pdf=lambda o=order, v=version: pdf.review_record(o, v),
            )
        )
    return records


def order_changes(user, start, end):
    """ISO 8.2.4: the changes of requirements requested in the period (HT-QR-MA-05)."""
    from csc.orders import pdf
    from csc.orders.models import OrderChange

    first, last = bounds(start, end)
    found = restrict(OrderChange.objects.all(), user).filter(requested_at__gte=first, requested_at__lt=last)  # fmt: skip
    return [
        Record(
            change.number,
            [
                change.order.number,
                change.order.customer.name,
                change.get_kind_display(),
                _when(change.requested_at),
                change.get_status_display(),
            ],  # fmt: skip
            pdf=lambda c=change: pdf.change_order(c),
        )
        for change in found.select_related("order__customer").order_by("requested_at", "pk")
    ]


def property_anomalies(user, start, end):
    """ISO 8.5.3: every anomaly of customer property reported in the period, with the notice
    the customer was given; one without a notice is flagged."""
    from csc.property.models import Anomaly

    first, last = bounds(start, end)
    found = restrict(Anomaly.objects.all(), user).filter(reported_at__gte=first, reported_at__lt=last)  # fmt: skip
    records = []
    for anomaly in found.select_related("item__customer").order_by("reported_at", "pk"):
        told = anomaly.notified_at is not None
        notice = (
            f"{anomaly.get_notice_via_display()} · {masked_address(anomaly.notice_to)} · {_when(anomaly.notified_at)}"
            if told
            else ""
        )  # fmt: skip
        records.append(
            Record(
                anomaly.number,
                [
                    anomaly.item.customer.name,
                    anomaly.item.name,
                    anomaly.get_kind_display(),
                    _when(anomaly.reported_at),
                    anomaly.get_status_display(),
                    notice,
                ],  # fmt: skip
                flag="" if told else _("Customer not notified"),
                details=[
                    (
                        _("Customer notice %(number)s") % {"number": anomaly.number},
                        anomaly.notice_text,
                    )
                ]
                if told
                else [],  # fmt: skip
            )
        )
    return records


def survey_rounds(user, start, end):
    """ISO 9.1.2: the survey rounds sent or closed in the period, with their statistics report
    (HT-QR-MA-02)."""
    import io

    from csc.surveys import report, stats
    from csc.surveys.models import SurveyRound

    first, last = bounds(start, end)
    found = restrict(SurveyRound.objects.all(), user).filter(
        Q(sent_at__gte=first, sent_at__lt=last) | Q(closed_at__gte=first, closed_at__lt=last)
    )
    records = []
    for survey_round in found.select_related("template").order_by("sent_at", "pk"):
        figures = stats.summary(survey_round)
        counts = stats.response_counts(survey_round)
        sent = sum(s for s, _a in counts.values())
        answered = sum(a for _s, a in counts.values())

        def pdf(r=survey_round):
            target = io.BytesIO()
            report.write_pdf(r, target)
            return target.getvalue()

        records.append(
            Record(
                survey_round.number,
                [
                    survey_round.title,
                    _day(survey_round.sent_at),
                    _day(survey_round.closed_at),
                    f"{answered} / {sent}",
                    _plain(figures["index"]),
                ],  # fmt: skip
                flag="" if survey_round.closed_at else _("Round not closed yet"),
                pdf=pdf,
            )
        )
    return records


def late_shipments(user, start, end):
    """IATF 9.1.2.1: the deliveries of the period that reached the customer after the promised
    date (the delivery performance behind the indicator)."""
    from csc.orders import pdf
    from csc.orders.models import Shipment

    found = (
        restrict(Shipment.objects.all(), user)
        .filter(shipped_on__range=(start, end), promised_on__isnull=False)
        .filter(
            Q(delivered_on__gt=F("promised_on"))
            | Q(delivered_on__isnull=True, shipped_on__gt=F("promised_on"))
        )  # fmt: skip
    )
    return [
        Record(
            shipment.number,
            [
                shipment.customer.name,
                _day(shipment.promised_on),
                _day(shipment.shipped_on),
                _day(shipment.delivered_on),
            ],  # fmt: skip
            flag=_("Late delivery"),
            pdf=lambda s=shipment: pdf.delivery_notice(s),
        )
        for shipment in found.select_related("customer").order_by("shipped_on", "pk")
    ]


def capas_closed(user, start, end):
    """ISO 10.2: the corrective actions closed in the period, with their verification and
    their printed notice (纠正和预防措施通知单)."""
    from csc.capa import pdf
    from csc.capa.models import Capa

    first, last = bounds(start, end)
    found = restrict(Capa.objects.all(), user).filter(closed_at__gte=first, closed_at__lt=last)
    return [
        Record(
            capa.number,
            [
                capa.title,
                _day(capa.created_at),
                _day(capa.verified_at),
                _day(capa.closed_at),
                capa.get_status_display(),
            ],  # fmt: skip
            flag="" if capa.verified_at else _("Closed without verification"),
            pdf=lambda c=capa: pdf.notice_pdf(c),
        )
        for capa in found.order_by("closed_at", "pk")
    ]


def eightds_closed(user, start, end):
    """IATF 10.2.3: every 8D closed in the period with its report; one closed without a PFMEA or
    control-plan update (D7 marked "not applicable") is flagged with the reason given."""
    from csc.complaints import pdf
    from csc.complaints.models import EightD

    first, last = bounds(start, end)
    found = restrict(EightD.objects.all(), user).filter(closed_at__gte=first, closed_at__lt=last)
    found = found.select_related("complaint__customer", "leader").prefetch_related("disciplines")
    records = []
    for eightd in found.order_by("closed_at", "pk"):
        d7 = next((d.data for d in eightd.disciplines.all() if d.code == "D7"), {}) or {}
        records.append(
            Record(
                eightd.number,
                [
                    eightd.complaint.number,
                    eightd.complaint.customer.name,
                    _day(eightd.closed_at),
                    _document(d7, "pfmea"),
                    _document(d7, "cp"),
                ],  # fmt: skip
                flag=_document_flag(d7),
                pdf=lambda e=eightd: pdf.eightd_report(e),
            )
        )
    return records


def _document(d7, doc):
    status, reference = d7.get(f"{doc}_status"), d7.get(f"{doc}_reference", "")
    if status == "done":
        return f"{reference} ({d7.get(f'{doc}_done_on', '')})"
    if status == "na":
        return _("Not updated: %(reason)s") % {"reason": reference}
    return _("Not done")


def _document_flag(d7):
    missing = []
    if d7.get("pfmea_status") != "done":
        missing.append(_("PFMEA"))
    if d7.get("cp_status") != "done":
        missing.append(_("control plan"))
    if not missing:
        return ""
    return _("Closed without a %(documents)s update") % {"documents": _(" / ").join(missing)}


def warranty_claims(user, start, end):
    """IATF 10.2.5: the warranty claims registered in the period with their decision; a part
    found with no trouble (NTF) and no analysis written is flagged."""
    from csc.aftersales import pdf
    from csc.aftersales.choices import Decision
    from csc.aftersales.models import WarrantyClaim

    first, last = bounds(start, end)
    found = restrict(WarrantyClaim.objects.all(), user).filter(registered_at__gte=first, registered_at__lt=last)  # fmt: skip
    records = []
    for claim in found.select_related("customer").order_by("registered_at", "pk"):
        ntf = claim.decision == Decision.NTF
        records.append(
            Record(
                claim.number,
                [
                    claim.customer.name,
                    _day(claim.registered_at),
                    claim.get_decision_display() if claim.decision else "",
                    claim.ntf_analysis if ntf else "",
                ],  # fmt: skip
                flag=_("NTF without analysis") if ntf and not claim.ntf_analysis.strip() else "",
                pdf=lambda c=claim: pdf.claim_pdf(c),
            )
        )
    return records


def complaints_and_returns(user, start, end):
    """IATF 10.2.6: the complaints received in the period (with the reply letter sent) and the
    field returns noticed in it (with their return notice)."""
    from csc.complaints import pdf
    from csc.complaints.models import Complaint, Reply, Return

    first, last = bounds(start, end)
    complaints = restrict(Complaint.objects.all(), user).filter(received_at__gte=first, received_at__lt=last)  # fmt: skip
    replies = {}
    for reply in Reply.objects.filter(complaint__in=complaints, sent_at__isnull=False).select_related("complaint__customer", "drafted_by", "sent_by").order_by("sent_at"):  # fmt: skip
        replies[reply.complaint_id] = reply
    records = []
    for complaint in complaints.select_related("customer").order_by("received_at", "pk"):
        reply = replies.get(complaint.pk)
        records.append(
            Record(
                complaint.number,
                [
                    _("Complaint"),
                    complaint.customer.name,
                    _when(complaint.received_at),
                    complaint.get_status_display(),
                    _day(reply.sent_at) if reply else "",
                ],  # fmt: skip
                pdf=(lambda r=reply: pdf.reply_letter(r)) if reply else None,
            )
        )
    returns = restrict(Return.objects.all(), user).filter(notice_date__range=(start, end))
    for item in returns.select_related("customer").order_by("notice_date", "pk"):
        records.append(
            Record(
                item.number,
                [
                    _("Field return"),
                    item.customer.name,
                    _day(item.notice_date),
                    item.get_status_display(),
                    "",
                ],  # fmt: skip
                pdf=lambda r=item: pdf.return_notice(r),
            )
        )
    return records


def _plain(value):
    return "–" if value is None else f"{value}"
