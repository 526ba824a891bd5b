"""CSC side by side with django-helpdesk over HTTP: load N records into both, time the same
kinds of request interleaved, print the ratio table and write the figures to JSON.

    python bench/peer/run.py [--records N] [--database sqlite|postgres] [--runs N]

Run it with CSC's Python (``make peer`` does). The peer is installed from PyPI into a venv of
its own under the work directory (``var/peer/`` by default) and runs a project of our own few
lines (``peer_site/``, copied there); nothing of the peer is kept in this repository. Both run
under gunicorn with two sync workers on 127.0.0.1 and are asked in turn (peer, CSC, peer,
CSC …) so that both meet the same load of the machine. See bench/peer/README.md.
"""

import argparse
import http.client
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PEER = "django-helpdesk==2.6.1"
PEER_PACKAGES = [PEER, "gunicorn", "psycopg[binary]"]
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
WORKERS = 2
WARMUP = 3
OPERATION_SECONDS = 180  # an operation stops after this long once it has MIN_RUNS runs
MIN_RUNS = 10
# (operation, the peer's URL list, CSC's URL list); None: the peer has no such request.
OPERATIONS = [
    ("ledger list data", "list_data", "list_data"),
    ("ledger page", "ledger_page", "ledger_page"),
    ("ledger floor", None, "ledger_floor"),
    ("detail page", "detail_page", "detail_page"),
    ("detail floor", None, "detail_floor"),
    ("create", "create", "create"),
    ("keyword search (ASCII)", "search_ascii", "search_ascii"),
    ("keyword search 漏水", "search_cjk", "search_cjk"),
    ("KPI year page", "kpi_page", "kpi_page"),
    ("home", None, "home"),
]
FLOORS = {"ledger page": "ledger floor", "detail page": "detail floor"}


def main(argv=None):
    args = parse(argv)
    if args.show:
        print(table(json.loads(Path(args.show).read_text(encoding="utf-8"))))
        return
    work = Path(args.workdir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    log(f"work directory {work}")
    csc_env = csc_environment(args, work)
    csc = csc_plan(args, csc_env)
    peer_python, peer_env, site = peer_install(args, work)
    peer = peer_plan(args, csc, peer_python, peer_env, site)
    with Servers() as servers:
        csc_port = servers.start("CSC", csc_command(), csc_env, ROOT)
        peer_port = servers.start("peer", peer_command(peer_python), peer_env, site)
        results = time_all(args.runs, Target(peer_port, peer), Target(csc_port, csc))
    csc_cleanup(csc_env, results.pop("_created"))
    report = figures(args, csc, peer, results)
    print(table(report))
    out = Path(
        args.json or ROOT / "bench" / "results" / f"peer-{short(args.records)}-{args.database}.json"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nResults written to {out}")


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000, help="records in each system")
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=40, help="timed requests per operation")
    parser.add_argument(
        "--workdir",
        default=os.environ.get("CSC_PEER_DIR", ROOT / "var" / "peer"),
        help="where the peer's venv, project and database go (default var/peer)",
    )
    parser.add_argument(
        "--json", help="write the figures here (default bench/results/peer-N-DB.json)"
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="use CSC's database even if it holds complaints the bench did not make",
    )
    parser.add_argument("--show", metavar="FILE", help="only print the table of a saved run")
    args = parser.parse_args(argv)
    if args.records < 100 or args.runs < 1:
        parser.error("--records must be at least 100 and --runs at least 1")
    return args


def log(message):
    print(message, file=sys.stderr, flush=True)


def short(number):
    for size, suffix in ((1_000_000, "m"), (1_000, "k")):
        if number >= size and number % size == 0:
            return f"{number // size}{suffix}"
    return str(number)


def run_json(command, env, cwd):
    """Run a side's loader; its progress goes to our stderr, its last stdout line is JSON."""
    done = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.PIPE, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- CSC -----------------------------------------------------------------------------------


def csc_environment(args, work):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench_settings", "CSC_LOG_LEVEL": "ERROR"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(HERE / "csc_site")])
    env.pop("CSC_DEBUG", None)
    var = Path(os.environ.get("CSC_VAR_DIR", ROOT / "var"))
    env["CSC_PDF_FONT_CACHE"] = str(var / "cache" / "fonts")
    if args.database == "sqlite":
        # The database `csc bench` fills and reuses: var/bench/ (see bench/README.md).
        env.pop("DATABASE_URL", None)
        env["CSC_VAR_DIR"] = str(var / "bench")
    else:
        env["DATABASE_URL"] = POSTGRES + scratch_database("csc_peer_csc")
        env["CSC_PRODUCTION"] = "0"  # a scratch database: the keys may live in the var directory
        env["CSC_VAR_DIR"] = str(work / "csc-postgres")
    (Path(env["CSC_VAR_DIR"]) / "static").mkdir(parents=True, exist_ok=True)
    return env


