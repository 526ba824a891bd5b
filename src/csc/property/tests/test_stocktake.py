"""Stocktake (盘点): book vs counted on the count date, differences explained and approved
before they are posted as adjustments."""

from decimal import Decimal

import pytest

from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.property import actions, stock
from csc.property.models import Movement, Stocktake

from .makers import accepted_lot, days_ago, make_item

D = Decimal


def _stock(people):
    """An item with two lots on two days and an issue in between."""
    item = make_item(people)
    first = accepted_lot(people, item, 100, on=days_ago(6))
    actions.issue(people.warehouse, item, 40, lot=first, on=days_ago(5))
    second = accepted_lot(people, item, 30, on=days_ago(2))
    return item, first, second


def test_the_count_sheet_lists_the_book_quantity_of_each_lot_on_the_count_date(people):
    item, first, second = _stock(people)
    stocktake = actions.open_stocktake(people.warehouse, days_ago(3), item.customer)
    assert stocktake.number.startswith("ST-")
    assert list(stocktake.lines.values_list("lot", "book_quantity")) == [(first.pk, D(60))]
    today = actions.open_stocktake(people.warehouse, None, item.customer)
    assert dict(today.lines.values_list("lot", "book_quantity")) == {
        first.pk: D(60),
        second.pk: D(30),
    }


def test_a_selection_holding_nothing_opens_no_stocktake(people):
    item = make_item(people)
    with pytest.raises(Invalid):
        actions.open_stocktake(people.warehouse, None, item.customer)
    assert not Stocktake.objects.exists()


def _counted(people, explain=True):
    item, first, second = _stock(people)
    stocktake = actions.open_stocktake(people.warehouse, None, item.customer)
    actions.count_item(
        people.warehouse, item, stocktake, first, 58, "2 kg 锈蚀报废未记账" if explain else ""
    )
    actions.count_item(people.warehouse, item, stocktake, second, 30)
    return item, first, second, stocktake


def test_a_difference_without_explanation_cannot_be_submitted(people):
    _item, first, _second, stocktake = _counted(people, explain=False)
    with pytest.raises(Invalid) as refused:
        actions.submit_stocktake(people.warehouse, stocktake)
    assert first.number in str(refused.value.fields["explanation"][0])
    stocktake.refresh_from_db()
    assert stocktake.status == "counting"


def test_an_uncounted_line_cannot_be_submitted(people):
    item, _first, _second = _stock(people)
    stocktake = actions.open_stocktake(people.warehouse, None, item.customer)
    with pytest.raises(Invalid) as refused:
        actions.submit_stocktake(people.warehouse, stocktake)
    assert "2" in str(refused.value.fields["lines"][0])


def test_differences_are_posted_only_after_approval(people):
    item, first, _second, stocktake = _counted(people)
    with pytest.raises(IllegalTransition):
        actions.post_stocktake(people.warehouse, stocktake)
    actions.submit_stocktake(people.warehouse, stocktake)
    with pytest.raises(IllegalTransition):
        actions.post_stocktake(people.warehouse, stocktake)
    assert stock.balance(item) == 90  # nothing posted yet
    actions.approve_stocktake(people.plant_manager, stocktake, "差异原因属实")
    actions.post_stocktake(people.warehouse, stocktake)
    stocktake.refresh_from_db()
    assert stocktake.status == "posted"
    adjustment = Movement.objects.get(stocktake=stocktake)
    assert (adjustment.kind, adjustment.quantity, adjustment.lot_id) == ("adjust", D(-2), first.pk)
    assert adjustment.note == "2 kg 锈蚀报废未记账"
    assert stock.balance(item) == 88
    assert stock.balance(item, at=days_ago(1)) == 90  # adjustments are dated on the count date


def test_nobody_approves_their_own_count(people):
    from csc.core.models import User

    _item, _first, _second, stocktake = _counted(people)
    actions.submit_stocktake(people.warehouse, stocktake)
    boss = User.objects.get(pk=people.plant_manager.pk)
    boss.groups.add(*people.warehouse.groups.all())
    boss = User.objects.get(pk=boss.pk)  # fresh permission cache
    stocktake.submitted_by = boss
    stocktake.save(update_fields=["submitted_by"])
    with pytest.raises(Denied):
        actions.approve_stocktake(boss, stocktake)
    with pytest.raises(Denied):
        actions.approve_stocktake(people.materials, stocktake)  # no approval right


