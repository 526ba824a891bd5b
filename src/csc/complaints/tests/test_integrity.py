"""Bad input and integrity: double submits, other customers' data, incomplete 8Ds, replies
aimed at the wrong complaint, and files that are not what their names say."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from csc.complaints import actions
from csc.complaints.models import Complaint, Reply
from csc.core.models import Attachment
from csc.core.tests.resource_base import browser
from csc.customers.models import Contact
from csc.testing import api

from . import makers

pytestmark = pytest.mark.django_db


def _portal_post(client, token, files=()):
    return client.post(
        "/complaints/submit/",
        {
            "category": "quality",
            "description": "收到的支架有裂纹",
            "quantity_affected": "12",
            "lot": "L-77",
            "submit_token": token,
            "files": list(files),
        },
    )


def test_a_double_click_on_the_portal_submit_makes_one_complaint(people, media_root):
    client = browser(people.contact)
    first = _portal_post(client, "token-double-click", [makers.photo()])
    second = _portal_post(client, "token-double-click", [makers.photo()])
    own = Contact.objects.get(user=people.contact).customer
    complaints = Complaint.objects.filter(customer=own)
    assert complaints.count() == 1
    assert first["Location"] == second["Location"] == complaints.get().get_absolute_url()
    assert Attachment.objects.filter(object_id=str(complaints.get().pk)).count() == 1


def test_the_portal_fills_in_the_customer_and_channel_itself(people, media_root):
    client = browser(people.contact)
    _portal_post(client, "token-own")
    complaint = Complaint.objects.get(submit_token="token-own")
    assert complaint.customer == Contact.objects.get(user=people.contact).customer
    assert (complaint.channel, complaint.registered_by) == ("portal", people.contact)


def test_the_api_repeats_a_retried_registration_once(people):
    client = api(people.sales)
    body = {
        "customer": makers.customer().pk,
        "category": "packaging",
        "description": "外箱破损",
        "submit_token": "retry-42",
    }
    first = client.post("/api/v1/complaints/", body, format="json")
    again = client.post("/api/v1/complaints/", body, format="json")
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]


def test_a_contact_never_sees_another_customers_complaint(people, media_root):
    other = makers.accepted(people)
    Attachment.objects.create(
        content_type_id=_content_type(other),
        object_id=str(other.pk),
        file=makers.photo(),
        name="x.png",
        size=10,
        mime_type="image/png",
        sha256="0",
        uploaded_by=people.sales,
    )
    web, rest = browser(people.contact), api(people.contact)
    assert web.get(other.get_absolute_url()).status_code == 404
    assert web.get(f"/complaints/{other.pk}/8d/").status_code == 404
    assert rest.get(f"/api/v1/complaints/{other.pk}/").status_code == 404
    assert other.pk not in {row["id"] for row in rest.get("/api/v1/complaints/").json()["results"]}
    attachment = Attachment.objects.get(object_id=str(other.pk))
    assert web.get(f"/attachments/{attachment.pk}/").status_code == 404


def _content_type(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_a_contact_sees_their_own_complaint_without_internal_figures(people):
    own = Contact.objects.get(user=people.contact).customer
    complaint = makers.complaint(people, cust=own)
    actions.record_costs(people.sales, complaint, {"penalty": 900})
    body = api(people.contact).get(f"/api/v1/complaints/{complaint.pk}/").json()
    assert body["number"] == complaint.number
    assert "penalty" not in body and "assessment" not in body
    assert browser(people.contact).get(f"/complaints/{complaint.pk}/8d/").status_code == 404


def test_closing_an_8d_with_a_missing_discipline_is_a_409_naming_it(people):
    complaint = makers.accepted(people)
    makers.fill_8d(people, complaint, skip=("D5",))
    response = api(people.quality).post(f"/api/v1/complaints/{complaint.pk}/close-8d/", {})
    assert response.status_code == 409
    assert "D5" in response.json() and "D5" in response.json()["detail"]
    complaint.eightd.refresh_from_db()
    assert complaint.eightd.status == "open"


def test_the_8d_page_names_what_keeps_it_from_closing(people):
    complaint = makers.accepted(people)
    makers.fill_8d(people, complaint, skip=("D6", "D7"))
    response = browser(people.quality).post(f"/complaints/{complaint.pk}/8d/close/", follow=True)
    shown = response.content.decode()
    assert "D6" in shown and "D7" in shown
    complaint.eightd.refresh_from_db()
    assert complaint.eightd.status == "open"


def test_the_api_refuses_a_reply_stated_for_another_complaint(people, media_root):
    mine, theirs = makers.accepted(people), makers.accepted(people)
    response = api(people.quality).post(
        f"/api/v1/complaints/{mine.pk}/draft-reply/",
        {"complaint": theirs.number, "subject": "回复", "body": "内容"},
        format="json",
    )
    assert response.status_code == 400
    assert "complaint" in response.json()
    assert not Reply.objects.exists()
    missing = api(people.quality).post(
        f"/api/v1/complaints/{mine.pk}/draft-reply/",
        {"subject": "回复", "body": "内容"},
        format="json",
    )
    assert missing.status_code == 400


def test_a_reply_form_from_another_complaints_page_records_nothing(people, media_root):
    mine, theirs = makers.accepted(people), makers.accepted(people)
    client = browser(people.quality)
    response = client.post(
        f"/complaints/{mine.pk}/step/draft-reply/",
        {"complaint": theirs.number, "subject": "回复", "body": "内容", "language": "zh-hans"},
        follow=True,
    )
    assert theirs.number in response.content.decode()
    assert not Reply.objects.exists()


def test_a_confirmation_cannot_land_on_another_complaints_reply(people, media_root):
    mine, theirs = makers.replied(people), makers.replied(people)
    their_reply = theirs.replies.get()
    client = browser(people.sales)
    client.post(
        f"/complaints/{mine.pk}/replies/{their_reply.pk}/confirm/",
        {"complaint": mine.number, "confirmation": "accepted"},
    )
    api(people.sales).post(
        f"/api/v1/complaints/{mine.pk}/confirm-reply/",
        {"complaint": mine.number, "reply": their_reply.pk, "confirmation": "accepted"},
        format="json",
    )
    their_reply.refresh_from_db()
    assert their_reply.confirmation == ""


def test_an_upload_that_is_not_what_its_name_says_is_refused(people, media_root):
    client = browser(people.contact)
    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not a picture at all\n", "image/png")
    response = _portal_post(client, "token-fake", [fake])
    assert response.status_code == 200
    assert "photo.png" in response.content.decode()
    assert not Complaint.objects.filter(submit_token="token-fake").exists()


def test_the_api_refuses_a_disguised_file_too(people):
    complaint = makers.complaint(people)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 an executable", "application/pdf")
    response = api(people.sales).post(
        f"/api/v1/complaints/{complaint.pk}/attach/", {"file": fake}, format="multipart"
    )
    assert response.status_code == 400
    assert not Attachment.objects.filter(object_id=str(complaint.pk)).exists()


def test_bad_input_gets_field_messages_never_a_500(people):
    client = api(people.quality)
    complaint = makers.accepted(people)
    bad = [
        client.post("/api/v1/complaints/", {"category": "nonsense"}, format="json"),
        client.get("/api/v1/complaints/?month=2026-13"),
        client.post(f"/api/v1/complaints/{complaint.pk}/accept/", {"severity": "huge"}),
        client.post(
            f"/api/v1/complaints/{complaint.pk}/disciplines/D3/",
            {"content": {"in_house_suspect": "many"}},
            format="json",
        ),
        client.post(f"/api/v1/complaints/{complaint.pk}/costs/", {"penalty": "-5"}, format="json"),
    ]
    assert [r.status_code for r in bad] == [400, 400, 400, 400, 400]
    assert "in_house_suspect" in bad[3].json()
