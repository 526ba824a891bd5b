"""The life of a service request (SVC-1, SVC-2, SVC-4): intake, assignment, answers, waiting
for the customer, resolution, closing and reopening, each step in the history."""

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.translation import override

from csc.core.errors import Conflict, Denied, IllegalTransition, Invalid
from csc.core.models import AuditEntry
from csc.service import actions
from csc.service.choices import Direction, RequestStatus, SlaState
from csc.service.rules import sla_state
from csc.testing import outbox_to

from . import makers


@pytest.fixture(autouse=True)
def _english():
    with override("en"):
        yield


@pytest.fixture
def desk(people):
    """A customer-service team catching every request, of two handlers taking turns."""
    team = makers.team(people, members=("service", "sales"))
    makers.route_all_to(team)
    return team


def test_a_phone_request_gets_a_gap_free_number_and_its_targets(people):
    first = makers.request(people)
    second = makers.request(people)
    year = timezone.localdate().year
    assert first.number == f"SR-{year}-0001"
    assert second.number == f"SR-{year}-0002"
    assert first.first_answer_due_at == first.received_at + dt.timedelta(hours=24)
    assert first.resolution_due_at > first.received_at
    assert first.due_at == min(first.first_answer_due_at, first.resolution_due_at)


def test_a_request_without_a_description_gets_a_field_message(people):
    with pytest.raises(Invalid) as error:
        makers.request(people, description="  ")
    assert "description" in error.value.as_dict()


def test_production_cannot_log_service_requests(people):
    with pytest.raises(Denied):
        makers.request(people, who=people.production)


def test_the_rules_assign_new_requests_round_robin_in_the_team(people, desk):
    handlers = [makers.request(people).handler for _ in range(3)]
    assert set(handlers[:2]) == {people.service, people.sales}
    assert handlers[2] == handlers[0]
    assert makers.request(people).status == RequestStatus.ASSIGNED


def test_a_least_loaded_team_gives_the_request_to_the_member_with_fewest_open(people):
    team = makers.team(people, members=("service", "sales"), strategy="least_loaded")
    makers.route_all_to(team)
    first = makers.request(people)
    second = makers.request(people)
    assert {first.handler, second.handler} == {people.service, people.sales}


def test_a_rule_for_one_category_wins_over_the_catch_all(people, desk):
    training = makers.team(people, members=("sales",), name="培训组")
    makers.route_all_to(training, category="training", order=1)
    assert makers.request(people, category="training").team == training
    assert makers.request(people, category="repair").team == desk


def test_reassignment_needs_a_reason_and_is_in_the_history(people, desk):
    request = makers.request(people)
    with pytest.raises(Invalid):
        actions.assign_request(people.service, request, desk, people.sales, reason="")
    actions.assign_request(people.service, request, desk, people.sales, reason="熟悉该设备")
    request.refresh_from_db()
    assert request.handler == people.sales
    entry = AuditEntry.objects.filter(object_id=str(request.pk), note="熟悉该设备").get()
    assert "assignment" in entry.changes


def test_the_first_answer_meets_the_target_and_mails_the_contact(people, desk):
    cust = makers.customer()
    request = makers.request(people, cust=cust, contact=makers.contact_of(cust))
    actions.answer_customer(people.service, request, "您好，已收到，工程师今天联系您。")
    request.refresh_from_db()
    assert request.first_answered_at is not None
    mail = outbox_to("buyer@customer.example").get()
    assert request.number in mail.subject


def test_waiting_for_the_customer_pauses_and_their_answer_resumes_the_clock(people, desk):
    cust = makers.customer()
    contact_user = people.contact_of(cust, "buyer")
    request = makers.request(people, cust=cust)
    actions.start_request(people.service, request)
    actions.wait_for_customer(people.service, request, "请提供报警代码")
    request.refresh_from_db()
    due_before = request.resolution_due_at
    assert request.status == RequestStatus.WAITING
    assert sla_state(request, timezone.now()) == SlaState.PAUSED
    assert request.due_at is None
    paused = request.waiting_since
    request.waiting_since = paused - dt.timedelta(days=3)  # the customer took three days
    request.save(update_fields=["waiting_since"])
    actions.customer_reply(contact_user, request, "报警代码 E42")
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS
    assert request.resolution_due_at > due_before
    assert request.waited >= dt.timedelta(days=3)
    assert request.messages.filter(direction=Direction.FROM_CUSTOMER).count() == 1


