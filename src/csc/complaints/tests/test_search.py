"""The complaint search: an index that finds the same complaints on SQLite and PostgreSQL as a
plain substring test would, for words of any length, Chinese included."""

import pytest
from django.urls import reverse

from csc.complaints import actions, search
from csc.complaints.models import Complaint
from csc.testing import SEARCH_TEXTS

from . import makers

DESCRIPTIONS = [*SEARCH_TEXTS, "水"]
WORDS = [
    "漏水", "漏", "水", "密封圈老化", "划伤", "表面", "paint", "PEELING", "Salt spray", "ab", "c",
    "批次混料", "100%", "_", "%", "\"stamped\"", "L2026", "0312", "BC-", "不存在的词", "x", "混",
]  # fmt: skip


def _expected(word):
    """The complaints a plain Python substring test finds for ``word``."""
    word = word.lower()
    return {
        c.pk
        for c in Complaint.objects.select_related("customer", "product")
        if any(
            word in (text or "").lower()
            for text in (
                c.number,
                c.lot,
                c.description,
                c.customer.name,
                c.product and c.product.name,
            )
        )
    }


@pytest.fixture
def registered(people):
    buyer = makers.customer(name="华东汽配有限公司")
    return [
        makers.complaint(people, cust=buyer, description=text, lot=f"L2026-{i:04d}")
        for i, text in enumerate(DESCRIPTIONS)
    ]


@pytest.mark.parametrize("word", WORDS)
def test_search_finds_what_a_substring_test_finds(registered, word):
    found = set(Complaint.objects.filter(search.matches(word)).values_list("pk", flat=True))
    assert found == _expected(word)


def test_a_two_character_chinese_word_is_found(registered):
    found = Complaint.objects.filter(search.matches("漏水"))
    assert [c.description for c in found] == ["客户反映产品漏水，密封圈老化"]


def test_search_finds_a_complaint_by_number_and_customer_name(registered):
    first = registered[0]
    assert list(Complaint.objects.filter(search.matches(first.number))) == [first]
    assert Complaint.objects.filter(search.matches("华东汽配")).count() == len(DESCRIPTIONS)


def test_an_edited_description_is_found_by_its_new_words(people):
    complaint = makers.complaint(people, description="包装破损")
    actions.update_complaint(people.sales, complaint, {"description": "标签错误"})
    assert not Complaint.objects.filter(search.matches("破损")).exists()
    assert list(Complaint.objects.filter(search.matches("标签错误"))) == [complaint]
    assert list(Complaint.objects.filter(search.matches("标签"))) == [complaint]


def test_a_deleted_complaint_leaves_the_index(people):
    complaint = makers.complaint(people, description="运输途中托盘倒塌")
    Complaint.objects.filter(pk=complaint.pk).delete()
    assert not Complaint.objects.filter(search.matches("托盘")).exists()


def test_the_ledger_searches_by_a_two_character_word(client, people, registered):
    client.force_login(people.quality)
    response = client.get(reverse("complaints:list"), {"q": "漏水"})
    assert response.status_code == 200
    assert registered[0].number in response.content.decode()
    assert registered[1].number not in response.content.decode()


@pytest.mark.parametrize("q", ["", "   ", "漏" * 10_000, "\x00\x1f", '"', "*", "OR", "NEAR("])
def test_odd_search_words_answer_the_ledger(client, people, registered, q):
    client.force_login(people.quality)
    assert client.get(reverse("complaints:list"), {"q": q}).status_code == 200


def test_the_ledger_stops_counting_a_common_word_at_the_cap(
    client, people, registered, monkeypatch
):
    from csc.complaints.views import ledger

    monkeypatch.setattr(ledger, "SEARCH_COUNT_CAP", 2)
    client.force_login(people.quality)
    page = client.get(reverse("complaints:list"), {"q": "华东汽配"}).content.decode()
    assert "超过 2 条记录" in page
    page = client.get(reverse("complaints:list"), {"q": "漏水"}).content.decode()
    assert "超过" not in page and "1 条记录" in page


def test_a_name_matching_many_customers_is_searched_by_subquery(registered, monkeypatch):
    monkeypatch.setattr(search, "NAMED_MAX", 0)
    assert Complaint.objects.filter(search.matches("华东汽配")).count() == len(DESCRIPTIONS)
