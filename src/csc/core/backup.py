"""Backup and restore of a whole instance: every record and every uploaded file, in one zip.

The records travel as Django's JSON with natural keys, so a backup taken on SQLite restores on
PostgreSQL and back. Encrypted fields stay encrypted in the file: restoring needs the same
CSC_FIELD_KEY. Times keep their microseconds (``csc_json``). With a secret the whole zip is
encrypted (``backupcrypt``), so password hashes and API tokens are not readable from the file.
"""

import contextlib
import json
import tempfile
import zipfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from . import backupcrypt

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


def excluded():
    """Return what a backup leaves out: EXCLUDED, and every model marked ``derived`` (counted
    from other records, e.g. KPI tallies: their triggers recount them after a restore)."""
    derived = [m._meta.label_lower for m in apps.get_models() if getattr(m, "derived", False)]
    return EXCLUDED + derived


FORMAT = 1


def backup(target, secret=None):
    """Write the database and media files to the zip ``target``; return the manifest.

    With ``secret`` (a passphrase or the field key) the zip is written encrypted.
    """
    if secret is None:
        return _write_zip(target)
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "backup.zip"
        manifest = _write_zip(plain)
        backupcrypt.encrypt_file(plain, target, secret)
    return manifest


@contextlib.contextmanager
def opened(source, secret=None):
    """Yield the path of the plain zip of ``source``, decrypting it first when it is sealed."""
    if not backupcrypt.is_encrypted(source):
        yield source
        return
    if not secret:
        raise ValueError("the backup is encrypted: give its passphrase or the field key")
    with tempfile.TemporaryDirectory() as work:
        plain = Path(work) / "backup.zip"
        backupcrypt.decrypt_file(source, plain, secret)
        yield plain


def _write_zip(target):
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.json"
        call_command(
            "dumpdata",
            format="csc_json",
            natural_foreign=True,
            natural_primary=True,
            exclude=excluded(),
            output=str(data),
            verbosity=0,
        )
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "database": connection.vendor,
        }
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(data, "data.json")
            media = Path(settings.MEDIA_ROOT)
            files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
            for path in files:
                archive.write(path, f"media/{path.relative_to(media)}")
            manifest["files"] = len(files)
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    return manifest


def migrate_for_restore():
    """Create the tables without the usual company set-up: the backup brings its own."""
    from . import apps as core_apps

    core_apps.setup_paused = True
    try:
        call_command("migrate", interactive=False, verbosity=0)
    finally:
        core_apps.setup_paused = False


def instance_is_empty():
    from csc.core.models import AuditEntry, Department, User

    return not (User.objects.exists() or Department.objects.exists() or AuditEntry.objects.exists())


def read_manifest(archive):
    """Return the manifest of an open backup; ValueError when it is not a CSC backup."""
    names = set(archive.namelist())
    if not {"manifest.json", "data.json"} <= names:
        raise ValueError("not a CSC backup (manifest.json or data.json is missing)")
    manifest = json.loads(archive.read("manifest.json"))
    version = manifest.get("format") if isinstance(manifest, dict) else None
    if version != FORMAT:
        raise ValueError(f"unknown backup format {version}")
    return manifest


def check_backup(source, secret=None):
    """Return the manifest of the backup file ``source`` before anything is changed."""
    try:
        with opened(source, secret) as plain, zipfile.ZipFile(plain) as archive:
            manifest = read_manifest(archive)
            _media_targets(archive)
    except zipfile.BadZipFile as error:
        raise ValueError(f"not a zip file ({error})") from None
    return manifest


def _media_targets(archive):
    """Return [(member, target path)] of the uploaded files; refuse paths leaving MEDIA_ROOT."""
    media = Path(settings.MEDIA_ROOT).resolve()
    targets = []
    for name in archive.namelist():
        if name.startswith("media/") and not name.endswith("/"):
            target = (media / name[len("media/") :]).resolve()
            if media not in target.parents:
                raise ValueError(f"unsafe path in backup: {name}")
            targets.append((name, target))
    return targets


def restore(source, secret=None):
    """Load a backup into this (migrated, empty) instance; return its manifest."""
    with opened(source, secret) as plain, zipfile.ZipFile(plain) as archive:
        manifest = read_manifest(archive)
        # Checked before loading, so a bad file name cannot leave a half-restored instance.
        targets = _media_targets(archive)
        with tempfile.TemporaryDirectory() as work:
            archive.extract("data.json", work)
            call_command("loaddata", str(Path(work) / "data.json"), verbosity=0)
        from .roles import sync_roles

        sync_roles()  # permissions added by newer versions since the backup was taken
        for name, target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(name))
    return manifest
