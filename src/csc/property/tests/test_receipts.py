"""Receipt, IQC and the nonconforming lot (PRP-2, PRP-3): the customer is told, the agreed
disposition is recorded and moves the ledger."""

from decimal import Decimal

import pytest

from csc.core.errors import IllegalTransition, Invalid
from csc.core.models import OutboxEmail
from csc.property import actions, stock
from csc.property.actions.common import default_address
from csc.property.models import Movement

from .makers import failed_lot, fresh_customer, make_item, notified_lot, receive

D = Decimal


def test_an_item_without_inspection_is_accepted_on_receipt(people):
    item = make_item(people, needs_iqc=False)
    lot = receive(people, item, 12)
    assert lot.status == "accepted"
    assert actions.issue(people.warehouse, item, 12)[0].lot_id == lot.pk


def test_a_passed_lot_is_signed_by_the_inspector(people):
    lot = receive(people, make_item(people), 40)
    actions.inspect(people.quality, lot, "pass", "尺寸、外观合格", 13, 0)
    lot.refresh_from_db()
    assert (lot.status, lot.iqc_result, lot.inspected_by) == ("accepted", "pass", people.quality)
    signature = lot_signatures(lot).get()
    assert (signature.user, signature.section) == (people.quality, "iqc")


def lot_signatures(lot):
    from csc.core.actions import signatures_of

    return signatures_of(lot)


def test_a_failed_lot_needs_findings_the_customer_can_read(people):
    lot = receive(people, make_item(people), 40)
    with pytest.raises(Invalid) as refused:
        actions.inspect(people.quality, lot, "fail", "  ")
    assert "report" in refused.value.fields
    lot.refresh_from_db()
    assert lot.status == "awaiting_iqc"


def test_failing_iqc_asks_quality_and_materials_to_tell_the_customer(people):
    lot = failed_lot(people, make_item(people), 40)
    for user in (people.materials, people.quality):
        assert user.notifications.filter(title__contains=lot.number).exists()


def test_the_iqc_report_is_e_mailed_to_the_customers_primary_contact(people):
    customer = fresh_customer()
    lot = failed_lot(people, make_item(people, customer=customer), 40)
    actions.notify_lot_customer(people.quality, lot, "email")
    lot.refresh_from_db()
    email = OutboxEmail.objects.get(pk=lot.notice_email_id)
    assert email.to == default_address(customer) == lot.notice_to
    assert lot.number in email.body and "表面锈蚀" in email.body
    assert lot.iqc_report in lot.notice_text
    assert (lot.status, lot.notified_by, lot.notice_via) == ("notified", people.quality, "email")


def test_the_notice_is_written_in_the_customers_language(people):
    customer = fresh_customer(language="en")
    lot = failed_lot(people, make_item(people, customer=customer), 40)
    lot = actions.notify_lot_customer(people.quality, lot, "email")
    email = OutboxEmail.objects.get(pk=lot.notice_email_id)
    assert email.subject.startswith("IQC report")
    assert "Dear " in email.body


def test_a_phone_notice_records_whom_was_told_and_sends_no_mail(people):
    lot = failed_lot(people, make_item(people), 40)
    with pytest.raises(Invalid) as refused:
        actions.notify_lot_customer(people.quality, lot, "phone", "", "已电话告知")
    assert "notice_to" in refused.value.fields
    mails = OutboxEmail.objects.count()
    actions.notify_lot_customer(
        people.quality, lot, "phone", "SQE 李工 138-0000-0000", "已电话告知"
    )
    lot.refresh_from_db()
    assert (lot.notice_to, lot.notice_text, lot.notice_email) == (
        "SQE 李工 138-0000-0000",
        "已电话告知",
        None,
    )
    assert OutboxEmail.objects.count() == mails


def test_an_e_mail_notice_needs_an_address(people):
    customer = fresh_customer()
    customer.contacts.all().delete()
    lot = failed_lot(people, make_item(people, customer=customer), 40)
    with pytest.raises(Invalid) as refused:
        actions.notify_lot_customer(people.quality, lot, "email")
    assert "notice_to" in refused.value.fields
    with pytest.raises(Invalid):
        actions.notify_lot_customer(people.quality, lot, "email", "not-an-address")


