"""The pages of every step: each renders for the people who use it and runs its verb."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from csc.complaints import actions
from csc.complaints.models import Complaint, Discipline
from csc.core.tests.resource_base import browser
from csc.customers.models import Contact
from csc.testing import customer_page

from . import makers

pytestmark = pytest.mark.django_db

PERSONAS = ["sales", "quality", "engineer", "production", "warehouse", "mr", "gm", "plant_manager"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_complaint_page_opens_for_every_department_at_every_stage(people, persona, media_root):
    stages = [makers.complaint(people), makers.accepted(people), makers.replied(people)]
    client = browser(getattr(people, persona))
    for complaint in stages:
        assert client.get(complaint.get_absolute_url()).status_code == 200
    assert client.get(f"/complaints/{stages[1].pk}/8d/").status_code == 200


def test_the_ledger_filters_by_status_department_and_month(people):
    march = makers.complaint(people, received_at=dt.datetime(2026, 3, 5, 10, tzinfo=dt.UTC))
    actions.accept_complaint(people.quality, march, "simple")
    makers.complaint(people, received_at=dt.datetime(2026, 4, 5, 10, tzinfo=dt.UTC))
    quality = march.department.pk
    page = browser(people.quality).get(
        f"/complaints/?status=accepted&department={quality}&month=2026-03"
    )
    assert [c.pk for c in page.context["page"]] == [march.pk]
    bad = browser(people.quality).get("/complaints/?month=March")
    assert bad.status_code == 200 and "2026-03" in bad.content.decode()


def test_the_overdue_filter_and_flag_show_late_complaints(people):
    late = makers.complaint(people, received_at=dt.datetime(2025, 1, 6, 2, tzinfo=dt.UTC))
    makers.complaint(people)
    page = browser(people.quality).get("/complaints/?overdue=true")
    assert [c.pk for c in page.context["page"]] == [late.pk]
    assert 'class="tag overdue"' in page.content.decode()


def test_quality_registers_with_photos_on_the_staff_form(people, media_root):
    cust = makers.customer()
    response = browser(people.sales).post(
        "/complaints/new/",
        {
            "customer": cust.pk,
            "channel": "phone",
            "received_at": "2026-03-05T09:30",
            "category": "packaging",
            "severity": "simple",
            "quantity_affected": "3",
            "description": "外箱压塌",
            "submit_token": "staff-form-1",
            "files": [makers.photo("box.png")],
        },
    )
    complaint = Complaint.objects.get(submit_token="staff-form-1")
    assert response["Location"] == complaint.get_absolute_url()
    assert (complaint.customer, complaint.channel) == (cust, "phone")


def test_the_assessment_form_accepts_and_opens_the_8d(people):
    complaint = makers.complaint(people)
    browser(people.quality).post(
        f"/complaints/{complaint.pk}/step/accept/", {"severity": "major", "note": "焊接缺陷"}
    )
    complaint.refresh_from_db()
    assert complaint.status == "accepted" and complaint.severity == "major"
    assert complaint.eightd.disciplines.count() == 9


def test_a_discipline_is_edited_in_place_with_htmx(people):
    complaint = makers.accepted(people)
    client = browser(people.quality)
    form = client.get(f"/complaints/{complaint.pk}/8d/D2/?edit=1", HTTP_HX_REQUEST="true")
    assert 'name="D2-problem_statement"' in form.content.decode()
    discipline = Discipline.objects.get(eightd__complaint=complaint, code="D2")
    saved = client.post(
        f"/complaints/{complaint.pk}/8d/D2/save/",
        {
            "D2-problem_statement": "支架焊点开裂",
            "D2-w_what": "焊点开裂",
            "D2-is_what": "3号焊点",
            "D2-plan-owner": people.quality.pk,
            "D2-plan-due_date": discipline.due_date.isoformat(),
            "D2-plan-version": discipline.version,
        },
        HTTP_HX_REQUEST="true",
    )
    body = saved.content.decode()
    assert saved.status_code == 200 and "支架焊点开裂" in body
    assert 'id="chip-D2"' in body and "hx-swap-oob" in body  # the progress chip follows
    discipline.refresh_from_db()
    assert discipline.data["w_what"] == "焊点开裂" and discipline.status == "in_progress"


def test_a_discipline_form_with_bad_input_comes_back_with_its_errors(people):
    complaint = makers.accepted(people)
    discipline = Discipline.objects.get(eightd__complaint=complaint, code="D3")
    response = browser(people.quality).post(
        f"/complaints/{complaint.pk}/8d/D3/save/",
        {"D3-in_house_suspect": "lots", "D3-plan-version": discipline.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert 'name="D3-in_house_suspect"' in response.content.decode()
    discipline.refresh_from_db()
    assert discipline.data == {}


def test_an_owner_outside_quality_edits_only_their_own_discipline(people):
    complaint = makers.accepted(people)
    d7 = Discipline.objects.get(eightd__complaint=complaint, code="D7")
    actions.save_discipline(people.quality, d7, {}, owner=people.engineer)
    client = browser(people.engineer)
    client.post(
        f"/complaints/{complaint.pk}/8d/D7/save/",
        {"D7-wi_status": "done", "D7-wi_reference": "WI-9", "D7-plan-version": d7.version},
    )
    client.post(f"/complaints/{complaint.pk}/8d/D6/save/", {"D6-implementation": "偷改"})
    d7.refresh_from_db()
    assert d7.data["wi_reference"] == "WI-9"
    assert Discipline.objects.get(eightd__complaint=complaint, code="D6").data == {}


def test_marking_an_incomplete_discipline_done_is_refused(people):
    complaint = makers.accepted(people)
    client = browser(people.quality)
    client.post(f"/complaints/{complaint.pk}/8d/D4/done/", {"done": "1"})
    assert Discipline.objects.get(eightd__complaint=complaint, code="D4").status == "open"


def test_the_8d_pdf_downloads_in_both_languages(people):
    complaint = makers.accepted(people)
    client = browser(people.quality)
    for suffix in ("", "?lang=en"):
        response = client.get(f"/complaints/{complaint.pk}/8d/pdf/{suffix}")
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")


def test_the_reply_is_written_sent_and_shown_to_the_customer_in_the_portal(people, media_root):
    own = Contact.objects.get(user=people.contact).customer
    complaint = makers.accepted(people, cust=own)
    makers.fill_8d(people, complaint)
    actions.close_eightd(people.quality, complaint.eightd)
    page = browser(people.quality).get(complaint.get_absolute_url()).content.decode()
    assert "焊机参数被误调" in page  # the draft letter is written from the 8D
    browser(people.quality).post(
        f"/complaints/{complaint.pk}/step/draft-reply/",
        {
            "complaint": complaint.number,
            "subject": "回复",
            "body": "原因与措施",
            "language": "zh-hans",
        },
    )
    browser(people.sales).post(
        f"/complaints/{complaint.pk}/step/send-reply/", {"complaint": complaint.number}
    )
    reply = complaint.replies.get()
    assert reply.status == "sent"
    portal = browser(people.contact)
    assert "原因与措施" in portal.get(complaint.get_absolute_url()).content.decode()
    pdf = portal.get(f"/complaints/{complaint.pk}/replies/{reply.pk}/pdf/")
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    portal.post(
        f"/complaints/{complaint.pk}/replies/{reply.pk}/confirm/",
        {"complaint": complaint.number, "confirmation": "accepted", "note": "同意"},
    )
    reply.refresh_from_db()
    assert (reply.confirmation, reply.confirmed_by) == ("accepted", people.contact)


def test_a_draft_reply_stays_hidden_from_the_customer(people, media_root):
    own = Contact.objects.get(user=people.contact).customer
    complaint = makers.accepted(people, cust=own)
    reply = actions.draft_reply(people.quality, complaint, complaint.number, "草稿", "未定稿")
    portal = browser(people.contact)
    assert "未定稿" not in portal.get(complaint.get_absolute_url()).content.decode()
    assert portal.get(f"/complaints/{complaint.pk}/replies/{reply.pk}/pdf/").status_code == 404


def test_the_portal_lists_only_the_contacts_own_complaints(people):
    own = Contact.objects.get(user=people.contact).customer
    mine = makers.complaint(people, cust=own)
    makers.complaint(people)
    listing = browser(people.contact).get("/complaints/")
    assert [c.pk for c in listing.context["page"]] == [mine.pk]
    assert browser(people.contact).get("/complaints/submit/").status_code == 200
    assert browser(people.sales).get("/complaints/submit/").status_code == 404


def test_the_ledger_exports_to_excel_with_its_columns(people, media_root):
    replied = makers.replied(people)
    makers.complaint(people)
    response = browser(people.quality).get("/complaints/export/?status=replied")
    book = load_workbook(BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert "Complaint no." in header or "投诉编号" in header or len(header) == 24
    assert len(data) == 1
    row = dict(zip(header, data[0], strict=True))
    assert replied.number in data[0]
    assert replied.eightd.number in data[0]
    assert isinstance(data[0][1], dt.datetime)  # received, as an Excel date
    assert len(row) == 24


def test_the_kpi_page_shows_charts_and_tables(people):
    cust = makers.customer()
    makers.shipment(cust, dt.date.today(), Decimal(1000), created_by=people.sales)
    makers.accepted(people, cust=cust)
    page = browser(people.quality).get("/complaints/kpis/")
    body = page.content.decode()
    assert page.status_code == 200 and body.count('<svg class="chart') == 4
    assert page.context["total"]["complaints"] == 1
    single = browser(people.quality).get(f"/complaints/kpis/?customer={cust.pk}")
    assert single.context["total"]["shipments"] == 1
    assert browser(people.warehouse).get("/complaints/kpis/").status_code == 404


def test_the_customer_360_page_shows_complaints_and_returns(people):
    complaint = makers.complaint(people)
    actions.issue_return(
        people.sales,
        {"customer": complaint.customer, "quantity": Decimal(5), "reason": "不良"},
    )
    page = customer_page(browser(people.sales), complaint.customer)
    assert complaint.number in page and "RT-" in page


def test_return_pages_run_each_departments_step(people):
    cust = makers.customer()
    response = browser(people.sales).post(
        "/complaints/returns/new/",
        {"customer": cust.pk, "notice_date": "2026-03-02", "quantity": "10", "reason": "划伤"},
    )
    ret = cust.returns.get()
    assert response["Location"] == ret.get_absolute_url()
    browser(people.warehouse).post(
        f"/complaints/returns/{ret.pk}/receive/",
        {"received_quantity": "10", "version": ret.version},
    )
    ret.refresh_from_db()
    browser(people.quality).post(
        f"/complaints/returns/{ret.pk}/verify/",
        {"result": "ntf", "note": "复测合格", "version": ret.version},
    )
    ret.refresh_from_db()
    assert ret.status == "verified"
    assert browser(people.materials).get(ret.get_absolute_url()).status_code == 200


def test_the_monthly_review_page_records_analysis_and_confirmation(people):
    makers.complaint(people, received_at=dt.datetime(2026, 2, 10, 2, tzinfo=dt.UTC))
    review = actions.create_monthly_review(None, now=dt.datetime(2026, 3, 2, 2, tzinfo=dt.UTC))
    client = browser(people.quality)
    client.post(
        f"/complaints/reviews/{review.pk}/save/",
        {"analysis": "焊接类占多数", "action_plan": "焊接专项", "version": review.version},
    )
    line = review.lines.get()
    client.post(f"/complaints/reviews/{review.pk}/lines/{line.pk}/confirm/", {"note": "已确认"})
    client.post(f"/complaints/reviews/{review.pk}/close/")
    review.refresh_from_db()
    assert (review.action_plan, review.status) == ("焊接专项", "closed")
    assert client.get("/complaints/reviews/").status_code == 200


def test_home_page_lists_complaint_work(people):
    makers.complaint(people)
    page = browser(people.quality).get("/")
    assert any(count == 1 for _title, _url, count in page.context["work"])