def csc_plan(args, env):
    log(f"CSC: {args.records:,} complaints ({args.database})")
    command = [sys.executable, str(HERE / "csc_side.py"), str(args.records)]
    plan = run_json(command + (["--force"] if args.force else []), env, ROOT)
    plan["create_body"] = {
        "customer": plan["customer"],
        "category": "packaging",
        "description": "外箱破损；漏水",
    }
    plan["create"] = ["/api/v1/complaints/"]
    return plan


def csc_command():
    return [sys.executable, "-m", "gunicorn", "csc.wsgi:application"]


def csc_cleanup(env, created):
    """Take the complaints the create runs made out again, so the bench database keeps only
    the bench's own records (``csc bench`` refuses a database with others)."""
    if created:
        code = (
            "import django, sys; django.setup(); from csc.complaints.models import Complaint; "
            "Complaint.objects.filter(pk__in=[int(a) for a in sys.argv[1:]]).delete()"
        )
        subprocess.run(
            [sys.executable, "-c", code, *map(str, created)], env=env, cwd=ROOT, check=True
        )


def scratch_database(name):
    """Create the PostgreSQL database ``name`` unless it exists; return its name."""
    found = subprocess.run(
        [
            "psql",
            POSTGRES + "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{name}'",
        ],
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    ).stdout.strip()
    if not found:
        subprocess.run(
            ["psql", POSTGRES + "postgres", "-qc", f'CREATE DATABASE "{name}"'], check=True
        )
    return name


# --- the peer ------------------------------------------------------------------------------


def peer_install(args, work):
    """The peer's venv (made once) and its project directory for this database."""
    venv = work / f"venv-{PEER.replace('==', '-')}"
    python = venv / "bin" / "python"
    marker = venv / ".installed"
    if not marker.exists():
        log(f"peer: installing {PEER} from PyPI into {venv}")
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *PEER_PACKAGES], check=True)
        marker.touch()
    site = work / f"site-{args.database}"
    site.mkdir(exist_ok=True)
    for source in (HERE / "peer_site").glob("*.py"):
        shutil.copy(source, site / source.name)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "settings", "PYTHONPATH": str(site)}
    # Its date filter hands naive dates to an aware field: a warning per request, not an error.
    env["PYTHONWARNINGS"] = "ignore::RuntimeWarning"
    for name in ("DATABASE_URL", "VIRTUAL_ENV", "PYTHONHOME"):
        env.pop(name, None)
    if args.database == "postgres":
        env["PEER_DATABASE_URL"] = POSTGRES + scratch_database("csc_peer_helpdesk")
    return python, env, site


def peer_plan(args, csc, python, env, site):
    log(f"peer: {args.records:,} tickets ({args.database})")
    spec = {key: csc[key] for key in ("problems", "search_words", "ascii_word", "cjk_word")}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({**spec, "records": args.records}, f, ensure_ascii=False)
    try:
        plan = run_json([str(python), "load.py", f.name], env, site)
    finally:
        os.unlink(f.name)
    plan["create_body"] = {
        "queue": plan["queue"],
        "title": "外箱破损",
        "description": "外箱破损；漏水",
        "submitter_email": "buyer1@example.com",
        "priority": 3,
    }
    plan["create"] = ["/api/tickets/"]
    return plan


def peer_command(python):
    return [str(python), "-m", "gunicorn", "wsgi:application"]


# --- servers and timing --------------------------------------------------------------------


class Servers:
    """gunicorn processes started here, stopped (by their own id) when the block ends."""

    def __init__(self):
        self.processes = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()

    def start(self, name, command, env, cwd):
        port = free_port()
        command = [
            *command,
            "--workers",
            str(WORKERS),
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "300",
            "--log-level",
            "warning",
        ]
        self.processes.append(subprocess.Popen(command, env=env, cwd=cwd))
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                log(f"{name}: gunicorn on 127.0.0.1:{port}")
                return port
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{name}'s gunicorn did not start")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Target:
    """One system: its port, session cookie, token and the URLs of each operation."""

    def __init__(self, port, plan):
        self.port, self.plan = port, plan
        self.created = []

    def request(self, key, i):
        urls = self.plan[key]
        url = urls[i % len(urls)]
        headers = {"Cookie": f"sessionid={self.plan['cookie']['sessionid']}", "Host": "127.0.0.1"}
        body = None
        if key == "create":
            body = json.dumps(self.plan["create_body"], ensure_ascii=False).encode()
            headers = {
                "Authorization": f"Token {self.plan['token']}",
                "Content-Type": "application/json",
                "Host": "127.0.0.1",
            }
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        started = time.perf_counter()
        connection.request("POST" if body else "GET", url, body=body, headers=headers)
        response = connection.getresponse()
        content = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        connection.close()
        if response.status not in (200, 201):
            raise RuntimeError(
                f"{url} on port {self.port} answered {response.status}: {content[:300]!r}"
            )
        rows = None
        if response.getheader("Content-Type", "").startswith("application/json"):
            data = json.loads(content)
            if key == "create":
                self.created.append(data["id"])
            else:
                rows = len(data.get("results", data.get("data", [])))
        return elapsed, rows


