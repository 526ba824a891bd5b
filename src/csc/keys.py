"""The instance's secret keys: from the environment, else from a file in the data directory.

Imported by ``settings`` before Django is configured, so it uses nothing of Django. On the
embedded default (no DATABASE_URL) the keys are generated once into ``VAR_DIR/keys.json``
(mode 0600) and reused; in production they must come from the environment.
"""

import json
import os
import secrets
from pathlib import Path

KEYS_FILE_NAME = "keys.json"
# The constant older installations ran with; kept only so their data can still be decrypted.
LEGACY_KEY = "csc-insecure-development-key-change-me"


class MissingKeys(RuntimeError):
    """Production was started without its keys."""


def keys_path(var_dir):
    return Path(var_dir) / KEYS_FILE_NAME


def read_keys(var_dir):
    """Return the stored keys of this data directory, or None when there are none yet."""
    path = keys_path(var_dir)
    if not path.exists():
        return None
    return json.loads(path.read_text())


def write_keys(var_dir, keys):
    """Write ``keys`` readable by the owner only; an existing file is replaced atomically."""
    path = keys_path(var_dir)
    temporary = path.with_suffix(".tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(keys, handle, indent=2)
    os.chmod(temporary, 0o600)  # the umask may have widened an older file
    os.replace(temporary, path)


def generate_keys(var_dir, database_exists):
    """Create the keys of a new data directory and return them.

    An installation whose database predates the key file encrypted its data with the legacy
    constant: that key stays readable as a previous key until ``csc rotate_field_key`` runs.
    """
    keys = {
        "secret_key": secrets.token_urlsafe(50),
        "field_key": secrets.token_urlsafe(32),
        "previous_field_keys": [LEGACY_KEY] if database_exists else [],
    }
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(keys_path(var_dir), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return read_keys(var_dir)  # another process of this start won the race
    with os.fdopen(descriptor, "w") as handle:
        json.dump(keys, handle, indent=2)
    return keys


def instance_keys(environ, var_dir, production, database_exists):
    """Return (secret key, field key, previous field keys) for this process.

    The environment wins; production refuses to start without it; the embedded default reads
    or creates its key file.
    """
    secret = environ.get("CSC_SECRET_KEY", "")
    field = environ.get("CSC_FIELD_KEY", "")
    previous = [k for k in environ.get("CSC_PREVIOUS_FIELD_KEYS", "").split(",") if k]
    if secret and field:
        return secret, field, previous
    if production:
        missing = [n for n, v in (("CSC_SECRET_KEY", secret), ("CSC_FIELD_KEY", field)) if not v]
        raise MissingKeys(
            f"CSC refuses to start in production without {' and '.join(missing)}. "
            'Set them in the environment (for example with `python -c "import secrets; '
            'print(secrets.token_urlsafe(50))"`), keep the field key with your backups, '
            "and never change it without `csc rotate_field_key`."
        )
    stored = read_keys(var_dir) or generate_keys(var_dir, database_exists)
    return (
        secret or stored["secret_key"],
        field or stored["field_key"],
        previous or stored.get("previous_field_keys", []),
    )
