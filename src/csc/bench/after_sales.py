"""Benchmark of after-sales (issue 13): the 三包 claim ledger, the eligibility decision and the
early-warning job.

Budgets: claim ledger page p95 ≤ 50 ms at 200,000 claims; the eligibility decision (the terms
that apply, with any service agreement, and the coverage engine) p95 ≤ 5 ms; the early-warning
signals over 10,000 customers × 36 months of purchases ≤ 10 s; the field service records list
p95 ≤ 50 ms at 1,000,000 records; the monthly and the semi-annual service summary ≤ 2 s.
``--records`` sets the number of claims (five field records per claim); the customers with a
purchase history scale with it up to 10,000.
"""

import datetime as dt
import time
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from csc.aftersales import earlywarning
from csc.aftersales.models import FieldServiceRecord, ServiceReceipt, ServiceStaff, WarrantyClaim
from csc.aftersales.rules import Terms, add_months, coverage, terms_for
from csc.aftersales.servicereport import Period
from csc.aftersales.servicereport import summary as service_summary
from csc.customers.models import Customer, PurchaseVolume
from csc.orders.models import ShipmentLine

from . import data
from .harness import Operation, at_most, get_ok, logged_in, measure, page_operations, summary

DEFAULT_RECORDS = 200_000
NUMBER_PREFIX = "BWC-"
FIELD_PREFIX = "BFS-"
FIELD_PER_CLAIM = 5
MONTHS = 36
MAX_CUSTOMERS = 10_000
SHIPMENTS = 2_000
BATCH = 5_000
_STANDARD = Terms(12, 30_000)
STATUSES = ["registered"] * 2 + ["assessed"] * 2 + ["decided"] * 3 + ["closed"] * 12 + ["void"]
DECISIONS = ["repair"] * 6 + ["replace"] * 2 + ["refund", "reject", "ntf"]


def foreign_records():
    """Claims and field records not numbered by the bench are someone's real ledger."""
    claims = WarrantyClaim.objects.exclude(number__startswith=NUMBER_PREFIX).count()
    return claims + FieldServiceRecord.objects.exclude(number__startswith=FIELD_PREFIX).count()


@dataclass
class Context:
    user: object
    records: int
    customers: int
    claim_ids: list
    customer_ids: list
    period: dt.date
    field_records: int = 0


