"""New-customer admission (CUS-4): draft → submitted → approved/rejected, routed by credit level."""

import html

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from csc.core.choices import SignatureMeaning
from csc.core.models import Notification, Signature
from csc.customers import actions
from csc.customers.choices import AdmissionStatus, CustomerStatus
from csc.customers.models import Customer, CustomerAdmission
from csc.testing import outbox_to

from .makers import active_customer, draft, submitted

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def step(api_as, user, admission, verb, note="", **extra):
    return api_as(user).post(
        f"/api/v1/customer-admissions/{admission.pk}/{verb}/",
        {"note": note},
        format="json",
        **extra,
    )


def signatures(record):
    return list(
        Signature.objects.filter(object_id=str(record.pk)).values_list(
            "user_name", "role", "meaning"
        )
    )


def test_applying_through_the_api_records_a_draft_and_a_customer_awaiting_admission(people, api_as):
    response = api_as(people.sales).post(
        "/api/v1/customers/",
        {
            "name": "新申请客户有限公司",
            "region": "华东",
            "admission": {
                "requested_level": "II",
                "requested_days": 60,
                "investigation": "实地考察，年产值约五千万",
            },
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    customer = Customer.objects.get(pk=response.json()["id"])
    admission = customer.admissions.get()
    year = timezone.localdate().year
    assert (customer.status, customer.salesperson) == (CustomerStatus.PENDING, people.sales)
    assert customer.code == f"CU-{year}-0001"
    assert (admission.status, admission.number) == (AdmissionStatus.DRAFT, f"CA-{year}-0001")
    assert (admission.applicant, admission.requested_level) == (people.sales, "II")


def test_quality_cannot_apply_for_a_new_customer(people, api_as):
    response = api_as(people.quality).post(
        "/api/v1/customers/",
        {"name": "某公司", "admission": {"requested_level": "I", "investigation": "x"}},
        format="json",
    )
    assert response.status_code == 403
    assert not Customer.objects.exists()


def test_submitting_level_three_tells_the_vp_assistant_and_not_the_vp(people, api_as):
    admission = draft(people, level="III", days=None)
    vp, assistant = people.vp, people.vp_assistant
    response = step(api_as, people.sales, admission, "submit")
    assert response.status_code == 200
    assert response.json()["status"] == AdmissionStatus.SUBMITTED
    assert Notification.objects.filter(user=assistant, url=admission.get_absolute_url()).exists()
    assert not Notification.objects.filter(user=vp).exists()
    assert outbox_to(assistant.email).count() == 1
    assert not outbox_to(vp.email).exists()


def test_submitting_level_one_tells_the_vice_president(people, api_as):
    admission = draft(people, level="I", days=15)
    vp, assistant = people.vp, people.vp_assistant
    assert step(api_as, people.sales, admission, "submit").status_code == 200
    assert Notification.objects.filter(user=vp, url=admission.get_absolute_url()).exists()
    assert outbox_to(vp.email).exists()
    assert not Notification.objects.filter(user=assistant).exists()


def test_an_application_without_investigation_cannot_be_submitted(people, api_as):
    admission = draft(people)
    CustomerAdmission.objects.filter(pk=admission.pk).update(investigation="  ")
    response = step(api_as, people.sales, admission, "submit")
    assert response.status_code == 400
    assert "investigation" in response.json()
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.DRAFT


def test_vp_cannot_approve_level_three(people, api_as):
    admission = submitted(people, level="III", days=None)
    response = step(api_as, people.vp, admission, "approve", **EN)
    assert response.status_code == 403
    assert "assistant" in response.json()["detail"]
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.SUBMITTED


@pytest.mark.parametrize(("level", "days"), [("I", 30), ("II", 90)])
def test_vp_assistant_cannot_approve_levels_one_and_two(people, api_as, level, days):
    admission = submitted(people, level=level, days=days)
    response = step(api_as, people.vp_assistant, admission, "approve", **EN)
    assert response.status_code == 403
    assert "Executive Vice President" in response.json()["detail"]
    assert CustomerAdmission.objects.get(pk=admission.pk).status == AdmissionStatus.SUBMITTED


@pytest.mark.parametrize("persona", ["sales", "quality", "gm"])
def test_nobody_outside_the_routing_approves(people, api_as, persona):
    admission = submitted(people, level="II", days=60)
    assert step(api_as, getattr(people, persona), admission, "approve").status_code == 403


def test_the_wrong_approver_is_told_why_on_the_page(people, client):
    admission = submitted(people, level="III", days=None)
    vp = people.vp
    vp.language = "en"
    vp.save(update_fields=["language"])
    client.force_login(vp)
    response = client.post(f"/customers/admissions/{admission.pk}/approve/", {"note": "同意"})
    assert response.status_code == 403  # the page again, with the note that was typed
    shown = html.unescape(response.content.decode())
    assert "Only the Executive VP's assistant approves credit level III." in shown
    assert CustomerAdmission.objects.get(pk=admission.pk).status == AdmissionStatus.SUBMITTED


def test_the_approver_sees_the_decision_buttons_and_others_do_not(people, client):
    admission = submitted(people, level="III", days=None)
    client.force_login(people.vp_assistant)
    approve_url = f"/customers/admissions/{admission.pk}/approve/"
    assert approve_url in client.get(admission.get_absolute_url()).content.decode()
    client.force_login(people.vp)
    assert approve_url not in client.get(admission.get_absolute_url()).content.decode()


def test_approval_admits_the_customer_with_the_requested_credit(people, api_as):
    admission = submitted(people, level="II", days=45)
    response = step(api_as, people.vp, admission, "approve", note="同意准入")
    assert response.status_code == 200
    admission.refresh_from_db()
    customer = admission.customer
    assert (admission.status, admission.decided_by) == (AdmissionStatus.APPROVED, people.vp)
    assert (customer.status, customer.credit_level, customer.credit_days) == ("active", "II", 45)
    assert Customer.objects.admitted().filter(pk=customer.pk).exists()
    assert Notification.objects.filter(user=people.sales, url=admission.get_absolute_url()).exists()


def test_approval_on_the_page_admits_the_customer(people, client):
    admission = submitted(people, level="III", days=None)
    client.force_login(people.vp_assistant)
    response = client.post(f"/customers/admissions/{admission.pk}/approve/", {"note": ""})
    assert response.status_code == 302
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.APPROVED
    assert admission.customer.status == CustomerStatus.ACTIVE


def test_rejection_needs_a_reason(people, api_as):
    admission = submitted(people)
    response = step(api_as, people.vp, admission, "reject", note="   ")
    assert response.status_code == 400
    assert list(response.json()) == ["detail", "note"]
    assert CustomerAdmission.objects.get(pk=admission.pk).status == AdmissionStatus.SUBMITTED


def test_rejection_keeps_the_customer_out_with_the_reason(people, api_as):
    admission = submitted(people)
    response = step(api_as, people.vp, admission, "reject", note="资信不足")
    assert response.status_code == 200
    admission.refresh_from_db()
    assert (admission.status, admission.decision_note) == (AdmissionStatus.REJECTED, "资信不足")
    assert admission.customer.status == CustomerStatus.REJECTED
    assert not Customer.objects.admitted().filter(pk=admission.customer_id).exists()


def test_returning_sends_the_application_back_to_the_applicant(people, api_as):
    admission = submitted(people)
    assert step(api_as, people.vp, admission, "return", note="").status_code == 400
    assert step(api_as, people.vp, admission, "return", note="补充财务资料").status_code == 200
    admission.refresh_from_db()
    assert admission.status == AdmissionStatus.DRAFT
    assert step(api_as, people.sales, admission, "submit").status_code == 200


def test_approving_a_draft_is_refused_naming_its_state(people, api_as):
    admission = draft(people)
    response = step(api_as, people.vp, admission, "approve", **EN)
    assert response.status_code == 409
    assert "“Draft”" in response.json()["detail"]
    assert "Awaiting approval" in response.json()["detail"]
    admission.refresh_from_db()
    assert admission.customer.status == CustomerStatus.PENDING


def test_approving_twice_is_refused_naming_its_state(people, api_as):
    admission = submitted(people)
    assert step(api_as, people.vp, admission, "approve").status_code == 200
    response = step(api_as, people.vp, admission, "approve", **EN)
    assert response.status_code == 409
    assert "“Approved”" in response.json()["detail"]
    assert Signature.objects.filter(meaning=SignatureMeaning.APPROVED).count() == 1


def test_a_submitted_application_can_no_longer_be_edited(people, api_as):
    admission = submitted(people)
    response = api_as(people.sales).patch(
        f"/api/v1/customer-admissions/{admission.pk}/",
        {"investigation": "改写", "version": admission.version},
        format="json",
    )
    assert response.status_code == 409
    assert CustomerAdmission.objects.get(pk=admission.pk).investigation == "实地考察，资信良好"


def test_a_draft_edit_with_a_stale_version_is_a_conflict(people, api_as):
    admission = draft(people)
    client = api_as(people.sales)
    url = f"/api/v1/customer-admissions/{admission.pk}/"
    first = client.patch(url, {"scale": "200人", "version": admission.version}, format="json")
    second = client.patch(url, {"scale": "50人", "version": admission.version}, format="json")
    assert (first.status_code, second.status_code) == (200, 409)
    assert CustomerAdmission.objects.get(pk=admission.pk).scale == "200人"


def test_submission_and_approval_are_signed_with_role_and_meaning(people, api_as):
    admission = submitted(people, level="III", days=None)
    step(api_as, people.vp_assistant, admission, "approve", note="年度客户")
    assert signatures(admission) == [
        (str(people.sales), "sales", SignatureMeaning.AUTHORED),
        (str(people.vp_assistant), "vp_assistant", SignatureMeaning.APPROVED),
    ]
    approval = Signature.objects.get(meaning=SignatureMeaning.APPROVED)
    assert (approval.user, approval.note) == (people.vp_assistant, "年度客户")


def test_a_rejection_is_signed_as_rejected(people, api_as):
    admission = submitted(people)
    step(api_as, people.vp, admission, "reject", note="资信不足")
    assert signatures(admission)[-1] == (str(people.vp), "vice_president", "rejected")


def test_only_admitted_customers_are_active(people):
    admitted = active_customer()
    pending = active_customer(status=CustomerStatus.PENDING)
    rejected = active_customer(status=CustomerStatus.REJECTED)
    inactive = active_customer(status=CustomerStatus.INACTIVE)
    assert list(Customer.objects.admitted()) == [admitted]
    assert {pending, rejected, inactive}.isdisjoint(Customer.objects.admitted())


def test_a_deactivated_customer_is_no_longer_admitted_and_can_come_back(people, api_as):
    customer = active_customer()
    client = api_as(people.sales)
    assert client.post(f"/api/v1/customers/{customer.pk}/deactivate/", {}).status_code == 400
    response = client.post(
        f"/api/v1/customers/{customer.pk}/deactivate/", {"reason": "停止合作"}, format="json"
    )
    assert response.status_code == 200
    assert not Customer.objects.admitted().exists()
    again = client.post(
        f"/api/v1/customers/{customer.pk}/deactivate/", {"reason": "再次"}, format="json"
    )
    assert again.status_code == 400
    client.post(f"/api/v1/customers/{customer.pk}/reactivate/", {"reason": "恢复"}, format="json")
    assert list(Customer.objects.admitted()) == [customer]


def test_a_pending_customer_cannot_be_deactivated_or_reactivated(people):
    admission = draft(people)
    with pytest.raises(actions.Invalid):
        actions.set_customer_active(people.sales, admission.customer, True, "直接激活")
    admission.customer.refresh_from_db()
    assert admission.customer.status == CustomerStatus.PENDING


def new_customer_form(name, level="I", days=30):
    return {
        "c-name": name,
        "c-language": "zh-hans",
        "a-requested_level": level,
        "a-requested_days": "" if days is None else days,
        "a-investigation": "实地考察",
    }


def test_a_new_customer_on_the_page_becomes_a_draft_application(people, client):
    client.force_login(people.sales)
    response = client.post("/customers/admissions/new/", new_customer_form("页面新客户有限公司"))
    admission = CustomerAdmission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == admission.get_absolute_url()
    assert (admission.status, admission.customer.salesperson) == ("draft", people.sales)


def test_the_new_customer_page_shows_a_duplicate_name_on_the_name_field(people, client):
    active_customer(name="页面新客户有限公司")
    client.force_login(people.sales)
    response = client.post("/customers/admissions/new/", new_customer_form("页面新客户有限公司"))
    assert response.status_code == 200
    assert response.context["customer_form"].errors["name"]
    assert not CustomerAdmission.objects.exists()


def test_the_new_customer_page_shows_a_bad_period_on_the_period_field(people, client):
    client.force_login(people.sales)
    response = client.post("/customers/admissions/new/", new_customer_form("某有限公司", "I", 90))
    assert response.status_code == 200
    assert response.context["admission_form"].errors["requested_days"]
    assert not Customer.objects.exists()


def test_submitting_on_the_page_with_an_outdated_copy_is_refused(people, client):
    admission = draft(people)
    client.force_login(people.sales)
    form = {
        "requested_level": "I",
        "requested_days": 20,
        "investigation": "补充考察",
        "version": admission.version,
    }
    CustomerAdmission.objects.filter(pk=admission.pk).update(version=admission.version + 1)
    response = client.post(f"/customers/admissions/{admission.pk}/submit/", form)
    assert response.status_code == 302
    admission.refresh_from_db()
    assert (admission.status, admission.requested_days) == ("draft", 30)
    assert len(list(get_messages(response.wsgi_request))) == 1


def test_the_application_prints_with_its_form_number_and_never_the_full_bank_account(people, client, tmp_path):  # fmt: skip
    from csc.testing import pdf_text

    admission = submitted(people, level="I", days=30)
    admission.customer.bank_account = "6222020200112233"
    admission.customer.save()
    client.force_login(people.sales)
    text = pdf_text(client.get(f"/customers/admissions/{admission.pk}/form.pdf").content, tmp_path)
    assert "新客户申请表" in text and "FM-MKT-004-B1" in text and admission.number in text
    assert "2233" in text and "6222020200112233" not in text
    (tmp_path / "en").mkdir()
    english = pdf_text(client.get(f"/customers/admissions/{admission.pk}/form.pdf?lang=en").content, tmp_path / "en")  # fmt: skip
    assert "New customer application" in english


def test_a_customer_contact_cannot_print_an_application(people, client):
    admission = submitted(people, level="I", days=30)
    client.force_login(people.contact)
    assert client.get(f"/customers/admissions/{admission.pk}/form.pdf").status_code == 404
