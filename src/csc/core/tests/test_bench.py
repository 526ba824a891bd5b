"""`csc bench` runs end to end on a small data set and writes the promised JSON shape.

No timing is asserted here: the figures themselves are the bench's output, not a test.
"""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from csc.bench.customers import OPERATIONS
from csc.customers.models import Customer
from csc.testing import make_customer

pytestmark = pytest.mark.django_db


def run_bench(tmp_path, **options):
    path = tmp_path / "bench.json"
    call_command("bench", only="customers", runs=3, json=str(path), **options)
    return json.loads(path.read_text(encoding="utf-8"))


def test_bench_writes_every_customer_operation_with_its_figures_and_budget(tmp_path):
    results = run_bench(tmp_path, records=200)

    assert list(results) == ["customers"]
    customers = results["customers"]
    assert list(customers) == [op.name for op in OPERATIONS]
    for name, figures in customers.items():
        for key in ("p50_ms", "p95_ms", "rows"):
            assert isinstance(figures[key], int | float), f"{name}.{key} is {figures[key]!r}"
        assert figures["p50_ms"] <= figures["p95_ms"]
    assert customers["list_filtered"]["raw_sql_ms"] >= 0
    assert customers["list_search"]["raw_sql_ms"] >= 0
    assert customers["list_filtered"]["budget"] == "p95_ms <= 50"
    assert customers["create_api"]["budget_met"] in (True, False)
    # The HTML pages, each with the SQL it sends timed beside it and the page budget.
    for page in ("page_list", "page_detail"):
        assert customers[page]["budget"] == "p95_ms <= 30"
        assert 0 < customers[page]["raw_sql_ms"] < customers[page]["p50_ms"]
        assert customers[page]["queries"] >= 2 and customers[page]["variants"] > 1
    # Nothing is created after the export, so it wrote every customer.
    assert customers["export_xlsx"]["rows"] == Customer.objects.count()
    assert customers["export_xlsx"]["rows_per_s"] > 0


def test_bench_generates_the_customers_asked_for_and_reuses_them_next_time(tmp_path):
    run_bench(tmp_path, records=50)
    assert Customer.objects.filter(code__startswith="BN-").count() == 50

    run_bench(tmp_path, records=40)

    assert Customer.objects.filter(code__startswith="BN-").count() == 50


def test_bench_refuses_a_database_holding_real_customers(tmp_path):
    make_customer(name="真实客户有限公司")

    with pytest.raises(CommandError, match="did not make"):
        run_bench(tmp_path, records=10)

    assert not Customer.objects.filter(code__startswith="BN-").exists()


def test_bench_runs_beside_real_customers_when_forced(tmp_path):
    make_customer(name="真实客户有限公司")

    results = run_bench(tmp_path, records=20, force=True)

    assert results["customers"]["page_detail"]["rows"] == 1
    assert Customer.objects.filter(name="真实客户有限公司").exists()


def test_bench_runs_just_the_operations_asked_for(tmp_path):
    path = tmp_path / "pages.json"
    call_command("bench", only="customers", operations="page_", records=30, runs=2, json=str(path))
    results = json.loads(path.read_text(encoding="utf-8"))
    # The 360° page's panels arrive from their own addresses, timed as ``page_panels``.
    assert list(results["customers"]) == ["page_list", "page_detail", "page_panels"]


def test_bench_refuses_an_area_it_does_not_know(tmp_path):
    with pytest.raises(CommandError, match="unknown area"):
        call_command("bench", "--only", "customers,warehouse", runs=1)
