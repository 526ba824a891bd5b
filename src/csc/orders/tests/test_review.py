"""The joint review (ORD-3): each department signs its own section, the GM approves; disputes,
delegates, reminders and timeliness (ORD-4)."""

import datetime as dt

import pytest
from django.utils import timezone, translation

from csc.core.models import Department, Notification, Signature
from csc.orders import actions
from csc.orders.choices import OrderStatus, SectionState, VersionStatus
from csc.orders.models import Order, ReviewVersion

from . import makers

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def sign(api_as, user, order, section, decision="accept", opinion="可行"):
    return api_as(user).post(
        f"/api/v1/orders/{order.pk}/sign-review/",
        {"section": section, "decision": decision, "opinion": opinion},
        format="json",
        **EN,
    )


def step(api_as, user, order, verb, **body):
    return api_as(user).post(f"/api/v1/orders/{order.pk}/{verb}/", body, format="json", **EN)


def sections_of(order):
    version = ReviewVersion.objects.get(order=order, number=Order.objects.get(pk=order.pk).revision)
    return dict(version.sections.values_list("section", "state"))


def test_submitting_opens_three_sections_and_tells_each_department(people, api_as):
    order = makers.draft(people)
    reviewers = [people.engineer, people.quality, people.materials]
    response = step(api_as, people.sales, order, "submit", note="请评审")
    assert response.status_code == 200, response.json()
    assert response.json()["status"] == OrderStatus.REVIEW
    assert sections_of(order) == {"engineering": "open", "quality": "open", "materials": "open"}
    for reviewer in reviewers:
        assert Notification.objects.filter(user=reviewer, url=order.get_absolute_url()).exists()


def test_the_three_departments_sign_in_any_order_then_the_gm_approves(people, api_as):
    people.gm  # noqa: B018  (exists before the review is complete, so it can be told)
    order = makers.submitted(people)
    for user, section in [
        (people.materials, "materials"),
        (people.engineer, "engineering"),
        (people.quality, "quality"),
    ]:
        assert sign(api_as, user, order, section).status_code == 200
    assert Notification.objects.filter(user=people.gm, title__contains=order.number).exists()
    response = step(api_as, people.gm, order, "approve", note="同意")
    assert response.status_code == 200, response.json()
    order.refresh_from_db()
    assert order.status == OrderStatus.APPROVED
    assert order.review_completed_at is not None and order.pending_due_at is None
    assert order.versions.get().status == VersionStatus.APPROVED
    meanings = list(
        Signature.objects.filter(object_id=str(order.pk)).values_list("section", "meaning")
    )
    assert ("general_manager", "approved") in meanings
    assert {("engineering", "approved"), ("quality", "approved"), ("materials", "approved")} <= set(
        meanings
    )


@pytest.mark.parametrize(
    ("persona", "section"),
    [
        ("quality", "engineering"),
        ("engineer", "materials"),
        ("materials", "quality"),
        ("sales", "quality"),
        ("gm", "engineering"),
    ],
)
def test_signing_another_departments_section_is_forbidden(people, api_as, persona, section):
    order = makers.submitted(people)
    response = sign(api_as, getattr(people, persona), order, section)
    assert response.status_code == 403
    assert sections_of(order)[section] == SectionState.OPEN


def test_signing_a_section_twice_is_refused(people, api_as):
    order = makers.submitted(people)
    assert sign(api_as, people.quality, order, "quality").status_code == 200
    again = sign(api_as, people.quality, order, "quality", "reject", "改主意")
    assert again.status_code == 409
    assert "already signed" in again.json()["detail"]
    assert sections_of(order)["quality"] == SectionState.ACCEPTED


def test_approving_before_all_three_sections_signed_names_what_is_missing(people, api_as):
    order = makers.submitted(people)
    sign(api_as, people.engineer, order, "engineering")
    response = step(api_as, people.gm, order, "approve")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "Quality" in detail and "Materials" in detail and "Engineering" not in detail
    assert Order.objects.get(pk=order.pk).status == OrderStatus.REVIEW


