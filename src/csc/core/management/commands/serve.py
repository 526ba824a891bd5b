"""Run CSC on the embedded default: the web server and the background worker together."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from csc.core import demo_marker
from csc.core.mail import mail_server_trouble
from csc.core.models import User
from csc.core.pdf import prepare_fonts


class Command(BaseCommand):
    help = "Start the web server (gunicorn) and the background worker (huey) together."

    def add_arguments(self, parser):
        parser.add_argument("--host", default=os.environ.get("CSC_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("CSC_PORT", "8000")))
        parser.add_argument(
            "--no-demo", action="store_true", help="do not load demo data on first run"
        )
        parser.add_argument("--no-worker", action="store_true", help="start the web server only")

    def handle(self, *args, **options):
        # The PDF fonts take a minute or two on a new install: derived after the web answers.
        call_command("setup", later_fonts=True)
        load_demo = not options["no_demo"] and not User.objects.exists()
        call_command("collectstatic", interactive=False, verbosity=0)
        worker = None if options["no_worker"] else self._start_worker()
        if load_demo:
            # Mark before the web starts, so the very first page already shows the banner.
            demo_marker.begin()
        web = subprocess.Popen(self._web_command(options), env=os.environ.copy())
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"CSC is running at {url}"))
        self.stdout.write(
            "Demo logins (password csc-demo-2026): sales, quality, engineering, materials,"
        )
        self.stdout.write(
            "  gm, vp, vp_assistant, mr, plant_manager, service, admin; portal: contact"
        )
        self._check_mail_server()
        try:
            if load_demo:
                self._load_demo()
            prepare_fonts()
            web.wait()
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(web, worker)

    def _check_mail_server(self):
        """Say at start when no mail server answers: e-mail then waits in the outbox (the
        admin reads it there, and pages show it as not sent) instead of passing for sent."""
        trouble = mail_server_trouble()
        if trouble:
            self.stdout.write(self.style.WARNING(
                f"No mail server answers at {settings.EMAIL_HOST}:{settings.EMAIL_PORT} ({trouble}): "
                "e-mail waits in the outbox (System > Outgoing e-mail) until one does. Set "
                "CSC_SMTP_HOST and CSC_SMTP_PORT to send it."
            ))  # fmt: skip

    def _load_demo(self):
        """Load the demo while the web already answers: the first start is ready sooner."""
        self.stdout.write("Loading the demo company; the login page says so until it is done …")
        self.stdout.flush()
        try:
            call_command("demo")
        finally:
            demo_marker.end()

    def _stop(self, web, worker):
        for process, stop in ((web, signal.SIGTERM), (worker, signal.SIGINT)):
            if process is not None and process.poll() is None:
                process.send_signal(stop)
                process.wait(timeout=20)

    def _start_worker(self):
        return subprocess.Popen([sys.executable, "-m", "csc.cli", "worker"], env=os.environ.copy())

    def _web_command(self, options):
        bind = f"{options['host']}:{options['port']}"
        return [
            sys.executable, "-m", "gunicorn", "csc.wsgi:application", "--bind", bind,
            "--workers", os.environ.get("CSC_WEB_WORKERS", "2"), "--threads", "4",
            "--access-logfile", "-" if settings.DEBUG else "/dev/null",
        ]  # fmt: skip
