"""The complaint's path from registration to closure (CMP-1, 2, 3, 4, 6, 8, 10)."""

import pytest

from csc.capa.actions import capas_of
from csc.capa.choices import Category, Source
from csc.complaints import actions
from csc.complaints.choices import ComplaintStatus, EightDStatus, ReplyStatus
from csc.core.actions import signatures_of
from csc.core.errors import Conflict, Denied, IllegalTransition, Invalid
from csc.testing import outbox_to

from . import makers

pytestmark = pytest.mark.django_db


def test_a_registered_complaint_is_numbered_per_year_and_waits_for_quality(people):
    quality = people.quality  # exists before the complaint, so it is told
    first = makers.complaint(people)
    second = makers.complaint(people)
    year = first.received_at.year
    assert first.number == f"CC-{year}-0001"
    assert second.number == f"CC-{year}-0002"
    assert first.status == ComplaintStatus.REGISTERED
    assert quality.notifications.filter(title__contains=first.number).exists()


def test_quality_accepting_opens_the_8d_with_nine_disciplines_and_a_routed_capa(people):
    complaint = makers.accepted(people, category="transport")
    eightd = complaint.eightd
    assert eightd.number.startswith("8D-")
    assert sorted(eightd.disciplines.values_list("code", flat=True)) == [f"D{n}" for n in range(9)]
    capa = capas_of(complaint).get()
    assert (capa.source, capa.category) == (Source.COMPLAINT, Category.DELIVERY)
    assert capa.department.code == "materials"
    assert capa.number.startswith("CAPA-")


def test_not_ours_records_the_explanation_and_closes_as_not_a_complaint(people):
    complaint = makers.complaint(people)
    with pytest.raises(Invalid):
        actions.not_ours(people.quality, complaint, " ")
    actions.not_ours(people.quality, complaint, "客户使用不当：超载安装")
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.NOT_OURS
    assert complaint.assessment == "客户使用不当：超载安装"
    assert complaint.closed_at is not None
    assert not hasattr(complaint, "eightd") or complaint.eightd is None


def test_sales_cannot_assess_a_complaint(people):
    complaint = makers.complaint(people)
    with pytest.raises(Denied):
        actions.accept_complaint(people.sales, complaint, "simple")


def test_the_whole_path_ends_closed_with_reply_confirmation_and_signatures(people, media_root):
    complaint = makers.accepted(people)
    makers.fill_8d(people, complaint)
    actions.close_eightd(people.quality, complaint.eightd)
    reply = actions.draft_reply(
        people.quality, complaint, complaint.number, "投诉回复", "根本原因及措施如下……"
    )
    assert reply.pdf.read(5) == b"%PDF-"
    actions.send_reply(people.sales, reply, complaint.number)
    assert outbox_to("buyer@customer.example").filter(subject="投诉回复").exists()
    actions.confirm_reply(people.sales, reply, complaint.number, "accepted", "客户电话确认")
    actions.close_complaint(people.quality, complaint)
    actions.sign_read(people.mr, complaint)
    actions.sign_read(people.gm, complaint)
    actions.sign_final_report(people.plant_manager, complaint.eightd)
    complaint.refresh_from_db()
    reply.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    assert complaint.replied_at is not None
    assert complaint.cause_class == "machine"
    assert reply.status == ReplyStatus.SENT and reply.confirmation == "accepted"
    assert complaint.eightd.status == EightDStatus.CLOSED
    roles = set(signatures_of(complaint).values_list("role", flat=True))
    assert roles == {"management_rep", "general_manager"}
    assert signatures_of(complaint.eightd).filter(role="plant_manager").exists()


def test_a_complaint_cannot_close_while_its_8d_is_open(people, media_root):
    complaint = makers.accepted(people)
    reply = actions.draft_reply(people.quality, complaint, complaint.number, "中期回复", "调查中")
    actions.send_reply(people.sales, reply, complaint.number)
    complaint.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        actions.close_complaint(people.quality, complaint)
    assert complaint.eightd.number in str(refused.value.message)


def test_closing_before_any_reply_is_an_illegal_step(people):
    complaint = makers.accepted(people)
    with pytest.raises(IllegalTransition):
        actions.close_complaint(people.quality, complaint)


def test_a_customer_who_rejects_the_reply_keeps_the_complaint_open(people, media_root):
    complaint = makers.replied(people)
    reply = complaint.replies.get()
    actions.confirm_reply(people.sales, reply, complaint.number, "rejected", "措施不充分")
    with pytest.raises(Conflict):
        actions.close_complaint(people.quality, complaint)
    told = people.quality.notifications.filter(title__contains=complaint.number)
    assert told.filter(body="措施不充分").exists()


def test_voiding_needs_a_reason_and_keeps_the_record(people):
    complaint = makers.complaint(people)
    with pytest.raises(Invalid):
        actions.void_complaint(people.quality, complaint, "")
    actions.void_complaint(people.quality, complaint, "重复登记")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.void_reason) == (ComplaintStatus.VOID, "重复登记")


def test_the_management_representative_signs_a_complaint_as_read_only_once(people):
    complaint = makers.accepted(people)
    actions.sign_read(people.mr, complaint)
    with pytest.raises(Invalid):
        actions.sign_read(people.mr, complaint)
    with pytest.raises(Denied):
        actions.sign_read(people.sales, complaint)


def test_the_plant_manager_signs_only_a_closed_8d(people):
    complaint = makers.accepted(people)
    with pytest.raises(Invalid):
        actions.sign_final_report(people.plant_manager, complaint.eightd)
    with pytest.raises(Denied):
        actions.sign_final_report(people.quality, complaint.eightd)


def test_traceability_and_the_action_on_the_responsible_person_are_recorded(people):
    complaint = makers.accepted(people)
    data = {
        "route_card": "RC-0312-07",
        "production_report": "PR-0312",
        "inspection_record": "IR-0312-2",
        "operator_name": "刘产",
        "inspector_name": "赵检",
        "responsible_action": "操作者再培训焊接参数确认",
    }
    actions.record_traceability(people.production, complaint, data, complaint.version)
    complaint.refresh_from_db()
    assert complaint.operator_name == "刘产"
    assert complaint.responsible_action.startswith("操作者再培训")
    with pytest.raises(Denied):
        actions.record_traceability(people.warehouse, complaint, data)


def test_compensation_penalty_and_cost_are_recorded_and_totalled(people):
    complaint = makers.accepted(people)
    actions.record_costs(
        people.sales, complaint, {"compensation": 1000, "penalty": 500, "cost": 250}
    )
    complaint.refresh_from_db()
    assert complaint.total_cost == 1750
    with pytest.raises(Invalid):
        actions.record_costs(people.sales, complaint, {"penalty": -1})


def test_an_edit_based_on_an_old_version_is_refused(people):
    complaint = makers.complaint(people)
    stale = complaint.version
    actions.update_complaint(people.sales, complaint, {"lot": "L-2"}, stale)
    with pytest.raises(Conflict):
        actions.update_complaint(people.sales, complaint, {"lot": "L-3"}, stale)
