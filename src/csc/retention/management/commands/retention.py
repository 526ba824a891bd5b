"""``csc retention [--dry-run]``: archive or purge records past their retention (REC-2)."""

from django.core.management.base import BaseCommand

from csc.retention import actions


class Command(BaseCommand):
    help = "Archive or purge records past their retention; --dry-run lists what would go."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="change nothing, only list")

    def handle(self, *args, dry_run=False, **options):
        found = actions.apply_retention(None, dry_run=dry_run)
        for c in found:
            state = "would " + c.outcome if dry_run else (c.refused or c.outcome + "d")
            self.stdout.write(f"{c.record_type.key}\t{c.key}\t{c.record}\t{c.expired_on}\t{state}")
        self.stdout.write(f"{len(found)} record(s) past retention")
