"""The frame every area's benchmark runs in: timing, budgets, child processes, the report."""

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from typing import Any

from django.conf import settings
from django.db import connection

from . import AREAS


@dataclass(frozen=True)
class Budget:
    """A limit one figure of a result must respect: ``p95_ms <= 50`` or ``rows_per_s >= 20000``."""

    metric: str
    limit: float
    at_most: bool = True

    def met(self, result):
        """Return True/False, or None when the figure could not be measured here."""
        value = result.get(self.metric)
        if value is None:
            return None
        return value <= self.limit if self.at_most else value >= self.limit

    def __str__(self):
        return f"{self.metric} {'<=' if self.at_most else '>='} {self.limit:g}"


def at_most(metric, limit):
    return Budget(metric, limit, at_most=True)


def at_least(metric, limit):
    return Budget(metric, limit, at_most=False)


@dataclass(frozen=True)
class Operation:
    """One timed operation of an area; ``run(context, plan)`` returns its result dict."""

    name: str
    run: Callable[[Any, "Plan"], dict]
    budgets: tuple = ()


@dataclass
class Plan:
    """How hard to measure: timed runs per operation after some untimed warm-up runs."""

    runs: int = 40
    warmup: int = 3
    log: Callable[[str], None] = field(default=print)
    #: Only the operations whose names start with one of these (all when empty).
    operations: tuple = ()

    def includes(self, operation):
        return not self.operations or operation.name.startswith(self.operations)


def percentile(values, fraction):
    """Return the percentile of ``values`` by linear interpolation (fraction 0.95 = p95)."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class Samples(list):
    """Durations in ms of the timed runs, with ``cpu``: the CPU time this process spent on each.

    The CPU time hardly changes when other programs share the machine, the wall time does: the
    two side by side tell a slow operation from a busy machine.
    """

    def __init__(self, wall=(), cpu=()):
        super().__init__(wall)
        self.cpu = list(cpu)


def summary(samples_ms, prefix=""):
    """Return {p50_ms, p95_ms} (with an optional key prefix) of a list of timings, plus
    {cpu_p50_ms, cpu_p95_ms} when the CPU time was measured too."""
    figures = {
        f"{prefix}p50_ms": round(percentile(samples_ms, 0.5), 2),
        f"{prefix}p95_ms": round(percentile(samples_ms, 0.95), 2),
    }
    cpu = getattr(samples_ms, "cpu", None)
    if cpu and not prefix:
        figures["cpu_p50_ms"] = round(percentile(cpu, 0.5), 2)
        figures["cpu_p95_ms"] = round(percentile(cpu, 0.95), 2)
    return figures


def measure(call, plan):
    """Call ``call(i)`` for warm-up then timed runs; return the timed durations in ms (Samples).

    The run number lets an operation vary its input (filter values, records) from run to run,
    so the figures are not those of one cached query.
    """
    for i in range(plan.warmup):
        call(i)
    samples = Samples()
    for i in range(plan.runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        call(plan.warmup + i)
        samples.cpu.append((time.process_time() - started_cpu) * 1000)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def captured_sql(call):
    """Run ``call`` and return the (sql, params) it sent to the database."""
    captured = []

    def capture(execute, sql, params, many, ctx):
        captured.append((sql, params))
        return execute(sql, params, many, ctx)

    with connection.execute_wrapper(capture):
        call()
    return captured


def replay_sql(queries):
    """Run the reads of ``queries`` again with a plain cursor.

    Only reads: a page that logs its viewing (personal data) also sent BEGIN, an INSERT and
    COMMIT, which replayed out of their transaction would fail or add rows.
    """
    with connection.cursor() as cursor:
        for sql, params in queries:
            if sql.split(None, 1)[0].upper() in ("SELECT", "WITH"):
                cursor.execute(sql, params)
                cursor.fetchall()


def measure_with_sql(call, plan):
    """Time ``call()`` and a replay of the raw SQL it sends, run by run in turn, so both meet
    the same load on a shared machine; return the call's figures with the SQL's beside them."""
    return measure_beside_sql([call], plan)


def measure_beside_sql(calls, plan):
    """Time ``calls`` in turn, each run followed by a replay of the read queries that call
    sends; return the calls' figures with their SQL's beside them (``raw_ratio``: how many
    times its SQL a call costs)."""
    queries = [captured_sql(call) for call in calls]
    timed, cpu, raw = [], [], []

    def both(i):
        started, started_cpu = time.perf_counter(), time.process_time()
        calls[i % len(calls)]()
        middle = time.perf_counter()
        cpu.append((time.process_time() - started_cpu) * 1000)
        replay_sql(queries[i % len(calls)])
        timed.append((middle - started) * 1000)
        raw.append((time.perf_counter() - middle) * 1000)

    measure(both, plan)
    skip = plan.warmup
    figures = summary(Samples(timed[skip:], cpu[skip:]))
    sql = summary(raw[skip:])
    return {
        **figures,
        "raw_sql_ms": sql["p50_ms"],
        "raw_sql_p95_ms": sql["p95_ms"],
        "raw_ratio": round(figures["p50_ms"] / sql["p50_ms"], 2) if sql["p50_ms"] else None,
        "queries": max(len(q) for q in queries),
    }


# --- pages -------------------------------------------------------------------------------

#: An HTML list or detail page of an area, at 100k records on a quiet machine (issue budget).
PAGE_BUDGET = (at_most("p95_ms", 30),)


def logged_in(user):
    """A test client with ``user`` logged in (no password: the bench users have none)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def get_ok(client, url):
    """GET ``url``; raise when it does not answer 200 (a timed error page would mislead)."""
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def time_pages(user, urls, plan):
    """Time GET of ``urls`` in turn as ``user``, each beside a replay of the SQL it sends, so
    the page and its SQL meet the same machine load."""
    client = logged_in(user)
    calls = [lambda url=url: get_ok(client, url) for url in urls]
    return {**measure_beside_sql(calls, plan), "variants": len(urls), "runs": plan.runs}


