"""Run CSC on the embedded default: the web server and the background worker together."""

import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from csc.core.models import User


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
        call_command("setup")
        if not options["no_demo"] and not User.objects.exists():
            call_command("demo")
        call_command("collectstatic", interactive=False, verbosity=0)
        worker = None if options["no_worker"] else self._start_worker()
        url = f"http://{options['host']}:{options['port']}/"
        self.stdout.write(self.style.SUCCESS(f"CSC is running at {url}"))
        self.stdout.write(
            "Demo logins (password csc-demo-2026): sales, quality, engineering, materials,"
        )
        self.stdout.write(
            "  gm, vp, vp_assistant, mr, plant_manager, service, admin; portal: contact"
        )
        try:
            subprocess.call(self._web_command(options), env=os.environ.copy())
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                worker.send_signal(signal.SIGINT)
                worker.wait(timeout=20)

    def _start_worker(self):
        return subprocess.Popen([sys.executable, "-m", "csc.cli", "worker"], env=os.environ.copy())

    def _web_command(self, options):
        bind = f"{options['host']}:{options['port']}"
        return [
            sys.executable, "-m", "gunicorn", "csc.wsgi:application", "--bind", bind,
            "--workers", os.environ.get("CSC_WEB_WORKERS", "2"), "--threads", "4",
            "--access-logfile", "-" if settings.DEBUG else "/dev/null",
        ]  # fmt: skip
