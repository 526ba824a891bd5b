"""``csc load`` (``make load``): many concurrent API writers against a real server on this machine.

It makes a scratch database (PostgreSQL ``csc_load`` on 127.0.0.1 by default, made afresh on
every run), starts gunicorn on a free loopback port and lets N workers send a realistic mix of
requests with token logins for a bounded time and count: numbered records, stock issues and
receipts racing for the same stock, version-checked edits that collide, list and detail reads,
and a customer contact who must only ever see its own customer's rows. Then it prints the
throughput, the latency per operation and the checks, and exits 1 when one of them failed.

This module uses nothing of Django at import time: ``main`` chooses the database first.
"""

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/csc_load"
LOOPBACK = {"127.0.0.1", "localhost", "::1", ""}
#: The table that marks a database as the load's own scratch database (safe to drop).
MARKER_TABLE = "csc_load_scratch"


@dataclass
class Plan:
    """How hard and how long: every figure bounded."""

    workers: int = 20
    seconds: float = 60
    requests: int = 3000
    web_workers: int = 2
    seed: int = 1
    log: object = field(default=print, repr=False)


@dataclass
class Outcome:
    facts: object
    checks: list
    elapsed_s: float
    load_before: float
    load_after: float

    @property
    def passed(self):
        return all(check.passed for check in self.checks)


class Refused(Exception):
    """The load will not run here (not loopback, or a database holding other data)."""


# --- the run ---------------------------------------------------------------------------


def run(plan, var_dir=None):
    """Prepare the data in the configured database, load a fresh server with it, check it.

    Returns an ``Outcome``. The server is stopped whatever happens (an error, Ctrl-C).
    """
    from . import load_checks, load_mix

    world = load_mix.prepare_world()
    var = Path(var_dir) if var_dir else _default_var_dir()
    server = Server(var, plan.web_workers)
    try:
        server.start(plan.log)
        load_before = os.getloadavg()[0]
        facts, elapsed = _drive(server.port, world, plan)
        load_after = os.getloadavg()[0]
    finally:
        server.stop()
    checks = load_checks.all_checks(facts, world)
    return Outcome(facts, checks, elapsed, load_before, load_after)


def _drive(port, world, plan):
    """Run the workers until the budget is spent; return (facts, seconds it took)."""
    from .load_mix import Budget, Facts, work

    facts, budget = Facts(), Budget(plan.requests, plan.seconds)
    threads = [
        threading.Thread(target=work, args=(i, port, world, facts, budget, plan.seed), daemon=True)
        for i in range(plan.workers)
    ]
    started = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            # A request answers within its 30 s timeout: past that a worker is stuck.
            while thread.is_alive() and time.perf_counter() - started < plan.seconds + 60:
                thread.join(timeout=0.5)
    finally:
        budget.stopped.set()
    return facts, time.perf_counter() - started


def report(outcome, plan):
    """Return the printed report: figures, latency per operation, the checks."""
    from .load_checks import latency_table, status_classes

    samples = outcome.facts.samples
    rate = len(samples) / outcome.elapsed_s if outcome.elapsed_s else 0
    lines = [
        f"{len(samples)} requests from {plan.workers} workers in {outcome.elapsed_s:.1f} s: "
        f"{rate:.1f} requests/s",
        f"answers: {', '.join(f'{k} {v}' for k, v in status_classes(outcome.facts).items())}",
        f"load average (1 min): {outcome.load_before:.2f} at the start, "
        f"{outcome.load_after:.2f} at the end, {os.cpu_count()} CPUs",
        "",
        *latency_table(outcome.facts),
        "",
    ]
    for check in outcome.checks:
        lines.append(f"{'PASS' if check.passed else 'FAIL'}  {check.name}: {check.detail}")
    return "\n".join(lines)


