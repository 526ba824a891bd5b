"""`csc bench --only complaints` runs end to end on a small register and reports its figures
against the budgets; no timing is asserted (the figures are the bench's output, not a test)."""

import json

import pytest
from django.core.management import call_command

from csc.bench.complaints import OPERATIONS
from csc.complaints.models import Complaint, Discipline, EightD
from csc.orders.models import Shipment

pytestmark = pytest.mark.django_db


def _bench(tmp_path, records):
    path = tmp_path / "bench.json"
    call_command("bench", only="complaints", runs=2, records=records, json=str(path))
    return json.loads(path.read_text(encoding="utf-8"))["complaints"]


def test_the_complaint_bench_generates_8ds_and_reports_every_operation(tmp_path):
    results = _bench(tmp_path, 400)
    assert list(results) == [op.name for op in OPERATIONS]
    assert Complaint.objects.filter(number__startswith="BC-").count() == 400
    ours = Complaint.objects.filter(status__in=["accepted", "replied", "closed"]).count()
    assert EightD.objects.count() == ours > 0
    assert Discipline.objects.count() == 9 * ours
    assert Shipment.objects.exists()  # made by the orders bench, for rate and PPM
    for name, figures in results.items():
        assert figures["p50_ms"] <= figures["p95_ms"], name
    assert results["list_filtered"]["budget"] == "p95_ms <= 50"
    assert (
        results["kpi_rate"]["raw_ratio"] > 0 and results["kpi_pareto"]["queries"] == 4
    )  # from the tallies: 2 × (changes waiting? + sums)
    assert results["export_xlsx"]["rows"] == 400  # fewer than 100,000: all of them
    for name in ("search_0_5pct", "search_3pct", "search_2chars_1pct"):
        word = results[name]["word"]
        descriptions = Complaint.objects.values_list("description", flat=True)
        assert results[name]["rows"] == sum(word in text for text in descriptions), name
    assert results["global_search"]["groups"] >= 1
    # The generated complaints read like real ones through the ORM and the KPI code.
    assert Complaint.objects.filter(status="closed").exclude(cause_class="").exists()


def test_a_second_run_reuses_the_complaints_already_there(tmp_path):
    _bench(tmp_path, 120)
    _bench(tmp_path, 100)
    assert Complaint.objects.count() == 120
