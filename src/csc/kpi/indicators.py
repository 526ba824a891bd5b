"""The indicator list (指标清单, KPI-1): what each area measures, declared by the area itself.

An area lists its indicators in its contract (``kpis``: a list of :class:`Indicator`); each
indicator's ``series`` calls the area's own KPI functions — the same SQL the area's KPI page
shows, never a second formula — and returns one :class:`Measure` per period. Indicators whose
data lives outside CSC (premium freight, the collection rate) are ``manual``: their values are
entered by hand with who and when.
"""

import contextlib
import contextvars
import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise

MONTH, QUARTER, YEAR = "month", "quarter", "year"
HIGHER, LOWER = "higher", "lower"  # which way is better


@dataclass(frozen=True)
class Measure:
    """One period's value of an indicator, with the counts it is the ratio of (if any)."""

    value: Decimal | None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


@dataclass(frozen=True)
class Indicator:
    code: str  # stable key, e.g. "complaint_rate"
    name: Promise
    definition: Promise
    unit: str  # one of csc.core.units' KPI units: "%", "ppm", "count", "hours", "points"
    better: str  # HIGHER or LOWER
    source: str  # the area label
    owner: str  # code of the owning department (csc.core.choices.Department)
    period: str = MONTH
    # function(periods: [date, …]) -> {period start: Measure}; None for a manual indicator
    series: object = None
    # function(period start, period end) -> url of the records behind a value, or ""
    drill: object = None
    order: int = 100
    clause: str = ""  # the IATF / ISO clause the indicator evidences
    extra: dict = field(default_factory=dict)

    @property
    def manual(self):
        return self.series is None


def month_start(day):
    return day.replace(day=1)


def next_period(start, period=MONTH):
    """Return the first day of the period after the one starting on ``start``."""
    months = {MONTH: 1, QUARTER: 3, YEAR: 12}[period]
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_start(day, period=MONTH):
    """Return the first day of the period (month, quarter or year) holding ``day``."""
    if period == YEAR:
        return dt.date(day.year, 1, 1)
    if period == QUARTER:
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    return dt.date(day.year, day.month, 1)


def is_period_start(day, period=MONTH):
    return day == period_start(day, period)


def periods_back(today, count, period=MONTH):
    """Return the starts of the last ``count`` periods up to the one holding ``today``."""
    starts = [period_start(today, period)]
    months = {MONTH: 1, QUARTER: 3, YEAR: 12}[period]
    while len(starts) < count:
        first = starts[-1]
        index = first.year * 12 + first.month - 1 - months
        starts.append(dt.date(index // 12, index % 12 + 1, 1))
    return starts[::-1]


def label_of(start, period=MONTH):
    if period == YEAR:
        return f"{start.year}"
    if period == QUARTER:
        return f"{start.year} Q{(start.month - 1) // 3 + 1}"
    return f"{start:%Y-%m}"


def percent(part, whole):
    """Return part ÷ whole in %, two decimals, or None for an empty whole."""
    if not whole:
        return None
    return round(Decimal(part) * 100 / Decimal(whole), 2)


# --- figures several indicators share (rate and PPM come from one monthly query) -----------

_shared = contextvars.ContextVar("csc_kpi_shared", default=None)


@contextlib.contextmanager
def computing():
    """Within one computation of the dashboard or pack, a figure asked for twice is computed
    once (see ``shared``); outside it nothing is kept."""
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(key, compute):
    """Return ``compute()``, once per ``key`` within ``computing()``."""
    memo = _shared.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# --- the list ---------------------------------------------------------------------------------


def every():
    """Return every indicator of every area, by order then code (read once per process)."""
    return list(_collect())


def _collect():
    from csc.core import areas

    if _cache:
        return _cache.values()
    found = []
    for _label, indicators in areas.each("kpis"):
        found.extend(indicators)
    for indicator in sorted(found, key=lambda i: (i.order, i.code)):
        _cache[indicator.code] = indicator
    return _cache.values()


_cache = {}


def get(code):
    """Return the indicator of ``code`` or None."""
    _collect()
    return _cache.get(code)
