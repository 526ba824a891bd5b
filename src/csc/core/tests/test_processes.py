"""The product as a user starts it: `csc serve` answers on HTTP, and the worker queue moves to
Redis when REDIS_URL is set."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def product_env(tmp_path, **extra):
    # The test run's own CSC_* switches (immediate queue, fast hasher) must not leak in.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CSC_") and k not in ("DATABASE_URL", "REDIS_URL")
    }
    env.update(DJANGO_SETTINGS_MODULE="csc.settings", CSC_VAR_DIR=str(tmp_path / "var"), **extra)
    return env


def get(url):
    """Return (status, body) of a GET, or None while nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except OSError:
        return None


def wait_for(process, url, until=lambda answer: True, seconds=600):
    """Poll ``url`` until an answer satisfies ``until``; fail at once if the process died.

    The deadline only guards against a hang: readiness, not a fixed delay, ends the wait, so a
    slow first start on a busy machine is not a failure.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, f"csc serve exited with {process.returncode}"
        answer = get(url)
        if answer is not None and until(answer):
            return answer
        time.sleep(0.5)
    raise AssertionError(f"no fitting answer at {url} within {seconds} s")


def banner_gone(answer):
    return "demo-loading" not in answer[1]


def test_csc_serve_starts_the_web_server_and_the_worker(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "csc.cli", "serve", "--port", str(port)],
        env=product_env(tmp_path, CSC_WEB_WORKERS="1"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    login = f"http://127.0.0.1:{port}/accounts/login/"
    try:
        status, first = wait_for(process, login)
        assert status == 200
        assert 'lang="zh-CN"' in first
        # The web answers before the demo is in, and says so while it loads.
        assert "demo-loading" in first
        assert "演示公司数据正在加载" in first
        status, after = wait_for(process, login, until=banner_gone)
        assert status == 200 and "demo-loading" not in after
        assert (tmp_path / "var" / "csc.sqlite3").exists()
        assert (tmp_path / "var" / "huey.sqlite3").exists(), "the worker's queue was not opened"
    finally:
        os.killpg(process.pid, 15)
        output = process.communicate(timeout=30)[0].decode()
    assert "CSC is running at" in output
    assert "csc-demo-2026" in output
    assert "Demo data loaded" in output


def test_the_job_queue_lives_in_redis_when_redis_url_is_set(tmp_path):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/15"
    try:
        redis.Redis.from_url(url).ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail("Redis must run on CI")
        pytest.skip("Redis is not running")
    script = (
        "import django; django.setup();"
        "from huey.contrib.djhuey import HUEY; from csc.core.tasks import send_outbox_task;"
        "HUEY.flush(); send_outbox_task();"
        "print(type(HUEY).__name__, HUEY.pending_count());"
        "task = HUEY.dequeue(); HUEY.execute(task); print(HUEY.pending_count()); HUEY.flush()"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        # A queue of its own: a test run on the other database may share this Redis.
        env=product_env(tmp_path, REDIS_URL=url, CSC_HUEY_NAME=f"csc-test-{os.getpid()}"),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == ["RedisHuey", "1", "0"]
