"""`csc bench --only kpi` runs on a small data set and reports the dashboard and pack figures;
no timing is asserted (the figures are the bench's output, not a test)."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_kpi_bench_reports_the_dashboard_both_ways_and_the_pack(tmp_path, media_root):
    path = tmp_path / "bench.json"
    call_command("bench", only="kpi", runs=2, records=300, json=str(path))
    figures = json.loads(path.read_text(encoding="utf-8"))["kpi"]
    assert figures["dashboard_snapshots"]["budget"] == "p95_ms <= 300"
    assert figures["dashboard_snapshots"]["indicators"] >= 14
    assert figures["dashboard_recomputed"]["rows"] == figures["dashboard_snapshots"]["rows"]
    assert figures["review_pack"]["pdf_kb"] > 0
