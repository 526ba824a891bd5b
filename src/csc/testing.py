"""Helpers for tests: personas (a user per department), API clients and data makers."""

import email
import os
import re
import shutil
import socket
import threading
from collections import Counter
from email import policy

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from csc.core.choices import Role
from csc.core.models import Department, OutboxEmail, User

# persona name → (role, department code); one per department plus management roles.
PERSONAS = {
    "sales": (Role.SALES, "marketing"),
    "engineer": (Role.ENGINEERING, "engineering"),
    "quality": (Role.QUALITY, "quality"),
    "materials": (Role.MATERIALS, "materials"),
    "production": (Role.PRODUCTION, "production"),
    "warehouse": (Role.WAREHOUSE, "warehouse"),
    "service": (Role.SERVICE, "service"),
    "gm": (Role.GENERAL_MANAGER, "management"),
    "vp": (Role.VICE_PRESIDENT, "management"),
    "vp_assistant": (Role.VP_ASSISTANT, "management"),
    "mr": (Role.MANAGEMENT_REP, "quality"),
    "plant_manager": (Role.PLANT_MANAGER, "production"),
    "administrator": (Role.ADMINISTRATOR, "management"),
}


def outbox_to(address="", endswith=""):
    """Return the outbox e-mails addressed to ``address`` (or to an address ending in
    ``endswith``), among their recipients. The recipients are stored encrypted (SEC-2), so
    they are matched here, not in SQL."""

    def matches(recipient):
        return recipient == address if address else recipient.endswith(endswith)

    mails = OutboxEmail.objects.only("pk", "to")
    ids = [mail.pk for mail in mails if any(matches(r) for r in mail.recipients())]
    return OutboxEmail.objects.filter(pk__in=ids)


def make_user(username, role=None, department=None, **extra):
    """Create a user holding ``role`` (a Role or None for an outsider)."""
    user = User.objects.create_user(
        username=username,
        password="pw-for-tests-1",
        email=f"{username}@test.csc.local",
        department=Department.objects.filter(code=department).first() if department else None,
        **extra,
    )
    if role is not None:
        user.groups.add(Group.objects.get(name=role))
    return user


class People:
    """Lazily created personas: ``people.quality``, ``people.outsider``, ``people.contact``."""

    def __init__(self):
        self._made = {}

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._made:
            self._made[name] = self._make(name)
        return self._made[name]

    def _make(self, name):
        if name == "outsider":
            return make_user("outsider")
        if name == "contact":
            return self.contact_of(make_customer(name="客户甲有限公司"), "contact")
        role, department = PERSONAS[name]
        return make_user(name, role, department)

    def contact_of(self, customer, username):
        """Return a portal user who is a contact of ``customer``."""
        from csc.customers.models import Contact

        user = make_user(username, Role.CUSTOMER_CONTACT)
        Contact.objects.create(customer=customer, name=username, email=user.email, user=user)
        return user


def make_customer(name="测试客户有限公司", status="active", **fields):
    """Create an admitted customer directly (tests of other areas need one quickly)."""
    from django.db import transaction

    from csc.core.numbering import next_number
    from csc.customers.models import Customer

    with transaction.atomic():
        return Customer.objects.create(
            code=next_number("customer", "CU"), name=name, status=status, **fields
        )


def api(user=None):
    """Return an API client authenticated by token as ``user`` (anonymous if None)."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def count_queries(func):
    """Return (result, number of SQL queries) of calling ``func``."""
    with CaptureQueriesContext(connection) as context:
        result = func()
    return result, len(context.captured_queries)


# A 360° panel's placeholder, which the browser replaces with the panel it fetches (htmx).
PANEL_PLACEHOLDER = re.compile(r'<section class="card panel-loading"[^>]*hx-get="([^"]+)".*?</section>', re.S)  # fmt: skip


def customer_page(client, customer):
    """Return the customer's 360° page as the browser ends up showing it: the page's HTML with
    each panel placeholder replaced by the panel fetched from its address."""
    page = client.get(customer.get_absolute_url())
    assert page.status_code == 200
    return PANEL_PLACEHOLDER.sub(lambda m: _fetched(client, m.group(1)), page.content.decode())


def _fetched(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def customer_panel(client, customer, key):
    """Return the response of one 360° panel (its ``context["panel"]``), e.g. "orders-panel"."""
    return client.get(f"{customer.get_absolute_url()}panels/{key}/")


def wait_until_other_sessions_end(attempts=100):
    """Wait until no other session uses the test database (PostgreSQL): a closed connection's
    server process ends a moment later, and dropping the database must not find it there."""
    import time

    for _attempt in range(attempts):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.1)


def on_postgres():
    return connection.vendor == "postgresql"


def system_tool(name, package):
    """Return the path of a system program the tests use, or skip without it.

    On CI (CSC_REQUIRE_TOOLS, set by .ci/run, which installs them) a missing program fails the
    test instead, so a new machine without the package cannot pass by skipping.
    """
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CSC_REQUIRE_TOOLS"):
            pytest.fail(f"{name} ({package}) is required on CI but is not installed")
        pytest.skip(f"{name} ({package}) is not installed")
    return path


def pdf_text(pdf_bytes, folder):
    """Return the text poppler reads from a PDF, after checking its first page renders to an
    image (a PDF that does not render fails here, whatever text it holds)."""
    import subprocess

    system_tool("pdftoppm", "poppler-utils")
    source = folder / "document.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", source, folder / "page"], check=True
    )
    assert (folder / "page-1.png").stat().st_size > 5000
    done = subprocess.run(["pdftotext", source, "-"], check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def chromium_path():
    """Return the system Chromium, or skip (fail on CI, where it must be there)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        if os.environ.get("CSC_REQUIRE_BROWSER") or os.environ.get("CSC_REQUIRE_TOOLS"):
            pytest.fail("Chromium is required on CI but is not installed")
        pytest.skip("Chromium is not installed")
    return path


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def log_in(page, live_server, username, password="pw-for-tests-1"):
    """Log a persona in through the real login form."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")


# --- a real SMTP server for tests ------------------------------------------------------


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self):
        self.envelopes = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        return [
            email.message_from_bytes(e.original_content or e.content, policy=policy.default)
            for e in self.envelopes
        ]

    def to(self, address):
        """The messages sent to ``address``, in the order they arrived."""
        return [m for m in self.messages if address in str(m["To"])]

    def message_ids(self):
        return Counter(m["Message-ID"] for m in self.messages)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """A local SMTP server that can be stopped and started again on the same port."""

    def __init__(self, port):
        self.port = port
        self.inbox = Inbox()
        self._controller = None

    def start(self):
        from aiosmtpd.controller import Controller

        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


# Texts the search tests index: Chinese of one and more characters, Latin in both cases, and
# the characters LIKE and FTS5 give a meaning (%, _, quotes).
SEARCH_TEXTS = [
    "客户反映产品漏水，密封圈老化",
    "外观划伤，表面有压痕",
    "漏",
    "Paint peeling after salt spray",
    "批次混料：ABC 与 abd 混装",
    "焊点开裂_100% 检出",
    'Burrs on "stamped" edges',
]