def spread_pks(queryset, count=20):
    """Return ``count`` primary keys spread evenly over ``queryset`` (old, middle and new
    records, so a detail page is not timed on one cached record)."""
    ordered = queryset.order_by("pk").values_list("pk", flat=True)
    total = ordered.count()
    if not total:
        raise RuntimeError(f"no {queryset.model._meta.verbose_name} to time a page on")
    return [ordered[i * total // count] for i in range(min(count, total))]


def page_operations(list_pages, detail_pages, budget=PAGE_BUDGET):
    """The ``page_list`` and ``page_detail`` operations of an area.

    ``list_pages(context)`` and ``detail_pages(context)`` return ``(user, urls)``: who looks,
    and the ledger pages (filters, sorts) or records' pages they open in turn.
    """

    from csc.core.views import PAGE_SIZE

    def timed(pages, rows):
        def run(context, plan):
            user, urls = pages(context)
            return {**time_pages(user, urls, plan), "rows": rows, "records": context.records}

        return run

    return [
        Operation("page_list", timed(list_pages, PAGE_SIZE), budget),
        Operation("page_detail", timed(detail_pages, 1), budget),
    ]


def data_visible_to_child():
    """Return True when another process would see this connection's data.

    Not so inside a transaction (tests) or for an in-memory SQLite database.
    """
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def run_in_child(task, **kwargs):
    """Run ``task`` ("module:function") in a fresh Python process on the same database.

    Returns the task's result dict plus ``peak_mb``, the child's peak resident memory: what the
    work needs on its own, without the memory the data generator used in this process.
    """
    spec = {
        "settings": os.environ.get("DJANGO_SETTINGS_MODULE", "csc.settings"),
        "database": str(connection.settings_dict["NAME"]),
        "task": task,
        "kwargs": kwargs,
    }
    done = subprocess.run(
        [sys.executable, "-m", "csc.bench.child", json.dumps(spec)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"benchmark child {task} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def area_module(name):
    return import_module(f"csc.bench.{name}")


def foreign_records(names=AREAS):
    """Return {area: count} of records the bench did not make, for areas holding any."""
    counts = {name: area_module(name).foreign_records() for name in names}
    return {name: count for name, count in counts.items() if count}


def run_areas(names, records, plan):
    """Generate each area's data and run its operations; return {area: {operation: result}}."""
    results = {}
    for name in names:
        module = area_module(name)
        wanted = records or module.DEFAULT_RECORDS
        started = time.perf_counter()
        context = module.generate(wanted, plan.log)
        plan.log(f"{name}: data ready in {time.perf_counter() - started:.1f} s")
        results[name] = {}
        for operation in filter(plan.includes, module.OPERATIONS):
            result = _run_operation(operation, context, plan)
            results[name][operation.name] = result
            plan.log(f"  {name}.{operation.name}: {_brief(result)}")
    return results


def _run_operation(operation, context, plan):
    # The machine's load when the operation started: figures taken beside other work are slower.
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    result = dict(operation.run(context, plan))
    result["load_1m"] = round(load, 2) if load is not None else None
    if operation.budgets:
        verdicts = [budget.met(result) for budget in operation.budgets]
        result["budget"] = " and ".join(str(b) for b in operation.budgets)
        result["budget_met"] = None if None in verdicts else all(verdicts)
    return result


def _brief(result):
    return ", ".join(f"{k}={v}" for k, v in result.items() if k.endswith(("_ms", "rows")))


def write_json(results, path):
    with open(path, "w", encoding="utf-8") as out:
        json.dump(results, out, ensure_ascii=False, indent=2)
        out.write("\n")


COLUMNS = [
    ("operation", 24),
    ("p50 ms", 9),
    ("p95 ms", 9),
    ("CPU p95", 9),
    ("SQL ms", 8),
    ("rows", 8),
    ("other", 26),
    ("budget", 36),
    ("met", 4),
]


def table(results):
    """Return the results as a plain-text table for the terminal."""
    lines = ["  ".join(title.ljust(width) for title, width in COLUMNS)]
    lines.append("  ".join("-" * width for _title, width in COLUMNS))
    for area, operations in results.items():
        for name, result in operations.items():
            cells = [
                f"{area}.{name}",
                _number(result.get("p50_ms")),
                _number(result.get("p95_ms")),
                _number(result.get("cpu_p95_ms")),
                _number(result.get("raw_sql_ms")),
                _number(result.get("rows")),
                _other(result),
                result.get("budget", ""),
                {True: "yes", False: "NO", None: "?"}[result.get("budget_met")]
                if "budget" in result
                else "",
            ]
            lines.append(
                "  ".join(str(c).ljust(w) for c, (_t, w) in zip(cells, COLUMNS, strict=True))
            )
    return "\n".join(lines)


def _number(value):
    if value is None:
        return "–"
    return f"{value:,.0f}" if isinstance(value, int) or value >= 1000 else f"{value:.1f}"


def _other(result):
    parts = []
    if "rows_per_s" in result:
        parts.append(f"{result['rows_per_s']:,.0f} rows/s")
    if result.get("peak_mb") is not None:
        parts.append(f"{result['peak_mb']:.0f} MB peak")
    return ", ".join(parts)


def testserver_allowed():
    """Return ALLOWED_HOSTS with the test client's host name added (for override_settings)."""
    hosts = list(settings.ALLOWED_HOSTS)
    return hosts if "*" in hosts or "testserver" in hosts else [*hosts, "testserver"]
