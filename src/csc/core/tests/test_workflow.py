"""Workflows: allowed steps per state, and a refusal that says which step and which state."""

import pytest
from django.db import models
from django.utils import translation

from csc.core.errors import IllegalTransition
from csc.core.workflow import Step, Workflow


class State(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


FLOW = Workflow(
    states=State,
    steps={
        "submit": Step((State.DRAFT, State.REJECTED), State.SUBMITTED, "Submit"),
        "approve": Step((State.SUBMITTED,), State.APPROVED, "Approve"),
        "reject": Step((State.SUBMITTED,), State.REJECTED),
    },
)


class Record:
    def __init__(self, status):
        self.status = status


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_allowed_lists_the_steps_possible_from_the_current_state():
    assert FLOW.allowed(Record(State.DRAFT)) == ["submit"]
    assert FLOW.allowed(Record(State.SUBMITTED)) == ["approve", "reject"]
    assert FLOW.allowed(Record(State.APPROVED)) == []


def test_apply_moves_the_record_and_reports_old_and_new():
    record = Record(State.SUBMITTED)
    assert FLOW.apply(record, "approve") == (State.SUBMITTED, State.APPROVED)
    assert record.status == State.APPROVED


def test_a_refusal_names_the_step_the_state_and_where_it_is_allowed():
    record = Record(State.APPROVED)
    with pytest.raises(IllegalTransition) as refused:
        FLOW.check(record, "submit")
    message = str(refused.value.message)
    assert "Submit" in message
    assert "Approved" in message
    assert "Draft" in message and "Rejected" in message
    assert refused.value.status == 409


def test_a_step_without_a_label_is_named_by_its_verb():
    with pytest.raises(IllegalTransition) as refused:
        FLOW.check(Record(State.DRAFT), "reject")
    assert "reject" in str(refused.value.message)
    assert "Draft" in str(refused.value.message)


def test_a_refused_step_leaves_the_record_as_it_was():
    record = Record(State.APPROVED)
    with pytest.raises(IllegalTransition):
        FLOW.apply(record, "approve")
    assert record.status == State.APPROVED


def test_a_workflow_can_use_another_field():
    flow = Workflow(
        states=State, steps={"approve": Step((State.SUBMITTED,), State.APPROVED)}, field="stage"
    )

    class Staged:
        stage = State.SUBMITTED

    record = Staged()
    flow.apply(record, "approve")
    assert record.stage == State.APPROVED


def test_every_workflow_step_of_the_product_leads_to_a_known_state():
    from csc.customers import rules

    flows = [value for value in vars(rules).values() if isinstance(value, Workflow)]
    assert flows, "the customer master declares its workflows in rules.py"
    for flow in flows:
        states = set(flow.states.values)
        for verb, step in flow.steps.items():
            assert step.target in states, verb
            assert set(step.sources) <= states, verb


# A delivery queue, not a record anyone moves: the worker claims rows with one conditional
# UPDATE (healthchecks style), which is its own guard against two senders.
NOT_WORKFLOWS = {("core.OutboxEmail", "status")}


def _status_fields():
    from django.apps import apps

    for model in apps.get_models():
        if model.__module__.startswith("csc."):
            for field in model._meta.concrete_fields:
                if field.choices and field.name.endswith("status"):
                    yield model, field


def test_every_status_field_of_every_record_has_a_declared_workflow():
    from importlib import import_module
    from importlib.util import find_spec

    from django.apps import apps

    from csc.core.workflow import DECLARED

    for config in apps.get_app_configs():
        if config.name.startswith("csc.") and find_spec(f"{config.name}.rules"):
            import_module(f"{config.name}.rules")  # where each area declares its workflows
    import_module("csc.core.jobs")
    declared = {(w.field, frozenset(w.states.values)) for w in DECLARED}
    missing = [
        f"{model._meta.label}.{field.name}"
        for model, field in _status_fields()
        if (model._meta.label, field.name) not in NOT_WORKFLOWS
        and (field.name, frozenset(v for v, _label in field.choices)) not in declared
    ]
    assert missing == []
