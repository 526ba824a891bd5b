"""The stock ledger (PRP-4): balances at any date, partial issues, returns, scrap, and the
refusals that keep stock from going negative or leaving unaccepted lots."""

from decimal import Decimal

import pytest

from csc.core.errors import Invalid
from csc.property import actions, stock
from csc.property.choices import MovementKind
from csc.property.models import Movement

from .makers import accepted_lot, days_ago, failed_lot, make_item, notified_lot, receive

D = Decimal


def test_balances_at_past_dates_follow_receipts_issues_and_returns(people):
    item = make_item(people)
    first = accepted_lot(people, item, 100, on=days_ago(10))
    second = accepted_lot(people, item, 50, on=days_ago(8))
    actions.issue(people.warehouse, item, 30, lot=first, reference="WO-1", on=days_ago(7))
    actions.issue(people.warehouse, item, 20, lot=first, reference="WO-2", on=days_ago(5))
    actions.return_to_customer(people.materials, item, second, 10, "客户调拨", on=days_ago(3))

    assert stock.balance(item, at=days_ago(11)) == 0
    assert stock.balance(item, at=days_ago(10)) == 100
    assert stock.balance(item, at=days_ago(8)) == 150
    assert stock.balance(item, at=days_ago(7)) == 120
    assert stock.balance(item, at=days_ago(4)) == 100
    assert stock.balance(item) == 90
    assert stock.balance(item, at=days_ago(6), lot=first) == 70
    assert stock.lot_balances(item) == {first.pk: D(50), second.pk: D(40)}
    assert stock.lot_balances(item, at=days_ago(9)) == {first.pk: D(100)}


def test_an_issue_without_a_lot_takes_the_oldest_accepted_lots_first(people):
    item = make_item(people)
    old = accepted_lot(people, item, 40, on=days_ago(5))
    new = accepted_lot(people, item, 40, on=days_ago(2))
    moved = actions.issue(people.warehouse, item, D("55.5"), reference="WO-7")
    assert [(m.lot_id, m.quantity) for m in moved] == [(old.pk, D(-40)), (new.pk, D("-15.5"))]
    assert stock.lot_balances(item) == {old.pk: 0, new.pk: D("24.5")}


def test_issuing_more_than_the_accepted_balance_is_refused(people):
    item = make_item(people)
    accepted_lot(people, item, 30)
    receive(people, item, 500)  # still awaiting IQC: on the shelf, not issuable
    with pytest.raises(Invalid) as refused:
        actions.issue(people.warehouse, item, 31)
    assert "30" in str(refused.value.fields["quantity"][0])
    assert stock.balance(item) == 530


def test_issuing_more_than_a_lot_holds_is_refused(people):
    item = make_item(people)
    lot = accepted_lot(people, item, 10)
    actions.issue(people.warehouse, item, 8, lot=lot)
    with pytest.raises(Invalid) as refused:
        actions.issue(people.warehouse, item, 3, lot=lot)
    assert "quantity" in refused.value.fields
    assert stock.balance(item, lot=lot) == 2


def test_a_lot_that_failed_iqc_cannot_be_issued(people):
    item = make_item(people)
    lot = failed_lot(people, item, 20)
    with pytest.raises(Invalid) as refused:
        actions.issue(people.warehouse, item, 5, lot=lot)
    assert lot.number in str(refused.value.fields["lot"][0])
    with pytest.raises(Invalid):
        actions.issue(people.warehouse, item, 5)  # nor through the oldest-first rule
    assert not Movement.objects.filter(lot=lot, kind=MovementKind.ISSUE).exists()


def test_a_failed_lot_used_as_is_under_concession_can_be_issued(people):
    item = make_item(people)
    lot = notified_lot(people, item, 20)
    actions.dispose_lot(people.materials, lot, "concession", "客户质量部 李工", "让步接收")
    moved = actions.issue(people.warehouse, item, 5, reference="WO-9")
    assert [m.lot_id for m in moved] == [lot.pk]
    assert stock.balance(item) == 15


def test_a_lot_awaiting_iqc_cannot_be_issued(people):
    item = make_item(people)
    lot = receive(people, item, 20)
    with pytest.raises(Invalid) as refused:
        actions.issue(people.warehouse, item, 1, lot=lot)
    assert lot.number in str(refused.value.fields["lot"][0])


def test_returning_and_scrapping_take_stock_out_of_the_named_lot(people):
    item = make_item(people)
    lot = failed_lot(people, item, 12)
    actions.return_to_customer(people.materials, item, lot, 10, "退回客户")
    actions.scrap(people.materials, item, lot, 2, "客户 王经理 同意报废")
    kinds = list(Movement.objects.filter(lot=lot).order_by("id").values_list("kind", "quantity"))
    assert kinds == [("receipt", D(12)), ("return", D(-10)), ("scrap", D(-2))]
    assert stock.balance(item) == 0
    with pytest.raises(Invalid):
        actions.return_to_customer(people.materials, item, lot, 1, "再退")


def test_movements_must_be_entered_in_date_order(people):
    item = make_item(people)
    lot = accepted_lot(people, item, 10, on=days_ago(2))
    with pytest.raises(Invalid) as refused:
        actions.issue(people.warehouse, item, 1, lot=lot, on=days_ago(3))
    assert "moved_on" in refused.value.fields


@pytest.mark.parametrize("bad", ["0", "-3", "abc", "1e9999", "0.0001", "1" * 20])
def test_bad_quantities_are_refused_with_a_field_message(people, bad):
    item = make_item(people)
    accepted_lot(people, item, 10)
    with pytest.raises(Invalid) as refused:
        actions.issue(people.warehouse, item, bad)
    assert "quantity" in refused.value.fields


def test_ledger_entries_cannot_be_edited_or_deleted(people):
    item = make_item(people)
    accepted_lot(people, item, 10)
    entry = Movement.objects.get(item=item)
    entry.quantity = D(1000)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        Movement.objects.filter(item=item).update(quantity=1)
    with pytest.raises(PermissionError):
        Movement.objects.filter(item=item).delete()
    assert stock.balance(item) == 10


def test_a_short_delivery_is_reported_to_materials_as_an_anomaly(people):
    item = make_item(people)
    lot = receive(people, item, 95, declared=100)
    anomaly = lot.anomalies.get()
    assert (anomaly.kind, anomaly.quantity, anomaly.status) == ("short", D(5), "reported")
    assert people.materials.notifications.filter(title__contains=anomaly.number).exists()
    assert stock.balance(item) == 95  # the ledger holds what arrived, not what was promised
