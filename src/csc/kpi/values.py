"""The values of the indicators over a run of periods, as the dashboard and the pack show them.

Ended periods are read from their snapshots (one query for every indicator); a period without
a snapshot — the running month, or a month the nightly job has not reached yet — is computed
by the indicator's own SQL. ``live=True`` recomputes every period (to see what a closed month
would be today).
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from . import indicators, rules
from .choices import Rating, Source
from .models import ClosedPeriod, Snapshot, Target


@dataclass
class Point:
    start: object
    label: str
    value: object
    target: object
    rating: str
    source: str  # Source value, or "" for a value computed now
    url: str = ""
    ended: bool = True
    closed: bool = False
    snapshot: object = None  # the snapshot's value when it differs from a live recompute


@dataclass
class Row:
    indicator: object
    points: list

    @property
    def latest(self):
        """The last ended period with a value (the running month is not a result yet)."""
        for point in reversed(self.points):
            if point.ended and point.value is not None:
                return point
        return None

    @property
    def rating(self):
        latest = self.latest
        return latest.rating if latest else Rating.NONE


def rows(periods=None, codes=None, live=False, today=None, running=None):
    """Return a Row per indicator (or of ``codes``) over the last ``periods`` months.

    The running month (or year) is left out unless ``running`` (by default: only when
    recomputing), so the usual dashboard reads nothing but snapshots."""
    today = today or timezone.localdate()
    running = live if running is None else running
    periods = periods or 12
    chosen = [i for i in indicators.every() if codes is None or i.code in codes]
    first = indicators.periods_back(today, periods + 1)[0]  # the oldest start of any run shown
    stored = _snapshots(chosen, first)
    targets = _targets(chosen)
    closed = set(ClosedPeriod.objects.filter(period_start__gte=first).values_list("period_start", flat=True))  # fmt: skip
    with indicators.computing():
        return _rows(chosen, today, periods, stored, targets, closed, live, running)


def _rows(chosen, today, periods, stored, targets, closed, live, running):
    return [
        Row(
            i,
            _points(
                i,
                today,
                periods,
                stored.get(i.code, {}),
                targets.get(i.code, []),
                closed,
                live,
                running,
            ),
        )  # fmt: skip
        for i in chosen
    ]


def row(indicator, periods=12, live=False, today=None, running=None):
    return rows(periods, codes={indicator.code}, live=live, today=today, running=running)[0]


def _snapshots(chosen, first):
    found = {}
    queryset = Snapshot.objects.filter(
        code__in=[i.code for i in chosen],
        period_start__gte=indicators.period_start(first, indicators.YEAR),
    )
    for snapshot in queryset:
        found.setdefault(snapshot.code, {})[snapshot.period_start] = snapshot
    return found


def _targets(chosen):
    found = {}
    for target in Target.objects.filter(code__in=[i.code for i in chosen]):
        found.setdefault(target.code, []).append(target)
    for targets in found.values():
        targets.sort(key=lambda t: t.valid_from, reverse=True)
    return found


def _starts(indicator, today, months, running=True):
    if not running:  # the last period shown is the last one ended
        today = indicators.period_start(today, indicator.period) - dt.timedelta(days=1)
    if indicator.period == indicators.MONTH:
        return indicators.periods_back(today, months)
    count = max(months // {indicators.QUARTER: 3, indicators.YEAR: 12}[indicator.period], 2)
    return indicators.periods_back(today, count, indicator.period)


def _points(indicator, today, months, stored, targets, closed, live, running):
    starts = _starts(indicator, today, months, running)
    ended = {s: indicators.next_period(s, indicator.period) <= today for s in starts}
    wanted = [s for s in starts if live or not ended[s] or s not in stored]
    computed = _compute(indicator, wanted)
    points = []
    for start in starts:
        snapshot = stored.get(start)
        fresh = computed.get(start)
        use_snapshot = snapshot is not None and (indicator.manual or not (live or not ended[start]))
        value = snapshot.value if use_snapshot else (fresh.value if fresh else None)
        target = rules.target_for(indicator, start, targets)
        point = Point(
            start=start,
            label=indicators.label_of(start, indicator.period),
            value=value,
            target=target,
            rating=rules.rating(indicator, value, target),
            source=snapshot.source if use_snapshot else "",
            url=_drill(indicator, start),
            ended=ended[start],
            closed=start in closed,
        )
        if live and snapshot is not None and fresh is not None and snapshot.value != fresh.value:
            point.snapshot = snapshot.value
        points.append(point)
    return points


def _compute(indicator, starts):
    if indicator.manual or not starts:
        return {}
    return indicator.series(starts)


def _drill(indicator, start):
    if indicator.drill is None:
        return ""
    return indicator.drill(start, indicators.next_period(start, indicator.period))


def computed(indicator, start):
    """Return the Measure of one period computed now (None for a manual indicator)."""
    return _compute(indicator, [start]).get(start)


SOURCE_LABELS = dict(Source.choices)
