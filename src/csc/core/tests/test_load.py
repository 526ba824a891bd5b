"""``csc load``: a short real run over HTTP keeps every invariant, and each check catches the
broken invariant it is there for."""

import sqlite3
from decimal import Decimal

import pytest
from django.db.models import F

from csc.bench import load, load_checks
from csc.bench.load_mix import Facts, Sample, prepare_world
from csc.core.models import NumberSequence
from csc.testing import on_postgres, wait_until_other_sessions_end


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_short_mixed_load_over_http_keeps_every_invariant(tmp_path):
    if not on_postgres():
        pytest.skip("the server needs a database another process can open: the PostgreSQL run")
    plan = load.Plan(workers=3, seconds=5, requests=400, web_workers=1, log=lambda _m: None)
    try:
        outcome = load.run(plan, var_dir=tmp_path)
    finally:
        wait_until_other_sessions_end()
    assert outcome.passed, load.report(outcome, plan)
    done = {(s.operation, s.status) for s in outcome.facts.samples}
    assert {("complaint.create", 201), ("service.create", 201), ("stock.issue", 201)} <= done
    assert outcome.facts.probes, "the contact asked for no other customer's record"


@pytest.fixture
def world(db):
    return prepare_world()


def _check(name, facts, world):
    return {check.name: check for check in load_checks.all_checks(facts, world)}[name]


def test_the_prepared_data_passes_every_check_before_any_load(world):
    failed = [c for c in load_checks.all_checks(Facts(), world) if not c.passed]
    assert failed == []


def test_a_number_handed_out_and_lost_is_a_gap(world):
    NumberSequence.objects.filter(key="property_receipt").update(last_value=F("last_value") + 1)
    check = _check("record numbers gap-free", Facts(), world)
    assert not check.passed
    assert "RC-" in check.detail and "missing" in check.detail


def test_a_409_nobody_caused_and_a_lost_save_are_caught(world):
    item = world.items[0]
    opening = world.opening_versions[item]
    facts = Facts(edits=[(item, opening + 5, 409, None)])
    assert "false 409: 1" in _check("every 409 a real stale version", facts, world).detail
    lost = Facts(edits=[(item, opening, 200, opening + 1), (item, opening, 200, opening + 1)])
    check = _check("every 409 a real stale version", lost, world)
    assert not check.passed and "lost saves: 1" in check.detail


def test_a_row_of_another_customer_shown_to_the_contact_is_caught(world):
    foreign_item = next(i for i in world.items if i not in world.contact_items)
    facts = Facts()
    facts.seen_by_contact["item"].update([world.contact_items[0], foreign_item])
    assert not _check("contact saw only its own customer", facts, world).passed
    probed = Facts(probes=[("complaint", 1, 200)])
    assert not _check("contact saw only its own customer", probed, world).passed


def test_a_negative_balance_read_during_the_run_is_caught(world):
    read = Facts(balances=[(world.items[1], Decimal("-1"))])
    check = load_checks.stock_never_negative(read)
    assert not check.passed and "1 negative" in check.detail


def test_a_ledger_entry_taking_an_item_below_zero_is_caught(world):
    from csc.property.models import Movement

    entry = Movement.objects.filter(item_id=world.items[0]).first()
    Movement.objects.create(
        item_id=entry.item_id, lot_id=entry.lot_id, customer_id=entry.customer_id,
        kind="issue", quantity=Decimal("-999"),
    )  # fmt: skip
    check = load_checks.stock_never_negative(Facts())
    assert not check.passed and "an item below zero: 1" in check.detail


def test_a_server_error_or_an_unexpected_answer_fails_the_run(world):
    facts = Facts(
        samples=[Sample("stock.issue", 500, 3.0, False), Sample("item.edit", 403, 2, False)]
    )
    assert not _check("no 5xx answer", facts, world).passed
    assert "item.edit 403" in _check("every answer expected", facts, world).detail


def test_the_load_refuses_a_database_holding_tables_it_did_not_make(tmp_path):
    path = tmp_path / "real.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (id integer)")
    with pytest.raises(load.Refused):
        load.prepare_database(f"sqlite:///{path}")
    assert path.exists()


def test_the_load_makes_its_own_sqlite_database_afresh_each_run(tmp_path):
    path = tmp_path / "load.sqlite3"
    load.prepare_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE leftover (id integer)")
    load.prepare_database(f"sqlite:///{path}")
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert tables == {load.MARKER_TABLE}


def test_the_load_refuses_a_database_on_another_machine():
    with pytest.raises(load.Refused):
        load.prepare_database("postgres://postgres@db.example.com:5432/csc_load")
