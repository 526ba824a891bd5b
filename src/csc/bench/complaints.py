"""Benchmark of complaints: 1,000,000 complaints over five years, with their 8D reports.

Budgets on SQLite (issue #4): the complaint ledger filtered by status + department + month,
page 1, p95 ≤ 50 ms; one year's Pareto and complaint-rate KPIs p95 ≤ 500 ms and within 1.5× of
the raw SQL of the same aggregates; the Excel export of 100,000 complaints at ≥ 20,000 rows/s
under 300 MB peak memory. ``--records`` sets the number of complaints; 8D reports (one per
complaint found to be ours, nine disciplines each) scale with it.
"""

import datetime as dt
import json
import tempfile
import time
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from csc.complaints import kpis, tallies
from csc.complaints.actions import export_complaints
from csc.complaints.choices import CauseClass, Severity
from csc.complaints.models import Complaint, Discipline, EightD
from csc.core.models import Department, User
from csc.customers.models import Customer

from . import data
from .harness import (
    Operation,
    at_least,
    at_most,
    data_visible_to_child,
    get_ok,
    logged_in,
    measure,
    measure_with_sql,
    page_operations,
    spread_pks,
    summary,
)
from .harness import run_in_child as _run_in_child

DEFAULT_RECORDS = 1_000_000
NUMBER_PREFIX = "BC-"
HISTORY_DAYS = 5 * 365
BATCH = 10_000
BUYERS = 2_000
EXPORT_ROWS = 100_000
EXPORT_RUNS = 3
SHIPMENTS_WANTED = 1_000  # below this, the orders bench makes some first (for rate and PPM)

CATEGORIES = {"quality": 40, "tolerance": 15, "packaging": 12, "transport": 10, "not_as_ordered": 10, "service": 8, "hsf": 5}  # fmt: skip
SEVERITIES = {Severity.SIMPLE: 55, Severity.COMPLEX: 35, Severity.MAJOR: 10}
CAUSES = {"machine": 25, "method": 25, "man": 20, "material": 15, "measurement": 10, "environment": 5}  # fmt: skip
DEPARTMENTS = {"quality": 35, "production": 30, "engineering": 12, "materials": 10, "warehouse": 5, "marketing": 5, "service": 3}  # fmt: skip
OLD = {"closed": 72, "not_ours": 20, "void": 3, "replied": 5}
MIDDLE = {"closed": 30, "replied": 30, "accepted": 20, "not_ours": 18, "void": 2}
RECENT = {"registered": 30, "accepted": 40, "replied": 15, "not_ours": 15}
OURS = {"accepted", "replied", "closed"}
PROBLEMS = [
    "焊点开裂，装配时断裂", "孔径超差，无法装配", "表面划伤、压痕", "外箱受潮，标签脱落",
    "螺纹滑牙，扭矩不足", "Paint peeling after salt spray", "Burrs on stamped edges",
    "型号发错", "运输途中托盘倒塌", "Noise in motor at 3000 rpm", "镀层色差", "漏装垫片",
]  # fmt: skip
# Remarks added to some descriptions, at known rates, for the search operations: a rare word,
# a common one, and a two-character Chinese word (no trigram: the short-word path).
SEARCH_WORDS = {"密封圈老化": 0.005, "批次混料": 0.03, "漏水": 0.01}


def foreign_records():
    """Complaints not numbered by the bench are someone's real ledger."""
    return Complaint.objects.exclude(number__startswith=NUMBER_PREFIX).count()


@dataclass
class Context:
    user: object
    records: int
    eightds: int
    months: list
    departments: list
    year: int
    export_from: dt.datetime


