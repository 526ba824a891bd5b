"""Writes of the company set-up, and ``verb``, the frame every action in CSC runs in.

Rule 1 of the house: views, the API, imports and tasks all call a verb here; it checks the
permission, validates, runs in one transaction, writes the audit entry and queues messages.
"""

import functools
import hashlib
import math
import os
import uuid

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.mail import make_msgid
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override

from . import audit
from .choices import AuditAction, CalendarDayKind, OutboxStatus
from .errors import Conflict, IllegalTransition, Invalid
from .later import Later, stored_or_none
from .models import (
    Attachment,
    CalendarDay,
    Job,
    Notification,
    OutboxEmail,
    SavedView,
    Signature,
)
from .permissions import require
from .privacy import CONTACT_DETAILS_PERMISSION


def verb(func):
    """Run an action as ``actor`` (its first argument) inside one transaction."""

    @functools.wraps(func)
    def wrapper(actor, *args, **kwargs):
        with audit.acting_as(actor), transaction.atomic():
            return func(actor, *args, **kwargs)

    return wrapper


def check_version(obj, expected):
    """Raise Conflict when the record changed since the editor loaded ``expected``.

    The row is re-read under a lock so two concurrent saves cannot both pass the check.
    """
    if expected in (None, ""):
        return
    current = type(obj)._default_manager.select_for_update().filter(pk=obj.pk)
    current_version = current.values_list("version", flat=True).first()
    if current_version is None or int(expected) != current_version:
        raise Conflict()


def save_versioned(obj, fields):
    """Save the listed fields and raise the version by one."""
    obj.version += 1
    obj.save(update_fields=[*fields, "version"])


def apply_edit(record, fields, data, validate, known=None):
    """Check an edit whole, then set what it changes; return the names of the changed fields.

    ``validate`` sees the record's ``known`` fields (default ``fields``) with the edit laid
    over them, so a rule between two fields holds whichever of them the edit touches.
    """
    editable = {k: v for k, v in data.items() if k in fields}
    validate({f: getattr(record, f) for f in known or fields} | editable)
    changed = [
        name for name in fields if name in editable and getattr(record, name) != editable[name]
    ]
    for name in changed:
        setattr(record, name, editable[name])
    return changed


def role_of(user, allowed=None):
    """Return the role a user signs in: the first of ``allowed`` they hold, else any role."""
    roles = sorted(user.role_codes)
    for role in allowed or ():
        if role in user.role_codes:
            return role
    return roles[0] if roles else ""


def sign(actor, obj, meaning, section="", note="", role=""):
    """Put the actor's electronic signature on ``obj`` (REC-4) and log it. Call inside a verb."""
    signature = Signature.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        user=actor,
        user_name=str(actor),
        role=role or role_of(actor),
        meaning=meaning,
        section=section,
        note=note,
    )
    audit.record(
        obj,
        AuditAction.SIGN,
        {"meaning": meaning, "role": signature.role, "section": section},
        note=note,
    )
    return signature


def signatures_of(obj):
    return Signature.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


def transition(obj, workflow, step, note="", extra_fields=()):
    """Move ``obj`` along a workflow step, save it and log the step. Call inside a verb."""
    old, new = workflow.apply(obj, step)
    return save_step(obj, [workflow.field, *extra_fields], note, {workflow.field: [old, new]})


def save_step(obj, fields, note="", changes=None):
    """Save ``fields`` of ``obj`` as one workflow step and log exactly one entry for it.

    The fields saved with the step belong to the step's entry; the save signal is muted so it
    does not add a second one.
    """
    changes = {**audit.diff(obj), **(changes or {})}
    with audit.muted(obj):
        if hasattr(obj, "version"):
            save_versioned(obj, fields)
        else:
            obj.save(update_fields=fields)
    audit.record(obj, AuditAction.TRANSITION, changes, note=note)
    return obj


# --- attachments -------------------------------------------------------------------------


def sniff_type(upload):
    """Return the MIME type read from the file's content (never from its name)."""
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime == "application/zip":
            return _office_type(upload) or kind.mime
        return kind.mime
    return "text/plain" if _looks_like_text(head) else "application/octet-stream"


