"""Benchmark of the customer master: list, search, 360° page, creation through the API, export.

Budgets at 100,000 customers on SQLite (issue #2): list p95 ≤ 50 ms, create p95 ≤ 20 ms,
export ≥ 20,000 rows/s with a peak memory under 300 MB.
"""

import json
import statistics
import tempfile
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection, transaction
from django.db.models import Count, Max
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from csc.core.models import User
from csc.customers.actions import export_customers
from csc.customers.choices import ABCClass, AdmissionStatus, CreditLevel, CustomerStatus
from csc.customers.models import ClassChange, Contact, Customer, CustomerAdmission

from . import data
from .harness import (
    PAGE_BUDGET,
    Operation,
    Samples,
    at_least,
    at_most,
    data_visible_to_child,
    get_ok,
    logged_in,
    measure,
    page_operations,
    run_in_child,
    summary,
    time_pages,
)

DEFAULT_RECORDS = 100_000
CODE_PREFIX = "BN-"
ADMISSION_PREFIX = "BA-"
BATCH = 2_000
EXPORT_RUNS = 3
ENGLISH_SHARE = 0.3
# Parts of names a user would type: brands, cities, trades, English words.
SEARCH_TERMS = [
    "恒达",
    "苏州",
    "精密",
    "汇源",
    "Apex",
    "Precision",
    "Gears",
    "宏泰",
    "东莞",
    "Valves",
]

CLASSES = {ABCClass.A: 10, ABCClass.B: 30, ABCClass.C: 60}
STATUSES = {
    CustomerStatus.ACTIVE: 85,
    CustomerStatus.INACTIVE: 7,
    CustomerStatus.PENDING: 5,
    CustomerStatus.REJECTED: 3,
}
CREDIT = {CreditLevel.I: 50, CreditLevel.II: 30, CreditLevel.III: 20}
CREDIT_DAYS = {CreditLevel.I: (15, 30), CreditLevel.II: (45, 60, 90), CreditLevel.III: (60, 90)}


def foreign_records():
    """Customers not looked after by a bench salesperson are someone's real data."""
    return Customer.objects.exclude(salesperson__username__startswith=data.USER_PREFIX).count()


@dataclass
class Context:
    users: dict
    records: int
    customer_ids: list
    regions: list
    search_terms: list

    @property
    def sales(self):
        return self.users["sales-1"]


def generate(records, log):
    """Make sure at least ``records`` customers exist; return what the operations need."""
    users = data.bench_users()
    have = Customer.objects.count()
    if have < records:
        started = time.perf_counter()
        _add_customers(records - have, users, log)
        data.settle()
        log(f"customers: generated {records - have:,} in {time.perf_counter() - started:.1f} s")
    else:
        log(f"customers: reusing the {have:,} customers already there")
    return Context(
        users=users,
        records=Customer.objects.count(),
        customer_ids=_sample_ids(500),
        regions=_top_regions(4),
        search_terms=SEARCH_TERMS,
    )


def _sample_ids(count):
    ids = list(Customer.objects.values_list("pk", flat=True))
    return data.seeded(7).sample(ids, min(count, len(ids)))


def _top_regions(count):
    rows = (
        Customer.objects.values("region")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("region", flat=True)[:count]
    )
    return [r for r in rows if r]


# --- data generator ----------------------------------------------------------------------
# Rows are plain dicts keyed by column attribute name, inserted with data.insert_rows.


def _add_customers(count, users, log):
    salespeople = [u.pk for key, u in users.items() if key.startswith("sales")]
    approvers = {"I": users["vp"].pk, "II": users["vp"].pk, "III": users["vp-assistant"].pk}
    first = _next_code_number()
    rng = data.seeded(first)
    done = 0
    for batch in data.in_batches(range(first, first + count), BATCH):
        customers = [_customer(number, rng, salespeople) for number in batch]
        with transaction.atomic():
            data.insert_rows(Customer, customers)
            _read_ids(customers)
            data.insert_rows(Contact, list(_contacts(customers, rng)))
            data.insert_rows(ClassChange, list(_class_changes(customers, rng, salespeople[0])))
            data.insert_rows(CustomerAdmission, list(_admissions(customers, rng, approvers)))
        done += len(batch)
        if done % 20_000 < BATCH:
            log(f"customers: {done:,} / {count:,}")


