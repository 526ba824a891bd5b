"""Background jobs users can see: exports, imports, printed packs and periodic runs.

A page only records a Job and queues it; the worker runs it, reporting progress that the page
polls (htmx). A job that ends within ``JOB_WAIT_SECONDS`` is answered in the same request (a
small export downloads as before); a longer one shows its progress bar and notifies its user
with the file when done. Areas declare what runs a kind of job in their AppConfig ``jobs``.
"""

import contextlib
import contextvars
import functools
import logging
import os
import tempfile
import time
from dataclasses import dataclass, field
from types import SimpleNamespace

from django.conf import settings
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .choices import JobStatus
from .errors import ActionError
from .models import Job
from .workflow import Step, Workflow

logger = logging.getLogger(__name__)

JOB_FLOW = Workflow(
    JobStatus,
    {
        "start": Step((JobStatus.QUEUED,), JobStatus.RUNNING, _("Start")),
        "finish": Step((JobStatus.RUNNING,), JobStatus.DONE, _("Finish")),
        "fail": Step(
            (JobStatus.QUEUED, JobStatus.RUNNING), JobStatus.FAILED, _("Stop with an error")
        ),
    },
)


@dataclass
class Outcome:
    """What a job hands back: a file to keep (path and download name) and/or a result."""

    path: str = ""
    filename: str = ""
    result: dict = field(default_factory=dict)


def runner_for(kind):
    """Return the function an area declares for ``kind`` in its contract's ``jobs``."""
    from .areas import runner

    return runner(kind)


# --- starting a job from a page -----------------------------------------------------------


def launch(user, kind, title, params=None, upload=None):
    """Record and queue a job; wait briefly for a short one; return it (reloaded)."""
    from . import actions

    job = actions.queue_job(user, kind, title, params or {}, upload)
    enqueue(job.pk)
    return wait_for(job)


def enqueue(job_id):
    from .tasks import run_job

    run_job(job_id)


def wait_for(job, seconds=None):
    """Return the job reloaded once it is finished or after ``seconds`` (JOB_WAIT_SECONDS)."""
    deadline = time.monotonic() + (settings.CSC["JOB_WAIT_SECONDS"] if seconds is None else seconds)
    while True:
        job.refresh_from_db()
        if job.finished or time.monotonic() >= deadline:
            return job
        time.sleep(0.2)


# --- running a job in the worker ----------------------------------------------------------


def run(job_id):
    """Run a queued job to its end, recording its result or error; return the job."""
    from . import actions

    job = Job.objects.select_related("user").get(pk=job_id)
    if job.status != JobStatus.QUEUED:
        return job  # queued twice (a retry after a crash): it runs once
    actions.start_job(job.user, job)
    language = getattr(job.user, "language", "") or settings.LANGUAGE_CODE
    try:
        with override(language), reporting(job):
            outcome = runner_for(job.kind)(job)
    except ActionError as error:
        actions.fail_job(job.user, job, str(error.message), error.fields)
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        actions.fail_job(
            job.user, job, str(_("The job stopped on an unexpected error; it was logged."))
        )
    else:
        actions.finish_job(job.user, job, outcome)
    return job


_reporter = contextvars.ContextVar("csc_job_reporter", default=None)


class _Reporter:
    """Writes progress at most every JOB_PROGRESS_EVERY units: each write is a short
    transaction of its own, so a job never holds the write lock while it works."""

    def __init__(self, job):
        self.job = job
        self.every = settings.CSC["JOB_PROGRESS_EVERY"]
        self.written = 0

    def __call__(self, done, total=None):
        from . import actions

        if total is None and done - self.written < self.every:
            return
        self.written = done
        actions.report_job_progress(self.job, done, total)


@contextlib.contextmanager
def reporting(job):
    token = _reporter.set(_Reporter(job))
    try:
        yield
    finally:
        _reporter.reset(token)


def progress(done, total=None):
    """Tell the running job (if any) how far it is; cheap to call for every row."""
    reporter = _reporter.get()
    if reporter is not None:
        reporter(done, total)


# --- exports --------------------------------------------------------------------------------


def export(job, write, queryset, name):
    """Run an export verb ``write(actor, target, queryset)`` into a file; return its Outcome.

    The verb reads outside any write transaction (``read_verb``): writers carry on meanwhile.
    """
    from .permissions import restrict

    progress(0, restrict(queryset, job.user).count())
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    return file_outcome(filename, lambda target: write(job.user, target, queryset))


def file_outcome(filename, write):
    """Run ``write(target)`` into a temporary file; return the Outcome that keeps it."""
    handle, path = tempfile.mkstemp(suffix=os.path.splitext(filename)[1])
    with os.fdopen(handle, "wb") as target:
        written = write(target)
    return Outcome(
        path=path, filename=filename, result={"rows": written} if isinstance(written, int) else {}
    )


def page_request(job):
    """Return what a list page's filters read from a request (its query and its user), so the
    worker selects exactly the rows the page showed."""
    return SimpleNamespace(GET=QueryDict(job.params.get("query", "")), user=job.user)


# --- periodic runs ----------------------------------------------------------------------------


def recorded(kind, title):
    """Decorate a periodic task so each run leaves a Job with its result or its error, which
    administrators see on the jobs page (a silent nightly failure is otherwise unnoticed)."""

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            from . import actions

            job = actions.queue_job(None, kind, title, {})
            actions.start_job(None, job)
            try:
                value = func(*args, **kwargs)
            except Exception as error:
                actions.fail_job(None, job, f"{type(error).__name__}: {error}")
                raise
            actions.finish_job(None, job, Outcome(result={"result": _plain(value)}))
            return value

        return wrapper

    return decorate


def _plain(value):
    """Return the run's result as JSON can keep it (a count, a list of numbers, a summary)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
