"""The global search in the header: every area's records matching one word, each group only
for those who may see it, a customer contact only their own customer's records."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from csc.complaints.grants import GRANTS as COMPLAINT_GRANTS
from csc.complaints.tests import makers as complaint_makers
from csc.core.choices import Role
from csc.orders.tests import makers as order_makers
from csc.testing import make_user


def _groups(client, user, q):
    client.force_login(user)
    response = client.get(reverse("core:search"), {"q": q})
    assert response.status_code == 200
    return {group.kind: group for group in response.context["groups"]}, response


def _texts(group):
    return " ".join(text for text, _url in group.rows)


@pytest.fixture
def leaking(people):
    buyer = complaint_makers.customer(name="华东汽配有限公司")
    return complaint_makers.complaint(people, cust=buyer, description="阀体漏水，密封不良")


def test_finds_a_complaint_by_a_two_character_chinese_word(client, people, leaking):
    groups, _response = _groups(client, people.quality, "漏水")
    assert leaking.number in _texts(groups["complaints.complaint"])
    assert groups["complaints.complaint"].rows[0][1] == leaking.get_absolute_url()


def test_finds_a_complaint_by_its_number(client, people, leaking):
    groups, _response = _groups(client, people.quality, leaking.number.lower())
    assert [text.split(" · ")[0] for text, _url in groups["complaints.complaint"].rows] == [
        leaking.number
    ]


def test_finds_a_customer_by_name(client, people, leaking):
    groups, response = _groups(client, people.sales, "华东汽配")
    assert _texts(groups["customers.customer"]) == "华东汽配有限公司"
    assert leaking.customer.get_absolute_url() in response.content.decode()


def test_finds_an_order_by_number(client, people):
    order = order_makers.draft(people)
    groups, _response = _groups(client, people.sales, order.number)
    assert order.number in _texts(groups["orders.order"])


def test_a_customer_contact_never_sees_another_customers_records(client, people, leaking):
    own = complaint_makers.complaint(people, description="阀门漏水")
    contact = people.contact_of(own.customer, "own-contact")
    groups, response = _groups(client, contact, "漏水")
    assert _texts(groups["complaints.complaint"]).split(" · ")[0] == own.number
    assert leaking.number not in response.content.decode()
    groups, _response = _groups(client, contact, "华东汽配")
    assert "customers.customer" not in groups and "complaints.complaint" not in groups


def test_a_role_without_complaint_view_sees_no_complaints_group(client, people, leaking):
    assert "complaints.view_complaint" in COMPLAINT_GRANTS[Role.PRODUCTION]
    groups, _response = _groups(client, people.production, "漏水")
    assert "complaints.complaint" in groups  # Production reads complaints by default (grants)…
    reader = make_user("customer-reader")  # …a user holding only the customer list does not
    reader.user_permissions.add(Permission.objects.get(codename="view_customer"))
    groups, _response = _groups(client, reader, "华东汽配")
    assert set(groups) == {"customers.customer"}
    groups, _response = _groups(client, reader, "漏水")
    assert groups == {}
    groups, _response = _groups(client, people.outsider, "华东汽配")
    assert groups == {}


def test_more_leads_to_the_ledger_searched_for_the_word(client, people):
    buyer = complaint_makers.customer()
    for _ in range(6):
        complaint_makers.complaint(people, cust=buyer, description="批次混料")
    groups, _response = _groups(client, people.quality, "混料")
    assert len(groups["complaints.complaint"].rows) == 5
    assert (
        groups["complaints.complaint"].more == reverse("complaints:list") + "?q=%E6%B7%B7%E6%96%99"
    )


@pytest.mark.parametrize(
    "q", ["", "   ", "漏" * 10_000, "x" * 10_000, "\x00", '"*" OR NEAR(', "%_"]
)
def test_odd_words_answer_with_a_message(client, people, leaking, q):
    client.force_login(people.quality)
    response = client.get(reverse("core:search"), {"q": q})
    assert response.status_code == 200
    page = response.content.decode()
    assert ("输入编号" in page) or ("没有" in page) or response.context["groups"]
    if len(q) > 200:
        assert "只搜索了前 200 个字符" in page


def test_the_header_holds_the_search_box(client, people):
    client.force_login(people.sales)
    page = client.get(reverse("home")).content.decode()
    assert f'action="{reverse("core:search")}"' in page


def test_every_kind_the_header_promises_is_offered_with_a_ledger_taking_q(db):
    from csc.core import areas

    kinds = {}
    for _area, searchables in areas.each("search"):
        for entry in searchables("漏水"):
            kinds[entry.queryset.model._meta.label_lower] = entry
            assert list(entry.queryset[:1]) == []  # each lookup runs on this database
            assert entry.more_url("漏水").endswith("?q=%E6%BC%8F%E6%B0%B4")
    assert {
        "customers.customer", "orders.order", "complaints.complaint", "complaints.eightd",
        "capa.capa", "property.propertyitem", "surveys.surveyround", "service.servicerequest",
    } <= set(kinds)  # fmt: skip


def test_every_more_link_opens_its_ledger(client, people):
    from csc.core import areas
    from csc.core.permissions import can, perm_name

    client.force_login(people.mr)
    for _area, searchables in areas.each("search"):
        for entry in searchables("漏水"):
            if can(people.mr, perm_name(entry.queryset.model, "view")):
                assert client.get(entry.more_url("漏水")).status_code == 200, entry.ledger
