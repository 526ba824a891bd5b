"""Security headers: a strict Content-Security-Policy, and HTTPS settings when the site is https."""

import os
import subprocess
import sys

import pytest
from django.test import Client

from csc.testing import log_in


def test_every_page_forbids_scripts_from_elsewhere_and_inline(db):
    response = Client().get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in directives["default-src"]


def https_settings(site_url):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSC_")}
    env.update(DJANGO_SETTINGS_MODULE="csc.test_settings", CSC_SITE_URL=site_url)
    script = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS > 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_an_https_site_sends_cookies_only_over_https_and_asks_for_hsts():
    assert https_settings("https://csc.example.com") == ["True", "True", "True"]
    assert https_settings("http://127.0.0.1:8000") == ["False", "False", "False"]


@pytest.mark.django_db(transaction=True)
def test_pages_work_under_the_policy_with_htmx_served_locally(live_server, browser_page, people):
    violations = []
    browser_page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    user = people.sales
    log_in(browser_page, live_server, user.username)
    for path in ("/", "/customers/", "/orders/kpi/"):
        browser_page.goto(f"{live_server.url}{path}")
        assert browser_page.evaluate("typeof window.htmx") == "object", path
    assert violations == []
