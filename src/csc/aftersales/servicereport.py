"""The service summary (SVC-10): the month's or year's field jobs, hours, parts, signed
receipts, 三包 cost and NTF rate, each figure one SQL aggregate (no loop over rows)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, F, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth
from django.utils import timezone

from csc.core.periods import day_bounds

from .choices import Decision, FieldStatus, ReturnStatus
from .models import (
    EarlyWarning,
    FieldServiceRecord,
    RepairReturn,
    ServiceReceipt,
    ServiceSummary,
    SparePart,
    VisitReport,
    WarrantyClaim,
)

ZERO = Value(0, output_field=DecimalField(max_digits=16, decimal_places=2))


@dataclass(frozen=True)
class Period:
    """A calendar month (``month`` 1-12), a half year (``half`` 1 or 2: the semi-annual
    service work summary of S2 5.9.6) or a whole year (neither)."""

    year: int
    month: int | None = None
    half: int | None = None

    @property
    def start(self):
        if self.half:
            return dt.date(self.year, 1 if self.half == 1 else 7, 1)
        return dt.date(self.year, self.month or 1, 1)

    @property
    def end(self):
        """The first day after the period."""
        if self.half == 1:
            return dt.date(self.year, 7, 1)
        if self.half or self.month is None or self.month == 12:
            return dt.date(self.year + 1, 1, 1)
        return dt.date(self.year, self.month + 1, 1)

    @property
    def by_month(self):
        """True when the report breaks the period down by month (a half or a whole year)."""
        return self.month is None

    def bounds(self):
        """Return the aware [start, end) moments of the period in the company time zone."""
        return day_bounds(self.start, self.end)

    def __str__(self):
        if self.half:
            return f"{self.year}-H{self.half}"
        if self.half:
            return f"{self.year}-H{self.half}"
        return f"{self.year}-{self.month:02d}" if self.month else str(self.year)


def _jobs(start, end):
    # A report still open counts as late only once its deadline has passed.
    overdue_by = min(end, timezone.now())
    jobs = FieldServiceRecord.objects.filter(found_at__gte=start, found_at__lt=end).exclude(
        status=FieldStatus.VOID
    )
    return jobs.aggregate(
        jobs=Count("id"),
        completed=Count("id", filter=Q(status__in=[FieldStatus.COMPLETED, FieldStatus.SIGNED])),
        installation=Count("id", filter=~Q(report_due_at=None)),
        reported_late=Count(
            "id",
            filter=~Q(report_due_at=None)
            & (
                Q(reported_at__gt=F("report_due_at"))
                | Q(reported_at=None, report_due_at__lt=overdue_by)
            ),
        ),
        work_hours=Coalesce(Sum("work_hours"), ZERO),
        travel_hours=Coalesce(Sum("travel_hours"), ZERO),
        travel_km=Coalesce(Sum("travel_km"), 0),
    )


def _parts(start, end):
    parts = SparePart.objects.filter(record__found_at__gte=start, record__found_at__lt=end)
    return parts.exclude(record__status=FieldStatus.VOID).aggregate(
        parts_requested=Coalesce(Sum("requested"), ZERO),
        parts_issued=Coalesce(Sum("issued"), ZERO),
        parts_used=Coalesce(Sum("used"), ZERO),
    )


def _claims(start, end):
    decided = WarrantyClaim.objects.filter(decided_at__gte=start, decided_at__lt=end)
    figures = decided.exclude(status="void").aggregate(
        claims_decided=Count("id"),
        ntf=Count("id", filter=Q(decision=Decision.NTF)),
        warranty_cost=Coalesce(Sum(F("parts_cost") + F("labour_cost") + F("freight_cost")), ZERO),
    )
    count = figures["claims_decided"]
    figures["ntf_rate"] = round(100 * figures["ntf"] / count, 1) if count else None
    return figures


def _requests(start, end):
    """The service desk's requests received in the period and their service levels."""
    from csc.service.models import ServiceRequest

    figures = ServiceRequest.objects.filter(received_at__gte=start, received_at__lt=end).aggregate(
        requests=Count("id"),
        answered=Count("id", filter=Q(first_answered_at__isnull=False)),
        answered_on_time=Count("id", filter=Q(first_answered_at__lte=F("first_answer_due_at"))),
        resolved=Count("id", filter=Q(resolved_at__isnull=False)),
        resolved_on_time=Count("id", filter=Q(resolved_at__lte=F("resolution_due_at"))),
    )
    for rate, part, whole in (("answer_rate", "answered_on_time", "answered"), ("resolution_rate", "resolved_on_time", "resolved")):  # fmt: skip
        figures[rate] = round(100 * figures[part] / figures[whole], 1) if figures[whole] else None
    return figures


def summary(period):
    """Return the figures of ``period`` as one dict (``figure_rows`` lists and names them)."""
    start, end = period.bounds()
    figures = {**_jobs(start, end), **_parts(start, end), **_claims(start, end)}
    figures["receipts_signed"] = ServiceReceipt.objects.filter(
        signed_at__gte=start, signed_at__lt=end
    ).count()
    figures.update(_requests(start, end))
    figures["visits"] = VisitReport.objects.filter(
        visited_on__gte=period.start, visited_on__lt=period.end
    ).count()
    figures["warnings"] = EarlyWarning.objects.filter(raised_at__gte=start, raised_at__lt=end).count()  # fmt: skip
    returns = RepairReturn.objects.filter(created_at__gte=start, created_at__lt=end)
    figures.update(
        returns.aggregate(
            returns=Count("id"),
            returned_sent=Coalesce(Sum("quantity_sent"), 0),
            returned_received=Coalesce(
                Sum("quantity_received", filter=Q(status=ReturnStatus.RECEIVED)), 0
            ),
        )
    )
    return figures


