"""Work of the worker and of Quality on many complaints: escalation (CMP-3), the monthly
re-analysis (CMP-9) and the Excel ledger."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from csc.core import audit, xlsx
from csc.core.actions import check_version, notify, read_verb, save_versioned, transition, verb
from csc.core.choices import Role
from csc.core.company_calendar import company_calendar
from csc.core.errors import Invalid
from csc.core.later import Later
from csc.core.models import Department
from csc.core.permissions import require, restrict, users_with_permission

from .. import ledger
from ..choices import COUNTED_STATUSES, OPEN_STATUSES
from ..conf import setting
from ..models import Complaint, MonthlyReview, ReviewLine
from ..rules import REVIEW_FLOW, first_working_day_of_month, overdue_q, previous_month

# --- escalation of overdue complaints (CMP-3) ---------------------------------------------


@verb
def escalate_overdue(actor=None, now=None):
    """Tell the department head of each newly overdue complaint, and the Management
    Representative when it is still overdue after the configured working hours.

    Returns (escalated to heads, escalated to the MR). Runs in the worker every few minutes;
    each complaint moves up one level at most once, so nobody is told twice.
    """
    now = now or timezone.now()
    overdue = Complaint.objects.filter(overdue_q(now)).select_related("department", "customer")
    heads = sum(_escalate(c, 1, now) for c in overdue.filter(escalation_level=0))
    wait = dt.timedelta(hours=setting("COMPLAINT_ESCALATE_MR_AFTER_HOURS"))
    calendar = company_calendar()
    to_mr = [
        c
        for c in overdue.filter(escalation_level=1, escalated_at__lt=now)
        if calendar.working_time_between(c.escalated_at, now) >= wait
    ]
    representatives = sum(_escalate(c, 2, now) for c in to_mr)
    return heads, representatives


def _escalate(complaint, level, now):
    people = _management_reps() if level == 2 else head_of(complaint)
    notify(
        people,
        Later(gettext_noop("Complaint %(number)s is overdue"), number=complaint.number),
        Later(
            gettext_noop("%(customer)s · received %(received)s · resolution due %(due)s"),
            customer=complaint.customer,
            received=timezone.localtime(complaint.received_at).strftime("%Y-%m-%d %H:%M"),
            due=timezone.localtime(complaint.resolution_due_at).strftime("%Y-%m-%d %H:%M"),
        ),
        complaint.get_absolute_url(),
    )
    complaint.escalation_level, complaint.escalated_at = level, now
    complaint.save(update_fields=["escalation_level", "escalated_at"])
    return 1


def head_of(complaint):
    """Return who answers for a complaint: its department's head, else Quality's assessors."""
    department = complaint.department or Department.objects.filter(code="quality").first()
    if department is not None and department.head_id:
        return [department.head]
    return users_with_permission("complaints.assess_complaint")


def _management_reps():
    return list(get_user_model().objects.filter(groups__name=Role.MANAGEMENT_REP, is_active=True))


# --- the monthly re-analysis (CMP-9) -----------------------------------------------------


@verb
def create_monthly_review(actor=None, now=None):
    """From the first working day of a month on, create last month's review once; return it.

    Each customer with complaints last month gets a line, to confirm final closure with them.
    Returns None before the first working day, or when there is nothing new to create.
    """
    today = timezone.localdate(now or timezone.now())
    if today < first_working_day_of_month(today):
        return None
    month = previous_month(today)
    if MonthlyReview.objects.filter(month=month).exists():
        return None
    start, end = _month_bounds(month)
    complaints = Complaint.objects.filter(
        received_at__gte=start, received_at__lt=end, status__in=COUNTED_STATUSES
    )
    per_customer = complaints.values("customer").annotate(
        n=Count("id"), still_open=Count("id", filter=Q(status__in=OPEN_STATUSES))
    )
    review = MonthlyReview.objects.create(month=month, complaints=complaints.count())
    ReviewLine.objects.bulk_create(
        ReviewLine(
            review=review,
            customer_id=row["customer"],
            complaints=row["n"],
            still_open=row["still_open"],
        )
        for row in per_customer.order_by()
    )
    notify(
        users_with_permission("complaints.assess_complaint"),
        Later(gettext_noop("Monthly complaint review %(month)s is ready"), month=f"{month:%Y-%m}"),
        Later(
            gettext_noop(
                "%(count)s complaints last month: analyse them, plan actions, confirm closure with each customer."
            ),
            count=review.complaints,
        ),
        review.get_absolute_url(),
    )
    return review


def _month_bounds(month):
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(month, dt.time(), tzinfo=tz)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    return start, dt.datetime.combine(following, dt.time(), tzinfo=tz)


@verb
def update_review(actor, review, analysis, action_plan, version=None):
    require(actor, "complaints.change_monthlyreview", review)
    check_version(review, version)
    REVIEW_FLOW.check(review, "close")  # only open reviews are edited
    review.analysis, review.action_plan = analysis, action_plan
    save_versioned(review, ["analysis", "action_plan"])
    return review


@verb
def confirm_review_line(actor, line, note=""):
    """Record that the customer confirmed last month's complaints are finally closed."""
    require(actor, "complaints.change_monthlyreview", line.review)
    REVIEW_FLOW.check(line.review, "close")
    if line.confirmed:
        raise Invalid.field("confirmed", _("Already confirmed."))
    line.confirmed, line.confirmed_at, line.confirmed_by = True, timezone.now(), actor
    line.note = note
    line.save(update_fields=["confirmed", "confirmed_at", "confirmed_by", "note"])
    return line


@verb
def close_review(actor, review, note=""):
    """Close the review once it has an action plan and every customer confirmed closure."""
    require(actor, "complaints.change_monthlyreview", review)
    if not review.action_plan.strip():
        raise Invalid.field("action_plan", _("Write the action plan first."))
    waiting = review.lines.filter(confirmed=False).count()
    if waiting:
        raise Invalid.field(
            "lines",
            _("%(count)s customers have not confirmed closure yet.") % {"count": waiting},
        )
    review.closed_at, review.closed_by = timezone.now(), actor
    return transition(review, REVIEW_FLOW, "close", note, extra_fields=["closed_at", "closed_by"])


# --- the Excel ledger ----------------------------------------------------------------------


@read_verb
def export_complaints(actor, target, queryset=None):
    """Write the complaint ledger (投诉台账) the actor may see to ``target``; return the rows."""
    require(actor, "complaints.export_complaint")
    queryset = Complaint.objects.all() if queryset is None else queryset
    visible = restrict(queryset, actor).order_by("received_at", "id")
    count = xlsx.write_workbook(
        target, _("Complaint ledger"), ledger.export_headers(), ledger.export_rows(visible)
    )
    audit.record_export(Complaint, count)
    return count
