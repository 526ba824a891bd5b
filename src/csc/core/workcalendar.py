"""Working-time arithmetic on the company calendar (pure Python: no Django).

Deadlines in CSC count working time, not wall time: a contract review is due one working
day after intake, a service request is answered within 24 business hours, an 8D step is
due in N working days. A :class:`WorkCalendar` describes the company's working time:

* ``weekdays``: the weekdays (Monday=0 ... Sunday=6) that are normally working days;
* ``holidays``: dates off even though their weekday normally works (e.g. 国庆 Oct 1-7);
* ``workdays``: make-up working days (调休), worked even though their weekday is off;
* ``hours``: the business intervals of a working day (default 08:30-12:00, 13:00-17:30);
* ``tz``: the company time zone (default Asia/Shanghai) in which all of this is read.

Rules
-----
* Every datetime given to the calendar must be timezone-aware; a naive one raises
  ``ValueError`` (guessing its zone would silently shift deadlines by hours). The moment may be
  in any zone: it is converted to the company zone first. Results are aware datetimes in the
  company zone.
* A date listed both in ``holidays`` and in ``workdays`` is a working day: a make-up entry is an
  explicit "work this day" decision, so it wins over the generic day off.
* Business intervals are half-open ``[start, end)``: 12:00 and 17:30 are not business time,
  08:30 and 13:00 are.
* ``add_working_days(moment, n)`` (``n`` a non-negative integer) keeps the local clock time and
  moves to the n-th working day after the moment's local date. A moment on a non-working day
  first becomes the first business instant of the next working day, and that clock time is
  kept. ``n == 0`` returns the (so normalised) moment. The kept clock time may lie outside
  business hours: it is a clock time, not business time.
* ``add_working_hours(moment, amount)`` (``amount`` >= 0, in hours or a ``timedelta``) walks
  business intervals only. A moment outside business time starts at the next business instant.
  An amount of 0 returns the next business instant at or after the moment (the moment itself
  when it is inside business time). An amount that ends exactly at an interval's end returns
  that end (e.g. 12:00), not the next interval's start.
* ``working_time_between(start, end)`` is the business time inside ``[start, end)``; zero when
  ``end <= start``. It is the inverse of ``add_working_hours``:
  ``working_time_between(m, add_working_hours(m, h)) == h``.
* Daylight saving time (none in Asia/Shanghai, but other zones have it): all arithmetic happens
  on UTC instants. A business interval ``[s, e)`` of a date covers the instants from when the
  local clock first reads ``s`` to when it first reads ``e``: a clock time skipped by a
  spring-forward jump stands for the instant of the jump, a clock time repeated by a fall-back
  stands for its first occurrence. The same applies to the clock time kept by
  ``add_working_days``.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from functools import lru_cache
from numbers import Real
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = [
    "DEFAULT_HOURS",
    "DEFAULT_TZ_NAME",
    "DEFAULT_WEEKDAYS",
    "Hours",
    "WorkCalendar",
    "format_hours",
    "parse_hours",
    "validate_hours",
]

Hours = tuple[tuple[time, time], ...]

DEFAULT_TZ_NAME = "Asia/Shanghai"
DEFAULT_WEEKDAYS: frozenset[int] = frozenset(range(5))
DEFAULT_HOURS: Hours = ((time(8, 30), time(12, 0)), (time(13, 0), time(17, 30)))

_ONE_DAY = timedelta(days=1)
_ZERO = timedelta(0)
_MICROSECONDS_PER_HOUR = 3_600_000_000

# Separators accepted between intervals and inside one: ASCII plus the full-width forms a
# Chinese keyboard produces, so "08:30～12:00，13:00～17:30" reads like the ASCII spelling.
_INTERVAL_SEPARATOR = re.compile(r"[,;，；、]")
_CLOCK = r"(\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)"
_INTERVAL = re.compile(rf"{_CLOCK}\s*[-–—~～]\s*{_CLOCK}")


# --------------------------------------------------------------------------- business hours


def parse_hours(text: str) -> Hours:
    """Return the business intervals written in ``text``, validated like :func:`validate_hours`.

    ``text`` lists ``HH:MM-HH:MM`` intervals (seconds optional) separated by commas, e.g.
    ``"08:30-12:00,13:00-17:30"``. Raises ``ValueError`` naming the faulty part on bad text,
    an interval whose start is not before its end, or unsorted / overlapping intervals.
    """
    if not isinstance(text, str):
        raise TypeError(f"business hours must be text, got {type(text).__name__}")
    if not text.strip():
        raise ValueError("business hours are empty: expected e.g. '08:30-12:00,13:00-17:30'")
    intervals = []
    for piece in (part.strip() for part in _INTERVAL_SEPARATOR.split(text)):
        if not piece:
            raise ValueError(f"business hours {text!r} contain an empty interval")
        match = _INTERVAL.fullmatch(piece)
        if match is None:
            raise ValueError(
                f"cannot read business interval {piece!r} in {text!r}: expected HH:MM-HH:MM"
            )
        intervals.append((_parse_clock(match[1], piece), _parse_clock(match[2], piece)))
    return validate_hours(intervals)


def _parse_clock(text: str, piece: str) -> time:
    """Return the clock time written ``H:MM`` or ``HH:MM[:SS]``; ValueError when out of range."""
    numbers = [int(number) for number in re.split(r"[:：]", text)]
    try:
        return time(*numbers)
    except ValueError:
        # 24:00 is the usual way to write "until midnight"; say why it is refused.
        hint = " (intervals end by 23:59:59 at the latest)" if numbers[0] == 24 else ""
        raise ValueError(
            f"invalid clock time {text!r} in business interval {piece!r}{hint}"
        ) from None


def validate_hours(hours: Iterable[tuple[time, time]]) -> Hours:
    """Return ``hours`` as a tuple of ``(start, end)`` pairs after checking them.

    Each pair must hold naive ``time`` objects with ``start < end`` (an interval stays within
    one day); pairs must be sorted and must not overlap (touching is fine); at least one pair
    is required. Raises ``ValueError`` (``TypeError`` for non-``time`` values) otherwise.
    """
    result: list[tuple[time, time]] = []
    for item in hours:
        try:
            start, end = item
        except (TypeError, ValueError):
            raise ValueError(f"business interval {item!r} is not a (start, end) pair") from None
        for clock in (start, end):
            if not isinstance(clock, time):
                raise TypeError(f"business interval bounds must be datetime.time, got {clock!r}")
            if clock.tzinfo is not None:
                # The calendar's tz places the hours; a second zone here would contradict it.
                raise ValueError(f"business interval bound {clock!r} must be a naive clock time")
        # fold belongs to datetimes; a stray fold=1 would flip how ambiguous times resolve.
        start, end = start.replace(fold=0), end.replace(fold=0)
        label = f"{_format_clock(start)}-{_format_clock(end)}"
        if start >= end:
            raise ValueError(
                f"business interval {label} must start before it ends (no interval may cross "
                "midnight)"
            )
        if result:
            previous_start, previous_end = result[-1]
            if start < previous_start:
                raise ValueError(f"business intervals are not sorted: {label} comes too late")
            if start < previous_end:
                raise ValueError(
                    f"business interval {label} overlaps "
                    f"{_format_clock(previous_start)}-{_format_clock(previous_end)}"
                )
        result.append((start, end))
    if not result:
        raise ValueError("at least one business interval is required")
    return tuple(result)


def format_hours(hours: Iterable[tuple[time, time]]) -> str:
    """Return ``hours`` written the way :func:`parse_hours` reads them, e.g. ``08:30-12:00``."""
    return ",".join(f"{_format_clock(start)}-{_format_clock(end)}" for start, end in hours)


def _format_clock(clock: time) -> str:
    """Return ``HH:MM``, or ``HH:MM:SS`` when the seconds matter."""
    return clock.strftime("%H:%M:%S" if clock.second or clock.microsecond else "%H:%M")


# ------------------------------------------------------------------------ input coercion


def _coerce_tz(value: tzinfo | str) -> tzinfo:
    """Return ``value`` as a tzinfo: a zone name becomes a ``ZoneInfo``."""
    if isinstance(value, str):
        try:
            return ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r}") from None
    if not isinstance(value, tzinfo):
        raise TypeError(f"tz must be a ZoneInfo or a zone name, got {value!r}")
    if hasattr(value, "localize"):
        # pytz zones give wrong offsets when attached with tzinfo=, which is what we do.
        raise TypeError("pytz zones are not supported: use zoneinfo.ZoneInfo")
    return value


def _coerce_weekdays(value: Iterable[int]) -> frozenset[int]:
    """Return ``value`` as a non-empty frozenset of weekday numbers 0..6."""
    weekdays = frozenset(value)
    for weekday in weekdays:
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 0 <= weekday <= 6:
            raise ValueError(f"weekday {weekday!r} is not an integer 0 (Monday) .. 6 (Sunday)")
    if not weekdays:
        # Without a working weekday, finding "the next working day" could run forever.
        raise ValueError("at least one weekday must be a working day")
    return weekdays


def _coerce_dates(value: Iterable[date], name: str) -> frozenset[date]:
    """Return ``value`` as a frozenset of plain dates (datetimes refused)."""
    days = frozenset(value)
    for day in days:
        # A datetime never equals a date, so it would silently never match: refuse it.
        if not isinstance(day, date) or isinstance(day, datetime):
            raise TypeError(f"{name} must contain datetime.date values, got {day!r}")
    return days


def _coerce_hours(value: Iterable[tuple[time, time]] | str) -> Hours:
    """Return validated business intervals from text or from (start, end) pairs."""
    return parse_hours(value) if isinstance(value, str) else validate_hours(value)


def _utc(moment: datetime, name: str = "moment") -> datetime:
    """Return the aware ``moment`` as a UTC datetime; ValueError when it is naive."""
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(
            f"{name} must be timezone-aware, got naive {moment.isoformat()}: attach a zone, "
            "e.g. moment.replace(tzinfo=ZoneInfo('Asia/Shanghai'))"
        )
    # Aware datetimes sharing a tzinfo compare and subtract by wall time, which is wrong
    # across DST changes; UTC arithmetic is always exact.
    return moment.astimezone(UTC)


def _as_timedelta(amount: Real | Decimal | timedelta) -> timedelta:
    """Return a non-negative amount of hours (number) or a timedelta as a timedelta."""
    if isinstance(amount, timedelta):
        result = amount
    elif isinstance(amount, bool) or not isinstance(amount, Real | Decimal):
        raise TypeError(f"amount must be a number of hours or a timedelta, got {amount!r}")
    elif isinstance(amount, Decimal):
        if not amount.is_finite():
            raise ValueError(f"amount must be a finite number of hours, got {amount!r}")
        # Decimal arithmetic keeps e.g. Decimal("0.1") hours exact to the microsecond.
        result = timedelta(microseconds=int((amount * _MICROSECONDS_PER_HOUR).to_integral_value()))
    else:
        if not math.isfinite(amount):
            raise ValueError(f"amount must be a finite number of hours, got {amount!r}")
        result = timedelta(hours=amount)
    if result < _ZERO:
        raise ValueError(f"amount of working time must not be negative, got {amount!r}")
    return result


# ------------------------------------------------------------------------- local instants


def _first_instant(day: date, clock: time, tz: tzinfo) -> datetime:
    """Return the UTC instant when the local clock first reads ``clock`` on ``day``.

    A clock time skipped by a spring-forward jump returns the instant of the jump (the
    first instant whose clock reads later). A repeated one returns its first occurrence.
    """
    wall = datetime.combine(day, clock)
    # fold=0 picks the first occurrence of a repeated clock time, which is what we want.
    instant = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) == wall:
        return instant
    # A skipped clock time: fold=0 applied the offset from before the jump and fold=1 the one
    # after, so the jump lies between them. Bisect to it; zone data changes at whole seconds
    # at worst, so this ends after ~32 steps and only runs on a handful of days per year.
    low = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)  # clock before `wall`
    high = instant  # clock after `wall`
    low, high = min(low, high), max(low, high)
    step = timedelta(microseconds=1)
    while high - low > step:
        middle = low + (high - low) // 2
        if middle.astimezone(tz).replace(tzinfo=None) >= wall:
            high = middle
        else:
            low = middle
    return high


@lru_cache(maxsize=8192)
def _day_intervals(day: date, tz: tzinfo, hours: Hours) -> tuple[tuple[datetime, datetime], ...]:
    """Return the business intervals of ``day`` as (start, end) UTC instants, empty ones dropped.

    Does not look at whether ``day`` works; cached because long spans revisit the same days.
    """
    intervals = []
    for start, end in hours:
        utc_start, utc_end = _first_instant(day, start, tz), _first_instant(day, end, tz)
        # Only an interval lying wholly inside a spring-forward gap can come out empty.
        if utc_start < utc_end:
            intervals.append((utc_start, utc_end))
    return tuple(intervals)


# ------------------------------------------------------------------------------ calendar


@dataclass(frozen=True)
class WorkCalendar:
    """The company's working time; see the module docstring for the rules.

    Fields are normalised on construction: ``tz`` may be a zone name, ``weekdays``,
    ``holidays`` and ``workdays`` any iterables, ``hours`` text for :func:`parse_hours` or
    (start, end) pairs. Invalid values raise ``ValueError`` / ``TypeError``.
    """

    tz: ZoneInfo
    weekdays: frozenset[int] = DEFAULT_WEEKDAYS
    holidays: frozenset[date] = frozenset()
    workdays: frozenset[date] = frozenset()
    hours: Hours = DEFAULT_HOURS

    def __post_init__(self) -> None:
        # Frozen: normalise through object.__setattr__ so equal calendars compare/hash equal.
        object.__setattr__(self, "tz", _coerce_tz(self.tz))
        object.__setattr__(self, "weekdays", _coerce_weekdays(self.weekdays))
        object.__setattr__(self, "holidays", _coerce_dates(self.holidays, "holidays"))
        object.__setattr__(self, "workdays", _coerce_dates(self.workdays, "workdays"))
        object.__setattr__(self, "hours", _coerce_hours(self.hours))

    @classmethod
    def default(cls, tz_name: str = DEFAULT_TZ_NAME) -> WorkCalendar:
        """Return a Monday-Friday calendar with DEFAULT_HOURS and no holidays in ``tz_name``.

        Add holidays with ``dataclasses.replace(calendar, holidays=..., workdays=...)``.
        """
        return cls(tz=_coerce_tz(tz_name))

    # -- days

    def local_date(self, moment: datetime) -> date:
        """Return the company-zone date of the aware ``moment``."""
        return _utc(moment).astimezone(self.tz).date()

    def is_working_day(self, day: date) -> bool:
        """Return whether ``day`` is a working day.

        An aware datetime stands for its company-zone date. A make-up day wins over a holiday
        listing of the same date (see the module docstring).
        """
        day = self._as_date(day)
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() in self.weekdays

    def next_working_day(self, day: date) -> date:
        """Return the first working day strictly after ``day``."""
        day = self._as_date(day) + _ONE_DAY
        # Terminates: some weekday works and only finitely many dates are holidays.
        while not self.is_working_day(day):
            day += _ONE_DAY
        return day

    def working_days_between(self, a: date, b: date) -> int:
        """Return the number of working days in ``(a, b]``; 0 when ``b <= a``."""
        a, b = self._as_date(a), self._as_date(b)
        if b <= a:
            return 0
        # Count by the weekly pattern arithmetically, then correct for the listed dates: cost
        # depends on the number of listed dates, not on the length of the span.
        full_weeks, rest = divmod((b - a).days, 7)
        count = full_weeks * len(self.weekdays)
        first = a.weekday()
        count += sum((first + offset) % 7 in self.weekdays for offset in range(1, rest + 1))
        for day in self.holidays | self.workdays:
            if a < day <= b:
                count += self.is_working_day(day) - (day.weekday() in self.weekdays)
        return count

    def add_working_days(self, moment: datetime, n: int) -> datetime:
        """Return the deadline ``n`` working days after ``moment`` (same local clock time).

        A moment on a non-working day counts from the first business instant of the next
        working day. ``n == 0`` returns the moment so normalised. ValueError for ``n < 0``.
        """
        if isinstance(n, bool):
            raise TypeError("n must be an integer number of working days, got a bool")
        n = operator.index(n)
        if n < 0:
            raise ValueError(f"n must not be negative, got {n}")
        local = _utc(moment).astimezone(self.tz)
        day = local.date()
        if self.is_working_day(day):
            start, clock = local, local.time()
        else:
            day = self.next_working_day(day)
            start = self._first_business_instant(day)
            clock = start.time()
        if n == 0:
            return start
        for _ in range(n):
            day = self.next_working_day(day)
        return _first_instant(day, clock, self.tz).astimezone(self.tz)

    # -- business time

    def business_intervals(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """Return the business intervals of ``day`` as aware (start, end) company-zone datetimes.

        Empty for a non-working day.
        """
        return tuple(
            (start.astimezone(self.tz), end.astimezone(self.tz))
            for start, end in self._utc_intervals(self._as_date(day))
        )

    def is_business_time(self, moment: datetime) -> bool:
        """Return whether ``moment`` lies inside a business interval (ends excluded)."""
        instant = _utc(moment)
        day = instant.astimezone(self.tz).date()
        return any(start <= instant < end for start, end in self._utc_intervals(day))

    def business_start(self, moment: datetime) -> datetime:
        """Return the first business instant at or after ``moment``, in the company zone.

        That is ``moment`` itself when it is business time; otherwise the next interval start.
        """
        return self._walk(_utc(moment), _ZERO).astimezone(self.tz)

    def add_working_hours(self, moment: datetime, hours: float | Decimal | timedelta) -> datetime:
        """Return the instant ``hours`` of business time after ``moment``, in the company zone.

        ``hours`` is a number of hours or a timedelta, not negative (ValueError). Counting
        starts at :meth:`business_start`; an amount ending exactly at an interval's end
        returns that end.
        """
        amount = _as_timedelta(hours)
        return self._walk(_utc(moment), amount).astimezone(self.tz)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Return the business time inside ``[start, end)``; zero when ``end <= start``."""
        low, high = _utc(start, "start"), _utc(end, "end")
        if high <= low:
            return _ZERO
        total = _ZERO
        # Day by day: ~365 cheap steps per year (intervals are cached), and exact under DST.
        day = low.astimezone(self.tz).date()
        last = high.astimezone(self.tz).date()
        while day <= last:
            for interval_start, interval_end in self._utc_intervals(day):
                overlap = min(interval_end, high) - max(interval_start, low)
                if overlap > _ZERO:
                    total += overlap
            day += _ONE_DAY
        return total

    # -- internals

    def _as_date(self, value: date) -> date:
        """Return ``value`` as a date: an aware datetime becomes its company-zone date."""
        if isinstance(value, datetime):
            # datetime is a date subclass; using its own .date() would ignore the company zone.
            return self.local_date(value)
        if not isinstance(value, date):
            raise TypeError(f"expected a date, got {type(value).__name__}")
        return value

    def _utc_intervals(self, day: date) -> tuple[tuple[datetime, datetime], ...]:
        """Return the business intervals of ``day`` as UTC instants; empty if it doesn't work."""
        if not self.is_working_day(day):
            return ()
        return _day_intervals(day, self.tz, self.hours)

    def _first_business_instant(self, day: date) -> datetime:
        """Return the first business instant of the working ``day``, in the company zone."""
        intervals = self._utc_intervals(day)
        if intervals:
            return intervals[0][0].astimezone(self.tz)
        # Only possible when all hours fall into a DST gap: fall back to the nominal opening.
        return _first_instant(day, self.hours[0][0], self.tz).astimezone(self.tz)

    def _walk(self, instant: datetime, amount: timedelta) -> datetime:
        """Return the UTC instant after spending ``amount`` of business time from ``instant``.

        With ``amount == 0`` that is the first business instant at or after ``instant``.
        """
        remaining = amount
        day = instant.astimezone(self.tz).date()
        while True:
            for start, end in self._utc_intervals(day):
                if end <= instant:
                    continue
                begin = max(start, instant)
                available = end - begin
                # "<=" makes an amount that exactly fills the interval stop at its end.
                if remaining <= available:
                    return begin + remaining
                remaining -= available
            day += _ONE_DAY