def test_no_disposition_is_recorded_before_the_customer_was_told(people):
    lot = failed_lot(people, make_item(people), 40)
    with pytest.raises(IllegalTransition):
        actions.dispose_lot(people.materials, lot, "return", "客户 SQE 李工")


def test_the_disposition_names_who_at_the_customer_agreed(people):
    lot = notified_lot(people, make_item(people), 40)
    with pytest.raises(Invalid) as refused:
        actions.dispose_lot(people.materials, lot, "return", " ")
    assert "agreed_with" in refused.value.fields


@pytest.mark.parametrize(
    ("disposition", "status", "left", "kind"),
    [
        ("return", "returned", 0, "return"),
        ("scrap", "scrapped", 0, "scrap"),
        ("concession", "concession", 40, None),
        ("sort", "sorting", 40, None),
    ],
)
def test_the_agreed_disposition_moves_the_lot(people, disposition, status, left, kind):
    item = make_item(people)
    lot = notified_lot(people, item, 40)
    actions.dispose_lot(people.materials, lot, disposition, "客户 SQE 李工", "邮件确认")
    lot.refresh_from_db()
    assert (lot.status, lot.disposition, lot.agreed_with) == (status, disposition, "客户 SQE 李工")
    assert stock.balance(item, lot=lot) == left
    out = Movement.objects.filter(lot=lot).exclude(kind="receipt")
    assert list(out.values_list("kind", "quantity")) == ([(kind, D(-40))] if kind else [])


def test_sorting_makes_the_good_part_usable_and_sends_the_rest_back(people):
    item = make_item(people)
    lot = notified_lot(people, item, 40)
    actions.dispose_lot(people.materials, lot, "sort", "客户 SQE 李工")
    with pytest.raises(Invalid):
        actions.issue(people.warehouse, item, 1, lot=lot)  # not before the sort result
    with pytest.raises(Invalid) as refused:
        actions.finish_sort(people.materials, lot, 41, "return")
    assert "good_quantity" in refused.value.fields
    actions.finish_sort(people.materials, lot, 36, "return", "挑出 4 件锈蚀")
    lot.refresh_from_db()
    assert (lot.status, lot.sorted_good) == ("accepted", D(36))
    assert stock.balance(item, lot=lot) == 36
    actions.issue(people.warehouse, item, 36, lot=lot, reference="WO-5")
    assert stock.balance(item) == 0


def test_marketing_signs_for_samples_directly_into_the_register(people):
    customer = fresh_customer()
    lot = actions.sign_for(
        people.sales,
        customer,
        {"kind": "sample", "name": "外观限度样品", "part_no": "S-01", "unit": "pcs"},
        3,
        "SF1234567",
        "快递收到",
    )
    assert (lot.status, lot.signed_for, lot.received_by) == ("accepted", True, people.sales)
    assert lot.item.number.startswith("CP-") and lot.number.startswith("RC-")
    assert stock.balance(lot.item) == 3
    signature = lot_signatures(lot).get()
    assert (signature.user, signature.section) == (people.sales, "receipt")


def test_marketing_does_not_sign_for_raw_material(people):
    with pytest.raises(Invalid) as refused:
        actions.sign_for(
            people.sales, fresh_customer(), {"kind": "raw_material", "name": "钢板"}, 100
        )
    assert "kind" in refused.value.fields


def test_the_warehouse_cannot_sign_for_in_marketings_name(people):
    from csc.core.errors import Denied

    with pytest.raises(Denied):
        actions.sign_for(
            people.warehouse, fresh_customer(), {"kind": "label", "name": "标签纸"}, 500
        )


def test_numbers_follow_the_record_types(people):
    item = make_item(people)
    lot = receive(people, item, 10, declared=12)
    assert item.number.startswith("CP-")
    assert lot.number.startswith("RC-")
    assert lot.anomalies.get().number.startswith("PA-")
