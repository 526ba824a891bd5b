"""The SLA report (SVC-3) per team, category and month: shares on time, median and p90 of the
resolution time, and the backlog's age — SQL aggregates that run on SQLite and PostgreSQL."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, DurationField, F, Func, Q, Window
from django.db.models.functions import Ceil, RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.periods import month_of, year_period

from .choices import OPEN_STATUSES, Category

#: Backlog age buckets: (label, lower bound in days, upper bound or None).
AGE_BUCKETS = [
    (_("under 1 day"), 0, 1),
    (_("1–3 days"), 1, 3),
    (_("3–7 days"), 3, 7),
    (_("over 7 days"), 7, None),
]
GROUP = ("team__name", "category", "month")


@dataclass
class Line:
    team: str
    category: str
    month: dt.date
    total: int = 0
    answered_on_time: int = 0
    answered: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None

    @property
    def category_label(self):
        return Category(self.category).label if self.category in Category.values else self.category

    @property
    def answer_rate(self):
        return _percent(self.answered_on_time, self.answered)

    @property
    def resolution_rate(self):
        return _percent(self.resolved_on_time, self.resolved)


def _percent(part, whole):
    return round(100 * part / whole, 1) if whole else None


def year_bounds(year):
    period = year_period(year)
    return period.start, period.end


class ResolutionTime(Func):
    """Resolved minus received, less the time spent waiting for the customer (a duration).

    SQLite has no date arithmetic: Django would call back into Python for each row. There the
    stored UTC text is turned into whole microseconds in SQL, as exact as PostgreSQL's interval.
    """

    output_field = DurationField()
    arg_joiner = " - "
    template = "(%(expressions)s)"

    def __init__(self):
        super().__init__(F("resolved_at"), F("received_at"), F("waited"))

    def as_sqlite(self, compiler, connection, **extra):
        end, start, waited = (compiler.compile(e)[0] for e in self.get_source_expressions())
        return f"({_micros(end)} - {_micros(start)} - {waited})", []


def _micros(column):
    # 'YYYY-MM-DD HH:MM:SS[.ffffff]': the seconds of the first 19 characters, then the fraction
    # (strftime itself would round the fraction to milliseconds).
    seconds = f"CAST(strftime('%%s', substr({column}, 1, 19)) AS INTEGER)"
    return f"({seconds} * 1000000 + CAST(substr({column}, 21, 6) AS INTEGER))"


def lines(queryset, year):
    """Return [Line] of ``year``, one per team, category and month with requests."""
    months = year_period(year)
    period = queryset.filter(received_at__gte=months.start, received_at__lt=months.end)
    # The month as a CASE over its boundaries: no per-row date function on either database.
    month = month_of("received_at", months)
    firsts = [m.first for m in months.months]
    counted = (
        period.annotate(month=month)
        .values(*GROUP)
        .annotate(
            total=Count("id"),
            answered=Count("id", filter=Q(first_answered_at__isnull=False)),
            answered_on_time=Count("id", filter=Q(first_answered_at__lte=F("first_answer_due_at"))),
            resolved=Count("id", filter=Q(resolved_at__isnull=False)),
            resolved_on_time=Count("id", filter=Q(resolved_at__lte=F("resolution_due_at"))),
        )
        .order_by("month", "team__name", "category")
    )
    found = {
        _key(row, firsts): Line(
            team=row["team__name"] or "",
            category=row["category"],
            month=firsts[row["month"]],
            **{
                k: row[k]
                for k in ("total", "answered", "answered_on_time", "resolved", "resolved_on_time")
            },
        )  # fmt: skip
        for row in counted
    }
    for row in _percentile_rows(period, month):
        line = found.get(_key(row, firsts))
        if line is None:
            continue
        hours = round(row["spent"].total_seconds() / 3600, 1)
        if row["rank"] == row["median_rank"]:
            line.median_hours = hours
        if row["rank"] == row["p90_rank"]:
            line.p90_hours = hours
    return list(found.values())


def _key(row, firsts):
    return (row["team__name"] or "", row["category"], firsts[row["month"]])


def _percentile_rows(period, month):
    """Return the rows at the median and 90th-percentile rank of each group's resolution time
    (nearest rank), ranked by a window function in SQL: two rows per group reach Python."""
    spent = ResolutionTime()
    partition = [F("team_id"), F("category"), month]
    ranked = (
        period.filter(resolved_at__isnull=False)
        .order_by()  # the model's order would sort every resolved request once more
        .annotate(
            month=month,
            spent=spent,
            rank=Window(RowNumber(), partition_by=partition, order_by=spent.asc()),
            size=Window(Count("id"), partition_by=partition),
        )
        .annotate(median_rank=Ceil(F("size") * 0.5), p90_rank=Ceil(F("size") * 0.9))
    )
    picked = ranked.filter(Q(rank=F("median_rank")) | Q(rank=F("p90_rank")))
    return picked.values(*GROUP, "spent", "rank", "median_rank", "p90_rank")


def backlog(queryset, now=None):
    """Return [{team, category, buckets: [count per AGE_BUCKETS]}] of the open requests."""
    now = now or timezone.now()
    counts = {}
    for index, (_label, low, high) in enumerate(AGE_BUCKETS):
        condition = Q(received_at__lte=now - dt.timedelta(days=low))
        if high is not None:
            condition &= Q(received_at__gt=now - dt.timedelta(days=high))
        counts[f"b{index}"] = Count("id", filter=condition)
    rows = (
        queryset.filter(status__in=OPEN_STATUSES)
        .values("team__name", "category")
        .annotate(**counts)
        .order_by("team__name", "category")
    )
    return [
        {
            "team": row["team__name"] or "",
            "category": Category(row["category"]).label,
            "buckets": [row[f"b{i}"] for i in range(len(AGE_BUCKETS))],
        }
        for row in rows
    ]


def monthly_rates(report_lines):
    """Return [(month, % first answers on time, % resolutions on time)] over all groups."""
    months = {}
    for line in report_lines:
        totals = months.setdefault(line.month, [0, 0, 0, 0])
        totals[0] += line.answered_on_time
        totals[1] += line.answered
        totals[2] += line.resolved_on_time
        totals[3] += line.resolved
    return [
        (month, _percent(t[0], t[1]), _percent(t[2], t[3])) for month, t in sorted(months.items())
    ]


def export_headers():
    return [str(h) for h in (
        _("Month"), pgettext_lazy("service desk", "Team"), _("Category"), _("Requests"), _("First answers on time (percent)"),
        _("Resolved"), _("Resolutions on time (percent)"), _("Median resolution (h)"),
        _("P90 resolution (h)"),
    )]  # fmt: skip


def export_rows(report_lines):
    for line in report_lines:
        yield [
            line.month.strftime("%Y-%m"), line.team, str(line.category_label), line.total,
            line.answer_rate, line.resolved, line.resolution_rate, line.median_hours,
            line.p90_hours,
        ]  # fmt: skip
