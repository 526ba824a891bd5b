"""Record URLs of ledger rows, reversed once per name instead of once per row."""

import pytest
from django.urls import reverse, set_script_prefix

from csc.core.templatetags.csc import bulk_tick, row_url


@pytest.mark.parametrize(
    ("name", "pk"),
    [
        ("complaints:detail", 7),
        ("service:detail", 123456),
        ("property:lot", 1),
        ("customers:detail", 80001),
    ],  # fmt: skip
)
def test_a_row_url_is_the_reversed_url(name, pk):
    assert row_url(pk, name) == reverse(name, args=[pk])


def test_a_row_url_follows_the_script_prefix():
    try:
        set_script_prefix("/csc/")
        assert row_url(5, "complaints:detail") == "/csc/complaints/5/" == reverse("complaints:detail", args=[5])  # fmt: skip
    finally:
        set_script_prefix("/")
    assert row_url(5, "complaints:detail") == "/complaints/5/"


def test_the_bulk_tick_box_names_its_row_and_joins_the_bulk_form():
    class Row:
        pk, number = 42, "CP-<1>"

    html = str(bulk_tick(Row()))
    assert 'value="42"' in html and 'form="bulk-form"' in html and "CP-&lt;1&gt;" in html
    assert "data-check-all" in str(bulk_tick())