def _next_code_number():
    last = Customer.objects.filter(code__startswith=CODE_PREFIX).aggregate(m=Max("code"))["m"]
    return int(last[len(CODE_PREFIX) :]) + 1 if last else 1


def _read_ids(customers):
    """Give each inserted row its id, read back by the batch's range of (sequential) codes."""
    codes = Customer.objects.filter(
        code__gte=customers[0]["code"], code__lte=customers[-1]["code"]
    ).values_list("code", "pk")
    ids = dict(codes)
    for customer in customers:
        customer["id"] = ids[customer["code"]]


def _customer(number, rng, salespeople):
    english = rng.random() < ENGLISH_SHARE
    if english:
        name, short, industry, (region, phone_prefix) = data.english_company(number)
        phone = f"{phone_prefix} {rng.randint(100, 999)} {rng.randint(1000000, 9999999)}"
        address, postal = f"{rng.randint(1, 999)} Industrial Park Road", ""
    else:
        name, short, trade, (city, region, area, postal3) = data.chinese_company(number)
        industry = data.INDUSTRIES[trade]
        phone = f"{area}-{rng.randint(5000_0000, 8999_9999)}"
        address = f"{city}市{rng.choice(data.DISTRICTS)}区{rng.choice(data.ROADS)}路{rng.randint(1, 999)}号"
        postal = f"{postal3}{rng.randint(0, 999):03d}"
    status = data.weighted(rng, STATUSES)
    level = data.weighted(rng, CREDIT) if status in ("active", "inactive") else ""
    account = str(rng.randint(10**18, 10**19 - 1)) if rng.random() < 0.7 else ""
    created = data.moment_in_last_years(rng, 5)
    return {
        "code": f"{CODE_PREFIX}{number:07d}",
        "name": name,
        "short_name": short,
        "address": address,
        "postal_code": postal,
        "phone": phone,
        "email": f"purchasing{number}@customer{number % 997}.example.com",
        "bank_name": rng.choice(data.BANKS) if account else "",
        "bank_account": account,  # encrypted by the field on insert, like any save
        "bank_account_tail": account[-4:],
        "industry": industry,
        "region": region,
        "abc_class": data.weighted(rng, CLASSES),
        "credit_level": level,
        "credit_days": rng.choice(CREDIT_DAYS[level]) if level else None,
        "status": status,
        "language": "en" if english else "zh-hans",
        "salesperson_id": rng.choice(salespeople),
        "notes": "年度框架协议客户，按季度评审。" if rng.random() < 0.05 else "",
        "created_at": created,
        "updated_at": created,
    }


def _contacts(customers, rng):
    for customer in customers:
        english = customer["language"] == "en"
        domain = customer["email"].split("@")[1]
        for primary in (True, False) if rng.random() < 0.3 else (True,):
            yield {
                "customer_id": customer["id"],
                "name": data.person(rng, english),
                "title": rng.choice(data.TITLES),
                "phone": customer["phone"],
                "email": f"{'buyer' if primary else 'sqe'}@{domain}",
                "is_primary": primary,
            }


def _class_changes(customers, rng, user_id):
    for customer in customers:
        if rng.random() < 0.1:
            now = customer["abc_class"]
            yield {
                "customer_id": customer["id"],
                "old_class": rng.choice([c for c in ABCClass.values if c != now]),
                "new_class": now,
                "reason": "年度客户分类评审",
                "changed_by_id": user_id,
                "changed_at": customer["created_at"],
            }


ADMISSION_OF = {
    CustomerStatus.ACTIVE: AdmissionStatus.APPROVED,
    CustomerStatus.INACTIVE: AdmissionStatus.APPROVED,
    CustomerStatus.REJECTED: AdmissionStatus.REJECTED,
    CustomerStatus.PENDING: AdmissionStatus.SUBMITTED,
}


