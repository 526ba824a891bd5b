"""The worker's jobs, called with a frozen "now": escalation (CMP-3) and the monthly review
(CMP-9)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from csc.complaints import actions
from csc.complaints.models import Complaint, MonthlyReview
from csc.core.company_calendar import forget
from csc.core.models import CalendarDay, Department
from csc.customers.models import Contact

from . import makers

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour=10, minute=0):
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=SHANGHAI)


@pytest.fixture
def quality_head(people):
    head = people.quality
    Department.objects.filter(code="quality").update(head=head)
    return head


def _late_complaint(people, received="2026-03-02"):
    """A complaint received Monday 10:00, simple: resolution due Tuesday 10:00."""
    return makers.complaint(people, received_at=at(received))


def test_nothing_is_escalated_before_a_deadline_passes(people, quality_head):
    _late_complaint(people)
    assert actions.escalate_overdue(None, now=at("2026-03-02", 17)) == (0, 0)


def test_an_overdue_complaint_goes_to_the_department_head_once(people, quality_head):
    complaint = _late_complaint(people)
    told = quality_head.notifications.filter(title__contains=complaint.number)
    before = told.count()  # the "new complaint" notice
    now = at("2026-03-03", 10, 30)
    assert actions.escalate_overdue(None, now=now) == (1, 0)
    assert actions.escalate_overdue(None, now=now) == (0, 0)
    complaint.refresh_from_db()
    assert (complaint.escalation_level, complaint.escalated_at) == (1, now)
    assert told.count() == before + 1


def test_still_overdue_after_a_working_day_it_goes_to_the_management_representative(
    people, quality_head
):
    complaint = _late_complaint(people)
    mr = people.mr
    actions.escalate_overdue(None, now=at("2026-03-03", 10, 30))
    # 7 working hours later: not yet (the default wait is 8 working hours).
    assert actions.escalate_overdue(None, now=at("2026-03-04", 9, 0)) == (0, 0)
    assert actions.escalate_overdue(None, now=at("2026-03-04", 10, 30)) == (0, 1)
    assert mr.notifications.filter(title__contains=complaint.number).exists()


def test_the_wait_for_the_mr_skips_the_weekend(people, quality_head):
    complaint = makers.complaint(people, received_at=at("2026-03-05", 16))  # Thursday
    actions.escalate_overdue(None, now=at("2026-03-06", 16, 30))  # Friday, overdue
    assert actions.escalate_overdue(None, now=at("2026-03-09", 8, 45)) == (0, 0)  # Monday
    assert actions.escalate_overdue(None, now=at("2026-03-09", 16, 30)) == (0, 1)
    complaint.refresh_from_db()
    assert complaint.escalation_level == 2


def test_a_replied_complaint_is_not_escalated(people, quality_head, media_root):
    complaint = makers.replied(people)
    Complaint.objects.filter(pk=complaint.pk).update(resolution_due_at=at("2020-01-01"))
    assert actions.escalate_overdue(None, now=at("2026-12-01")) == (0, 0)


def test_without_a_head_the_quality_engineers_are_told(people):
    quality = people.quality
    complaint = _late_complaint(people)
    told = quality.notifications.filter(title__contains=complaint.number)
    before = told.count()
    actions.escalate_overdue(None, now=at("2026-03-03", 11))
    assert told.count() == before + 1


# --- the monthly review --------------------------------------------------------------------


@pytest.fixture
def october_holidays(db):
    for n in range(1, 8):
        CalendarDay.objects.create(date=dt.date(2026, 10, n), kind="holiday", name="国庆节")
    forget()
    yield
    forget()


def test_the_review_of_last_month_is_created_on_the_first_working_day(people, october_holidays):
    quality = people.quality
    cust_a, cust_b = makers.customer(), makers.customer()
    for cust in (cust_a, cust_a, cust_b):
        makers.complaint(people, cust=cust, received_at=at("2026-09-15"))
    not_ours = makers.complaint(people, cust=cust_b, received_at=at("2026-09-16"))
    actions.not_ours(people.quality, not_ours, "非我方")
    makers.complaint(people, cust=cust_b, received_at=at("2026-10-08"))  # October's

    assert actions.create_monthly_review(None, now=at("2026-10-07", 9)) is None  # a holiday
    review = actions.create_monthly_review(None, now=at("2026-10-08", 9))
    assert review.month == dt.date(2026, 9, 1)
    assert review.complaints == 3
    lines = {line.customer_id: (line.complaints, line.still_open) for line in review.lines.all()}
    assert lines == {cust_a.pk: (2, 2), cust_b.pk: (1, 1)}
    assert quality.notifications.filter(url=review.get_absolute_url()).exists()
    assert actions.create_monthly_review(None, now=at("2026-10-09", 9)) is None  # once only
    assert MonthlyReview.objects.count() == 1


def test_a_review_closes_only_with_a_plan_and_every_customer_confirmed(people):
    makers.complaint(people, received_at=at("2026-02-10"))
    review = actions.create_monthly_review(None, now=at("2026-03-02", 9))
    with pytest.raises(actions.reviews.Invalid):
        actions.close_review(people.quality, review)
    actions.update_review(
        people.quality, review, "焊接问题为主", "焊接工艺专项改进", review.version
    )
    with pytest.raises(actions.reviews.Invalid):
        actions.close_review(people.quality, review)
    for line in review.lines.all():
        actions.confirm_review_line(people.quality, line, "电话确认已关闭")
    actions.close_review(people.quality, review)
    review.refresh_from_db()
    assert review.status == "closed" and review.closed_by == people.quality


def test_the_contact_of_a_reviewed_customer_cannot_open_the_review(people):
    own = Contact.objects.get(user=people.contact).customer
    makers.complaint(people, cust=own, received_at=at("2026-02-10"))
    review = actions.create_monthly_review(None, now=at("2026-03-02", 9))
    from csc.core.tests.resource_base import browser

    assert browser(people.contact).get(review.get_absolute_url()).status_code == 404
