"""Replace the field key and re-encrypt every stored bank account and personal detail."""

import secrets

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from csc import keys
from csc.core.actions import reencrypt_fields


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field with a new field key. Stop the web server and the "
        "worker first; take a backup before."
    )

    def add_arguments(self, parser):
        parser.add_argument("--new-key", help="the new key (default: a new random key)")

    def handle(self, *args, new_key=None, **options):
        new_key = new_key or secrets.token_urlsafe(32)
        if new_key == settings.FIELD_ENCRYPTION_KEY:
            raise CommandError("The new field key must differ from the current one.")
        try:
            changed = reencrypt_fields(new_key)
        except ValueError as exc:
            raise CommandError(f"Nothing was changed: {exc}.") from exc
        self.stdout.write(f"{changed} values re-encrypted with the new field key.")
        self._store(new_key)

    def _store(self, new_key):
        stored = keys.read_keys(settings.VAR_DIR)
        if stored is not None and not settings.PRODUCTION:
            stored.update(field_key=new_key, previous_field_keys=[])
            keys.write_keys(settings.VAR_DIR, stored)
            self.stdout.write(f"The new key is stored in {keys.keys_path(settings.VAR_DIR)}.")
            return
        self.stdout.write(
            "Set CSC_FIELD_KEY to the new key below, remove CSC_PREVIOUS_FIELD_KEYS, then "
            f"restart CSC. Older backups still need the old key.\n{new_key}"
        )