def test_a_returned_count_can_be_corrected_and_submitted_again(people):
    item, first, _second, stocktake = _counted(people)
    actions.submit_stocktake(people.warehouse, stocktake)
    with pytest.raises(Invalid):
        actions.return_stocktake(people.plant_manager, stocktake, "")
    actions.return_stocktake(people.plant_manager, stocktake, "A 区复盘")
    actions.count_item(people.warehouse, item, stocktake, first, 60)
    actions.submit_stocktake(people.warehouse, stocktake)
    actions.approve_stocktake(people.gm, stocktake)
    actions.post_stocktake(people.warehouse, stocktake)
    assert not Movement.objects.filter(stocktake=stocktake).exists()  # no difference left
    assert stock.balance(item) == 90


def test_counts_cannot_change_after_submission(people):
    item, first, _second, stocktake = _counted(people)
    actions.submit_stocktake(people.warehouse, stocktake)
    with pytest.raises(IllegalTransition):
        actions.count_item(people.warehouse, item, stocktake, first, 1)


def test_a_found_lot_is_added_to_the_sheet_with_its_book_quantity(people):
    item, first, second = _stock(people)
    stocktake = actions.open_stocktake(people.warehouse, days_ago(3), item.customer)
    line = actions.count_item(people.warehouse, item, stocktake, second, 30, "计数日后到货")
    assert (line.book_quantity, line.difference) == (D(0), D(30))
    assert stocktake.lines.count() == 2


def test_a_gain_is_posted_as_a_positive_adjustment(people):
    item, first, second, stocktake = _counted(people)
    actions.count_item(people.warehouse, item, stocktake, second, 31, "上次发料多记 1")
    actions.submit_stocktake(people.warehouse, stocktake)
    actions.approve_stocktake(people.plant_manager, stocktake)
    actions.post_stocktake(people.warehouse, stocktake)
    assert stock.lot_balances(item) == {first.pk: D(58), second.pk: D(31)}


def test_a_posting_that_would_leave_a_lot_negative_is_refused(people):
    item, first, second, stocktake = _counted(people)
    actions.count_item(people.warehouse, item, stocktake, first, 10, "大量缺失")
    actions.submit_stocktake(people.warehouse, stocktake)
    actions.approve_stocktake(people.plant_manager, stocktake)
    actions.issue(people.warehouse, item, 55, lot=first)  # issued after the count
    with pytest.raises(Invalid):
        actions.post_stocktake(people.warehouse, stocktake)
    assert stock.balance(item, lot=first) == 5


def test_counting_through_the_api_fills_the_line(people, api_as):
    item, first, _second = _stock(people)
    stocktake = actions.open_stocktake(people.warehouse, None, item.customer)
    client = api_as(people.warehouse)
    url = f"/api/v1/property-items/{item.pk}/count/"
    bad = client.post(
        url, {"stocktake": stocktake.pk, "lot": first.pk, "counted": "-1"}, format="json"
    )
    assert bad.status_code == 400 and "counted" in bad.json()
    body = {"stocktake": stocktake.pk, "lot": first.pk, "counted": "57.5", "explanation": "锈蚀"}
    response = client.post(url, body, format="json")
    assert response.status_code == 200, response.json()
    assert (response.json()["counted_quantity"], response.json()["difference"]) == (
        "57.500",
        "-2.500",
    )
    other = make_item(people)
    foreign = accepted_lot(people, other, 1)
    wrong = client.post(url, {**body, "lot": foreign.pk}, format="json")
    assert wrong.status_code == 400 and "lot" in wrong.json()


def test_the_count_sheet_page_saves_counts_and_steps(people, client):
    item, first, second = _stock(people)
    stocktake = actions.open_stocktake(people.warehouse, None, item.customer)
    lines = dict(stocktake.lines.values_list("lot", "pk"))
    client.force_login(people.warehouse)
    client.post(
        f"/property/stocktakes/{stocktake.pk}/count/",
        {f"counted_{lines[first.pk]}": "59", f"explanation_{lines[first.pk]}": "称重误差",
         f"counted_{lines[second.pk]}": "30"},
    )  # fmt: skip
    response = client.post(f"/property/stocktakes/{stocktake.pk}/submit/", {"note": ""})
    assert response.status_code == 302
    stocktake.refresh_from_db()
    assert stocktake.status == "submitted"
    page = client.get(stocktake.get_absolute_url())
    assert page.context["summary"] == {"total": 2, "counted": 2, "differences": 1, "unexplained": 0}