def generate(records, log):
    users = data.bench_users()
    shipments = _shipments(records, log)
    customer_ids = _customers(min(MAX_CUSTOMERS, max(100, records // 20)), log)
    have = WarrantyClaim.objects.filter(number__startswith=NUMBER_PREFIX).count()
    if have < records:
        started = time.perf_counter()
        _add_claims(records - have, have, shipments, users["admin"])
        log(f"after_sales: {records - have:,} claims in {time.perf_counter() - started:.1f} s")
    period = timezone.localdate().replace(day=1)
    _add_purchases(customer_ids, period, log)
    _add_field_records(records * FIELD_PER_CLAIM, customer_ids, users["sales-1"], log)
    rng = data.seeded(13)
    ids = list(WarrantyClaim.objects.filter(number__startswith=NUMBER_PREFIX).values_list("pk", flat=True)[:20_000])  # fmt: skip
    return Context(
        user=users["quality"],
        records=WarrantyClaim.objects.count(),
        customers=len(customer_ids),
        claim_ids=rng.sample(ids, min(500, len(ids))),
        customer_ids=rng.sample(customer_ids, min(50, len(customer_ids))),
        period=period,
        field_records=FieldServiceRecord.objects.count(),
    )


def _customers(count, log):
    if Customer.objects.count() < count:
        from . import customers

        customers.generate(count, log)
    return list(Customer.objects.order_by("pk").values_list("pk", flat=True)[:count])


def _shipments(records, log):
    """Return [(shipment id, customer id, product id, delivered on)] the claims refer to,
    from the orders bench's shipments (made here when the orders bench has not run)."""
    lines = ShipmentLine.objects.filter(shipment__delivered_on__isnull=False)
    if not lines.exists():
        from . import orders

        orders.generate(max(300, min(5_000, records // 40)), log)
    rows = lines.values_list("shipment_id", "customer_id", "product_id", "shipment__delivered_on")
    return list(rows[:SHIPMENTS])


def _add_claims(count, have, shipments, user):
    rng = data.seeded(have + 1)
    now = timezone.now()
    for batch in data.in_batches(range(have + 1, have + count + 1), BATCH):
        rows = [_claim(n, rng.choice(shipments), rng, user, now) for n in batch]
        with transaction.atomic():
            WarrantyClaim.objects.bulk_create(rows, batch_size=1000)


def _claim(n, shipment, rng, user, now):
    shipment_id, customer_id, product_id, delivered = shipment
    failed = min(delivered + dt.timedelta(days=rng.randint(1, 500)), now.date())
    status = rng.choice(STATUSES)
    decided = status in ("decided", "closed")
    registered = now - dt.timedelta(days=rng.randint(0, 1800), minutes=rng.randint(0, 1440))
    result = coverage(_STANDARD, delivered, failed, rng.randint(0, 45_000), "manufacturing")
    return WarrantyClaim(
        number=f"{NUMBER_PREFIX}{n:07d}", customer_id=customer_id, product_id=product_id,
        shipment_id=shipment_id, purchased_on=delivered, failed_on=failed,
        mileage_km=rng.randint(0, 45_000), description="制动异响", status=status,
        coverage_ends_on=result.ends_on, coverage_km=result.km_limit, covered=result.covered,
        coverage_reason=result.reason, defect_kind="manufacturing",
        decision=(rng.choice(DECISIONS) if result.covered else "reject") if decided else "",
        parts_cost=Decimal(rng.randint(0, 2000)), registered_by=user, registered_at=registered,
        decided_at=registered + dt.timedelta(days=rng.randint(1, 20)) if decided else None,
    )  # fmt: skip


def _add_purchases(customer_ids, period, log):
    """36 months of purchases per customer; one in ten drops by half in the last quarter."""
    first = add_months(period, -MONTHS)
    have = PurchaseVolume.objects.filter(period__gte=first, period__lt=period).count()
    if have >= len(customer_ids) * MONTHS * 0.9:
        return
    rng = data.seeded(5)
    started = time.perf_counter()
    months = [add_months(first, i) for i in range(MONTHS)]
    for chunk in data.in_batches(customer_ids, 500):
        rows = []
        for customer_id in chunk:
            level, drops = rng.randint(20_000, 500_000), rng.random() < 0.1
            for index, month in enumerate(months):
                factor = 0.5 if drops and index >= MONTHS - 3 else rng.uniform(0.85, 1.15)
                rows.append(PurchaseVolume(customer_id=customer_id, period=month, quantity=level // 100, amount=Decimal(round(level * factor, 2))))  # fmt: skip
        PurchaseVolume.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    log(f"after_sales: purchases of {len(customer_ids):,} customers in {time.perf_counter() - started:.1f} s")  # fmt: skip


def _add_field_records(count, customer_ids, user, log):
    """Field jobs over five years; nine in ten completed and signed (receipts without a drawing)."""
    have = FieldServiceRecord.objects.filter(number__startswith=FIELD_PREFIX).count()
    if have >= count:
        return
    staff, _created = ServiceStaff.objects.get_or_create(person=user, defaults={"posting": "travelling"})  # fmt: skip
    rng = data.seeded(have + 7)
    now = timezone.now()
    started = time.perf_counter()
    for batch in data.in_batches(range(have + 1, count + 1), BATCH):
        rows = [_field_record(n, rng, staff, customer_ids, user, now) for n in batch]
        with transaction.atomic():
            made = FieldServiceRecord.objects.bulk_create(rows, batch_size=1000)
            receipts = [
                ServiceReceipt(
                    record=r, method="link", signer_name="客户", signed_at=r.completed_at
                )
                for r in made
                if r.status == "signed"
            ]
            ServiceReceipt.objects.bulk_create(receipts, batch_size=1000)
    log(f"after_sales: {count - have:,} field records in {time.perf_counter() - started:.1f} s")


def _field_record(n, rng, staff, customer_ids, user, now):
    found = now - dt.timedelta(days=rng.randint(0, 1800), minutes=rng.randint(0, 1440))
    status = "signed" if rng.random() < 0.9 else rng.choice(["open", "completed", "void"])
    done = found + dt.timedelta(hours=rng.randint(2, 72)) if status in ("signed", "completed") else None  # fmt: skip
    return FieldServiceRecord(
        number=f"{FIELD_PREFIX}{n:08d}", customer_id=rng.choice(customer_ids), staff=staff,
        stage=rng.choice(["installation", "in_use", "in_use", "maintenance"]), found_at=found,
        defect="制动钳漏油", outcome="repaired" if done else "", result="更换密封圈" if done else "",
        work_hours=Decimal(rng.randint(1, 16)) / 2, travel_hours=Decimal(rng.randint(0, 8)),
        travel_km=rng.randint(0, 600), status=status, created_by=user, created_at=found,
        completed_at=done,
    )  # fmt: skip


# --- operations --------------------------------------------------------------------------


def claim_ledger(context, plan):
    """Page 1 of the 三包 claim ledger: unfiltered, by status, by customer, by coverage."""
    client = logged_in(context.user)
    base = reverse("aftersales:claims")
    urls = [base, f"{base}?status=registered", f"{base}?coverage_reason=period_ended"]
    urls += [f"{base}?customer={pk}" for pk in context.customer_ids[:20]]
    samples = measure(lambda i: get_ok(client, urls[i % len(urls)]), plan)
    return {**summary(samples), "rows": 50, "variants": len(urls), "runs": plan.runs, "records": context.records}  # fmt: skip


def eligibility(context, plan):
    """The decision of cover for one claim: its terms (agreement lookup) and the engine."""
    claims = list(
        WarrantyClaim.objects.filter(pk__in=context.claim_ids).values_list(
            "customer_id", "product_id", "purchased_on", "failed_on", "mileage_km"
        )
    )

    def decide(i):
        customer, product, bought, failed, km = claims[i % len(claims)]
        coverage(terms_for(customer, product, bought), bought, failed, km, "manufacturing")

    samples = measure(decide, plan)
    return {**summary(samples), "rows": 1, "runs": plan.runs, "records": context.records}


def early_warning_job(context, plan):
    """Every signal of the month over all customers' purchase history (read only: the job's
    writes are a handful of rows)."""
    runs = type(plan)(runs=min(plan.runs, 5), warmup=1, log=plan.log)

    def scan(_i):
        return [s for find in earlywarning.SIGNALS for s in find(context.period)]

    flagged = len(scan(0))
    samples = measure(scan, runs)
    return {**summary(samples), "rows": flagged, "customers": context.customers, "months": MONTHS, "runs": runs.runs}  # fmt: skip


def field_records_list(context, plan):
    """Page 1 of the field service records: unfiltered, by status, by stage, by customer."""
    client = logged_in(context.user)
    base = reverse("aftersales:field-records")
    urls = [base, f"{base}?status=open", f"{base}?stage=installation"]
    urls += [f"{base}?customer={pk}" for pk in context.customer_ids[:20]]
    samples = measure(lambda i: get_ok(client, urls[i % len(urls)]), plan)
    return {**summary(samples), "rows": 25, "variants": len(urls), "runs": plan.runs, "records": context.field_records}  # fmt: skip


def service_report_month(context, plan):
    """The service summary of the last complete month and of the year (SQL aggregates)."""
    runs = type(plan)(runs=min(plan.runs, 10), warmup=1, log=plan.log)
    last = context.period - dt.timedelta(days=1)
    periods = [Period(last.year, last.month), Period(last.year)]
    samples = measure(lambda i: service_summary(periods[i % 2]), runs)
    return {**summary(samples), "rows": 1, "runs": runs.runs, "records": context.field_records}


def service_report_half(context, plan):
    """The semi-annual service work summary (S2 5.9.6) of the last complete half year, broken
    down by month."""
    runs = type(plan)(runs=min(plan.runs, 10), warmup=1, log=plan.log)
    last = context.period - dt.timedelta(days=1)
    half = Period(last.year, half=1) if last.month <= 6 else Period(last.year, half=2)
    if half.end > context.period:
        half = Period(last.year - 1, half=2) if half.half == 1 else Period(last.year, half=1)
    samples = measure(lambda _i: service_summary(half), runs)
    return {**summary(samples), "rows": 1, "period": f"{half.start}..{half.end}", "runs": runs.runs, "records": context.field_records}  # fmt: skip


OPERATIONS = [
    Operation("claim_ledger", claim_ledger, (at_most("p95_ms", 50),)),
    Operation("eligibility", eligibility, (at_most("p95_ms", 5),)),
    Operation("early_warning_job", early_warning_job, (at_most("p95_ms", 10_000),)),
    Operation("field_records_list", field_records_list, (at_most("p95_ms", 50),)),
    Operation("service_report_month", service_report_month, (at_most("p95_ms", 2_000),)),
    Operation("service_report_half", service_report_half, (at_most("p95_ms", 2_000),)),
]


def _claim_pages(context):
    """The 三包 claim ledger: unfiltered, by status, by coverage and by customer."""
    base = reverse("aftersales:claims")
    urls = [base, f"{base}?status=registered", f"{base}?coverage_reason=period_ended"]
    return context.user, [*urls, *(f"{base}?customer={pk}" for pk in context.customer_ids[:3])]


def _claim_detail_pages(context):
    """Claims' pages: the decision of cover with its reason, costs, parts and history."""
    return context.user, [reverse("aftersales:claim", args=[pk]) for pk in context.claim_ids[:20]]


OPERATIONS += page_operations(_claim_pages, _claim_detail_pages)
