"""The KPI tallies: the whole register's figures, read from monthly roll-ups, are exactly those
counted from the complaints themselves — after complaints of every state are registered,
accepted, replied, changed behind the verbs' back, bulk-loaded or deleted."""

import datetime as dt
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from csc.complaints import actions, kpis, tallies
from csc.complaints.models import Complaint, Discipline, EightD, MonthTally, TallyChange

from . import makers

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = kpis.year_period(2025)
NOW = dt.datetime(2025, 6, 15, 12, tzinfo=SHANGHAI)
CATEGORIES = ("quality", "packaging", "transport")
CAUSES = ("", "man", "machine", "method")


def _figures(complaints):
    """Every KPI of the year that the tallies serve, for ``complaints``."""
    return {
        "months": kpis.complaint_months(complaints, YEAR, NOW),
        "by_category": kpis.pareto_by_category(complaints, YEAR),
        "by_cause": kpis.pareto_by_cause(complaints, YEAR),
        "replies": kpis.reply_on_time(complaints, YEAR, NOW),
        "eightds": kpis.eightd_on_time(complaints, YEAR, NOW),
        "eightds_by_month": kpis.eightd_on_time_by_month(complaints, YEAR, NOW),
        "customers": kpis.per_customer(complaints, YEAR),
    }


def _assert_tallies_agree():
    tallied = _figures(Complaint.objects.all())
    counted = _figures(Complaint.objects.filter(pk__gt=0))  # a selection: counted row by row
    for name, figures in counted.items():
        assert tallied[name] == figures, name


def _moment(rng):
    """A time in the first half of 2025, now and then at a month's edge in Shanghai."""
    day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 166))
    hour = rng.choice((0, 10, 23)) if day.day == 1 else 10
    return dt.datetime.combine(day, dt.time(hour, 30), tzinfo=SHANGHAI)


@pytest.fixture(params=[2025, 7, 42])
def register(people, request):
    """Forty complaints of three customers, in every state, with 8Ds open, closed on time
    and closed late, replies on time, late and overdue (three random registers)."""
    rng = random.Random(request.param)
    buyers = [makers.customer() for _ in range(3)]
    made = []
    for _ in range(40):
        complaint = makers.complaint(
            people,
            cust=rng.choice(buyers),
            category=rng.choice(CATEGORIES),
            received_at=_moment(rng),
            quantity_affected=Decimal(rng.randrange(0, 500)),
        )
        _progress(people, complaint, rng)
        made.append(complaint)
    return made


def _progress(people, complaint, rng):
    fate = rng.choice(("registered", "accepted", "complex", "not_ours", "void"))
    if fate == "not_ours":
        actions.not_ours(people.quality, complaint, "运输方责任")
    elif fate == "void":
        actions.void_complaint(people.quality, complaint, "重复")
    elif fate in ("accepted", "complex"):
        actions.accept_complaint(
            people.quality, complaint, "simple" if fate == "accepted" else "complex"
        )
        _reply_and_close(complaint, rng)


def _reply_and_close(complaint, rng):
    """Reply (on time, late, or not yet) and close its 8D, behind the verbs' back: the tallies
    must follow whoever writes."""
    due = complaint.received_at + dt.timedelta(days=rng.choice((3, 30)))
    replied = rng.choice((None, due - dt.timedelta(hours=1), due + dt.timedelta(days=1)))
    Complaint.objects.filter(pk=complaint.pk).update(
        reply_due_at=due, replied_at=replied, cause_class=rng.choice(CAUSES)
    )
    closed = rng.choice((None, complaint.received_at + dt.timedelta(days=rng.choice((5, 90)))))
    EightD.objects.filter(complaint=complaint).update(closed_at=closed)


def test_the_tallied_figures_are_those_counted_from_the_complaints(register):
    _assert_tallies_agree()
    assert MonthTally.objects.exists()
    assert not TallyChange.objects.exists()  # every change was counted, then let go


def test_the_tallies_follow_edits_deletes_and_bulk_loads(people, register):
    _assert_tallies_agree()
    moved = register[0]
    Complaint.objects.filter(pk=moved.pk).update(
        received_at=dt.datetime(2025, 5, 31, 23, 50, tzinfo=SHANGHAI), category="packaging"
    )
    _assert_tallies_agree()
    EightD.objects.filter(complaint__in=register[:20]).delete()
    Complaint.objects.filter(pk__in=[register[2].pk, register[3].pk]).delete()
    _assert_tallies_agree()
    template = Complaint.objects.get(pk=register[4].pk)
    fields = {f.attname: getattr(template, f.attname) for f in Complaint._meta.concrete_fields}
    del fields["id"]
    copies = [
        Complaint(**{**fields, "number": f"CC-BULK-{i}", "received_at": _moment(random.Random(i))})
        for i in range(3)
    ]
    Complaint.objects.bulk_create(copies)
    _assert_tallies_agree()


def test_many_changes_are_recounted_as_the_months_they_span(register, monkeypatch):
    monkeypatch.setattr(tallies, "LISTED", 2)
    Complaint.objects.filter(pk__in=[c.pk for c in register[:10]]).update(quantity_affected=7)
    assert TallyChange.objects.count() > 2
    _assert_tallies_agree()


def test_an_overdue_reply_counts_against_its_month_until_it_is_sent(people):
    complaint = makers.complaint(people, received_at=dt.datetime(2025, 3, 3, 10, tzinfo=SHANGHAI))
    actions.accept_complaint(people.quality, complaint, "simple")
    due = dt.datetime(2025, 3, 6, 10, tzinfo=SHANGHAI)
    Complaint.objects.filter(pk=complaint.pk).update(reply_due_at=due)
    assert kpis.reply_on_time(Complaint.objects.all(), YEAR, due - dt.timedelta(hours=1)) == (
        0,
        0,
        None,
    )
    assert kpis.reply_on_time(Complaint.objects.all(), YEAR, due + dt.timedelta(hours=1)) == (
        0,
        1,
        Decimal("0.00"),
    )
    Complaint.objects.filter(pk=complaint.pk).update(replied_at=due - dt.timedelta(hours=2))
    assert kpis.reply_on_time(Complaint.objects.all(), YEAR, NOW) == (1, 1, Decimal("100.00"))


def test_a_complaint_deleted_before_its_8d_leaves_consistent_tallies(people, register):
    """As a flush or a cascade outside Django deletes: the complaint's row first."""
    from django.db import connection

    accepted = [c.pk for c in register if EightD.objects.filter(complaint=c).exists()]
    Discipline.objects.filter(eightd__complaint_id=accepted[0]).delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM complaints_complaint WHERE id = %s", [accepted[0]])
        cursor.execute("DELETE FROM complaints_eightd WHERE complaint_id = %s", [accepted[0]])
    _assert_tallies_agree()