def _admissions(customers, rng, approvers):
    """Customers admitted in the system (the rest came from the paper ledger by import)."""
    for customer in customers:
        if rng.random() >= 0.4:
            continue
        status = ADMISSION_OF[customer["status"]]
        level = customer["credit_level"] or CreditLevel.I
        decided = status in (AdmissionStatus.APPROVED, AdmissionStatus.REJECTED)
        yield {
            "number": f"{ADMISSION_PREFIX}{customer['code'][len(CODE_PREFIX) :]}",
            "customer_id": customer["id"],
            "requested_level": level,
            "requested_days": customer["credit_days"] or 30,
            "investigation": "已实地考察，经营正常，付款记录良好。",
            "status": status,
            "applicant_id": customer["salesperson_id"],
            "created_at": customer["created_at"],
            "submitted_at": customer["created_at"],
            "decided_by_id": approvers[level] if decided else None,
            "decided_at": customer["created_at"] if decided else None,
        }


# --- operations --------------------------------------------------------------------------


def _list_urls(context):
    base = reverse("customers:list")
    urls = []
    for region in [None, *context.regions[:3]]:
        for abc in ABCClass.values:
            for ordering in ("name", "-created_at"):
                query = {"abc_class": abc, "status": "active", "ordering": ordering}
                if region:
                    query["region"] = region
                urls.append(f"{base}?{urlencode(query)}")
    return urls


def _search_urls(context):
    base = reverse("customers:list")
    return [f"{base}?{urlencode({'q': term})}" for term in context.search_terms]


def _page_sql(client, url):
    """Return the (sql, params) of the customer queries the page ran: the COUNT and the page."""
    captured = []

    def capture(execute, sql, params, many, context):
        if '"customers_customer"' in sql:
            captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        get_ok(client, url)
    return captured


def _run_sql(queries):
    """Execute the page's queries with a plain cursor; return (rows on the page, rows matched).

    The page is the last query; the match count is the COUNT's, or for a search paged from
    its list of ids, the length of that list.
    """
    results = []
    with connection.cursor() as cursor:
        for sql, params in queries:
            cursor.execute(sql, params)
            results.append((sql, cursor.fetchall()))
    if not results:
        return 0, 0
    counts = [rows[0][0] for sql, rows in results if "COUNT(" in sql.upper()]
    return len(results[-1][1]), counts[0] if counts else len(results[0][1])


def _time_list(urls, context, plan):
    urls = urls[: plan.warmup + plan.runs]  # the variants this run will use, no more
    client = logged_in(context.sales)
    samples = measure(lambda i: get_ok(client, urls[i % len(urls)]), plan)
    queries = [_page_sql(client, url) for url in urls]
    sizes = [_run_sql(q) for q in queries]
    raw = measure(lambda i: _run_sql(queries[i % len(queries)]), plan)
    raw_summary = summary(raw)
    return {
        **summary(samples),
        "raw_sql_ms": raw_summary["p50_ms"],
        "raw_sql_p95_ms": raw_summary["p95_ms"],
        "rows": int(statistics.median(rows for rows, _matched in sizes)),
        "matched": int(statistics.median(matched for _rows, matched in sizes)),
        "variants": len(urls),
        "runs": plan.runs,
        "records": context.records,
    }


def list_filtered(context, plan):
    """Page 1 of the customer list filtered by class, status and region, sorted."""
    return _time_list(_list_urls(context), context, plan)


def list_search(context, plan):
    """Page 1 of the customer list searched by part of a name."""
    return _time_list(_search_urls(context), context, plan)


def create_api(context, plan):
    """POST /api/v1/customers/ with an admission application, as a salesperson with a token."""
    token, _created = Token.objects.get_or_create(user=context.sales)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = reverse("customer-list")
    batch = uuid.uuid4().hex[:8]

    def create(i):
        body = _new_customer_body(f"{batch}-{i}")
        response = client.post(url, json.dumps(body), content_type="application/json")
        if response.status_code != 201:
            raise RuntimeError(f"POST {url} answered {response.status_code}: {response.content!r}")

    samples = measure(create, plan)
    return {**summary(samples), "rows": 1, "runs": plan.runs, "records": context.records}


