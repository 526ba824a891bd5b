import zipfile

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError

from csc.core.backup import check_backup, instance_is_empty, migrate_for_restore, restore


class Command(BaseCommand):
    help = "Restore a backup onto an empty instance (it is migrated first)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, file, **options):
        try:
            check_backup(file)  # before migrating: a wrong file must leave nothing behind
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot restore {file}: {error}") from None
        migrate_for_restore()
        if not instance_is_empty():
            raise CommandError("This instance already holds data; restore onto an empty one.")
        try:
            manifest = restore(file)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, DeserializationError) as error:
            raise CommandError(f"Cannot restore {file}: {error}") from None
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
