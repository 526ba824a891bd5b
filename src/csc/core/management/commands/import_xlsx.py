"""``csc import customers FILE.xlsx``: the same import as the web page, run as a named user."""

import sys

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from csc.core import areas
from csc.core.errors import ActionError
from csc.core.models import User


def area_verb(area, prefix):
    """Return the verb an area declares to import or export (``prefix``) its ledger, or fail
    clearly."""
    verb = areas.ledger_verb(prefix, area)
    if verb is None:
        raise CommandError(f"Nothing to {prefix} for '{area}'.")
    return verb


def acting_user(username):
    try:
        return User.objects.get(username=username, is_active=True)
    except User.DoesNotExist:
        raise CommandError(f"No active user '{username}'.") from None


class Command(BaseCommand):
    help = "Import an Excel ledger (all-or-nothing unless --good-rows-only)."

    def add_arguments(self, parser):
        parser.add_argument("area", help="e.g. customers")
        parser.add_argument("file")
        parser.add_argument("--user", default="admin", help="the user the import is recorded as")
        parser.add_argument("--good-rows-only", action="store_true")

    def handle(self, area, file, user, good_rows_only, **options):
        verb = area_verb(area, "import")
        try:
            with open(file, "rb") as handle:
                report = verb(acting_user(user), File(handle, name=file), good_rows_only)
        except FileNotFoundError:
            raise CommandError(f"No file {file}") from None
        except ActionError as error:
            raise CommandError(
                "; ".join([str(error.message), *sum(error.fields.values(), [])])
            ) from None
        for problem in report.errors:
            self.stdout.write(f"row {problem.row}, {problem.column}: {problem.message}")
        self.stdout.write(f"{report.imported} of {report.total} rows imported.")
        if report.errors and not report.applied:
            sys.exit(1)
