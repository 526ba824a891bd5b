"""Credit levels and periods (CUS-3), their change requests, and the ABC class history (CUS-2)."""

import pytest
from django.contrib.messages import get_messages

from csc.core.models import Notification
from csc.customers.choices import RequestStatus
from csc.customers.models import ClassChange, CreditChange

from .makers import active_customer, draft

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def apply(api_as, user, level, days):
    return api_as(user).post(
        "/api/v1/customers/",
        {
            "name": "信用测试客户有限公司",
            "admission": {
                "requested_level": level,
                "requested_days": days,
                "investigation": "考察",
            },
        },
        format="json",
        **EN,
    )


def request_change(api_as, user, customer, level, days=None, reason="年度框架协议"):
    return api_as(user).post(
        f"/api/v1/customers/{customer.pk}/request-credit-change/",
        {"new_level": level, "new_days": days, "reason": reason},
        format="json",
        **EN,
    )


def decide(api_as, user, change, verb="approve", note=""):
    return api_as(user).post(
        f"/api/v1/credit-changes/{change.pk}/{verb}/", {"note": note}, format="json"
    )


@pytest.mark.parametrize(
    ("level", "days", "message"),
    [
        ("I", 45, "Level I allows a credit period of at most 30 days."),
        ("II", 30, "Level II means a credit period of more than 30 days."),
        ("II", 7, "Level II means a credit period of more than 30 days."),
    ],
)
def test_an_application_whose_period_does_not_fit_its_level_is_refused(
    people, api_as, level, days, message
):
    response = apply(api_as, people.sales, level, days)
    assert response.status_code == 400
    assert response.json()["requested_days"] == [message]


@pytest.mark.parametrize(("level", "days"), [("I", 30), ("I", 0), ("II", 31), ("III", 365)])
def test_an_application_whose_period_fits_its_level_is_accepted(people, api_as, level, days):
    assert apply(api_as, people.sales, level, days).status_code == 201


def test_a_draft_cannot_be_edited_into_an_inconsistent_period(people, api_as):
    admission = draft(people, level="I", days=30)
    response = api_as(people.sales).patch(
        f"/api/v1/customer-admissions/{admission.pk}/",
        {"requested_days": 60, "version": admission.version},
        format="json",
    )
    assert response.status_code == 400
    assert "requested_days" in response.json()


def test_a_change_to_level_three_waits_for_the_vp_assistant(people, api_as):
    customer = active_customer(credit_level="II", credit_days=60)
    vp, assistant = people.vp, people.vp_assistant
    response = request_change(api_as, people.sales, customer, "III")
    assert response.status_code == 201
    change = CreditChange.objects.get(pk=response.json()["id"])
    assert (change.old_level, change.old_days, change.status) == ("II", 60, RequestStatus.PENDING)
    assert Notification.objects.filter(user=assistant, url=change.get_absolute_url()).exists()
    assert not Notification.objects.filter(user=vp).exists()
    assert decide(api_as, vp, change).status_code == 403
    assert decide(api_as, assistant, change).status_code == 200
    customer.refresh_from_db()
    assert (customer.credit_level, customer.credit_days) == ("III", None)


def test_a_change_to_level_two_is_decided_by_the_vice_president(people, api_as):
    customer = active_customer(credit_level="I", credit_days=30)
    response = request_change(api_as, people.sales, customer, "II", 60)
    change = CreditChange.objects.get(pk=response.json()["id"])
    assert decide(api_as, people.vp_assistant, change).status_code == 403
    assert decide(api_as, people.vp, change).status_code == 200
    change.refresh_from_db()
    customer.refresh_from_db()
    assert (change.status, change.decided_by) == (RequestStatus.APPROVED, people.vp)
    assert (customer.credit_level, customer.credit_days) == ("II", 60)


def test_a_requested_period_must_fit_the_requested_level(people, api_as):
    customer = active_customer(credit_level="II", credit_days=60)
    response = request_change(api_as, people.sales, customer, "I", 45)
    assert response.status_code == 400
    assert response.json()["new_days"] == ["Level I allows a credit period of at most 30 days."]
    assert not CreditChange.objects.exists()


def test_only_one_change_per_customer_waits_at_a_time(people, api_as):
    customer = active_customer(credit_level="II", credit_days=60)
    assert request_change(api_as, people.sales, customer, "III").status_code == 201
    second = request_change(api_as, people.sales, customer, "I", 30)
    assert second.status_code == 400
    assert "already waiting" in second.json()["new_level"][0]


def test_a_customer_awaiting_admission_has_no_credit_level_to_change(people, api_as):
    admission = draft(people)
    response = request_change(api_as, people.sales, admission.customer, "II", 60)
    assert response.status_code == 400
    assert "new_level" in response.json()


def test_a_credit_change_needs_a_reason(people, api_as):
    customer = active_customer(credit_level="II", credit_days=60)
    response = request_change(api_as, people.sales, customer, "III", reason="")
    assert response.status_code == 400
    assert "reason" in response.json()


