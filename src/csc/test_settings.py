"""Settings for the test suite: the product's settings with test-speed and isolation tweaks."""

import os
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

from .settings import *  # noqa: E402, F403
from .settings import CSC, HUEY  # noqa: E402

CSC["OUTBOX_SEND_ON_COMMIT"] = False  # tests send the outbox explicitly, against a real server
HUEY["immediate"] = True
AXES_ENABLED = False
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (WhiteNoise expects it)