def time_all(runs, peer, csc):
    results = {}
    for name, peer_key, csc_key in OPERATIONS:
        sides = [("peer", peer, peer_key), ("csc", csc, csc_key)]
        sides = [(side, target, key) for side, target, key in sides if key]
        load_before = os.getloadavg()[0]
        for i in range(WARMUP):
            for _side, target, key in sides:
                target.request(key, i)
        samples = {side: [] for side, _t, _k in sides}
        rows = {side: [] for side, _t, _k in sides}
        started = time.monotonic()
        for i in range(runs):
            if i >= MIN_RUNS and time.monotonic() - started > OPERATION_SECONDS:
                log(f"{name}: stopped after {i} runs ({OPERATION_SECONDS} s)")
                break
            for side, target, key in sides:  # in turn: both meet the same load
                ms, answered = target.request(key, WARMUP + i)
                samples[side].append(ms)
                if answered is not None:
                    rows[side].append(answered)
        results[name] = {
            side: {**summary(samples[side]), "rows": median(rows[side])} for side in samples
        }
        results[name]["load_1m"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        log(
            f"{name}: "
            + ", ".join(
                f"{s} p50 {r['p50_ms']} ms" for s, r in results[name].items() if s != "load_1m"
            )
        )
    results["_created"] = csc.created
    return results


def median(values):
    return statistics.median(values) if values else None


def summary(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "runs": len(ordered),
    }


# --- the report ----------------------------------------------------------------------------


def figures(args, csc, peer, results):
    for name, row in results.items():
        if "peer" in row:
            row["peer_over_csc"] = round(row["peer"]["p50_ms"] / row["csc"]["p50_ms"], 1)
        if name in FLOORS:
            row["csc_over_floor"] = round(
                row["csc"]["p50_ms"] / results[FLOORS[name]]["csc"]["p50_ms"], 2
            )
    return {
        "records": {"csc_complaints": csc["complaints"], "peer_tickets": peer["tickets"]},
        "database": args.database,
        "runs": args.runs,
        "workers": WORKERS,
        "peer": PEER,
        "versions": {
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "django_csc": csc["django"],
            "django_peer": peer["django"],
        },
        "machine": machine(),
        "queries": csc["queries"],
        "operations": results,
    }


def machine():
    model = ""
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        model = next(
            (
                line.split(":", 1)[1].strip()
                for line in cpuinfo.read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "load_avg": [round(x, 2) for x in os.getloadavg()],
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def table(report):
    records = report["records"]
    lines = [
        f"{records['csc_complaints']:,} complaints (CSC) / {records['peer_tickets']:,} tickets "
        f"({report['peer']}), {report['database']}, {report['runs']} runs, "
        f"load {report['machine']['load_avg'][0]}",
        "",
        "| op | peer p50 / p95 ms | CSC p50 / p95 ms | peer ÷ CSC (p50) | CSC ÷ floor (p50) |",
        "|---|---|---|---|---|",
    ]
    for name, row in report["operations"].items():
        peer = f"{row['peer']['p50_ms']} / {row['peer']['p95_ms']}" if "peer" in row else "–"
        csc = f"{row['csc']['p50_ms']} / {row['csc']['p95_ms']}"
        ratio = f"{row['peer_over_csc']}×" if "peer_over_csc" in row else "–"
        floor = f"{row['csc_over_floor']}×" if "csc_over_floor" in row else "–"
        lines.append(f"| {name} | {peer} | {csc} | {ratio} | {floor} |")
    ops = report["operations"]
    # The peer's ticket list is a shell that fetches its rows as JSON afterwards: what its user
    # waits for is both, one after the other.
    shown = ops["ledger page"]["peer"]["p50_ms"] + ops["ledger list data"]["peer"]["p50_ms"]
    csc_page = ops["ledger page"]["csc"]["p50_ms"]
    lines.append(
        f"| ledger page with its rows (peer: shell + JSON, sum of p50) | {shown:.1f} / – "
        f"| {csc_page} / – | {shown / csc_page:.1f}× | – |"
    )
    lines += ["", "Targets: the ledger and complaint pages ≥ 3× the peer's and ≤ 2× their floor"]
    for name, peer_p50 in (
        ("ledger page", shown),
        ("detail page", ops["detail page"]["peer"]["p50_ms"]),
    ):
        row = ops[name]
        faster = peer_p50 / row["csc"]["p50_ms"]
        lines.append(
            f"- {name}: {faster:.1f}× the peer's ({'met' if faster >= 3 else 'not met'}), "
            f"{row['csc_over_floor']}× its floor ({'met' if row['csc_over_floor'] <= 2 else 'not met'})"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
