"""Backup and restore of a whole instance: every record and every uploaded file, in one zip.

The records travel as Django's JSON with natural keys, so a backup taken on SQLite restores on
PostgreSQL and back. Encrypted fields stay encrypted in the file: restoring needs the same
CSC_FIELD_KEY (or SECRET_KEY when no field key is set).
"""

import json
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
FORMAT = 1


def backup(target):
    """Write the database and media files to the zip ``target``; return the manifest."""
    with tempfile.TemporaryDirectory() as work:
        data = Path(work) / "data.json"
        call_command(
            "dumpdata",
            natural_foreign=True,
            natural_primary=True,
            exclude=EXCLUDED,
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


def check_backup(source):
    """Return the manifest of the backup file ``source`` before anything is changed."""
    try:
        with zipfile.ZipFile(source) as archive:
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


def restore(source):
    """Load a backup into this (migrated, empty) instance; return its manifest."""
    with zipfile.ZipFile(source) as archive:
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
