"""``csc bench``: generate data and time every area's operations against its budgets.

``csc`` runs it on its own SQLite file (``var/bench/``) unless DATABASE_URL is set; this command
itself uses whatever database Django is configured with, so tests can run it too.
"""

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from csc.bench import AREAS, harness


class Command(BaseCommand):
    help = "Generate realistic data and time each area's operations (p50/p95) against its budget."

    def add_arguments(self, parser):
        parser.add_argument(
            "--records",
            type=int,
            help="main records per area (default: each area's own, 100,000 customers)",
        )
        parser.add_argument(
            "--only",
            type=_areas,
            help=f"run just these areas, comma-separated ({', '.join(AREAS)})",
        )
        parser.add_argument(
            "--operations",
            type=_names,
            default=(),
            help="run just the operations whose names start so, e.g. page_ or page_list,kpi_",
        )
        parser.add_argument("--json", metavar="FILE", help="write the results to this JSON file")
        parser.add_argument(
            "--runs", type=int, default=40, help="timed runs per operation (default 40)"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even though the database holds records the bench did not make",
        )

    def handle(self, *args, records=None, only=None, json=None, runs=40, force=False, **options):
        # Options given by call_command() arrive as the strings typed, unparsed.
        only = _areas(only) if isinstance(only, str) else only
        operations = options.get("operations") or ()
        operations = _names(operations) if isinstance(operations, str) else tuple(operations)
        if records is not None and records < 1:
            raise CommandError("--records must be at least 1")
        if runs < 1:
            raise CommandError("--runs must be at least 1")
        areas = list(only) if only else list(AREAS)
        foreign = harness.foreign_records()
        if foreign and not force:
            found = ", ".join(f"{count:,} {area}" for area, count in foreign.items())
            raise CommandError(
                f"This database holds records the bench did not make ({found}). The bench adds "
                "thousands of records: point it at a database of its own, or add --force."
            )
        plan = harness.Plan(runs=runs, log=self._log, operations=operations)
        # No query log (DEBUG) while timing, and the test client's host name is accepted.
        with override_settings(DEBUG=False, ALLOWED_HOSTS=harness.testserver_allowed()):
            results = harness.run_areas(areas, records, plan)
        self.stdout.write("\n" + harness.table(results))
        if json:
            harness.write_json(results, json)
            self.stdout.write(f"\nResults written to {json}")

    def _log(self, message):
        self.stdout.write(message)
        self.stdout.flush()


def _names(text):
    return tuple(name.strip() for name in text.split(",") if name.strip())


def _areas(text):
    """Parse --only: area names separated by commas, each one the bench knows."""
    names = _names(text)
    unknown = [name for name in names if name not in AREAS]
    if unknown or not names:
        raise CommandError(
            f"unknown area {', '.join(unknown) or text!r}; choose from {', '.join(AREAS)}"
        )
    return names