def test_only_the_gm_approves(people, api_as):
    order = makers.signed(people, makers.submitted(people))
    assert step(api_as, people.vp, order, "approve").status_code == 403
    assert step(api_as, people.sales, order, "approve").status_code == 403


def test_a_rejection_needs_a_reason_and_sends_the_review_to_the_gm(people, api_as):
    people.gm  # noqa: B018
    order = makers.submitted(people)
    assert sign(api_as, people.quality, order, "quality", "reject", "").status_code == 400
    response = api_as(people.quality).post(
        f"/api/v1/orders/{order.pk}/reject/",
        {"section": "quality", "opinion": "气孔要求无法保证"},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["status"] == OrderStatus.DISPUTED
    assert Notification.objects.filter(user=people.gm, body="气孔要求无法保证").exists()


def test_the_gm_records_the_coordination_and_sends_the_rejected_section_back(people, api_as):
    order = makers.submitted(people)
    sign(api_as, people.engineer, order, "engineering")
    sign(api_as, people.quality, order, "quality", "reject", "检验能力不足")
    assert step(api_as, people.gm, order, "approve").status_code == 409
    assert step(api_as, people.gm, order, "send-back", remarks="").status_code == 400
    response = step(
        api_as, people.gm, order, "send-back", remarks="增加 X 光抽检，客户同意延期 3 天"
    )
    assert response.status_code == 200
    assert sections_of(order) == {"engineering": "accepted", "quality": "open", "materials": "open"}
    version = ReviewVersion.objects.get(order=order)
    assert "X 光抽检" in version.remarks
    assert (
        sign(api_as, people.quality, order, "quality", opinion="按协调措施可达成").status_code
        == 200
    )
    sign(api_as, people.materials, order, "materials")
    assert step(api_as, people.gm, order, "approve").status_code == 200


def test_without_agreement_the_gm_approves_the_cancellation(people, api_as):
    order = makers.submitted(people)
    sign(api_as, people.materials, order, "materials", "reject", "产能不足")
    assert step(api_as, people.sales, order, "cancel", reason="客户不同意").status_code == 403
    response = step(api_as, people.gm, order, "cancel", reason="客户不接受延期，取消订单")
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.versions.get().status == VersionStatus.CANCELLED
    assert order.review_completed_at is not None


def test_sales_may_cancel_a_draft_with_a_reason(people, api_as):
    order = makers.draft(people)
    assert step(api_as, people.sales, order, "cancel", reason="").status_code == 400
    assert (
        step(api_as, people.sales, order, "cancel", reason="客户撤单").json()["status"]
        == OrderStatus.CANCELLED
    )


def test_a_named_delegate_signs_the_section_and_is_marked_so(people, api_as):
    order = makers.submitted(people)
    actions.name_delegate(people.gm, "quality", people.mr, None, "出差代签")
    response = sign(api_as, people.mr, order, "quality")
    assert response.status_code == 200
    section = ReviewVersion.objects.get(order=order).sections.get(section="quality")
    assert (section.signed_by, section.as_delegate) == (people.mr, True)
    signature = Signature.objects.get(object_id=str(order.pk), section="quality")
    assert "delegate" in signature.note or "代" in signature.note


def test_a_revoked_or_expired_delegation_no_longer_signs(people, api_as):
    order = makers.submitted(people)
    revoked = actions.name_delegate(people.gm, "quality", people.mr)
    actions.revoke_delegate(people.gm, revoked)
    assert sign(api_as, people.mr, order, "quality").status_code == 403
    expired = actions.name_delegate(people.gm, "engineering", people.mr, timezone.localdate())
    type(expired).objects.filter(pk=expired.pk).update(
        valid_until=timezone.localdate() - dt.timedelta(days=1)
    )
    assert sign(api_as, people.mr, order, "engineering").status_code == 403


def test_a_department_head_names_delegates_for_their_own_section_only(people):
    Department.objects.filter(code="engineering").update(head=people.engineer)
    assert (
        actions.name_delegate(people.engineer, "engineering", people.production).user
        == people.production
    )
    with pytest.raises(Exception) as refused:
        actions.name_delegate(people.engineer, "quality", people.production)
    assert refused.value.status == 403


def test_reviewers_owing_a_signature_are_reminded_once_before_the_review_is_due(people):
    reviewers = [people.engineer, people.quality, people.materials]
    order = makers.submitted(people)
    actions.sign_section(people.engineer, order, "engineering", "accept", "可行")
    due = ReviewVersion.objects.get(order=order).due_at
    assert actions.send_review_reminders(None, due - dt.timedelta(hours=10)) == 0
    before = set(Notification.objects.values_list("pk", flat=True))
    with translation.override("en"):
        assert actions.send_review_reminders(None, due - dt.timedelta(hours=2)) == 1
    reminders = Notification.objects.exclude(pk__in=before)
    assert {n.user for n in reminders} == set(reviewers[1:])
    assert all(n.title.startswith("Reminder") and order.number in n.title for n in reminders)
    assert actions.send_review_reminders(None, due - dt.timedelta(hours=1)) == 0  # once only


def test_the_periodic_task_sends_the_reminders(people):
    from csc.orders.tasks import remind_reviewers

    makers.submitted(people)
    ReviewVersion.objects.update(due_at=timezone.now() + dt.timedelta(minutes=30))
    remind_reviewers.call_local()
    assert ReviewVersion.objects.filter(reminded_at__isnull=False).count() == 1


def test_an_overdue_review_is_flagged_in_the_list_the_api_and_on_the_home_page(
    people, api_as, client
):
    late = makers.submitted(people)
    makers.submitted(people)
    Order.objects.filter(pk=late.pk).update(pending_due_at=timezone.now() - dt.timedelta(hours=1))
    client.force_login(people.quality)
    page = client.get("/orders/?overdue=true")
    assert [o.pk for o in page.context["page"]] == [late.pk]
    home = client.get("/")
    tiles = {str(title): count for title, _url, count in home.context["work"]}
    assert any(count == 1 for title, count in tiles.items() if "verdue" in title or "逾期" in title)
    rows = api_as(people.quality).get("/api/v1/orders/").json()["results"]
    assert {row["id"]: row["overdue"] for row in rows}[late.pk] is True


def test_a_reviewer_sees_what_waits_for_them_first(people, client):
    mine = makers.submitted(people)
    done = makers.submitted(people)
    actions.sign_section(people.quality, done, "quality", "accept", "")
    client.force_login(people.quality)
    response = client.get("/orders/")
    assert [o.pk for o in response.context["waiting"]] == [mine.pk]
    body = response.content.decode()
    assert body.index('id="waiting"') < body.index('id="order-table"')


def test_the_gm_waits_only_for_fully_signed_or_disputed_reviews(people, client):
    ready = makers.signed(people, makers.submitted(people))
    makers.submitted(people)
    disputed = makers.submitted(people)
    actions.sign_section(people.quality, disputed, "quality", "reject", "不可行")
    client.force_login(people.gm)
    assert {o.pk for o in client.get("/orders/").context["waiting"]} == {ready.pk, disputed.pk}


def test_a_reviewer_signs_on_the_order_page(people, client):
    order = makers.submitted(people)
    client.force_login(people.materials)
    page = client.get(order.get_absolute_url())
    assert page.context["signable"] == {"materials"}
    response = client.post(
        f"/orders/{order.pk}/step/sign/",
        {"section": "materials", "decision": "accept", "opinion": "排产可满足"},
    )
    assert response.status_code == 302
    assert sections_of(order)["materials"] == SectionState.ACCEPTED
    refused = client.post(
        f"/orders/{order.pk}/step/sign/", {"section": "quality", "decision": "accept"}, follow=True
    )
    assert sections_of(order)["quality"] == SectionState.OPEN
    assert any(m.level_tag == "error" for m in refused.context["messages"])
