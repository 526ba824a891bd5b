"""Fixtures shared by every area's tests."""

import faulthandler
import os

import pytest

from csc.core import dbhooks
from csc.testing import People, SmtpServer, api, free_port

# No test runs longer than this (the fuzzing and `csc serve` tests take two or three minutes).
TEST_TIME_LIMIT_S = int(os.environ.get("CSC_TEST_TIME_LIMIT", "600"))
_stderr = None


def pytest_configure(config):
    global _stderr
    _stderr = os.dup(2)  # the terminal, before a test's output capture takes fd 2


@pytest.fixture(autouse=True)
def _no_test_hangs_the_run():
    """A test past the time limit prints every thread's stack and ends the run with an error.

    faulthandler's watchdog is a thread in C: it fires even when a deadlock holds the interpreter
    lock, where no Python timer could. A hung test then fails CI within minutes, with the stacks
    that say where, instead of using up the whole run's time.
    """
    faulthandler.dump_traceback_later(TEST_TIME_LIMIT_S, exit=True, file=_stderr or 2)
    yield
    faulthandler.cancel_dump_traceback_later()


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


@pytest.fixture(autouse=True)
def _fresh_company_calendar():
    """The calendar is cached per thread for a minute; no test may see another's holidays."""
    from csc.core.company_calendar import forget

    forget()
    yield
    forget()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def browser_page(monkeypatch):
    """A page in the system Chromium, 1280 px wide (skipped locally without Chromium)."""
    from playwright.sync_api import sync_playwright

    from csc.testing import CHROMIUM_ARGS, chromium_path

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the test makes
    # around it are still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(15000)
        yield page
        browser.close()


@pytest.fixture
def smtp_settings(settings):
    """Point Django's SMTP backend at a port of our own (nothing listens there yet)."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "CSC <csc@test.csc.local>"
    # Retry at once, so these tests need not wait out the back-off between attempts.
    settings.CSC = {**settings.CSC, "OUTBOX_RETRY_MINUTES": 0}
    return settings


@pytest.fixture
def smtp_server(smtp_settings):
    server = SmtpServer(smtp_settings.EMAIL_PORT)
    server.start()
    yield server
    server.stop()
