"""The SLA report (SVC-3) per team, category and month: shares on time, median and p90 of the
resolution time, and the backlog's age — SQL aggregates that run on SQLite and PostgreSQL."""

import datetime as dt
from dataclasses import asdict, dataclass

from django.db.models import Count, DurationField, F, Func, Q, Sum, Window
from django.db.models.functions import Ceil, RowNumber
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.periods import Period, month_of, year_period

from .choices import OPEN_STATUSES, Category
from .models import ServiceRequest, SlaMonth, Team

#: Backlog age buckets: (label, lower bound in days, upper bound or None).
AGE_BUCKETS = [
    (_("under 1 day"), 0, 1),
    (_("1–3 days"), 1, 3),
    (_("3–7 days"), 3, 7),
    (_("over 7 days"), 7, None),
]
GROUP = ("team_id", "category", "month")


@dataclass
class Line:
    team_id: int | None
    category: str
    month: dt.date
    total: int = 0
    answered_on_time: int = 0
    answered: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    median_hours: float | None = None
    p90_hours: float | None = None
    team: str = ""  # the team's name, filled in when read

    def stored(self):
        """The line as the month's stored JSON keeps it (the team by id: names may change)."""
        return {**asdict(self), "month": self.month.isoformat(), "team": ""}

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


def lines(queryset, year, team=None):
    """Return [Line] of ``year``, one per team, category and month with requests.

    For the whole ledger (an unfiltered ``queryset``) an ended month whose requests have not
    changed since the nightly job is read from its stored lines; the other months are computed
    here, a run of consecutive months in one pass.
    """
    months = year_period(year)
    whole = not queryset.query.where
    if team is not None:
        queryset = queryset.filter(team_id=team)
    stored = current_months(months) if whole else {}
    found = [
        Line(**{**line, "month": dt.date.fromisoformat(line["month"])})
        for first in stored
        for line in stored[first]
        if team is None or line["team_id"] == team
    ]
    for run in _runs([m for m in months.months if m.first not in stored]):
        found.extend(compute(queryset, Period(tuple(run))))
    _name_teams(found)
    return sorted(found, key=lambda line: (line.month, line.team, line.category))


def _runs(months):
    """Split months into runs of consecutive months."""
    runs = []
    for month in months:
        if runs and runs[-1][-1].following == month.first:
            runs[-1].append(month)
        else:
            runs.append([month])
    return runs


def _name_teams(found):
    """Teams by their name now (a renamed team keeps its stored months)."""
    names = dict(Team.objects.values_list("id", "name"))
    for line in found:
        line.team = names.get(line.team_id, "")


def fingerprints(period):
    """Return {month first day: (requests, sum of versions)} of the period's months, read
    from the (received_at, version) index."""
    rows = (
        ServiceRequest.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
        .annotate(month=month_of("received_at", period))
        .values("month")
        .annotate(requests=Count("id"), versions=Sum("version"))
        .order_by()
    )
    found = {m.first: (0, 0) for m in period.months}
    for row in rows:
        found[period.months[row["month"]].first] = (row["requests"], row["versions"])
    return found


def current_months(period, today=None):
    """Return {month first day: [stored line dicts]} of the period's ended months whose stored
    fingerprint still matches their requests."""
    today = today or timezone.localdate()
    ended = [m.first for m in period.months if m.following <= today]
    if not ended:
        return {}
    prints = fingerprints(period)
    return {
        stored.month: stored.lines
        for stored in SlaMonth.objects.filter(month__in=ended)
        if (stored.requests, stored.versions) == prints[stored.month]
    }


def compute(queryset, months):
    """Return [Line] of the requests of ``queryset`` received in the run of ``months``."""
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
        .order_by("month", "team_id", "category")
    )
    found = {
        _key(row, firsts): Line(
            team_id=row["team_id"],
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
    return (row["team_id"], row["category"], firsts[row["month"]])


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
