"""`csc bench --only after_sales` runs end to end on a small ledger and reports its figures
against the budgets; no timing is asserted here (the figures are the bench's output)."""

import json

import pytest
from django.core.management import call_command

from csc.aftersales.models import FieldServiceRecord, WarrantyClaim
from csc.bench.after_sales import FIELD_PREFIX, NUMBER_PREFIX, OPERATIONS

pytestmark = pytest.mark.django_db


def test_the_after_sales_bench_makes_claims_and_purchases_and_reports_each_budget(tmp_path):
    path = tmp_path / "bench.json"
    call_command("bench", only="after_sales", runs=2, records=300, json=str(path))
    results = json.loads(path.read_text(encoding="utf-8"))["after_sales"]
    assert list(results) == [op.name for op in OPERATIONS]
    assert results["claim_ledger"]["budget"] == "p95_ms <= 50"
    assert results["eligibility"]["budget"] == "p95_ms <= 5"
    assert results["early_warning_job"]["rows"] >= 1  # the planted drops are found
    assert results["field_records_list"]["budget"] == "p95_ms <= 50"
    assert results["service_report_month"]["budget"] == "p95_ms <= 2000"
    assert FieldServiceRecord.objects.filter(number__startswith=FIELD_PREFIX).count() == 1500
    assert WarrantyClaim.objects.filter(number__startswith=NUMBER_PREFIX).count() == 300
