"""Returns (CMP-7): notice, warehouse count, Quality verification, rework, replacement."""

import datetime as dt
from decimal import Decimal

import pytest

from csc.capa.actions import capas_of
from csc.complaints import actions
from csc.complaints.choices import ReturnStatus
from csc.core import audit
from csc.core.errors import Denied, IllegalTransition, Invalid
from csc.testing import api

from . import makers

pytestmark = pytest.mark.django_db


def _notice(people, complaint=None, quantity=Decimal(50)):
    cust = complaint.customer if complaint else makers.customer()
    return actions.issue_return(
        people.sales,
        {"customer": cust, "complaint": complaint, "quantity": quantity, "reason": "批量开裂"},
    )


def test_a_return_goes_from_notice_to_replacement_and_closure(people):
    warehouse = people.warehouse
    ret = _notice(people)
    assert ret.number.startswith("RT-")
    assert warehouse.notifications.filter(title__contains=ret.number).exists()
    actions.receive_return(people.warehouse, ret, Decimal(48), "少 2 件")
    actions.verify_return(people.quality, ret, "confirmed", Decimal(40), "40 件焊点开裂")
    actions.order_rework(people.quality, ret, "补焊后 100% 拉力试验", dt.date(2026, 3, 20))
    assert ret.rework_number.startswith("RW-")
    actions.schedule_replacement(people.materials, ret, Decimal(40), dt.date(2026, 3, 25))
    actions.record_rework(people.production, ret, "40 件补焊完成")
    actions.close_return(people.quality, ret, Decimal("860.00"), "复检合格")
    ret.refresh_from_db()
    assert ret.status == ReturnStatus.CLOSED
    assert (ret.received_quantity, ret.defective_quantity, ret.cost) == (48, 40, Decimal("860"))
    notes = " ".join(audit.history(ret).values_list("note", flat=True))
    assert "48" in notes and "50" in notes  # the count differing from the notice is on record


def test_no_trouble_found_closes_without_rework(people):
    ret = _notice(people)
    actions.receive_return(people.warehouse, ret, Decimal(50))
    actions.verify_return(people.quality, ret, "ntf", note="复测全部合格")
    assert ret.defective_quantity == 0
    with pytest.raises(Invalid):
        actions.order_rework(people.quality, ret, "返工")
    actions.close_return(people.quality, ret)
    assert ret.status == ReturnStatus.CLOSED


def test_a_confirmed_defect_without_a_complaint_opens_a_capa(people):
    ret = _notice(people)
    actions.receive_return(people.warehouse, ret, Decimal(50))
    actions.verify_return(people.quality, ret, "confirmed", Decimal(5), "5 件尺寸超差")
    capa = capas_of(ret).get()
    assert (capa.source, capa.source_label) == ("return", ret.number)


def test_a_customer_caused_return_goes_to_sales(people):
    sales = people.sales
    ret = _notice(people)
    actions.receive_return(people.warehouse, ret, Decimal(50))
    actions.verify_return(people.quality, ret, "customer", note="客户装配扭矩过大")
    assert sales.notifications.filter(title__contains=ret.number).count() >= 1
    assert not capas_of(ret).exists()


def test_each_department_does_only_its_own_step(people):
    ret = _notice(people)
    with pytest.raises(Denied):
        actions.receive_return(people.sales, ret, Decimal(50))
    actions.receive_return(people.warehouse, ret, Decimal(50))
    with pytest.raises(Denied):
        actions.verify_return(people.warehouse, ret, "ntf", note="x")
    with pytest.raises(IllegalTransition):
        actions.record_rework(people.production, ret, "done")


def test_more_defective_parts_than_received_is_refused(people):
    ret = _notice(people)
    actions.receive_return(people.warehouse, ret, Decimal(10))
    with pytest.raises(Invalid):
        actions.verify_return(people.quality, ret, "confirmed", Decimal(11), "x")


def test_a_return_cannot_point_at_another_customers_complaint(people):
    complaint = makers.complaint(people)
    with pytest.raises(Invalid):
        actions.issue_return(
            people.sales,
            {
                "customer": makers.customer(),
                "complaint": complaint,
                "quantity": Decimal(1),
                "reason": "x",
            },
        )


def test_the_returns_api_walks_the_same_steps(people):
    ret = _notice(people)
    base = f"/api/v1/returns/{ret.pk}"
    assert (
        api(people.warehouse).post(f"{base}/receive/", {"received_quantity": "50"}).status_code
        == 200
    )
    verified = api(people.quality).post(
        f"{base}/verify/", {"result": "confirmed", "defective_quantity": "3", "note": "3 件毛刺"}
    )
    assert verified.status_code == 200 and verified.json()["status"] == "verified"
    assert (
        api(people.quality).post(f"{base}/receive/", {"received_quantity": "1"}).status_code == 403
    )
    assert (
        api(people.warehouse).post(f"{base}/receive/", {"received_quantity": "1"}).status_code
        == 409
    )


def test_the_return_and_rework_notices_print_with_their_form_numbers(people, client, tmp_path):
    from csc.testing import pdf_text

    ret = _notice(people)
    client.force_login(people.quality)
    assert client.get(f"/complaints/returns/{ret.pk}/rework.pdf").status_code == 404  # none yet
    notice = pdf_text(client.get(f"/complaints/returns/{ret.pk}/notice.pdf").content, tmp_path)
    assert "退货通知单" in notice and "CSC-CMP-07" in notice and ret.number in notice
    assert "批量开裂" in notice
    actions.receive_return(people.warehouse, ret, Decimal(48))
    actions.verify_return(people.quality, ret, "confirmed", Decimal(40), "40 件焊点开裂")
    actions.order_rework(people.quality, ret, "补焊后 100% 拉力试验", dt.date(2026, 3, 20))
    (tmp_path / "rework").mkdir()
    rework = pdf_text(client.get(f"/complaints/returns/{ret.pk}/rework.pdf").content, tmp_path / "rework")  # fmt: skip
    assert "返工通知单" in rework and ret.rework_number in rework and "补焊后" in rework
    (tmp_path / "en").mkdir()
    english = pdf_text(client.get(f"/complaints/returns/{ret.pk}/notice.pdf?lang=en").content, tmp_path / "en")  # fmt: skip
    assert "Return notice" in english


def test_another_customers_contact_cannot_print_a_return_notice(people, client):
    ret = _notice(people)
    client.force_login(people.contact)
    assert client.get(f"/complaints/returns/{ret.pk}/notice.pdf").status_code == 404