def test_quality_cannot_request_a_credit_change(people, api_as):
    customer = active_customer(credit_level="II", credit_days=60)
    assert request_change(api_as, people.quality, customer, "III").status_code == 403


def test_a_rejected_change_keeps_the_level_and_needs_a_note(people, api_as):
    customer = active_customer(credit_level="II", credit_days=60)
    change = CreditChange.objects.get(
        pk=request_change(api_as, people.sales, customer, "I", 30).json()["id"]
    )
    assert decide(api_as, people.vp, change, "reject").status_code == 400
    assert decide(api_as, people.vp, change, "reject", "回款慢").status_code == 200
    assert decide(api_as, people.vp, change, "approve").status_code == 409
    customer.refresh_from_db()
    assert (customer.credit_level, customer.credit_days) == ("II", 60)
    assert CreditChange.objects.get(pk=change.pk).status == RequestStatus.REJECTED


def test_the_approver_decides_on_the_credit_change_page(people, api_as, client):
    customer = active_customer(credit_level="II", credit_days=60)
    change = CreditChange.objects.get(
        pk=request_change(api_as, people.sales, customer, "III").json()["id"]
    )
    client.force_login(people.vp_assistant)
    response = client.post(change.get_absolute_url(), {"approve": "1", "note": "同意"})
    assert response.status_code == 302
    customer.refresh_from_db()
    assert customer.credit_level == "III"


def test_the_wrong_approver_gets_a_message_on_the_credit_change_page(people, api_as, client):
    customer = active_customer(credit_level="II", credit_days=60)
    change = CreditChange.objects.get(
        pk=request_change(api_as, people.sales, customer, "III").json()["id"]
    )
    client.force_login(people.vp)
    response = client.post(change.get_absolute_url(), {"approve": "1", "note": ""})
    assert response.status_code == 302
    assert len(list(get_messages(response.wsgi_request))) == 1
    assert CreditChange.objects.get(pk=change.pk).status == RequestStatus.PENDING


# --- ABC class ---------------------------------------------------------------------------


def change_class(api_as, user, customer, new_class, reason="年采购额上升"):
    return api_as(user).post(
        f"/api/v1/customers/{customer.pk}/change-class/",
        {"new_class": new_class, "reason": reason},
        format="json",
    )


def test_a_class_change_is_kept_in_the_history_with_its_reason(people, api_as):
    customer = active_customer(abc_class="C")
    assert change_class(api_as, people.sales, customer, "B").status_code == 200
    assert change_class(api_as, people.sales, customer, "A", "年度战略客户").status_code == 200
    customer.refresh_from_db()
    assert customer.abc_class == "A"
    history = list(
        ClassChange.objects.filter(customer=customer).values_list(
            "old_class", "new_class", "reason", "changed_by"
        )
    )
    assert history == [
        ("B", "A", "年度战略客户", people.sales.pk),
        ("C", "B", "年采购额上升", people.sales.pk),
    ]


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_class_change_needs_a_reason(people, api_as, reason):
    customer = active_customer(abc_class="C")
    response = change_class(api_as, people.sales, customer, "A", reason)
    assert response.status_code == 400
    assert "reason" in response.json()
    assert not ClassChange.objects.exists()


def test_changing_to_the_same_class_is_refused(people, api_as):
    customer = active_customer(abc_class="B")
    response = change_class(api_as, people.sales, customer, "B")
    assert response.status_code == 400
    assert "new_class" in response.json()


def test_an_unknown_class_is_refused(people, api_as):
    customer = active_customer(abc_class="B")
    assert change_class(api_as, people.sales, customer, "Z").status_code == 400


def test_quality_cannot_change_a_customers_class(people, api_as):
    customer = active_customer(abc_class="C")
    assert change_class(api_as, people.quality, customer, "A").status_code == 403
    assert not ClassChange.objects.exists()


def test_a_class_change_on_the_page_without_reason_shows_a_message(people, client):
    customer = active_customer(abc_class="C")
    client.force_login(people.sales)
    response = client.post(f"/customers/{customer.pk}/class/", {"new_class": "A", "reason": ""})
    assert response.status_code == 302
    assert len(list(get_messages(response.wsgi_request))) == 1
    customer.refresh_from_db()
    assert customer.abc_class == "C"


@pytest.mark.parametrize(("verb", "note"), [("approve", ""), ("reject", "回款慢")])
def test_the_requester_is_told_the_decision(people, api_as, verb, note):
    customer = active_customer(credit_level="II", credit_days=60)
    change = CreditChange.objects.get(
        pk=request_change(api_as, people.sales, customer, "III").json()["id"]
    )
    assert decide(api_as, people.vp_assistant, change, verb, note).status_code == 200
    told = Notification.objects.filter(user=people.sales, url=change.get_absolute_url())
    assert told.count() == 1
