"""`csc bench --only documents` prints each single-record form through its page and reports it.

No timing is asserted: the figures are the bench's output, not a test.
"""

import json

import pytest
from django.core.management import call_command

from csc.bench.documents import OPERATIONS

pytestmark = pytest.mark.django_db


def test_bench_prints_every_form_with_its_figures_and_budget(tmp_path):
    path = tmp_path / "bench.json"
    call_command("bench", only="documents", records=2, runs=2, json=str(path))
    results = json.loads(path.read_text(encoding="utf-8"))["documents"]

    assert list(results) == [op.name for op in OPERATIONS]
    for name, figures in results.items():
        if name == "pdf_cold_first":
            continue
        assert 0 < figures["p50_ms"] <= figures["p95_ms"], name
        assert figures["rows"] == 1 and figures["kb"] > 5, name
        assert figures["budget"] == ("p95_ms <= 800" if name == "pdf_8d" else "p95_ms <= 500")
        assert figures["budget_met"] in (True, False)
    # Inside the test transaction a fresh process would not see the records: not measured.
    assert results["pdf_cold_first"]["fresh_process"] is False