def monthly(period):
    """Return [(month start, jobs, work hours, signed receipts)] of each month of ``period``
    (a half or a whole year), one SQL query per figure grouped by month."""
    if isinstance(period, int):
        period = Period(period)
    start, end = period.bounds()
    zone = timezone.get_current_timezone()
    jobs = (
        FieldServiceRecord.objects.filter(found_at__gte=start, found_at__lt=end)
        .exclude(status=FieldStatus.VOID)
        .annotate(month=TruncMonth("found_at", tzinfo=zone))
        .values("month")
        .annotate(jobs=Count("id"), hours=Coalesce(Sum("work_hours"), ZERO))
        .order_by("month")
    )
    signed = dict(
        ServiceReceipt.objects.filter(signed_at__gte=start, signed_at__lt=end)
        .annotate(month=TruncMonth("signed_at", tzinfo=zone))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    by_month = {_day(row["month"]): row for row in jobs}
    signed = {_day(k): v for k, v in signed.items()}
    rows = []
    for month in range(period.start.month, 13 if period.end.month == 1 else period.end.month):
        day = dt.date(period.year, month, 1)
        row = by_month.get(day, {})
        rows.append((day, row.get("jobs", 0), row.get("hours", 0), signed.get(day, 0)))
    return rows


def month_chart(months):
    """The chart of ``monthly``: bars of field jobs per month, a line of receipts signed."""
    from django.utils.translation import gettext as _

    from csc.core import charts

    return charts.bars_and_line(
        [f"{month:%Y-%m}" for month, *_rest in months],
        [jobs for _month, jobs, _hours, _signed in months],
        [signed for _month, _jobs, _hours, signed in months],
        bar_name=_("Field jobs"),
        line_name=_("Service receipts signed"),
    )


def _day(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def figure_rows(figures):
    """Return [(label, value)] of a summary in the report's order, for page, PDF and Excel."""
    from django.utils.translation import gettext as _

    def rate(value):
        return "–" if value is None else f"{value}%"

    return [
        (_("Service requests received"), figures["requests"]),
        (_("Service requests resolved"), figures["resolved"]),
        (_("First answers on time"), rate(figures["answer_rate"])),
        (_("Resolutions on time"), rate(figures["resolution_rate"])),
        (_("Field jobs"), figures["jobs"]),
        (_("Jobs completed"), figures["completed"]),
        (_("Installation problems"), figures["installation"]),
        (_("Reported later than 24 h"), figures["reported_late"]),
        (_("Work hours"), figures["work_hours"]),
        (_("Travel hours"), figures["travel_hours"]),
        (_("Travel (km)"), figures["travel_km"]),
        (_("Spare parts requested"), figures["parts_requested"]),
        (_("Spare parts issued"), figures["parts_issued"]),
        (_("Spare parts used"), figures["parts_used"]),
        (_("Service receipts signed"), figures["receipts_signed"]),
        (_("Repair returns"), figures["returns"]),
        (_("Returned quantity sent"), figures["returned_sent"]),
        (_("Returned quantity received"), figures["returned_received"]),
        (_("三包 claims decided"), figures["claims_decided"]),
        (_("三包 cost"), figures["warranty_cost"]),
        (_("NTF rate"), rate(figures["ntf_rate"])),
        (_("Customer visits reported"), figures["visits"]),
        (_("Early warnings raised"), figures["warnings"]),
    ]


def sheet_rows(period):
    """Yield the Excel rows of the report: the figures, then (for a year) the months."""
    from django.utils.translation import gettext as _

    written = conclusions(period)
    for label, value in figure_rows(figures_of(period, written)):
        yield [label, value if isinstance(value, int | float) else _number(value)]
    if written is not None:
        yield []
        for name in ServiceSummary.TEXT_FIELDS:
            yield [str(ServiceSummary._meta.get_field(name).verbose_name), getattr(written, name)]
        if written.signed_at:
            yield [_("Signed off by"), f"{written.signed_by} {timezone.localtime(written.signed_at):%Y-%m-%d %H:%M}"]  # fmt: skip
    if period.by_month:
        yield []
        yield [_("Month"), _("Field jobs"), _("Work hours"), _("Service receipts signed")]
        for month, jobs, hours, signed in monthly(period):
            yield [f"{month:%Y-%m}", jobs, float(hours), signed]


def _number(value):
    """Decimals as numbers in Excel; text (the NTF rate with its %) as text."""
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else str(value)


# --- the conclusions and the figures they were signed with ---------------------------------


def conclusions(period):
    """Return the period's ServiceSummary (its conclusions), or None before any is written."""
    return ServiceSummary.objects.filter(period_key=str(period)).select_related("signed_by").first()


def figures_of(period, written=None):
    """The figures of the report: those kept at the sign-off once signed, else computed now."""
    if written is not None and written.figures:
        return {k: Decimal(v) if isinstance(v, str) else v for k, v in written.figures.items()}
    return summary(period)


def kept(figures):
    """The figures as the signed conclusions keep them in JSON (decimals as exact text)."""
    return {k: str(v) if isinstance(v, Decimal) else v for k, v in figures.items()}