def _new_customer_body(tag):
    return {
        "name": f"基准新客户{tag}有限公司",
        "short_name": "基准",
        "address": "苏州市工业园区星湖街328号",
        "phone": "0512-62880000",
        "email": f"buyer-{tag}@bench.example.com",
        "bank_name": "中国工商银行",
        "bank_account": "6222020200112233445",
        "industry": "汽车",
        "region": "江苏",
        "admission": {
            "requested_level": "I",
            "requested_days": 30,
            "business_scope": "汽车座椅骨架冲压件",
            "investigation": "已实地考察，产能与资质符合要求。",
        },
    }


def export_task(username, runs):
    """Export every customer ``runs`` times as ``username``; runs in a child process."""
    actor = User.objects.get(username=username)
    samples, cpu, rows, size = [], [], 0, 0
    for _run in range(runs):
        with tempfile.TemporaryFile(suffix=".xlsx") as target:
            started, started_cpu = time.perf_counter(), time.process_time()
            rows = export_customers(actor, target)
            cpu.append((time.process_time() - started_cpu) * 1000)
            samples.append((time.perf_counter() - started) * 1000)
            size = target.seek(0, 2)
    return {"samples_ms": samples, "cpu_ms": cpu, "rows": rows, "file_mb": round(size / 2**20, 1)}


def export_xlsx(context, plan):
    """Excel export of all customers; peak memory measured in a process of its own."""
    runs = EXPORT_RUNS if plan.runs >= EXPORT_RUNS else 1
    if data_visible_to_child():
        result = run_in_child(
            "csc.bench.customers:export_task", username=context.sales.username, runs=runs
        )
    else:
        # Inside a test transaction no other process sees the rows: export here, memory unknown.
        result = {**export_task(context.sales.username, runs), "peak_mb": None}
    samples = Samples(result.pop("samples_ms"), result.pop("cpu_ms"))
    figures = summary(samples)
    seconds = figures["p50_ms"] / 1000
    return {
        **figures,
        "rows": result["rows"],
        "seconds": round(seconds, 2),
        "rows_per_s": round(result["rows"] / seconds) if seconds else None,
        "peak_mb": result["peak_mb"],
        "file_mb": result["file_mb"],
        "runs": runs,
        "records": context.records,
    }


LIST_BUDGET = (at_most("p95_ms", 50),)

OPERATIONS = [
    Operation("list_filtered", list_filtered, LIST_BUDGET),
    Operation("list_search", list_search, LIST_BUDGET),
    Operation("create_api", create_api, (at_most("p95_ms", 20),)),
    Operation(
        "export_xlsx", export_xlsx, (at_least("rows_per_s", 20_000), at_most("peak_mb", 300))
    ),
]


def _ledger_pages(context):
    """The customer list as Sales opens it: unfiltered, then by class, status and region."""
    return context.sales, [reverse("customers:list"), *_list_urls(context)[:5]]


def _customer_pages(context):
    """The 360° pages of customers spread over the whole list."""
    ids = context.customer_ids[:20]
    return context.sales, [reverse("customers:detail", args=[pk]) for pk in ids]


OPERATIONS += page_operations(_ledger_pages, _customer_pages)


def _panel_pages(context):
    """The 360° panels Sales sees, which the page fetches after itself: every panel of every
    sampled customer, in rounds that each hold every panel once on different customers, so
    the timed runs cover all panels however few they are."""
    from csc.customers.panels import panels_for

    ids = context.customer_ids[:20]
    first = Customer.objects.get(pk=ids[0])
    keys = [panel.key for panel in panels_for(first, context.sales)]
    urls = [
        reverse("customers:panel", args=[ids[(i + r) % len(ids)], key])
        for r in range(len(ids))
        for i, key in enumerate(keys)
    ]
    return context.sales, urls


def page_panels(context, plan):
    """GET of the 360° page's panels one by one, within the page budget each."""
    user, urls = _panel_pages(context)
    return {**time_pages(user, urls, plan), "rows": 1, "records": context.records}


OPERATIONS.append(Operation("page_panels", page_panels, PAGE_BUDGET))
