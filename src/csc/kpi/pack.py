"""The management review pack (KPI-3): one PDF and one Excel workbook for a period, with every
indicator against its target, what each area reports for the period, and the sections the
Management Representative wrote. Built in the worker (a Job), never in a web request."""

import datetime as dt
import io
from decimal import Decimal

from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from csc.core import charts, jobs
from csc.core.actions import signatures_of
from csc.core.pdf import FormPDF

from . import indicators, values
from .choices import Rating, Unit

FORM = "CSC-KPI-01"
SCALE = {Unit.PERCENT: Decimal(100), Unit.PPM: Decimal(1_000_000)}


def months_in(review):
    """Return the number of months from the period's first month to its last."""
    start, end = review.period_start, review.period_end
    return (end.year - start.year) * 12 + end.month - start.month + 1


def indicator_table(review, codes=None):
    """Return [(row, points, period value, target, rating)] over the review's months (of every
    indicator, or of ``codes``); anything with ``period_start``/``period_end`` is a period."""
    # As seen the day after the period: its months have ended and are read from snapshots.
    rows = values.rows(
        periods=months_in(review), codes=codes, today=review.period_end + dt.timedelta(days=1)
    )
    table = []
    for row in rows:
        points = [p for p in row.points if review.period_start <= p.start <= review.period_end]
        if row.indicator.period != indicators.MONTH:
            points = [p for p in row.points if p.start <= review.period_end][-1:]
        value = period_value(row.indicator, points)
        target = points[-1].target if points else None
        from . import rules

        table.append((row, points, value, target, rules.rating(row.indicator, value, target)))
    return table


def period_value(indicator, points):
    """The period's figure from its months: counts add up; a ratio is recomputed from the
    summed parts when they are known, else the months' values are averaged."""
    known = [p.value for p in points if p.value is not None]
    if not known:
        return None
    if indicator.unit == Unit.COUNT:
        return sum(known, Decimal(0))
    return round(sum(known, Decimal(0)) / len(known), 2)


# --- what each area reports ------------------------------------------------------------------


def area_sections(review):
    """Return [(heading, headers, rows)] of the areas' own figures for the period."""
    sections = []
    for build in (_complaints, _returns, _capa, _property, _warranty, _recalls):
        section = build(review)
        if section is not None:
            sections.append(section)
    return sections


