"""Benchmark of the indicators (issue #14): the dashboard from snapshots and
recomputed, and the management review pack.

Budgets at 1,000,000 complaints / 200,000 orders: dashboard with every indicator over 24 months
p95 ≤ 300 ms from snapshots and ≤ 2 s recomputed; a year's management review pack ≤ 30 s with
flat memory (its own process, peak memory reported). The data is the complaints bench's (which
lets the orders bench make the shipments); ``--records`` is the number of complaints.
"""

import datetime as dt
import time
from dataclasses import dataclass

from django.utils import timezone

from csc.kpi import actions, indicators, pack, values
from csc.kpi.models import ManagementReview, Snapshot

from . import complaints, data
from .harness import Operation, at_most, data_visible_to_child, measure, run_in_child, summary

DEFAULT_RECORDS = 1_000_000
MONTHS = 24
NUMBER_PREFIX = "MR-BENCH-"


def foreign_records():
    return complaints.foreign_records()


@dataclass
class Context:
    user: object
    records: int
    review: object
    snapshot_seconds: float


def generate(records, log):
    complaints.generate(records, log)
    user = data.bench_users()["mr"]
    today = timezone.localdate()
    started = time.perf_counter()
    for start in indicators.periods_back(today, MONTHS + 1)[:-1]:
        actions.record_snapshots(start, today)
    seconds = time.perf_counter() - started
    log(f"kpi: snapshots of {MONTHS} months recorded in {seconds:.1f} s ({Snapshot.objects.count():,} values)")  # fmt: skip
    return Context(user=user, records=records, review=_review(user, today), snapshot_seconds=round(seconds, 1))  # fmt: skip


def _review(user, today):
    review = ManagementReview.objects.filter(number__startswith=NUMBER_PREFIX).first()
    if review is not None:
        return review
    last = indicators.periods_back(today, 2)[0]
    first = indicators.periods_back(last, 12)[0]
    return ManagementReview.objects.create(
        number=f"{NUMBER_PREFIX}1",
        title="bench",
        period_start=first,
        period_end=indicators.next_period(last) - dt.timedelta(days=1),
        created_by=user,
    )


def _dashboard(live):
    def run(context, plan):
        samples = measure(lambda i: values.rows(periods=MONTHS, live=live), plan)
        rows = values.rows(periods=MONTHS, live=live)
        return {
            **summary(samples),
            "rows": sum(len(r.points) for r in rows),
            "indicators": len(rows),
            "records": context.records,
            "snapshot_seconds": context.snapshot_seconds,
        }

    return run


def pack_task(review):
    """Build the pack of ``review`` (an id); return its timing and size."""
    started = time.perf_counter()
    pdf, xlsx = pack.build(ManagementReview.objects.get(pk=review))
    return {"seconds": time.perf_counter() - started, "pdf_kb": len(pdf) // 1024, "xlsx_kb": len(xlsx) // 1024}  # fmt: skip


def review_pack(context, plan):
    if data_visible_to_child():
        result = run_in_child("csc.bench.kpi:pack_task", review=context.review.pk)
    else:  # inside a test transaction another process sees nothing: build it here
        result = {**pack_task(context.review.pk), "peak_mb": None}
    ms = round(result["seconds"] * 1000, 2)
    return {
        "p50_ms": ms,
        "p95_ms": ms,
        "rows": len(indicators.every()),
        "peak_mb": result["peak_mb"],
        "pdf_kb": result["pdf_kb"],
        "xlsx_kb": result["xlsx_kb"],
        "records": context.records,
    }


OPERATIONS = [
    Operation("dashboard_snapshots", _dashboard(False), (at_most("p95_ms", 300),)),
    Operation("dashboard_recomputed", _dashboard(True), (at_most("p95_ms", 2000),)),
    Operation("review_pack", review_pack, (at_most("p95_ms", 30_000), at_most("peak_mb", 300))),
]
