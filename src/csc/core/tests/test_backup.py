"""Backup and restore through the ``csc`` command: an empty instance gets back every record and file.

Each instance is a separate SQLite database and media folder under its own CSC_VAR_DIR, driven
in a subprocess exactly as an administrator would (``python -m csc.cli …``). Slow-ish (two full
migrations and the demo), so the instance and its backup are built once for the module.
"""

import json
import os
import subprocess
import sys
import textwrap
import zipfile

import pytest
from django.core.management import CommandError, call_command

PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"

ATTACH = textwrap.dedent(
    """
    import sys
    import django
    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from csc.core import actions
    from csc.core.models import User
    from csc.customers.models import Customer

    customer = Customer.objects.order_by("code").first()
    content = open(sys.argv[1], "rb").read()
    actions.attach(User.objects.get(username="sales"), customer,
                   SimpleUploadedFile("检验报告（2026）.pdf", content))
    """
)

SUMMARY = textwrap.dedent(
    """
    import hashlib, json
    import django
    django.setup()
    from csc.core.models import Attachment, AuditEntry, CalendarDay, Signature, User
    from csc.customers.models import Contact, Customer

    print(json.dumps({
        "customers": sorted(
            [c.code, c.name, c.status, c.bank_account, c.bank_account_tail, c.version]
            for c in Customer.objects.all()
        ),
        "contacts": Contact.objects.count(),
        "users": sorted(
            [u.username, u.language, sorted(u.role_codes), u.check_password("csc-demo-2026")]
            for u in User.objects.all()
        ),
        "audit_entries": AuditEntry.objects.count(),
        "signatures": Signature.objects.count(),
        "calendar_days": CalendarDay.objects.count(),
        "files": sorted(
            [a.name, a.content_type.model, a.sha256, hashlib.sha256(a.file.read()).hexdigest()]
            for a in Attachment.objects.all()
        ),
    }, ensure_ascii=False))
    """
)

EVERY_FIELD = textwrap.dedent(
    """
    import datetime, json
    import django
    django.setup()
    from django.apps import apps
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from csc.core.backup import excluded

    EXCLUDED = excluded()

    def skipped(model):
        label = model._meta.label_lower
        return model._meta.app_label in EXCLUDED or label in EXCLUDED

    def plain(field, value):
        # Content types and permissions are rebuilt by migrate: compare them by name.
        target = getattr(field, "related_model", None)
        if value is not None and target is ContentType:
            ct = ContentType.objects.get_for_id(value)
            return f"{ct.app_label}.{ct.model}"
        if value is not None and target is Permission:
            return Permission.objects.get(pk=value).codename
        if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
            return value.isoformat()  # full microseconds
        return value if isinstance(value, (int, float, bool, str, type(None))) else str(value)

    records = {}
    for model in apps.get_models():
        if skipped(model):
            continue
        fields = model._meta.concrete_fields
        rows = model._base_manager.order_by("pk")
        records[model._meta.label] = [
            [plain(f, getattr(row, f.attname)) for f in fields] for row in rows
        ]
    print(json.dumps(records, ensure_ascii=False, sort_keys=True))
    """
)