def generate(records, log):
    """Make sure at least ``records`` bench complaints exist (with their 8D reports)."""
    users = data.bench_users()
    _shipments(records, log)
    have = Complaint.objects.filter(number__startswith=NUMBER_PREFIX).count()
    if have < records:
        started = time.perf_counter()
        made = _add_complaints(records - have, users, log)
        log(
            f"complaints: {records - have:,} complaints, {made:,} 8D reports "
            f"in {time.perf_counter() - started:.1f} s"
        )
        _after_bulk_load()
    else:
        log(f"complaints: reusing the {have:,} complaints already there")
    started = time.perf_counter()
    tallies.refresh()  # as the first reader after a load would: the timed reads are steady
    log(f"complaints: KPI tallies counted in {time.perf_counter() - started:.1f} s")
    today = timezone.localdate()
    return Context(
        user=users["quality"],
        records=Complaint.objects.count(),
        eightds=EightD.objects.count(),
        months=_months(today),
        departments=list(
            Department.objects.filter(code__in=["quality", "production", "engineering"])
            .order_by("code")
            .values_list("pk", flat=True)
        ),
        year=today.year - 1,
        export_from=_export_cutoff(),
    )


def _shipments(records, log):
    """Without shipments there is no rate or PPM: let the orders bench make some first."""
    from csc.orders.models import Shipment

    if Shipment.objects.count() < SHIPMENTS_WANTED:
        from . import orders

        wanted = min(20_000, max(200, records // 50))
        log(f"complaints: no shipments to rate against; the orders bench makes {wanted:,} orders")
        orders.generate(wanted, log)


def _months(today):
    """Months to filter the ledger by: the last year's, and some older ones."""
    first = today.replace(day=1)
    months = []
    for back in (1, 2, 3, 5, 8, 11, 14, 23, 35, 47):
        day = first
        for _ in range(back):
            day = (day - dt.timedelta(days=1)).replace(day=1)
        months.append(f"{day:%Y-%m}")
    return months


def _export_cutoff():
    """Return the receipt time from which the newest EXPORT_ROWS complaints were received."""
    times = Complaint.objects.order_by("-received_at").values_list("received_at", flat=True)
    cut = list(times[EXPORT_ROWS - 1 : EXPORT_ROWS])
    return cut[0] if cut else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def _after_bulk_load():
    """Refresh the planner's statistics, and PostgreSQL's id sequences (ids were given)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for sql in connection.ops.sequence_reset_sql(
                no_style(), [Complaint, EightD, Discipline]
            ):
                cursor.execute(sql)
        cursor.execute("ANALYZE")


# --- data generator ----------------------------------------------------------------------


def _add_complaints(count, users, log):
    ids = _next_ids()
    rng = data.seeded(ids["serial"])
    context = {
        "buyers": _buyers(log),
        "products": _products(),
        "departments": dict(Department.objects.values_list("code", "pk")),
        "sales": [u.pk for key, u in users.items() if key.startswith("sales")],
        "quality": users["quality"].pk,
        "contents": _contents(),
        "now": timezone.now(),
    }
    made = eightds = 0
    while made < count:
        batch = Batch(ids, rng, context)
        for _ in range(min(BATCH, count - made)):
            batch.add()
        # Every key is generated consistently: checking each foreign key would only slow SQLite.
        with connection.constraint_checks_disabled(), transaction.atomic():
            batch.write()
        made += len(batch.complaints)
        eightds += len(batch.eightds)
        if made % 100_000 < BATCH:
            log(f"complaints: {made:,} / {count:,}")
    return eightds


def _next_ids():
    def top(model):
        return (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    last = Complaint.objects.filter(number__startswith=NUMBER_PREFIX).aggregate(m=Max("number"))
    serial = int(last["m"][len(NUMBER_PREFIX) :]) + 1 if last["m"] else 1
    return {"serial": serial, "complaint": top(Complaint), "eightd": top(EightD)}


def _buyers(log):
    buyers = list(Customer.objects.admitted().order_by("pk").values_list("pk", flat=True)[:BUYERS])
    if not buyers:
        from . import customers

        customers.generate(BUYERS * 2, log)
        buyers = list(
            Customer.objects.admitted().order_by("pk").values_list("pk", flat=True)[:BUYERS]
        )
    return buyers


def _products():
    from csc.orders.models import Product

    return list(Product.objects.order_by("pk").values_list("pk", flat=True)[:500]) or [None]


def _contents():
    """A few realistic section contents per discipline, as JSON the forms would have stored."""
    base = {
        "D0": {"emergency_needed": True, "emergency_actions": "通知客户隔离在库品；我方库存冻结"},
        "D1": {"champion": None, "leader": None, "members": [], "external_members": "品质、生产、工程"},
        "D2": {"problem_statement": "客户来料检验发现批量不良", "w_what": "见投诉", "w_how_many": "见数量", "is_what": "该批次", "not_what": "其他批次"},
        "D3": {"in_house_suspect": 150, "in_house_isolated": True, "in_house_labelled": True, "in_house_disposition": "sort", "in_house_reinspected": True, "in_transit_suspect": 0, "at_customer_suspect": 40, "at_customer_isolated": True, "at_customer_labelled": True, "at_customer_disposition": "return"},
        "D4": {"station": "冲压/焊接工段", "occ_why_1": "设备参数漂移", "occ_root_cause": "点检标准缺项", "esc_why_1": "出货检验未覆盖该特性", "esc_root_cause": "检验规范缺项", "esc_class": "method"},
        "D5": {"action_1": "点检表增加该参数", "kind_1": "occurrence", "owner_1": "工程部", "due_1": "2026-01-31", "verified_1": True, "action_2": "出货检验增加该特性", "kind_2": "escape", "owner_2": "品质部", "due_2": "2026-01-31", "verified_2": True, "verification": "连续 10 批无复发"},
        "D6": {"implementation": "措施已实施", "implemented_on": "2026-02-01", "containment_removed_on": "2026-03-01", "effectiveness_data": "不良率 1.8% → 0.05%", "effectiveness_verified": True},
        "D7": {"wi_status": "done", "wi_reference": "WI-012 C", "pfmea_status": "done", "pfmea_reference": "PFMEA-07 D", "cp_status": "na", "cp_reference": "已含该特性", "similar_checked": "同类产品已横向展开"},
        "D8": {"closure_note": "客户确认关闭", "recognition": "小组通报表扬"},
    }  # fmt: skip
    contents = {}
    for code, fields in base.items():
        if code == "D4":
            contents[code] = {
                cause: json.dumps({**fields, "occ_class": cause}, ensure_ascii=False)
                for cause in CauseClass.values
            }
        else:
            contents[code] = json.dumps(fields, ensure_ascii=False)
    return contents


def _description(rng):
    """A problem, with one of the SEARCH_WORDS at its rate (or none)."""
    problem, draw = rng.choice(PROBLEMS), rng.random()
    for word, rate in SEARCH_WORDS.items():
        if draw < rate:
            return f"{problem}；{word}"
        draw -= rate
    return problem


class Batch:
    """One batch of complaints with the 8D reports and disciplines of those found ours."""

    def __init__(self, ids, rng, context):
        self.ids, self.rng, self.c = ids, rng, context
        self.complaints, self.eightds, self.disciplines = [], [], []

    def _take(self, key):
        value = self.ids[key]
        self.ids[key] += 1
        return value

    def add(self):
        rng, c = self.rng, self.c
        received = c["now"] - dt.timedelta(seconds=rng.uniform(0, HISTORY_DAYS * 86400))
        age = (c["now"] - received).days
        status = data.weighted(rng, OLD if age > 60 else MIDDLE if age > 20 else RECENT)
        severity = data.weighted(rng, SEVERITIES)
        complaint_id = self._take("complaint")
        assessed = status != "registered"
        ours = status in OURS
        cause = data.weighted(rng, CAUSES) if status in ("replied", "closed") else ""
        replied = received + dt.timedelta(hours=rng.uniform(20, 200)) if status in ("replied", "closed") else None  # fmt: skip
        closed = received + dt.timedelta(days=rng.uniform(10, 40)) if status in ("closed", "not_ours", "void") else None  # fmt: skip
        buyers = c["buyers"]
        self.complaints.append(
            (
                complaint_id, 1, f"{NUMBER_PREFIX}{self._take('serial'):07d}",
                buyers[min(int(len(buyers) * rng.random() ** 3), len(buyers) - 1)],
                rng.choice(("phone", "email", "portal", "letter", "visit")), rng.choice(c["products"]),
                _db(received), data.weighted(rng, CATEGORIES), severity, status,
                f"L{received:%y%m}-{rng.randint(1, 30):02d}", None,
                str(Decimal(rng.randint(1, 500))), _description(rng), rng.choice(c["sales"]),
                c["departments"][data.weighted(rng, DEPARTMENTS)] if assessed else None,
                c["quality"] if assessed else None,
                _db(received + dt.timedelta(hours=6)) if assessed else None,
                "我方责任" if ours else ("非我方责任" if status == "not_ours" else ""),
                _db(received + dt.timedelta(hours=24)),
                _db(received + dt.timedelta(hours=6)) if assessed else None,
                _db(received + dt.timedelta(days={"simple": 1.4, "complex": 2.8, "major": 7}[severity])),
                _db(received + dt.timedelta(days=7)), _db(replied), _db(closed), cause,
            )
        )  # fmt: skip
        if ours:
            self._eightd(complaint_id, received, status == "closed", cause)

    def _eightd(self, complaint_id, received, closed, cause):
        eightd_id = self._take("eightd")
        opened = received + dt.timedelta(hours=6)
        due = opened + dt.timedelta(days=30)
        done_at = opened + dt.timedelta(days=self.rng.uniform(12, 36)) if closed else None
        self.eightds.append(
            (eightd_id, 1, f"8DB-{eightd_id:08d}", complaint_id, self.c["quality"],
             "closed" if closed else "open", _db(opened), _db(due), _db(done_at))
        )  # fmt: skip
        contents, started = self.c["contents"], 4 if not closed else 9
        for number in range(9):
            code = f"D{number}"
            filled = number < started
            content = contents[code][cause or "machine"] if code == "D4" else contents[code]
            self.disciplines.append(
                (1, eightd_id, code, self.c["quality"], _db((opened + dt.timedelta(days=2 + number * 3)).date()),
                 "done" if closed else ("in_progress" if filled else "open"),
                 content if filled else "{}", _db(done_at) if closed else None)
            )  # fmt: skip

    def write(self):
        _insert(Complaint, COMPLAINT_COLUMNS, self.complaints)
        if self.eightds:
            _insert(EightD, EIGHTD_COLUMNS, self.eightds)
            _insert(Discipline, DISCIPLINE_COLUMNS, self.disciplines)


COMPLAINT_COLUMNS = [
    "id", "version", "number", "customer_id", "channel", "product_id", "received_at", "category",
    "severity", "status", "lot", "production_date", "quantity_affected", "description",
    "registered_by_id", "department_id", "assessed_by_id", "assessed_at", "assessment",
    "ack_due_at", "acknowledged_at", "resolution_due_at", "reply_due_at", "replied_at",
    "closed_at", "cause_class",
]  # fmt: skip
EIGHTD_COLUMNS = [
    "id", "version", "number", "complaint_id", "leader_id", "status", "opened_at", "due_at",
    "closed_at",
]  # fmt: skip
DISCIPLINE_COLUMNS = [
    "version", "eightd_id", "code", "owner_id", "due_date", "status", "data", "completed_at",
]  # fmt: skip


def _insert(model, columns, rows):
    """Insert tuples in ``columns`` order with one executemany; other fields take their model
    default. The ORM's per-field work would cost minutes at this size."""
    fields = {f.attname: f for f in model._meta.concrete_fields}
    rest = [f for name, f in fields.items() if name not in columns and not f.primary_key]
    defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
    names = ", ".join(connection.ops.quote_name(fields[c].column) for c in columns)
    names += "".join(", " + connection.ops.quote_name(f.column) for f in rest)
    marks = ", ".join(["%s"] * (len(columns) + len(rest)))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", [row + defaults for row in rows]
        )


def _db(value):
    """A date or time as the database takes it: ISO text on SQLite (times in UTC)."""
    if connection.vendor != "sqlite" or value is None:
        return value
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
    return value.isoformat()


# --- operations --------------------------------------------------------------------------


def _ledger_queries(context):
    queries = []
    for status in ("closed", "replied", "accepted", "not_ours"):
        for department in context.departments:
            for month in context.months[:5]:
                queries.append({"status": status, "department": department, "month": month})
    return queries


def _page_rows(query):
    """Return (rows on page 1, rows matched) of the ledger filtered by ``query``."""
    from django.http import QueryDict

    from csc.complaints.filters import ComplaintFilter

    params = QueryDict(mutable=True)
    params.update({k: str(v) for k, v in query.items()})
    matched = ComplaintFilter(params, queryset=Complaint.objects.all()).qs
    return len(matched[:25]), matched.count()


def list_filtered(context, plan):
    """Page 1 of the complaint ledger filtered by status, department and month."""
    client = logged_in(context.user)
    base = reverse("complaints:list")
    queries = _ledger_queries(context)
    urls = [f"{base}?{urlencode(q)}" for q in queries]
    samples = measure(lambda i: get_ok(client, urls[i % len(urls)]), plan)
    sizes = [_page_rows(q) for q in queries[:10]]
    return {
        **summary(samples),
        "rows": max(rows for rows, _matched in sizes),
        "matched": max(matched for _rows, matched in sizes),
        "variants": len(urls),
        "runs": plan.runs,
        "records": context.records,
    }


def _time_kpi(context, plan, call):
    """Time a KPI function and the raw SQL it sends; return both and the ratio of their medians."""
    period = kpis.year_period(context.year)
    return {
        **measure_with_sql(lambda: call(period), plan),
        "rows": Complaint.objects.filter(
            received_at__gte=period.start, received_at__lt=period.end
        ).count(),
        "year": context.year,
        "runs": plan.runs,
        "records": context.records,
    }


def kpi_pareto(context, plan):
    """One year's Pareto of complaints by category and by 5M1E class."""
    complaints = Complaint.objects.all()
    return _time_kpi(
        context,
        plan,
        lambda period: (
            kpis.pareto_by_category(complaints, period),
            kpis.pareto_by_cause(complaints, period),
        ),
    )


def kpi_rate(context, plan):
    """One year's monthly complaint count, shipments, rate and PPM."""
    complaints = Complaint.objects.all()
    return _time_kpi(context, plan, lambda period: kpis.monthly(complaints, period))


def export_task(username, since, runs):
    """Export the complaints received since ``since`` ``runs`` times; runs in a child process."""
    actor = User.objects.get(username=username)
    queryset = Complaint.objects.filter(received_at__gte=dt.datetime.fromisoformat(since))
    samples, rows, size = [], 0, 0
    for _run in range(runs):
        with tempfile.TemporaryFile(suffix=".xlsx") as target:
            started = time.perf_counter()
            rows = export_complaints(actor, target, queryset)
            samples.append((time.perf_counter() - started) * 1000)
            size = target.seek(0, 2)
    return {"samples_ms": samples, "rows": rows, "file_mb": round(size / 2**20, 1)}


def export_xlsx(context, plan):
    """Excel export of the newest 100,000 complaints; peak memory in a process of its own."""
    runs = EXPORT_RUNS if plan.runs >= EXPORT_RUNS else 1
    arguments = {
        "username": context.user.username,
        "since": context.export_from.isoformat(),
        "runs": runs,
    }
    if data_visible_to_child():
        result = _run_in_child("csc.bench.complaints:export_task", **arguments)
    else:
        # Inside a test transaction no other process sees the rows: export here, memory unknown.
        result = {**export_task(**arguments), "peak_mb": None}
    samples = result.pop("samples_ms")
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


def _time_page(context, plan, url):
    """Time a page and the raw SQL it sends, run by run in turn (as _time_kpi does)."""
    client = logged_in(context.user)
    return {
        **measure_with_sql(lambda: get_ok(client, url), plan),
        "runs": plan.runs,
        "records": context.records,
    }


def _search(context, plan, word):
    """Page 1 of the complaint ledger searched for ``word``, and how many complaints match."""
    from csc.complaints import search

    url = f"{reverse('complaints:list')}?{urlencode({'q': word})}"
    matched = Complaint.objects.filter(search.matches(word)).count()
    return {**_time_page(context, plan, url), "rows": matched, "word": word}


def _search_op(word):
    return lambda context, plan: _search(context, plan, word)


def global_search(context, plan):
    """The header's search for the 3 % word: every area's groups, as Quality sees them."""
    from csc.core.search import find

    url = f"{reverse('core:search')}?{urlencode({'q': '批次混料'})}"
    groups = find(context.user, "批次混料")
    return {
        **_time_page(context, plan, url),
        "rows": sum(len(group.rows) for group in groups),
        "groups": len(groups),
    }


def page_home(context, plan):
    """Quality's home page: its work queues and tiles (new complaints, replies due, open 8D
    disciplines, overdue CAPAs …), every count an indexed query."""
    return {**_time_page(context, plan, reverse("home")), "rows": Complaint.objects.count()}


def page_kpi_year(context, plan):
    """The complaint KPI page for last year: monthly rate and PPM, replies and 8Ds on time, the
    two Pareto charts and the per-customer table; beside it the raw SQL of the same figures."""
    url = f"{reverse('complaints:kpis')}?{urlencode({'year': context.year})}"
    period = kpis.year_period(context.year)
    matched = Complaint.objects.filter(received_at__gte=period.start, received_at__lt=period.end)
    return {**_time_page(context, plan, url), "rows": matched.count(), "year": context.year}


def create_api(context, plan):
    """Register a complaint through the API: its number, reply deadline, audit entry and the
    notifications (after commit). The complaints made are taken out again afterwards, so the
    bench database holds only the generator's."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(context.user)
    customer = Customer.objects.admitted().order_by("pk").values_list("pk", flat=True)[0]
    body = {"customer": customer, "category": "packaging", "description": "外箱破损；漏水"}
    made = []

    def post(_i):
        response = client.post("/api/v1/complaints/", body, format="json")
        if response.status_code != 201:
            raise RuntimeError(f"POST answered {response.status_code}: {response.content[:200]}")
        made.append(response.json()["id"])

    try:
        samples = measure(post, plan)
    finally:
        Complaint.objects.filter(pk__in=made).delete()
    return {**summary(samples), "rows": 1, "records": context.records}


KPI_BUDGET = (at_most("p95_ms", 500), at_most("raw_ratio", 1.5))

OPERATIONS = [
    Operation("list_filtered", list_filtered, (at_most("p95_ms", 50),)),
    Operation("search_0_5pct", _search_op("密封圈老化"), (at_most("p95_ms", 50),)),
    Operation("search_3pct", _search_op("批次混料"), (at_most("p95_ms", 50),)),
    Operation("search_2chars_1pct", _search_op("漏水")),
    Operation("global_search", global_search, (at_most("p95_ms", 100),)),
    Operation("kpi_pareto", kpi_pareto, KPI_BUDGET),
    Operation("kpi_rate", kpi_rate, KPI_BUDGET),
    Operation("page_home", page_home, (at_most("p95_ms", 30),)),
    Operation("page_kpi_year", page_kpi_year, (at_most("p95_ms", 150), at_most("raw_ratio", 1.5))),
    Operation("create_api", create_api, (at_most("p95_ms", 15),)),
    Operation(
        "export_xlsx", export_xlsx, (at_least("rows_per_s", 20_000), at_most("peak_mb", 300))
    ),
]


def _ledger_pages(context):
    """The complaint ledger: unfiltered, then by status, department and month."""
    base = reverse("complaints:list")
    queries = _ledger_queries(context)[:5]
    return context.user, [base, *(f"{base}?{urlencode(q)}" for q in queries)]


def _complaint_pages(context):
    """Complaints' pages (8D progress, replies, evidence, history) spread over all."""
    ids = spread_pks(Complaint.objects.all())
    return context.user, [reverse("complaints:detail", args=[pk]) for pk in ids]


OPERATIONS += page_operations(_ledger_pages, _complaint_pages)
