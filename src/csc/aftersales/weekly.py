"""The weekly quality information of the service staff (S2 1.9.4 每周将质量信息反馈到销售部):
what the field jobs of one ISO week found — defect, failure form, maker, result — and what
customers reported to the service desk, for Sales to classify into information feedback
sheets (1.9.5). Every figure is one SQL aggregate; the job list is one query, capped."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from csc.core.periods import day_bounds

from .choices import FieldStatus
from .models import FieldServiceRecord

LISTED = 500  # a week of one company's field jobs; more are counted, not listed


@dataclass(frozen=True)
class Week:
    """An ISO week: Monday to Sunday, named 2026-W49."""

    year: int
    week: int

    @classmethod
    def of(cls, day):
        year, week, _weekday = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text, default):
        """Return the week named ``2026-W49``; anything else gives ``default``."""
        try:
            year, week = (text or "").upper().split("-W")
            found = cls(int(year), int(week))
            found.start  # noqa: B018 (raises ValueError for a week the year does not have)
        except ValueError:
            return default
        return found if 2000 <= found.year <= 2100 else default

    @property
    def start(self):
        return dt.date.fromisocalendar(self.year, self.week, 1)

    @property
    def end(self):
        """The Monday after the week."""
        return self.start + dt.timedelta(days=7)

    @property
    def last_day(self):
        """The Sunday that ends the week."""
        return self.start + dt.timedelta(days=6)

    def previous(self):
        return Week.of(self.start - dt.timedelta(days=7))

    def following(self):
        return Week.of(self.end)

    def bounds(self):
        return day_bounds(self.start, self.end)

    def __str__(self):
        return f"{self.year}-W{self.week:02d}"


def field_jobs(week, staff=None):
    """The week's field jobs (voided ones left out), of one service staff member if given."""
    start, end = week.bounds()
    jobs = FieldServiceRecord.objects.filter(found_at__gte=start, found_at__lt=end).exclude(
        status=FieldStatus.VOID
    )
    return jobs.filter(staff=staff) if staff is not None else jobs


def by_staff(week):
    """[(service staff member, jobs, installation problems, completed)], most jobs first."""
    from .models import ServiceStaff

    rows = list(
        field_jobs(week)
        .values("staff")
        .annotate(
            jobs=Count("id"),
            installation=Count("id", filter=~Q(report_due_at=None)),
            completed=Count("id", filter=~Q(status=FieldStatus.OPEN)),
        )
        .order_by("-jobs", "staff")
    )
    staff = ServiceStaff.objects.select_related("person").in_bulk([r["staff"] for r in rows])
    return [(staff[r["staff"]], r["jobs"], r["installation"], r["completed"]) for r in rows]


def by_defect(week, staff=None):
    """[{product, failure form, maker, jobs, customers}]: the same fault seen more than once
    comes first, which is what Sales reports on to Production and Quality."""
    rows = (
        field_jobs(week, staff)
        .values("product__code", "product__name", "failure_form", "maker")
        .annotate(jobs=Count("id"), customers=Count("customer", distinct=True))
        .order_by("-jobs", "product__code", "failure_form", "maker")
    )
    return list(rows)


def job_rows(week, staff=None):
    """The week's jobs to list, oldest first, with what the page and the workbook show."""
    related = ("staff", "customer", "product")
    return field_jobs(week, staff).select_related(*related).order_by("found_at", "id")[:LISTED]


def requests_by_category(week):
    """[(category, received, escalated to 8D)]: what customers told the service desk."""
    from csc.service.choices import Category
    from csc.service.models import ServiceRequest

    start, end = week.bounds()
    rows = (
        ServiceRequest.objects.filter(received_at__gte=start, received_at__lt=end)
        .values("category")
        .annotate(received=Count("id"), escalated=Count("id", filter=~Q(complaint=None)))
        .order_by("-received", "category")
    )
    return [(Category(r["category"]).label, r["received"], r["escalated"]) for r in rows]
