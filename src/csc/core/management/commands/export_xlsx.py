"""``csc export customers FILE.xlsx``: the same ledger as the web page's Excel export."""

from django.core.management.base import BaseCommand, CommandError

from csc.core.errors import ActionError

from .import_xlsx import acting_user, area_verb


class Command(BaseCommand):
    help = "Export an area's ledger to an Excel file."

    def add_arguments(self, parser):
        parser.add_argument("area", help="e.g. customers")
        parser.add_argument("file")
        parser.add_argument("--user", default="admin", help="the user the export is recorded as")

    def handle(self, area, file, user, **options):
        verb = area_verb(area, "export")
        try:
            with open(file, "wb") as target:
                count = verb(acting_user(user), target)
        except ActionError as error:
            raise CommandError(str(error.message)) from None
        self.stdout.write(f"{count} rows written to {file}.")