def _bounds(review):
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(review.period_start, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(review.period_end + dt.timedelta(days=1), dt.time(), tzinfo=tz)
    return start, end


def _complaints(review):
    from csc.complaints import kpis
    from csc.complaints.models import Complaint
    from csc.core.periods import months_period

    period = months_period(review.period_start, review.period_end)
    rows = kpis.pareto_by_category(Complaint.objects.all(), period)
    return (
        _("Complaints by category (Pareto)"),
        [_("Category"), _("Complaints"), _("Cumulative %")],
        [[label, n, cumulative] for _v, label, n, cumulative in rows],
    )


def _returns(review):
    from csc.complaints.models import Return

    rows = (
        Return.objects.filter(notice_date__range=(review.period_start, review.period_end))
        .values("status")
        .annotate(n=Count("pk"), quantity=Sum("quantity"))
        .order_by("status")
    )
    labels = dict(Return._meta.get_field("status").choices)
    return (
        _("Returns"),
        [_("Status"), _("Returns"), _("Quantity returned")],
        [[str(labels.get(r["status"], r["status"])), r["n"], r["quantity"]] for r in rows],
    )


def _capa(review):
    from csc.capa.models import Capa

    start, end = _bounds(review)
    rows = (
        Capa.objects.filter(created_at__lt=end)
        .exclude(closed_at__lt=start)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by("status")
    )
    labels = dict(Capa._meta.get_field("status").choices)
    overdue = Capa.objects.filter(closed_at__isnull=True, due_date__lt=review.period_end).exclude(status="cancelled").count()  # fmt: skip
    table = [[str(labels.get(r["status"], r["status"])), r["n"]] for r in rows]
    table.append([_("Open past their due date"), overdue])
    return (_("Corrective and preventive actions (CAPA)"), [_("Status"), _("CAPAs")], table)


def _property(review):
    from csc.property.models import Anomaly

    start, end = _bounds(review)
    rows = (
        Anomaly.objects.filter(reported_at__gte=start, reported_at__lt=end)
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    labels = dict(Anomaly._meta.get_field("kind").choices)
    return (
        _("Customer property anomalies"),
        [_("Anomaly"), pgettext("count", "Reported")],
        [[str(labels.get(r["kind"], r["kind"])), r["n"]] for r in rows],
    )


def _warranty(review):
    from csc.aftersales.kpis import claim_figures
    from csc.aftersales.models import WarrantyClaim

    start, end = _bounds(review)
    f = claim_figures(WarrantyClaim.objects.filter(registered_at__gte=start, registered_at__lt=end))
    return (
        _("Warranty claims (三包)"),
        [_("Claims"), _("Decided"), _("No trouble found"), _("NTF rate %"), _("Cost")],
        [[f["claims"], f["decided"], f["ntf"], f["ntf_rate"], f["cost"]]],
    )


def _recalls(review):
    from csc.recalls.models import Recall

    start, end = _bounds(review)
    recalls = Recall.objects.filter(created_at__gte=start, created_at__lt=end).order_by("created_at")  # fmt: skip
    return (
        _("Product recalls"),
        [_("Recall no."), _("Trigger"), _("Status")],
        [[r.number, r.get_trigger_display(), r.get_status_display()] for r in recalls],
    )


# --- the documents ---------------------------------------------------------------------------


def _number(value):
    if value is None:
        return "–"
    return f"{value.normalize():f}" if isinstance(value, Decimal) else str(value)


RATING_MARK = {Rating.GREEN: "●", Rating.AMBER: "▲", Rating.RED: "▼", Rating.NONE: "–"}


def write_pdf(review, table, sections):
    pdf = FormPDF(_("Management review pack"), form_number=FORM, subtitle=f"{review.number} · {review.period_start} – {review.period_end}")  # fmt: skip
    pdf.facts(
        [
            (_("Review no."), review.number),
            (_("Title"), review.title),
            (_("Period"), f"{review.period_start} – {review.period_end}"),
            (_("Generated"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ]
    )
    pdf.heading(_("Indicators against their targets"))
    pdf.table(
        [_("Indicator"), _("Unit"), _("Target"), _("Period"), _("Rating"), _("Owner")],
        [
            [
                row.indicator.name,
                Unit(row.indicator.unit).label,
                _number(target),
                _number(value),
                f"{RATING_MARK[rating]} {Rating(rating).label}",
                _owner(row.indicator),
            ]
            for row, _points, value, target, rating in table
        ],
        widths=[3.2, 0.8, 1, 1, 1.5, 1.5],
    )
    _charts(pdf, table)
    for heading, headers, rows in sections:
        pdf.heading(heading)
        if rows:
            pdf.table(headers, [[_number(v) for v in r] for r in rows])
        else:
            pdf.paragraph("", _("Nothing in this period."))
    pdf.heading(_("Management Representative's assessment"))
    for name in review.TEXT_FIELDS:
        pdf.paragraph(review._meta.get_field(name).verbose_name, getattr(review, name))
    pdf.signatures(
        [
            (s.get_meaning_display(), s.user_name, timezone.localtime(s.at).strftime("%Y-%m-%d"))
            for s in signatures_of(review)
        ]  # fmt: skip
        or [(_("Management Representative"), "", ""), (_("General Manager"), "", "")]
    )
    return pdf.render()


def _charts(pdf, table):
    """Print the trend of every monthly indicator with more than one value (the same SVG the
    dashboard shows)."""
    for row, points, _value, target, _rating in table:
        if row.indicator.period != indicators.MONTH or sum(p.value is not None for p in points) < 2:
            continue
        svg = charts.trend([(p.label, p.value, "") for p in points], target, str(row.indicator.name))  # fmt: skip
        pdf.chart(svg, row.indicator.name)


def _owner(indicator):
    from csc.core.choices import Role

    return Role(indicator.owner).label if indicator.owner in Role.values else indicator.owner


def write_workbook(review, table, sections):
    book = Workbook()
    sheet = book.active
    sheet.title = str(_("Indicators"))[:31]
    months = sorted({p.label for _r, points, *_rest in table for p in points})
    sheet.append([str(_("Indicator")), str(_("Unit")), str(_("Target")), str(_("Period")), str(_("Rating")), *months])  # fmt: skip
    for row, points, value, target, rating in table:
        by_label = {p.label: p.value for p in points}
        sheet.append(
            [
                str(row.indicator.name),
                str(Unit(row.indicator.unit).label),
                target,
                value,
                str(Rating(rating).label),
            ]  # fmt: skip
            + [by_label.get(m) for m in months]
        )
    for heading, headers, rows in sections:
        part = book.create_sheet(str(heading)[:31].replace("/", " "))
        part.append([str(h) for h in headers])
        for r in rows:
            part.append([v if isinstance(v, int | float | Decimal) or v is None else str(v) for v in r])  # fmt: skip
    texts = book.create_sheet(str(_("Assessment"))[:31])
    for name in review.TEXT_FIELDS:
        texts.append([str(review._meta.get_field(name).verbose_name), getattr(review, name)])
    target = io.BytesIO()
    book.save(target)
    return target.getvalue()


def build(review):
    """Return (pdf bytes, xlsx bytes) of the review's pack, reporting progress to its job."""
    table = indicator_table(review)
    jobs.progress(1, 3)
    sections = area_sections(review)
    jobs.progress(2, 3)
    return write_pdf(review, table, sections), write_workbook(review, table, sections)