def _office_type(upload):
    import zipfile

    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    if "xl/workbook.xml" in names:
        return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    if "word/document.xml" in names:
        return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return None


def _looks_like_text(head):
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        # A multi-byte character may be cut at the end of the sample.
        try:
            head[:-3].decode("utf-8")
        except UnicodeDecodeError:
            return False
    return True


def _declared_matches(name, mime):
    """Return False when the file's extension promises a different kind than its content."""
    import mimetypes

    guessed, _encoding = mimetypes.guess_type(name)
    if guessed is None:
        return True
    if mime == "text/plain" and guessed.startswith("text/"):
        return True  # .csv, .md, .log …: plain text by content, a text kind by name
    return guessed == mime


def _megabytes(size, up):
    """Return a size in MB to one decimal, rounded so a file just over the limit shows so."""
    tenths = size * 10 / 1048576
    return (math.ceil(tenths) if up else math.floor(tenths)) / 10


@verb
def attach(actor, obj, upload):
    """Store an uploaded file on ``obj`` after checking permission, size and real type."""
    require(actor, f"{obj._meta.app_label}.change_{obj._meta.model_name}", obj)
    limits = settings.CSC
    if upload.size > limits["ATTACHMENT_MAX_BYTES"]:
        raise Invalid.field(
            "file",
            _("The file is %(size)s MB; the largest allowed is %(max)s MB.")
            % {
                "size": _megabytes(upload.size, up=True),
                "max": _megabytes(limits["ATTACHMENT_MAX_BYTES"], up=False),
            },
        )
    mime = sniff_type(upload)
    if mime not in limits["ATTACHMENT_TYPES"]:
        raise Invalid.field(
            "file", _("Files of this type are not accepted (%(type)s).") % {"type": mime}
        )
    if not _declared_matches(upload.name, mime):
        raise Invalid.field(
            "file",
            _("The file's content (%(type)s) does not match its name “%(name)s”.")
            % {"type": mime, "name": upload.name},
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return Attachment.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        file=upload,
        name=upload.name[:200],
        size=upload.size,
        mime_type=mime,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )


def attachments_of(obj):
    return Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    )


# --- notifications and the outbox --------------------------------------------------------


def notify(users, title, body="", url="", email=True):
    """Give each user an in-app notification and, if they have an address, an e-mail.

    Both rows are written in the caller's transaction: if the change rolls back, nobody is
    told about it, and the worker only ever sees committed e-mail.
    """
    if not isinstance(title, Later):
        raise TypeError(
            "notify() takes the title as Later(gettext_noop(msgid), **params), so that each "
            "recipient reads it in their own language; a translated str is frozen in the "
            "sender's."
        )
    users = [u for u in users if u is not None and u.is_active]
    # The title and any body of our own wording are Later messages: stored untranslated, shown
    # in each reader's language; a plain body is a person's own note and stays as written.
    message = {"title": stored_or_none(title), "body": stored_or_none(body)}
    Notification.objects.bulk_create(
        Notification(user=u, title=str(title)[:200], body=str(body), url=url, message=message)
        for u in users
    )
    if email:
        for user in users:
            if user.email:
                with override(user.language):
                    queue_email([user.email], str(title), _render_body(str(body), url))


@verb
def log_contact_details_shown(actor, record):
    """Log that the actor was shown contact persons' details in clear on ``record`` (SEC-2):
    their phone or e-mail, or a copy of it (an invitation's address, an e-mail's recipients).

    One entry per page or API answer, however many details it lists.
    """
    require(actor, CONTACT_DETAILS_PERMISSION, record)
    audit.record(record, AuditAction.ACCESS, {"field": "contact_details"})


