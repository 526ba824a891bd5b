"""No constant keys: the embedded default makes its own, production refuses to start without."""

import os
import stat
import subprocess
import sys

import pytest
from django.core.management import call_command

from csc import keys
from csc.customers.models import Customer
from csc.testing import make_customer


def test_a_new_data_directory_gets_its_own_keys_readable_by_the_owner_only(tmp_path):
    first = keys.instance_keys({}, tmp_path, production=False, database_exists=False)
    again = keys.instance_keys({}, tmp_path, production=False, database_exists=False)
    assert first == again, "the keys must be generated once and reused"
    secret, field, previous = first
    assert keys.LEGACY_KEY not in (secret, field) and previous == []
    assert len(secret) >= 50 and len(field) >= 32
    assert stat.S_IMODE(os.stat(keys.keys_path(tmp_path)).st_mode) == 0o600
    other = keys.instance_keys({}, tmp_path / "x", production=False, database_exists=False)
    assert other[:2] != first[:2], "two installations must never share a key"


def test_an_older_installation_keeps_reading_what_it_encrypted_with_the_constant(tmp_path):
    _, _, previous = keys.instance_keys({}, tmp_path, production=False, database_exists=True)
    assert previous == [keys.LEGACY_KEY]


def test_production_refuses_to_start_without_its_keys(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSC_")}
    env.update(
        DJANGO_SETTINGS_MODULE="csc.settings",
        CSC_VAR_DIR=str(tmp_path),
        DATABASE_URL="postgres://nobody@127.0.0.1:1/none",
        CSC_SECRET_KEY="set-but-no-field-key",
    )
    result = subprocess.run(
        [sys.executable, "-m", "csc.cli", "check"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "refuses to start in production without CSC_FIELD_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert not keys.keys_path(tmp_path).exists()


@pytest.mark.django_db
def test_rotating_the_field_key_reencrypts_every_bank_account(settings, tmp_path, capsys):
    settings.VAR_DIR = tmp_path
    customer = make_customer(bank_account="6222 0000 1111 2222")
    call_command("rotate_field_key", "--new-key", "the-new-field-key")
    assert "1 values re-encrypted" in capsys.readouterr().out
    settings.FIELD_ENCRYPTION_KEY, settings.PREVIOUS_FIELD_KEYS = "the-new-field-key", []
    assert Customer.objects.get(pk=customer.pk).bank_account == "6222 0000 1111 2222"
    settings.FIELD_ENCRYPTION_KEY = "csc-test-field-key"
    with pytest.raises(ValueError):
        Customer.objects.get(pk=customer.pk).bank_account  # noqa: B018


@pytest.mark.django_db
def test_rotation_moves_data_off_the_legacy_constant(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.PRODUCTION = False
    keys.write_keys(
        tmp_path,
        {"secret_key": "s", "field_key": "new", "previous_field_keys": [keys.LEGACY_KEY]},
    )
    settings.FIELD_ENCRYPTION_KEY, settings.PREVIOUS_FIELD_KEYS = keys.LEGACY_KEY, []
    customer = make_customer(bank_account="6222 0000 3333 4444")  # as older versions stored it
    settings.FIELD_ENCRYPTION_KEY, settings.PREVIOUS_FIELD_KEYS = "new", [keys.LEGACY_KEY]
    assert Customer.objects.get(pk=customer.pk).bank_account == "6222 0000 3333 4444"
    call_command("rotate_field_key")
    stored = keys.read_keys(tmp_path)
    assert stored["previous_field_keys"] == [] and stored["field_key"] != "new"
    settings.FIELD_ENCRYPTION_KEY, settings.PREVIOUS_FIELD_KEYS = stored["field_key"], []
    assert Customer.objects.get(pk=customer.pk).bank_account == "6222 0000 3333 4444"
