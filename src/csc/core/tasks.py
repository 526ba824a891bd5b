"""Background jobs of the company set-up."""

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import mail


@db_periodic_task(crontab(minute="*"))
def send_outbox():
    """Every minute: send what the outbox holds (also catches mail queued while down)."""
    return mail.send_pending()


@db_task()
def send_outbox_task():
    return mail.send_pending()


def send_outbox_soon():
    """Ask the worker to send the outbox now rather than at the next minute."""
    if settings.CSC.get("OUTBOX_SEND_ON_COMMIT", True):
        send_outbox_task()


@db_periodic_task(crontab(minute="17", hour="3"))
def optimize_database():
    """Nightly: let SQLite refresh its planner statistics, so sorts on large lists use indexes."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA optimize")


@db_periodic_task(crontab(minute="27", hour="3"))
def forget_held_uploads():
    """Nightly: remove files held for a refused form that nobody submitted again."""
    from . import held

    held.forget_old()


@db_task()
def run_job(job_id):
    """Run one background job (export, import, printed pack) recorded by a page."""
    from . import jobs

    jobs.run(job_id)
