"""Information feedback sheets to departments and "escalate to 8D" (SVC-6)."""

import pytest

from csc.complaints.choices import ComplaintStatus
from csc.core.actions import attachments_of
from csc.core.errors import Denied, Invalid
from csc.core.models import Department
from csc.service import actions

from . import makers


def test_a_feedback_sheet_goes_to_production_and_production_answers(people):
    request = makers.request(people)
    production = Department.objects.get(code="production")
    sheet = actions.send_feedback_sheet(people.service, request, production, "该批次装配工艺？")
    assert sheet.number.startswith("FB-")
    with pytest.raises(Invalid):
        actions.answer_feedback_sheet(people.quality, sheet, "不是我部门")
    actions.answer_feedback_sheet(people.production, sheet, "已确认为装配扭矩不足")
    sheet.refresh_from_db()
    assert sheet.answered_by == people.production


def test_production_cannot_send_feedback_sheets(people):
    request = makers.request(people)
    with pytest.raises(Denied):
        actions.send_feedback_sheet(
            people.production, request, Department.objects.get(code="quality"), "？"
        )


def test_escalating_to_8d_opens_a_linked_complaint_with_messages_and_files(people, media_root):
    request = makers.request(people)
    actions.answer_customer(people.service, request, "请寄回样件")
    actions.attach_file(people.service, request, makers_photo())
    complaint = actions.escalate_to_8d(people.quality, request, "major")
    request.refresh_from_db()
    assert request.complaint == complaint
    assert complaint.status == ComplaintStatus.ACCEPTED
    assert complaint.eightd.number.startswith("8D-")
    assert "请寄回样件" in complaint.description
    assert [a.name for a in attachments_of(complaint)] == ["defect.png"]
    with pytest.raises(Invalid):
        actions.escalate_to_8d(people.quality, request, "major")


def test_customer_service_cannot_open_an_8d_alone(people):
    with pytest.raises(Denied):
        actions.escalate_to_8d(people.service, makers.request(people), "major")


def test_the_escalate_button_opens_the_8d_from_the_page(people):
    from django.test import Client

    request = makers.request(people)
    client = Client()
    client.force_login(people.quality)
    response = client.post(f"/service/{request.pk}/8d/", {"severity": "complex"})
    request.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == request.complaint.get_absolute_url()


def makers_photo():
    from csc.complaints.tests.makers import photo

    return photo()


def test_a_feedback_sheet_prints_with_question_and_answer_but_never_for_the_customer(people, client, tmp_path):  # fmt: skip
    from csc.testing import pdf_text

    request = makers.request(people)
    production = Department.objects.get(code="production")
    sheet = actions.send_feedback_sheet(people.service, request, production, "该批次装配工艺？")
    actions.answer_feedback_sheet(people.production, sheet, "已确认为装配扭矩不足")
    client.force_login(people.service)
    url = f"/service/{request.pk}/sheets/{sheet.pk}.pdf"
    text = pdf_text(client.get(url).content, tmp_path)
    assert "信息反馈单" in text and "CSC-SVC-06" in text and sheet.number in text
    assert "该批次装配工艺" in text and "已确认为装配扭矩不足" in text
    client.force_login(people.outsider)
    assert client.get(url).status_code == 404
    client.force_login(
        people.contact_of(request.customer, "buyer")
    )  # sees the request, not the sheet
    assert client.get(url).status_code == 404
