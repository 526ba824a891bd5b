"""Fixtures shared by every area's tests."""

import pytest

from csc.core import dbhooks
from csc.testing import People, api


@pytest.fixture
def people(db):
    return People()


@pytest.fixture
def api_as():
    return api


@pytest.fixture(autouse=True)
def _trail_locked_during_tests(request):
    """Keep the audit trail locked while a test runs; unlock only for the database flush
    that follows a transactional test (SQLite's flush is a DELETE the triggers refuse)."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        # Set up after the database fixture, so this teardown runs before its flush.
        request.getfixturevalue("transactional_db")
    dbhooks.unlock_trail_for_flush(False)
    yield
    dbhooks.unlock_trail_for_flush(True)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
