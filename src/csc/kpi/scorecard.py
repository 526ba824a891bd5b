"""The per-customer scorecard (KPI-2): the last twelve months of one customer — quality PPM,
complaints, delivery, satisfaction, service SLAs and warranty — from each area's own KPI
functions, narrowed to the customer. Shown on the 360° page and printed as a PDF to send."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.pdf import FormPDF
from csc.core.periods import months_period

from . import indicators

FORM = "CSC-KPI-02"


@dataclass
class Line:
    label: str
    value: object
    detail: str = ""


def window(today=None):
    """The twelve ended months before the running one."""
    today = today or timezone.localdate()
    starts = indicators.periods_back(today, 13)[:-1]
    return starts[0], indicators.next_period(starts[-1]) - dt.timedelta(days=1)


def lines(customer, today=None):
    first, last = window(today)
    return [
        *_complaints(customer, first, last),
        _delivery(customer, first, last),
        _satisfaction(customer),
        _service(customer, first, last),
        _warranty(customer, first, last),
    ]


def _complaints(customer, first, last):
    from csc.complaints import kpis
    from csc.complaints.models import Complaint

    period = months_period(first, last)
    total = kpis.period_totals(Complaint.objects.filter(customer=customer), period, customer)
    return [
        Line(
            _("Complaints"), total["complaints"], _("%(n)s shipments") % {"n": total["shipments"]}
        ),  # fmt: skip
        Line(_("Complaint rate"), total["rate"], "%"),
        Line(
            _("Customer PPM"),
            total["ppm"],
            _("%(rejected)s rejected of %(delivered)s delivered")
            % {"rejected": _n(total["rejected"]), "delivered": _n(total["delivered"])},
        ),  # fmt: skip
    ]


def _delivery(customer, first, last):
    from csc.orders import kpis
    from csc.orders.models import Shipment

    rows = kpis.on_time_delivery(first, last, Shipment.objects.filter(customer=customer))
    on_time, shipments, rate = kpis.totals(rows, "on_time_count", "shipments")
    return Line(_("On-time delivery"), rate, _("%(on_time)s of %(n)s shipments") % {"on_time": on_time, "n": shipments})  # fmt: skip


def _satisfaction(customer):
    from csc.surveys.stats import customer_history

    answers = customer_history(customer)
    latest = answers[-1] if answers else None
    return Line(
        _("Customer satisfaction index"),
        latest["satisfaction"] if latest else None,
        latest["round__number"] if latest else _("No survey answered yet."),
    )


def _service(customer, first, last):
    """Requests received in the window, resolved and resolved by their target: the SLA
    report's own counts (service.report.compute), as one aggregate over the customer's
    requests instead of the report's team × category × month lines of two years."""
    from csc.service.models import ServiceRequest

    period = months_period(first, last)
    figures = ServiceRequest.objects.filter(
        customer=customer, received_at__gte=period.start, received_at__lt=period.end
    ).aggregate(
        resolved=Count("id", filter=Q(resolved_at__isnull=False)),
        on_time=Count("id", filter=Q(resolved_at__lte=F("resolution_due_at"))),
    )
    answered, on_time = figures["resolved"], figures["on_time"]
    rate = round(Decimal(on_time) * 100 / answered, 1) if answered else None
    return Line(_("Service requests resolved on time"), rate, _("%(n)s resolved") % {"n": answered})  # fmt: skip


def _warranty(customer, first, last):
    from csc.aftersales.kpis import claim_figures
    from csc.aftersales.models import WarrantyClaim

    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    f = claim_figures(WarrantyClaim.objects.filter(customer=customer, registered_at__gte=start, registered_at__lt=end))  # fmt: skip
    return Line(_("Field returns (warranty claims)"), f["claims"], _("NTF rate %(rate)s %%") % {"rate": f["ntf_rate"] if f["ntf_rate"] is not None else "–"})  # fmt: skip


def _n(value):
    if value is None:
        return "–"
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


def pdf(customer, today=None):
    first, last = window(today)
    doc = FormPDF(_("Customer scorecard"), form_number=FORM, subtitle=f"{customer.name} · {first} – {last}")  # fmt: skip
    doc.facts([(_("Customer"), customer.name), (_("Customer no."), customer.code), (_("Period"), f"{first} – {last}")])  # fmt: skip
    doc.table([_("Indicator"), _("Value"), _("Detail")], [[line.label, _n(line.value), line.detail] for line in lines(customer, today)], widths=[2, 1, 2])  # fmt: skip
    return doc.render()