def test_an_illegal_step_is_refused_with_an_explanation(people, desk):
    request = makers.request(people)
    with pytest.raises(IllegalTransition) as error:
        actions.close_request(people.service, request)
    assert "Resolved" in str(error.value.as_dict())


def test_a_concurrent_edit_gets_the_version_conflict(people, desk):
    request = makers.request(people)
    stale = request.version
    actions.start_request(people.service, request, version=stale)
    with pytest.raises(Conflict):
        actions.resolve_request(people.service, request, "已解决", version=stale)


def test_resolve_close_and_reopen_by_the_customer(people, desk):
    cust = makers.customer()
    contact_user = people.contact_of(cust, "buyer")
    request = makers.request(people, cust=cust)
    actions.resolve_request(people.service, request, "已远程指导复位")
    request.refresh_from_db()
    assert request.status == RequestStatus.RESOLVED
    assert request.fed_back_at is not None
    assert sla_state(request, timezone.now()) == SlaState.MET
    actions.reopen_request(contact_user, request, "问题再次出现")
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS
    assert request.resolved_at is None


def test_the_customer_cannot_reopen_after_the_settings_days(people, desk):
    cust = makers.customer()
    contact_user = people.contact_of(cust, "buyer")
    request = makers.request(people, cust=cust)
    actions.resolve_request(people.service, request, "已解决")
    request.resolved_at = timezone.now() - dt.timedelta(days=30)
    request.save(update_fields=["resolved_at"])
    with pytest.raises(Invalid):
        actions.reopen_request(contact_user, request, "又坏了")


def test_a_contact_opens_requests_only_for_their_own_customer(people, desk):
    other = makers.customer()
    request = actions.open_request(
        people.contact,
        {"customer": other, "category": "repair", "description": "设备不能启动", "channel": "api"},
    )
    assert request.customer != other
    assert request.channel == "portal"


def test_internal_notes_are_kept_apart_from_customer_replies(people, desk):
    request = makers.request(people)
    actions.add_note(people.service, request, "需要工程部确认")
    assert request.messages.get().direction == Direction.INTERNAL


def test_a_corrected_severity_sets_the_open_targets_again_and_keeps_the_met_ones(people, desk):
    request = makers.request(people, severity="simple")
    actions.start_request(people.service, request)
    actions.answer_customer(people.service, request, "收到，正在处理")
    first_answer_due, simple_due = request.first_answer_due_at, request.resolution_due_at
    actions.update_request(people.service, request, {"severity": "major"}, request.version)
    request.refresh_from_db()
    assert request.severity == "major"
    assert request.resolution_due_at > simple_due  # 5 working days instead of 1
    assert request.first_answer_due_at == first_answer_due  # already met: left alone
    assert AuditEntry.objects.filter(object_id=str(request.pk), changes__has_key="severity")


def test_a_correction_of_a_resolved_request_is_refused_until_it_is_reopened(people, desk):
    request = makers.request(people)
    actions.start_request(people.service, request)
    actions.resolve_request(people.service, request, "已更换传感器")
    with pytest.raises(Invalid) as error:
        actions.update_request(people.service, request, {"category": "repair"}, request.version)
    assert "reopen" in str(error.value.as_dict())


def test_a_correction_on_a_stale_version_gets_the_conflict(people, desk):
    request = makers.request(people)
    stale = request.version
    actions.start_request(people.service, request)
    with pytest.raises(Conflict):
        actions.update_request(people.service, request, {"subject": "新标题"}, stale)


def test_a_contact_of_another_customer_is_refused_on_correction(people, desk):
    request = makers.request(people)
    stranger = makers.contact_of(makers.customer(), email="x@other.example")
    with pytest.raises(Invalid) as error:
        actions.update_request(people.service, request, {"contact": stranger}, request.version)
    assert "contact" in error.value.as_dict()
