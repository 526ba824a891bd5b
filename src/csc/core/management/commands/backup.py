import getpass
import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csc.core.backup import backup


def passphrase(confirm):
    """Return the backup passphrase: CSC_BACKUP_PASSPHRASE, else asked at the terminal."""
    given = os.environ.get("CSC_BACKUP_PASSPHRASE", "")
    if given:
        return given
    first = getpass.getpass("Backup passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise CommandError("The passphrases differ.")
    if len(first) < 12:
        raise CommandError("Choose a passphrase of at least 12 characters.")
    return first


class Command(BaseCommand):
    help = "Write every record and uploaded file to one zip file (optionally encrypted)."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--encrypt",
            action="store_true",
            help="encrypt with a passphrase (CSC_BACKUP_PASSPHRASE, or asked)",
        )
        parser.add_argument(
            "--encrypt-with-field-key", action="store_true", help="encrypt with the field key"
        )

    def handle(self, file, encrypt=False, encrypt_with_field_key=False, **options):
        secret = None
        if encrypt_with_field_key:
            secret = settings.FIELD_ENCRYPTION_KEY
        elif encrypt:
            secret = passphrase(confirm=True)
        manifest = backup(file, secret)
        sealed = " encrypted" if secret else ""
        self.stdout.write(f"Backup{sealed} written to {file} ({manifest['files']} files).")
        # Bank accounts stay encrypted in the file: without this key a restore cannot read them.
        self.stderr.write(
            self.style.WARNING(
                "Keep the field key (CSC_FIELD_KEY, or field_key in keys.json of the data "
                "directory) with this backup: restoring it needs the same key."
            )
        )
        if not secret:
            self.stderr.write(
                self.style.WARNING(
                    "The file holds password hashes and API tokens in clear: store it safely "
                    "or use --encrypt."
                )
            )
