"""The retention job (REC-2) across the boundary dates, with holds, open records and purges."""

import datetime as dt

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from csc.complaints.models import Complaint
from csc.complaints.tests import makers as complaint_makers
from csc.core.errors import Denied, IllegalTransition
from csc.core.models import AuditEntry
from csc.core.tests.resource_base import browser
from csc.recalls.models import Recall
from csc.recalls.tests import makers as recall_makers
from csc.retention import actions
from csc.retention.models import RetentionEntry

pytestmark = pytest.mark.django_db

CLOSED = dt.date(2024, 3, 5)  # the complaint register is kept 2 years: through 2026-03-05


def _closed_complaint(people, day=CLOSED, status="closed"):
    complaint = complaint_makers.complaint(people)
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(16)))
    Complaint.objects.filter(pk=complaint.pk).update(status=status, closed_at=moment)
    return complaint


def _gone(today):
    return [(c.record_type.key, c.record.pk) for c in actions.candidates(today)]


@pytest.mark.parametrize(
    ("today", "goes"),
    [(dt.date(2026, 3, 4), False), (dt.date(2026, 3, 5), False), (dt.date(2026, 3, 6), True)],
    ids=["day-before", "on-the-day", "day-after"],
)
def test_a_closed_complaint_goes_only_after_its_two_years(people, today, goes):
    complaint = _closed_complaint(people)
    assert (("complaint_register", complaint.pk) in _gone(today)) is goes


def test_an_open_complaint_is_never_archived(people):
    complaint = _closed_complaint(people, status="accepted")
    assert ("complaint_register", complaint.pk) not in _gone(dt.date(2030, 1, 1))


def test_a_record_under_legal_hold_is_kept_until_the_hold_is_released(people):
    complaint = _closed_complaint(people)
    hold = actions.set_hold(people.mr, complaint, "客户索赔诉讼进行中")
    assert ("complaint_register", complaint.pk) not in _gone(dt.date(2027, 1, 1))
    actions.release_hold(people.mr, hold, "诉讼已结案")
    assert ("complaint_register", complaint.pk) in _gone(dt.date(2027, 1, 1))


def test_only_the_management_representative_sets_a_hold(people):
    complaint = _closed_complaint(people)
    with pytest.raises(Denied):
        actions.set_hold(people.quality, complaint, "想保留")
    actions.set_hold(people.mr, complaint, "监管部门调查")
    with pytest.raises(IllegalTransition):
        actions.set_hold(people.mr, complaint, "再次")


def test_the_dry_run_lists_what_would_go_and_changes_nothing(people):
    complaint = _closed_complaint(people, day=dt.date(2020, 1, 2))
    found = actions.apply_retention(people.mr, dry_run=True)
    assert complaint.pk in [c.record.pk for c in found]
    assert not RetentionEntry.objects.exists()
    page = browser(people.mr).get("/retention/")
    assert complaint.number in page.content.decode()


def test_archiving_keeps_the_record_and_its_trail_and_a_second_run_changes_nothing(people):
    complaint = _closed_complaint(people, day=dt.date(2020, 1, 2))
    trail = AuditEntry.objects.filter(object_id=str(complaint.pk)).count()
    first = [c for c in actions.apply_retention(None) if c.done]
    assert complaint.pk in [c.record.pk for c in first]
    assert Complaint.objects.filter(pk=complaint.pk).exists()
    assert AuditEntry.objects.filter(object_id=str(complaint.pk)).count() > trail
    entries = RetentionEntry.objects.count()
    assert actions.apply_retention(None) == []
    assert RetentionEntry.objects.count() == entries


def _purging_recalls():
    csc = {
        **settings.CSC,
        "RETENTION_YEARS": {**settings.CSC.get("RETENTION_YEARS", {}), "recall": 1},
        "RETENTION_ACTIONS": {"recall": "purge"},
    }
    return override_settings(CSC=csc)


def _reviewed_long_ago(people):
    recall = recall_makers.triggered(people)
    Recall.objects.filter(pk=recall.pk).update(
        status="reviewed", reviewed_at=timezone.now() - dt.timedelta(days=800)
    )
    return recall


def test_a_purge_is_itself_audited(people):
    recall = _reviewed_long_ago(people)
    with _purging_recalls():
        call_command("retention")
    assert not Recall.objects.filter(pk=recall.pk).exists()
    content_type = ContentType.objects.get_for_model(Recall)
    purge = AuditEntry.objects.filter(
        content_type=content_type, object_id=str(recall.pk), action="delete"
    ).exclude(note="")
    assert purge.count() == 1
    assert RetentionEntry.objects.get(object_id=str(recall.pk)).outcome == "purged"


def test_recall_records_are_kept_permanently_by_default(people):
    recall = _reviewed_long_ago(people)
    assert ("recall", recall.pk) not in _gone(dt.date(2040, 1, 1))
