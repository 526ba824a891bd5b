from django.core.management.base import BaseCommand, CommandError

from csc.core.backup import instance_is_empty, migrate_for_restore, restore


class Command(BaseCommand):
    help = "Restore a backup onto an empty instance (it is migrated first)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        migrate_for_restore()
        if not instance_is_empty():
            raise CommandError("This instance already holds data; restore onto an empty one.")
        try:
            manifest = restore(file)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot restore {file}: {error}") from None
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
