import zipfile

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError

from csc.core import backupcrypt
from csc.core.backup import check_backup, instance_is_empty, migrate_for_restore, restore


class Command(BaseCommand):
    help = "Restore a backup onto an empty instance (it is migrated first)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--with-field-key", action="store_true", help="the backup is encrypted with it"
        )

    def handle(self, file, with_field_key=False, **options):
        secret = self._secret(file, with_field_key)
        try:
            check_backup(file, secret)  # before migrating: a wrong file must leave nothing behind
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot restore {file}: {error}") from None
        migrate_for_restore()
        if not instance_is_empty():
            raise CommandError("This instance already holds data; restore onto an empty one.")
        try:
            manifest = restore(file, secret)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, DeserializationError) as error:
            raise CommandError(f"Cannot restore {file}: {error}") from None
        self.stdout.write(f"Restored the backup of {manifest['created']}.")

    def _secret(self, file, with_field_key):
        from django.conf import settings

        from .backup import passphrase

        try:
            if not backupcrypt.is_encrypted(file):
                return None
        except OSError as error:
            raise CommandError(f"Cannot restore {file}: {error}") from None
        if with_field_key:
            return settings.FIELD_ENCRYPTION_KEY
        return passphrase(confirm=False)
