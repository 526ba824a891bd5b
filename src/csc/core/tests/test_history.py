"""History for people: one entry per step, names and local times, child records, bulk writes."""

import datetime as dt
from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone, translation

from csc.complaints.tests import makers as complaint_makers
from csc.core import audit
from csc.core.choices import AuditAction
from csc.core.models import AuditEntry
from csc.customers import actions as customer_actions
from csc.customers.tests import makers as customer_makers
from csc.orders.tests import makers as order_makers
from csc.property.actions import checks
from csc.property.tests import makers as property_makers
from csc.surveys import actions as survey_actions
from csc.surveys.tests import makers as survey_makers

CHANGES = (AuditAction.UPDATE, AuditAction.TRANSITION)


def doubled_steps():
    """Return the (record, action) pairs written twice by one verb call."""
    rows = AuditEntry.objects.filter(action__in=CHANGES).values_list(
        "content_type__model", "object_id", "request_id"
    )
    return [key for key, n in Counter(rows).items() if n > 1]


def test_every_workflow_step_of_every_area_writes_exactly_one_change_entry(people):
    admission = customer_makers.submitted(people)
    customer_actions.approve_admission(people.vp, admission, "资信良好，同意准入")
    order_makers.approved(people)
    complaint_makers.replied(people)
    property_makers.confirmed_anomaly(people)
    survey_makers.customer("A")
    survey_makers.sent_round(people)
    assert doubled_steps() == []


def test_submitting_an_admission_is_one_status_line_carrying_its_time(people):
    admission = customer_makers.draft(people)
    customer_actions.submit_admission(people.sales, admission, "请审批")
    changes = audit.history(admission).filter(action__in=CHANGES)
    entry = changes.get()  # the signature is its own line, the step one more — not two
    assert entry.action == AuditAction.TRANSITION
    assert {"status", "submitted_at"} <= set(entry.changes)


def rows_of(entry, language="zh-hans"):
    with translation.override(language):
        return [tuple(str(part) for part in row[:3]) for row in entry.change_rows()]


def test_history_names_people_and_shows_shanghai_time_not_ids_and_utc(people):
    admission = customer_makers.submitted(people)
    customer_actions.approve_admission(people.vp, admission, "同意")
    entry = audit.history(admission).filter(action=AuditAction.TRANSITION).first()
    decided = timezone.localtime(admission.decided_at, dt.timezone(dt.timedelta(hours=8)))
    rows = {label: new for label, _old, new in rows_of(entry)}
    assert rows["审批人"] == str(people.vp)
    assert rows["审批时间"] == decided.strftime("%Y-%m-%d %H:%M")


def test_history_hides_submit_tokens_and_versions(people):
    complaint = complaint_makers.complaint(people, submit_token="a" * 32)
    entry = audit.history(complaint).filter(action=AuditAction.CREATE).get()
    labels = [label for label, _old, _new in rows_of(entry, "en")]
    assert "submit_token" not in labels and "submit token" not in labels
    assert "version" not in labels


def test_history_shows_structured_values_as_text_not_python(people):
    complaint = complaint_makers.replied(people)
    eightd = complaint.eightd
    shown = " ".join(new for e in audit.history(eightd) for _l, _o, new in rows_of(e))
    assert "{'" not in shown and "['" not in shown


def test_a_discipline_change_shows_on_the_8d_history(people):
    complaint = complaint_makers.replied(people)
    eightd = complaint.eightd
    discipline_type = ContentType.objects.get(app_label="complaints", model="discipline")
    assert audit.history(eightd).filter(content_type=discipline_type).exists()


def test_a_review_section_decision_shows_on_the_order_history(people, client):
    order = order_makers.approved(people)
    section_type = ContentType.objects.get(app_label="orders", model="reviewsection")
    assert audit.history(order).filter(content_type=section_type).exists()
    client.force_login(people.sales)
    order_type = ContentType.objects.get_for_model(order)
    page = client.get(f"/history/{order_type.pk}/{order.pk}/").content.decode()
    assert "评审栏目" in page


def test_opening_condition_checks_in_bulk_is_audited(people):
    item = property_makers.make_item(people, check_interval_days=30)
    type(item).objects.filter(pk=item.pk).update(next_check_due=timezone.localdate())
    checks.schedule_condition_checks(None)
    check = item.checks.get()
    assert audit.history(check).filter(action=AuditAction.CREATE).exists()
    assert audit.history(item).filter(object_id=str(check.pk)).exists()


def test_sending_a_survey_round_audits_every_invitation_it_stamps(people):
    survey_makers.customer("A")
    survey_round = survey_makers.sent_round(people)
    invitation = survey_round.invitations.exclude(email="").first()
    stamped = audit.history(invitation).filter(action=AuditAction.UPDATE)
    assert "sent_at" in stamped.get().changes


def test_reminding_a_round_audits_the_reminder_count_of_each_invitation(people):
    survey_makers.customer("A")
    survey_round = survey_makers.sent_round(people)
    later = timezone.now() + dt.timedelta(days=60)
    type(survey_round).objects.filter(pk=survey_round.pk).update(due_date=dt.date(2026, 1, 1))
    survey_round.refresh_from_db()
    assert survey_actions.remind_round(people.sales, survey_round, now=later) > 0
    invitation = survey_round.invitations.exclude(email="").first()
    entry = audit.history(invitation).filter(changes__has_key="reminders").get()
    assert entry.changes["reminders"] == [0, 1]


@pytest.mark.parametrize("verb", ["create_all", "update_all", "delete"])
def test_every_bulk_verb_writes_one_entry_per_row(people, verb):
    from csc.orders.models import Product

    products = [Product(code=f"B-{n}", name=f"批量 {n}") for n in range(3)]
    if verb == "create_all":
        audit.create_all(Product, products)
    else:
        Product.objects.bulk_create(products)
        rows = Product.objects.filter(code__startswith="B-")
        if verb == "update_all":
            audit.update_all(rows, name="改名")
        else:
            rows.delete()  # Django sends the delete signal per row; the trail hears each
    expected = {"create_all": "create", "update_all": "update", "delete": "delete"}[verb]
    assert AuditEntry.objects.filter(action=expected, object_repr__contains="B-").count() == 3


def test_a_review_signature_names_its_section_and_meaning_in_words(people):
    order = order_makers.approved(people)
    signatures = audit.history(order).filter(action=AuditAction.SIGN)
    quality = next(e for e in signatures if e.changes.get("section") == "quality")
    rows = {label: new for label, _old, new in rows_of(quality)}
    assert rows["栏目"] == "品质部：质量可达成性"
    assert rows["签名含义"] == "批准"


def test_history_leaves_out_the_row_id_of_the_record(people):
    complaint = complaint_makers.complaint(people)
    entry = audit.history(complaint).filter(action=AuditAction.CREATE).get()
    assert "ID" not in [label for label, _old, _new in rows_of(entry)]