@verb
def retry_email(actor, email):
    """Put a failed or unconfirmed e-mail back in the queue, to go out at the next minute.

    An unconfirmed one may have reached its recipient: the admin checks first (the page says
    so); the retry is in the audit trail either way.
    """
    require(actor, "core.change_outboxemail")
    if email.status not in (OutboxStatus.FAILED, OutboxStatus.UNCONFIRMED, OutboxStatus.PENDING):
        raise IllegalTransition(_("Only an e-mail not delivered can be sent again."))
    was = email.status
    OutboxEmail.objects.filter(pk=email.pk).update(
        status=OutboxStatus.PENDING, retry_after=None, claim_token="", handed_at=None, attempts=0
    )
    audit.record(email, AuditAction.UPDATE, {"status": [was, OutboxStatus.PENDING]}, note=_("Sent again from the outbox"))  # fmt: skip
    _wake_sender_once()
    return email


def _render_body(body, url):
    link = f"\n\n{settings.SITE_URL}{url}" if url else ""
    return f"{body}{link}"


def queue_email(to, subject, body, thread=()):
    """Put an e-mail in the outbox; the worker sends it after the transaction commits.

    ``thread`` lists the Message-IDs of the conversation so far, oldest first: the mail then
    goes out as a reply to the last of them.
    """
    thread = [m for m in thread if m]
    email = OutboxEmail.objects.create(
        to=", ".join(to),
        subject=subject[:250],
        body=body,
        message_id=make_msgid(idstring=uuid.uuid4().hex[:12], domain="csc.local"),
        in_reply_to=thread[-1] if thread else "",
        references=" ".join(_references(thread)),
    )
    _wake_sender_once()
    return email


def _references(thread, keep=10):
    """The first Message-ID and the latest ones: long threads stay within header limits."""
    if len(thread) <= keep:
        return thread
    return [thread[0], *thread[-(keep - 1) :]]


def _wake_sender_once():
    """Ask for one wake-up per transaction, however many e-mails it queues (a survey round
    queues thousands)."""
    connection = transaction.get_connection()
    if not any(entry[1] is _wake_sender for entry in connection.run_on_commit):
        transaction.on_commit(_wake_sender)


def _wake_sender():
    from .tasks import send_outbox_soon

    send_outbox_soon()


@verb
def mark_read(actor, notification_ids=None):
    """Mark the actor's notifications (all, or the given ids) as read."""
    queryset = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notification_ids is not None:
        queryset = queryset.filter(pk__in=notification_ids)
    return queryset.update(read_at=timezone.now())


# --- user preferences and the calendar ---------------------------------------------------


@verb
def set_language(actor, language):
    """Remember the user's interface language."""
    if language not in dict(settings.LANGUAGES):
        raise Invalid.field("language", _("Unknown language."))
    actor.language = language
    actor.save(update_fields=["language"])
    return actor


@verb
def set_calendar_day(actor, day, kind, name=""):
    """Declare a holiday or a make-up working day; changes every later deadline."""
    require(actor, "core.change_calendarday")
    if kind not in CalendarDayKind.values:
        raise Invalid.field("kind", _("Choose holiday or make-up working day."))
    entry, _created = CalendarDay.objects.update_or_create(
        date=day, defaults={"kind": kind, "name": name}
    )
    transaction.on_commit(_forget_calendar)
    return entry


def _forget_calendar():
    from .company_calendar import forget

    forget()


def reencrypt_fields(new_key):
    """Re-encrypt every encrypted field with ``new_key``; return the number of values changed.

    Maintenance, not a user's change: it runs without an actor and writes no audit entry (the
    plain values do not change). One transaction: a failure leaves every value as it was.
    """
    from django.test.utils import override_settings

    from .encryption import digest, digest_fields, encrypted_fields

    current = settings.FIELD_ENCRYPTION_KEY
    readable = [current, *settings.PREVIOUS_FIELD_KEYS]
    changed = 0
    with (
        transaction.atomic(),
        override_settings(FIELD_ENCRYPTION_KEY=new_key, PREVIOUS_FIELD_KEYS=readable),
    ):
        for model, name in encrypted_fields():
            rows = model._base_manager.exclude(**{name: ""}).exclude(**{f"{name}__isnull": True})
            for pk, value in rows.values_list("pk", name).iterator(chunk_size=2000):
                model._base_manager.filter(pk=pk).update(**{name: value})
                changed += 1
        # Lookup digests are keyed by the field key too: the new key gives new digests.
        for model, field in digest_fields():
            rows = model._base_manager.exclude(**{field.source: ""})
            for pk, value in rows.values_list("pk", field.source).iterator(chunk_size=2000):
                model._base_manager.filter(pk=pk).update(**{field.attname: digest(value)})
    return changed


