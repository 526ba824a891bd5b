"""`csc bench --only service` runs end to end on a small register and reports its figures
against the budgets; no timing is asserted (the figures are the bench's output, not a test)."""

import json

import pytest
from django.core.management import call_command

from csc.bench import service as service_bench
from csc.bench.service import OPERATIONS
from csc.service.models import ServiceRequest

pytestmark = pytest.mark.django_db


def test_the_service_bench_reports_every_operation(tmp_path, monkeypatch):
    monkeypatch.setattr(service_bench, "INTAKE_MAILS", 50)  # 1,000 in a real run
    path = tmp_path / "bench.json"
    call_command("bench", only="service", runs=2, records=300, json=str(path))
    results = json.loads(path.read_text(encoding="utf-8"))["service"]
    assert list(results) == [op.name for op in OPERATIONS]
    assert ServiceRequest.objects.filter(number__startswith="BS-").count() == 300
    assert results["sla_report_year"]["raw_ratio"] > 0
    assert results["imap_intake"]["rows"] == 50
    assert results["sla_report_year"]["stored_seconds"] >= 0
