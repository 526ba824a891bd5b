"""The company's working calendar, read from settings and the calendar days table."""

import threading
import time
from zoneinfo import ZoneInfo

from django.conf import settings

from .workcalendar import WorkCalendar, parse_hours

_cache = threading.local()
# Other processes pick up a changed calendar within this many seconds.
TTL_SECONDS = 60


def company_calendar():
    """Return the WorkCalendar in force, cached briefly per thread."""
    cached = getattr(_cache, "value", None)
    if cached and time.monotonic() - cached[0] < TTL_SECONDS:
        return cached[1]
    calendar = _load()
    _cache.value = (time.monotonic(), calendar)
    return calendar


def forget():
    _cache.value = None


def _load():
    from .choices import CalendarDayKind
    from .models import CalendarDay

    holidays, workdays = set(), set()
    for day, kind in CalendarDay.objects.values_list("date", "kind"):
        (holidays if kind == CalendarDayKind.HOLIDAY else workdays).add(day)
    return WorkCalendar(
        tz=ZoneInfo(settings.TIME_ZONE),
        weekdays=frozenset(settings.CSC["WORK_WEEKDAYS"]),
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
        hours=parse_hours(settings.CSC["WORK_HOURS"]),
    )