class Instance:
    """One CSC installation: its own SQLite database and media folder."""

    def __init__(self, var_dir):
        self.var_dir = var_dir
        var_dir.mkdir()
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "REDIS_URL", "CSC_MEDIA_ROOT", "CSC_HUEY_IMMEDIATE"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="csc.settings",
            CSC_VAR_DIR=str(var_dir),
            CSC_FAST_HASHER="1",
            CSC_SECRET_KEY="backup-test-secret",
            CSC_FIELD_KEY="backup-test-field-key",  # restoring needs the same key
            CSC_AXES="0",
        )
        self.env = env

    def run(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, *args],
            env=self.env,
            cwd=self.var_dir,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check and result.returncode != 0:
            pytest.fail(f"{args} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
        return result

    def csc(self, *args, check=True):
        return self.run("-m", "csc.cli", *args, check=check)

    def summary(self):
        return json.loads(self.run("-c", SUMMARY).stdout)

    def every_field(self):
        return json.loads(self.run("-c", EVERY_FIELD).stdout)


@pytest.fixture(scope="module")
def demo_backup(tmp_path_factory):
    """A demo instance with a file attached to a customer, and its backup (built once: slow)."""
    work = tmp_path_factory.mktemp("backup")
    source = Instance(work / "a")
    source.csc("setup")
    source.csc("demo")
    pdf = work / "report.pdf"
    pdf.write_bytes(PDF)
    source.run("-c", ATTACH, str(pdf))
    archive = work / "backup.zip"
    result = source.csc("backup", str(archive))
    assert "files)" in result.stdout
    assert "restoring it needs the same key" in result.stderr  # the owner is told to keep it
    return source, archive


def test_a_backup_restored_onto_an_empty_instance_gives_everything_back(tmp_path, demo_backup):
    source, archive = demo_backup
    target = Instance(tmp_path / "b")

    result = target.csc("restore", str(archive))

    assert "Restored" in result.stdout
    before, after = source.summary(), target.summary()
    assert after == before
    # The comparison means something only if the demo holds what we compare.
    assert len(before["customers"]) >= 5
    assert any(bank for _code, _name, _status, bank, _tail, _v in before["customers"])
    assert all(can_log_in for *_rest, can_log_in in before["users"])
    assert before["audit_entries"] > 0 and before["signatures"] > 0
    ours = [row for row in after["files"] if row[0] == "检验报告（2026）.pdf"]
    assert [row[1] for row in ours] == ["customer"]
    assert all(sha == file_sha for _name, _model, sha, file_sha in after["files"])  # same bytes


def test_a_restore_gives_back_every_field_of_every_record_to_the_microsecond(tmp_path, demo_backup):
    source, archive = demo_backup
    target = Instance(tmp_path / "b")
    target.csc("restore", str(archive))
    before, after = source.every_field(), target.every_field()
    assert sum(len(rows) for rows in before.values()) > 100
    microseconds = [
        value
        for rows in before["core.AuditEntry"]
        for value in rows
        if isinstance(value, str) and "T" in value and "." in value
    ]
    assert any(len(v.split(".")[1].split("+")[0]) == 6 for v in microseconds)
    for label in before:
        assert after[label] == before[label], label


def test_an_encrypted_backup_hides_hashes_and_tokens_and_needs_its_passphrase(
    tmp_path, demo_backup
):
    source, _archive = demo_backup
    sealed = tmp_path / "sealed.bak"
    source.env["CSC_BACKUP_PASSPHRASE"] = "gear-valve-42-seal"
    try:
        result = source.csc("backup", "--encrypt", str(sealed))
    finally:
        del source.env["CSC_BACKUP_PASSPHRASE"]
    assert "encrypted" in result.stdout
    content = sealed.read_bytes()
    assert b"data.json" not in content and b"md5$" not in content
    target = Instance(tmp_path / "c")
    target.env["CSC_BACKUP_PASSPHRASE"] = "the-wrong-passphrase"
    refused = target.csc("restore", str(sealed), check=False)
    assert refused.returncode != 0 and "wrong passphrase" in refused.stderr
    target.env["CSC_BACKUP_PASSPHRASE"] = "gear-valve-42-seal"
    target.csc("restore", str(sealed))
    assert target.summary() == source.summary()


def test_restoring_onto_an_instance_with_data_is_refused(tmp_path, demo_backup):
    source, archive = demo_backup
    before = source.summary()

    result = source.csc("restore", str(archive), check=False)

    assert result.returncode != 0
    assert "already holds data" in result.stderr
    assert "restore onto an empty one" in result.stderr
    assert source.summary() == before


def _zip(path, members):
    with zipfile.ZipFile(path, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)


MANIFEST = json.dumps({"format": 1, "created": "2026-10-08T10:00:00+08:00", "files": 1})


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        (None, "not a zip file"),
        ({"notes.txt": "这不是备份文件"}, "not a CSC backup"),
        ({"manifest.json": '{"format": 99}', "data.json": "[]"}, "unknown backup format 99"),
        (
            {"manifest.json": MANIFEST, "data.json": "[]", "media/../../escape.txt": "x"},
            "unsafe path in backup",
        ),
    ],
)
def test_a_file_that_is_not_a_sound_backup_is_refused_before_anything_changes(
    tmp_path, media_root, members, reason
):
    wrong = tmp_path / "wrong.zip"
    if members is None:
        wrong.write_text("这不是备份文件", encoding="utf-8")
    else:
        _zip(wrong, members)

    # No database access is allowed in this test: the file is judged before migrating.
    with pytest.raises(CommandError, match=f"Cannot restore .*{reason}"):
        call_command("restore", str(wrong))

    assert not (tmp_path.parent / "escape.txt").exists()
