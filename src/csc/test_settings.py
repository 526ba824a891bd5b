"""Settings for the test suite: the product's settings with test-speed and isolation tweaks."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("CSC_FAST_HASHER", "1")
os.environ.setdefault("CSC_HUEY_IMMEDIATE", "1")
# Fixed test keys: a PostgreSQL run counts as production, which refuses to start without keys.
os.environ.setdefault("CSC_SECRET_KEY", "csc-test-secret-key")
os.environ.setdefault("CSC_FIELD_KEY", "csc-test-field-key")
# The derived PDF fonts outlive a test run (a minute to build): the project's own cache.
os.environ.setdefault(
    "CSC_PDF_FONT_CACHE", str(Path(__file__).resolve().parents[2] / "var" / "cache" / "fonts")
)
os.environ.setdefault("CSC_VAR_DIR", tempfile.mkdtemp(prefix="csc-test-var-"))


def _test_database_file():
    """A fresh SQLite file for this run's test database, in memory-backed storage when there is
    some, removed when the run ends.

    Not ":memory:": Django lends an in-memory database's one connection to the live server's
    threads, and a SQLite connection used by two threads at once can deadlock. A query calling
    one of Django's Python SQL functions (date truncation, …) holds the connection and waits for
    the interpreter lock, while the other thread holds that lock and waits for the connection.
    A browser test then hangs for ever. With a file every thread opens its own connection, as
    in production.
    """
    shm = Path("/dev/shm")
    folder = tempfile.mkdtemp(
        prefix="csc-test-db-", dir=shm if shm.is_dir() and os.access(shm, os.W_OK) else None
    )
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return str(Path(folder) / "test.sqlite3")


if "CSC_TEST_SQLITE" not in os.environ:
    os.environ["CSC_TEST_SQLITE"] = _test_database_file()

from .settings import *  # noqa: E402, F403
from .settings import CSC, HUEY  # noqa: E402

CSC["OUTBOX_SEND_ON_COMMIT"] = False  # tests send the outbox explicitly, against a real server
HUEY["immediate"] = True
AXES_ENABLED = False
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise expects it)