# --- the server ------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn on a free loopback port, on the database this process uses."""

    def __init__(self, var_dir, workers):
        self.var_dir, self.workers = Path(var_dir), workers
        self.port, self.process = free_port(), None

    def start(self, log):
        (self.var_dir / "static").mkdir(parents=True, exist_ok=True)  # WhiteNoise wants it
        self.log_path = self.var_dir / "gunicorn.log"
        command = [
            sys.executable, "-m", "gunicorn", "csc.wsgi:application",
            "--bind", f"127.0.0.1:{self.port}", "--workers", str(self.workers),
            "--threads", "4", "--access-logfile", "/dev/null", "--graceful-timeout", "10",
        ]  # fmt: skip
        with open(self.log_path, "w") as out:
            # Its own session: Ctrl-C reaches this process, which then stops the server itself.
            self.process = subprocess.Popen(
                command, env=server_environment(self.var_dir), stdout=out, stderr=out,
                start_new_session=True,
            )  # fmt: skip
        self._wait_until_answering()
        log(f"Server answering at http://127.0.0.1:{self.port}/ (log: {self.log_path})")

    def _wait_until_answering(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn stopped at start:\n{self._log_tail()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"GET /api/v1/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
                    if sock.recv(12).startswith(b"HTTP/"):
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s:\n{self._log_tail()}")

    def _log_tail(self):
        return self.log_path.read_text(errors="replace")[-3000:]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def server_environment(var_dir):
    """The server's environment: this process's database and keys, its own data directory."""
    from django.conf import settings
    from django.db import connection

    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE="csc.settings",
        DATABASE_URL=database_url(connection.settings_dict),
        CSC_SECRET_KEY=settings.SECRET_KEY,
        CSC_FIELD_KEY=settings.FIELD_ENCRYPTION_KEY,
        CSC_PREVIOUS_FIELD_KEYS=",".join(settings.PREVIOUS_FIELD_KEYS),
        CSC_VAR_DIR=str(var_dir),
        # Background jobs (mail) wait in the queue: no worker runs, no mail server is needed.
        CSC_HUEY_IMMEDIATE="0",
        CSC_HUEY_NAME=f"csc-load-{os.getpid()}",
        PYTHONPATH=os.pathsep.join(filter(None, [_source_dir(), env.get("PYTHONPATH")])),
    )
    return env


def database_url(entry):
    """Return the DATABASE_URL of a Django database entry (PostgreSQL or an SQLite file)."""
    if entry["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(entry['NAME']).resolve()}"
    quote = urllib.parse.quote
    user = quote(entry["USER"] or "")
    password = f":{quote(entry['PASSWORD'])}" if entry["PASSWORD"] else ""
    login = f"{user}{password}@" if user else ""
    port = f":{entry['PORT']}" if entry["PORT"] else ""
    return f"postgres://{login}{entry['HOST']}{port}/{quote(entry['NAME'])}"


def _source_dir():
    return str(Path(__file__).resolve().parents[2])


def _default_var_dir():
    from django.conf import settings

    return Path(settings.VAR_DIR)


# --- the scratch database --------------------------------------------------------------


def prepare_database(url):
    """Make ``url`` an empty scratch database marked as the load's; refuse anything else."""
    parts = urllib.parse.urlparse(url)
    if parts.scheme in ("postgres", "postgresql"):
        if (parts.hostname or "") not in LOOPBACK:
            raise Refused(f"The load runs on this machine only, not on {parts.hostname}.")
        _fresh_postgres(parts)
    elif parts.scheme == "sqlite":
        _fresh_sqlite(Path(urllib.parse.unquote(parts.path)))
    else:
        raise Refused(f"DATABASE_URL scheme {parts.scheme!r} is not supported")


def _fresh_postgres(parts):
    import psycopg
    from psycopg import sql

    name = urllib.parse.unquote(parts.path.lstrip("/"))
    server = urllib.parse.urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists:
            with psycopg.connect(urllib.parse.urlunparse(parts)) as target:
                tables = _tables(target.execute(_PG_TABLES).fetchall())
            _refuse_foreign(name, tables)
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    with psycopg.connect(urllib.parse.urlunparse(parts), autocommit=True) as target:
        target.execute(f"CREATE TABLE {MARKER_TABLE} (made_at timestamptz DEFAULT now())")


_PG_TABLES = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"


def _fresh_sqlite(path):
    import sqlite3

    if path.exists():
        with sqlite3.connect(path) as db:
            tables = _tables(db.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
        _refuse_foreign(path, tables)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as db:
        db.execute(f"CREATE TABLE {MARKER_TABLE} (made_at text DEFAULT CURRENT_TIMESTAMP)")


def _tables(rows):
    return {row[0] for row in rows}


def _refuse_foreign(name, tables):
    """An empty database or one the load made may go; anything else may hold real records."""
    if tables and MARKER_TABLE not in tables:
        raise Refused(
            f"The database {name} holds tables the load did not make. The load drops and "
            "re-creates its database: give it one of its own with --database-url."
        )


# --- the command -----------------------------------------------------------------------


def parser():
    p = argparse.ArgumentParser(prog="csc load", description=__doc__.split("\n\n")[0])
    p.add_argument("--workers", type=int, default=20, help="concurrent clients (default 20)")
    p.add_argument("--seconds", type=float, default=60, help="at most this long (default 60)")
    p.add_argument(
        "--requests", type=int, default=3000, help="at most this many requests (default 3000)"
    )
    p.add_argument(
        "--web-workers", type=int, default=2, help="gunicorn worker processes (default 2)"
    )
    p.add_argument("--seed", type=int, default=1, help="seed of the workers' random choices")
    p.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=f"scratch database, dropped and made afresh (default {DEFAULT_DATABASE_URL}; "
        "sqlite:///path/to/file works too)",
    )
    return p


def _bounded(args):
    limits = {"workers": (1, 200), "seconds": (1, 3600), "requests": (1, 1_000_000),
              "web_workers": (1, 16)}  # fmt: skip
    for name, (low, high) in limits.items():
        value = getattr(args, name)
        if not low <= value <= high:
            raise Refused(f"--{name.replace('_', '-')} must be between {low} and {high}")


def main(argv=None):
    """Run the load from the command line; return the exit status."""
    args = parser().parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # a kill stops the server too, like Ctrl-C
    try:
        _bounded(args)
        prepare_database(args.database_url)
        var = _use_scratch(args.database_url)
        import django
        from django.core.management import call_command

        django.setup()
        print("Migrating the scratch database …", flush=True)
        call_command("migrate", interactive=False, verbosity=0)
        plan = Plan(args.workers, args.seconds, args.requests, args.web_workers, args.seed)
        outcome = run(plan, var)
    except Refused as refusal:
        print(refusal, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 130
    print("\n" + report(outcome, plan))
    return 0 if outcome.passed else 1


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def _use_scratch(url):
    """Point this process at the scratch database with fresh keys; return its data directory.

    Must run before Django reads its settings.
    """
    default = Path(__file__).resolve().parents[3] / "var"
    var = Path(os.environ.get("CSC_LOAD_VAR_DIR", default / "load"))
    var.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ["CSC_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csc.settings")
    # The scratch data is made anew each run: throwaway keys are all it needs.
    os.environ["CSC_SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ["CSC_FIELD_KEY"] = secrets.token_urlsafe(32)
    os.environ.pop("CSC_PREVIOUS_FIELD_KEYS", None)
    return var


if __name__ == "__main__":
    sys.exit(main())
