"""The word indexes of the big ledgers (customers, service requests, property items, orders)
find what a plain substring test finds, on SQLite and PostgreSQL, for words of any length,
Chinese included; they follow every insert, update and delete; each ledger and the header
search find records through them."""

import pytest
from django.urls import reverse

from csc.customers import search as customer_search
from csc.customers.models import Customer
from csc.orders import search as order_search
from csc.orders.models import Order
from csc.orders.tests import makers as order_makers
from csc.property import search as property_search
from csc.property.models import PropertyItem
from csc.property.tests import makers as property_makers
from csc.service import search as service_search
from csc.service.models import ServiceRequest
from csc.service.tests import makers as service_makers
from csc.testing import SEARCH_TEXTS, make_customer

TEXTS = SEARCH_TEXTS
WORDS = [
    "漏水", "漏", "水", "密封圈老化", "划伤", "paint", "PEELING", "Salt spray", "ab", "c",
    "100%", "_", "%", '"stamped"', "不存在的词", "x", "混",
]  # fmt: skip


def _customer(people, text, i):
    return make_customer(name=f"客户{i:02d}·{text}", short_name=text[:20])


def _request(people, text, i):
    return service_makers.request(people, subject=text)


def _item(people, text, i):
    return property_makers.make_item(people, name=text, part_no=f"PN-{text[:8]}-{i}")


def _order(people, text, i):
    return order_makers.draft(people, customer_reference=f"PO-{i:03d}", notes=text)


AREAS = {
    "customers": (Customer, customer_search.INDEX, _customer, "customers:list"),
    "service": (ServiceRequest, service_search.INDEX, _request, "service:list"),
    "property": (PropertyItem, property_search.INDEX, _item, "property:register"),
    "orders": (Order, order_search.INDEX, _order, "orders:list"),
}


def _substring_matches(model, index, word):
    """The rows a plain Python substring test finds for ``word`` in the indexed columns."""
    word = word.lower()
    return {
        row.pk
        for row in model.objects.all()
        if any(word in getattr(row, column).lower() for column in index.columns)
    }


def _found(model, index, word):
    return set(model.objects.filter(index.matches(word)).values_list("pk", flat=True))


@pytest.fixture(params=AREAS, ids=str)
def area(request, people):
    model, index, make, ledger = AREAS[request.param]
    rows = [make(people, text, i) for i, text in enumerate(TEXTS)]
    return model, index, rows, ledger


def test_each_index_finds_what_a_substring_test_finds(area):
    model, index, _rows, _ledger = area
    for word in WORDS:
        assert _found(model, index, word) == _substring_matches(model, index, word), word


def test_each_index_follows_an_edit_and_a_delete(area):
    model, index, rows, _ledger = area
    edited = {column: f"标签错误 label {i}" for i, column in enumerate(index.columns)}
    model.objects.filter(pk=rows[0].pk).update(**edited)
    assert rows[0].pk not in _found(model, index, "漏水")
    assert rows[0].pk in _found(model, index, "标签")
    assert rows[0].pk in _found(model, index, "LABEL")
    model.objects.filter(pk=rows[1].pk).delete()
    assert rows[1].pk not in _found(model, index, "划伤")


def test_each_ledger_searches_by_a_two_character_word(client, people, area):
    model, _index, rows, ledger = area
    client.force_login(people.gm)
    page = client.get(reverse(ledger), {"q": "划伤"}).content.decode()
    assert str(rows[1].get_absolute_url()) in page
    assert str(rows[0].get_absolute_url()) not in page


def test_the_header_search_finds_a_subject_word_in_every_area(client, people, area):
    _model, _index, rows, _ledger = area
    client.force_login(people.gm)
    page = client.get(reverse("core:search"), {"q": "漏水"}).content.decode()
    assert str(rows[0].get_absolute_url()) in page


@pytest.mark.parametrize("q", ["漏" * 10_000, "\x00\x1f", '"', "*", "OR", "NEAR(", "a"])
def test_odd_search_words_answer_each_ledger(client, people, area, q):
    _model, _index, _rows, ledger = area
    client.force_login(people.gm)
    assert client.get(reverse(ledger), {"q": q}).status_code == 200