# --- saved views -------------------------------------------------------------------------


@verb
def save_view(actor, path, name, query, shared=False):
    """Keep the list page's filters under a name (the same name again replaces them);
    ``shared`` shows the view to the actor's department too. Returns the view."""
    from django.http import QueryDict
    from django.urls import Resolver404, resolve

    name = (name or "").strip()
    if not name:
        raise Invalid.field("name", _("Name the view."))
    if len(name) > 60:
        raise Invalid.field("name", _("Keep the name within 60 characters."))
    try:
        resolve(path or "")
    except Resolver404:
        raise Invalid.field("path", _("This is not a list page.")) from None
    params = QueryDict(query or "", mutable=True)
    params.pop("page", None)  # a view is its filters, not the page one was on
    query = params.urlencode()
    if len(query) > 1000:
        raise Invalid.field("query", _("These filters are too long to keep."))
    if shared and actor.department_id is None:
        raise Invalid.field("shared", _("You belong to no department to share it with."))
    view, _created = SavedView.objects.update_or_create(
        owner=actor,
        path=path,
        name=name,
        defaults={"query": query, "department_id": actor.department_id if shared else None},
    )
    return view


@verb
def delete_view(actor, view):
    """Delete one of the actor's saved views (a shared one disappears for the others too)."""
    if view.owner_id != actor.pk:
        raise Invalid.field("view", _("Only its owner can delete a saved view."))
    view.delete()


# --- background jobs ---------------------------------------------------------------------


def read_verb(func):
    """Run a read-only action (an export) as ``actor`` outside a write transaction.

    On SQLite every transaction here takes the write lock when it begins (IMMEDIATE), so an
    export of 100k rows inside one stalled every writer for seconds. Its reads stream in
    autocommit (WAL readers block nobody) and its one audit row is a short write of its own.
    """

    @functools.wraps(func)
    def wrapper(actor, *args, **kwargs):
        with audit.acting_as(actor):
            return func(actor, *args, **kwargs)

    return wrapper


@verb
def queue_job(actor, kind, title, params, upload=None):
    """Record a job for the worker; an uploaded file is kept with it."""
    job = Job(kind=kind, title=str(title)[:200], user=actor, params=params)
    if upload is not None:
        job.source.save(os.path.basename(upload.name or "upload"), upload, save=False)
    job.save()
    return job


@verb
def start_job(actor, job):
    _move_job(job, "start", started_at=timezone.now())


def report_job_progress(job, done, total=None):
    """Record how far a job is (one short UPDATE; called by the running job)."""
    values = {"done": done} if total is None else {"done": done, "total": total}
    Job.objects.filter(pk=job.pk).update(**values)
    job.done = done
    if total is not None:
        job.total = total


@verb
def finish_job(actor, job, outcome):
    """Keep the job's file and result, mark it done and tell its user."""
    if outcome.path:
        with open(outcome.path, "rb") as handle:
            job.file.save(outcome.filename, File(handle), save=False)
        os.unlink(outcome.path)
    job.result = outcome.result
    job.done = max(job.done, job.total)
    _move_job(job, "finish", finished_at=timezone.now())
    if job.user is not None:
        notify(
            [job.user],
            Later(gettext_noop("Ready: %(job)s"), job=job.title),
            url=job.get_absolute_url(),
            email=False,
        )


@verb
def fail_job(actor, job, message, fields=None):
    """Mark the job failed with the message its user sees."""
    job.error = message
    job.result = {"fields": {k: [str(m) for m in v] for k, v in (fields or {}).items()}}
    _move_job(job, "fail", finished_at=timezone.now())


def _move_job(job, step, **stamps):
    from .jobs import JOB_FLOW

    JOB_FLOW.apply(job, step)
    for name, value in stamps.items():
        setattr(job, name, value)
    job.save()
