"""`csc bench --only recalls` runs on a small order book and reports the distribution figures;
no timing is asserted (the figures are the bench's output, not a test)."""

import json

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_recall_bench_reports_the_distribution_of_a_lot(tmp_path):
    path = tmp_path / "bench.json"
    call_command("bench", only="recalls", runs=2, records=500, json=str(path))
    figures = json.loads(path.read_text(encoding="utf-8"))["recalls"]["distribution"]
    assert figures["budget"] == "p95_ms <= 200"
    assert figures["rows"] > 0 and figures["records"] >= 450
