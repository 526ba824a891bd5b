"""Company set-up records shared by every process area."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.choices import CallableChoiceIterator
from django.utils.encoding import force_str
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction, CalendarDayKind, JobStatus, OutboxStatus, SignatureMeaning
from .encryption import EncryptedCharField
from .privacy import encrypted_email, masked_addresses


class AuditedModel(models.Model):
    """A model whose every saved change lands in the audit log (REC-3).

    The values read from the database are kept on the instance so that the change log can
    record old → new without a second query.
    """

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._audit_loaded = dict(zip(field_names, values, strict=True))
        return instance

    def _get_FIELD_display(self, field):  # noqa: N802 (Django's name)
        """Django builds a dict of every choice of the field on each call, a tenth of a ledger
        row's time; a field's choices do not change while the program runs, so the dict is
        built once per field. Its labels stay lazy: each is translated when shown."""
        labels = _choice_labels(field)
        if labels is None:
            return super()._get_FIELD_display(field)
        value = getattr(self, field.attname)
        try:
            return force_str(labels.get(value, value), strings_only=True)
        except TypeError:  # an unhashable value: Django's own way
            return super()._get_FIELD_display(field)


_labels_by_field = {}


def _choice_labels(field):
    """Return {value: label} of a field with fixed choices (None for choices computed on each
    use, which may change)."""
    if isinstance(field.choices, CallableChoiceIterator):
        return None
    labels = _labels_by_field.get(field)
    if labels is None:
        labels = _labels_by_field[field] = dict(field.flatchoices)
    return labels


class VersionedModel(AuditedModel):
    """An editable record; ``version`` rises with every save so concurrent edits are caught."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class Department(AuditedModel):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=100, blank=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("department head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["code"]

    def __str__(self):
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class User(AbstractUser):
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # A portal login's address is its contact person's: stored encrypted like theirs (SEC-2).
    email = encrypted_email(_("e-mail"))

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        # Chinese names read family name first, without a space; Latin names given name first.
        if (self.first_name + self.last_name).isascii():
            return f"{self.first_name} {self.last_name}".strip()
        return f"{self.last_name}{self.first_name}".strip()

    @property
    def role_codes(self):
        """Return the set of role (group) names this user holds, cached per instance."""
        if not hasattr(self, "_role_codes"):
            self._role_codes = set(self.groups.values_list("name", flat=True))
        return self._role_codes


class CalendarDay(AuditedModel):
    """An exception to the weekly pattern: a holiday or a make-up working day (调休)."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField(_("name"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()


class NumberSequence(models.Model):
    """The last number handed out for a record type in a year (REC-5)."""

    key = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    last_value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "year"], name="uniq_sequence_year")]

    def __str__(self):
        return f"{self.key}-{self.year}: {self.last_value}"


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses bulk edits: the audit trail and signatures can only grow."""

    def update(self, **kwargs):
        raise PermissionError("append-only records cannot be changed")

    def delete(self):
        raise PermissionError("append-only records cannot be deleted")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("append-only records cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("append-only records cannot be deleted")


class RecordLink(models.Model):
    """Fields that point at any record (audit entries, signatures, attachments)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True


class AuditEntry(AppendOnlyModel, RecordLink):
    """One change to one record: who, when, what, old → new (REC-3). Never edited."""

    at = models.DateTimeField(_("time"), default=timezone.now)
    # No database constraint: a user row may be anonymised later, the trail must stay intact.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("user"), max_length=150, blank=True)
    object_repr = models.CharField(_("record"), max_length=200)
    action = models.CharField(_("action"), max_length=12, choices=AuditAction.choices)
    changes = models.JSONField(_("changes"), default=dict, encoder=DjangoJSONEncoder)
    note = models.TextField(_("note"), blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # The record whose history also lists this entry (an 8D discipline on its 8D, a review
    # section on its order), so people read one story instead of hunting child records.
    parent_type = models.ForeignKey(
        ContentType, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    parent_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "at"], name="audit_record"),
            models.Index(fields=["parent_type", "parent_id", "at"], name="audit_parent"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    def change_rows(self, reader=None):
        """Return [(field label, old, new, is_change)] for display; old is None for snapshots.

        Private fields (a contact's phone, SEC-2) are masked unless ``reader`` may see them.
        """
        from .history import change_rows

        return change_rows(self, reader)


class Signature(AppendOnlyModel, RecordLink):
    """An electronic signature on a record (REC-4): who, in which role, meaning what, when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signatures"
    )
    user_name = models.CharField(_("signed by"), max_length=150)
    role = models.CharField(_("role"), max_length=40)
    meaning = models.CharField(_("meaning"), max_length=12, choices=SignatureMeaning.choices)
    section = models.CharField(_("section"), max_length=40, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("electronic signature")
        verbose_name_plural = _("electronic signatures")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="signature_record")]

    def __str__(self):
        return f"{self.user_name} · {self.get_meaning_display()} · {self.at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename):
    """Store uploads under a random name so a file name can never collide or be guessed."""
    today = timezone.localdate()
    return f"attachments/{today:%Y/%m}/{uuid.uuid4().hex}"


