"""`csc bench --only orders` runs end to end on a small order book and reports its figures
against the budgets; no timing is asserted here (the figures are the bench's output)."""

import json

import pytest
from django.core.management import call_command

from csc.bench.orders import NUMBER_PREFIX, OPERATIONS
from csc.orders.models import Order, OrderLine, Shipment, ShipmentLine

pytestmark = pytest.mark.django_db


def test_the_order_bench_generates_orders_lines_and_shipments_and_reports_each_kpi(tmp_path):
    path = tmp_path / "bench.json"
    call_command("bench", only="orders", runs=2, records=300, json=str(path))
    results = json.loads(path.read_text(encoding="utf-8"))["orders"]
    assert list(results) == [op.name for op in OPERATIONS]
    assert results["archive_search"]["budget"] == "p95_ms <= 80"
    for name in ("kpi_review_timeliness", "kpi_on_time_delivery"):
        assert results[name]["budget"] == "p95_ms <= 500 and vs_raw <= 1.5"
        assert results[name]["raw_sql_ms"] > 0 and results[name]["vs_raw"] > 0
        assert results[name]["rows"] == 12  # one row per month of the last full year
    assert Order.objects.filter(number__startswith=NUMBER_PREFIX).count() == 300
    assert 300 <= OrderLine.objects.count() <= 300 * 9
    assert Shipment.objects.exists()
    # Shipped lines carry customer and date for the complaint rates and PPM.
    line = ShipmentLine.objects.select_related("shipment").first()
    assert (line.customer_id, line.shipped_on) == (
        line.shipment.customer_id,
        line.shipment.shipped_on,
    )


def test_a_second_run_reuses_the_orders_already_there(tmp_path):
    call_command("bench", only="orders", runs=1, records=50)
    call_command("bench", only="orders", runs=1, records=50)
    assert Order.objects.count() == 50
