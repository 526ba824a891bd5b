"""Contact windows and liaison memos (ORD-8); pre-sales requests (ORD-10)."""

import pytest

from csc.core.models import Department, Notification
from csc.orders import actions
from csc.orders.choices import PresalesStatus, QuestionStatus
from csc.orders.models import LiaisonMemo, PresalesRequest

from . import makers


def test_a_delivery_question_goes_to_marketing_who_answers_it(people, api_as):
    order = makers.approved(people)
    contact = people.contact_of(order.customer, "buyer")
    response = api_as(contact).post(
        f"/api/v1/orders/{order.pk}/ask/",
        {"subject": "delivery", "question": "何时发货？"},
        format="json",
    )
    assert response.status_code == 201
    question = order.questions.get()
    assert (question.department, question.route) == ("marketing", ["marketing"])
    assert Notification.objects.filter(user=people.sales, body="何时发货？").exists()
    with pytest.raises(Exception) as refused:
        actions.forward_question(people.sales, question)
    assert refused.value.status == 409
    actions.answer_question(people.sales, question, "下周一发货")
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert Notification.objects.filter(user=contact, body="下周一发货").exists()


@pytest.mark.parametrize(
    ("subject", "department", "persona"),
    [("quality", "quality", "quality"), ("technical", "engineering", "engineer")],
)
def test_quality_and_technical_questions_pass_from_marketing_to_the_department(
    people, subject, department, persona
):
    expert = getattr(people, persona)
    order = makers.approved(people)
    question = actions.ask_question(people.sales, order, subject, "客户询问检验方法")
    with pytest.raises(Exception) as refused:
        actions.answer_question(expert, question, "抢答")
    assert refused.value.status == 403  # still with Marketing
    actions.forward_question(people.sales, question, "请协助")
    question.refresh_from_db()
    assert question.department == department
    assert Notification.objects.filter(user=expert, title__contains=order.number).exists()
    actions.answer_question(expert, question, "按 GB/T 2828 抽检")
    assert type(question).objects.get(pk=question.pk).answered_by == expert


def test_a_customer_contact_cannot_ask_about_another_customers_order(people, api_as):
    order = makers.approved(people)
    response = api_as(people.contact).post(
        f"/api/v1/orders/{order.pk}/ask/", {"subject": "delivery", "question": "?"}, format="json"
    )
    assert response.status_code == 404


def test_a_liaison_memo_goes_to_the_department_and_only_it_replies(people, client):
    order = makers.approved(people)
    quality_staff = people.quality
    memo = actions.write_memo(
        people.sales, order, Department.objects.get(code="quality"), "气孔要求", "请评估 X 光抽检"
    )
    assert memo.number.startswith("LM-") and memo.from_department.code == "marketing"
    assert Notification.objects.filter(user=quality_staff, url=memo.get_absolute_url()).exists()
    with pytest.raises(Exception) as refused:
        actions.reply_memo(people.engineer, memo, "不归我管")
    assert refused.value.status == 403
    actions.reply_memo(quality_staff, memo, "可行，成本 +3%")
    assert LiaisonMemo.objects.get(pk=memo.pk).status == "replied"
    client.force_login(people.engineer)
    assert client.get(f"/orders/memos/{memo.pk}/pdf/")["Content-Type"] == "application/pdf"


def test_customers_never_see_liaison_memos(people, client):
    order = makers.approved(people, cust=people.contact.customer_contact.customer)
    memo = actions.write_memo(
        people.sales, order, Department.objects.get(code="quality"), "内部", "内部事项"
    )
    client.force_login(people.contact)
    assert client.get(memo.get_absolute_url()).status_code == 404
    assert memo.subject not in client.get(order.get_absolute_url()).content.decode()


def test_a_sample_request_is_approved_by_the_head_of_the_department(people, api_as):
    head = people.production
    Department.objects.filter(code="production").update(head=head)
    customer = makers.customer()
    response = api_as(people.sales).post(
        "/api/v1/presales-requests/",
        {"customer": customer.pk, "kind": "sample", "description": "5 件样品"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    request = PresalesRequest.objects.get()
    assert request.number.startswith("PR-")
    assert Notification.objects.filter(user=head, url=request.get_absolute_url()).exists()
    assert (
        api_as(people.plant_manager)
        .post(f"/api/v1/presales-requests/{request.pk}/approve/", {}, format="json")
        .status_code
        == 403
    )
    assert (
        api_as(head)
        .post(
            f"/api/v1/presales-requests/{request.pk}/approve/", {"note": "安排试制"}, format="json"
        )
        .status_code
        == 200
    )
    assert PresalesRequest.objects.get().status == PresalesStatus.APPROVED


def test_a_refusal_records_the_explanation_given_to_the_customer(people, api_as):
    people.gm  # noqa: B018
    request = actions.request_presales(
        people.sales, makers.customer(), "technical_data", "索取工艺卡"
    )
    assert request.department.code == "engineering"
    url = f"/api/v1/presales-requests/{request.pk}/refuse/"
    assert api_as(people.gm).post(url, {"note": "保密"}, format="json").status_code == 400
    response = api_as(people.gm).post(
        url,
        {"note": "保密", "customer_explanation": "工艺属技术秘密，可提供检测报告"},
        format="json",
    )
    assert response.status_code == 200
    request.refresh_from_db()
    assert (request.status, request.customer_explanation) == (
        PresalesStatus.REFUSED,
        "工艺属技术秘密，可提供检测报告",
    )


def test_without_a_department_head_the_gm_is_asked(people):
    gm = people.gm
    request = actions.request_presales(
        people.sales, makers.customer(), "quality_agreement", "签订质量协议"
    )
    assert Notification.objects.filter(user=gm, url=request.get_absolute_url()).exists()