# Shown in the page (a thumbnail, the browser's PDF viewer); the type was sniffed from the
# content at upload, and the inline answer says nosniff, so nothing else is ever rendered.
PREVIEW_TYPES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"})


class Attachment(AuditedModel, RecordLink):
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"))
    mime_type = models.CharField(_("type"), max_length=120)
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_record")]

    def __str__(self):
        return self.name

    @property
    def previewable(self):
        return self.mime_type in PREVIEW_TYPES

    @property
    def is_image(self):
        return self.previewable and self.mime_type.startswith("image/")


class SavedView(AuditedModel):
    """A named filter set of one list page: the user's own, or shared with their department."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("saved view", "owner"),
        on_delete=models.CASCADE,
        related_name="saved_views",
    )
    path = models.CharField(_("list page"), max_length=200)
    name = models.CharField(pgettext_lazy("saved view", "name"), max_length=60)
    query = models.CharField(_("filters"), max_length=1000, blank=True)
    # Set: everyone of that department sees the view on the page too.
    department = models.ForeignKey(
        Department,
        verbose_name=_("shared with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("saved view")
        verbose_name_plural = _("saved views")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "path", "name"], name="saved_view_once")
        ]
        indexes = [
            models.Index(fields=["path", "owner"], name="saved_view_mine"),
            models.Index(fields=["path", "department"], name="saved_view_shared"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{self.path}?{self.query}" if self.query else self.path


class Notification(models.Model):
    """An in-app message for one user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # The untranslated messages ({"title": …, "body": …}); shown in the reader's language.
    message = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.shown_title

    @property
    def shown_title(self):
        """Return the title in the active language (older rows: as stored)."""
        return self._shown("title", self.title)

    @property
    def shown_body(self):
        return self._shown("body", self.body)

    def _shown(self, part, stored):
        from .later import from_stored

        data = (self.message or {}).get(part)
        return str(from_stored(data)) if data else stored


class OutboxEmail(models.Model):
    """An e-mail waiting for the worker; written in the same transaction as the change."""

    # Copies of contacts' addresses: encrypted like theirs (SEC-2); read when the mail goes.
    to = EncryptedCharField(_("recipients"), masker=masked_addresses)
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("message"))
    # Fixed when queued, so a retry after a crash carries the same Message-ID and a receiving
    # server or client can recognise a repeat.
    message_id = models.CharField(max_length=200, unique=True)
    # A reply carries the Message-IDs it answers, so the customer's mail program shows one
    # conversation and their answer threads back onto the record (RFC 5322 3.6.4).
    in_reply_to = models.CharField(max_length=250, blank=True)
    references = models.TextField(blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=32, blank=True)
    # Set, and committed, just before the message goes to the mail server: a claim that went
    # stale without it never reached the server and is safe to send again.
    handed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # After a failed attempt the mail waits, longer each time, so an outage of the mail server
    # does not use up every attempt in a few minutes.
    retry_after = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mail")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status")]

    def __str__(self):
        return f"{self.subject} → {masked_addresses(self.to)}"

    def recipients(self):
        return [a.strip() for a in self.to.split(",") if a.strip()]


def job_path(instance, filename):
    return f"jobs/{timezone.now():%Y/%m}/{uuid.uuid4().hex}/{filename}"


class Job(models.Model):
    """A long piece of work (export, import, printed pack, periodic run) the user can follow.

    The web request only writes this row and queues it; the worker does the work and records
    progress, the log and the result here, so nothing long runs inside a request.
    """

    kind = models.CharField(_("kind"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="jobs",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    params = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    source = models.FileField(_("uploaded file"), upload_to=job_path, blank=True, max_length=300)
    done = models.PositiveIntegerField(_("processed"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    file = models.FileField(_("result file"), upload_to=job_path, blank=True, max_length=300)
    result = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    log = models.TextField(_("log"), blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "created_at"], name="job_user_created")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("core:job", args=[self.pk])

    @property
    def percent(self):
        """Return the progress as a whole percentage (100 once done)."""
        if self.status == JobStatus.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0

    @property
    def finished(self):
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
