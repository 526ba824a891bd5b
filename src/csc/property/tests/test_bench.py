"""`csc bench --only property` runs end to end on a small register and reports its figures
against the budgets; no timing is asserted here (the figures are the bench's output)."""

import json

import pytest
from django.core.management import call_command
from django.db.models import Min, Sum

from csc.bench.property import MOVEMENTS_PER_ITEM, NUMBER_PREFIX, OPERATIONS
from csc.property.models import Movement, PropertyItem

pytestmark = pytest.mark.django_db


def test_the_property_bench_generates_a_ledger_and_reports_each_operation(tmp_path):
    path = tmp_path / "bench.json"
    call_command("bench", only="property", runs=2, records=60, json=str(path))
    results = json.loads(path.read_text(encoding="utf-8"))["property"]
    assert list(results) == [op.name for op in OPERATIONS]
    assert results["balance_at_date"]["budget"] == "p95_ms <= 20"
    assert results["register_by_customer"]["budget"] == "p95_ms <= 50"
    for figures in results.values():
        assert figures["p50_ms"] <= figures["p95_ms"]
    assert results["balance_at_date"]["raw_sql_ms"] >= 0
    assert PropertyItem.objects.filter(number__startswith=NUMBER_PREFIX).count() == 60
    entries = Movement.objects.count()
    assert 30 * 60 <= entries <= (MOVEMENTS_PER_ITEM + 8) * 60
    lots = Movement.objects.values("lot").annotate(total=Sum("quantity"))
    assert lots.aggregate(low=Min("total"))["low"] >= 0  # no lot ever goes below zero


def test_a_second_run_reuses_the_register_already_there(tmp_path):
    call_command("bench", only="property", runs=1, records=20)
    entries = Movement.objects.count()
    call_command("bench", only="property", runs=1, records=20)
    assert PropertyItem.objects.count() == 20
    assert Movement.objects.count() == entries
