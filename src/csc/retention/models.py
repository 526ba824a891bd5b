"""Record retention (REC-2): legal holds, and the entries of what the nightly job archived or
purged — which also makes the job idempotent (a record is handled once)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel


class Outcome(models.TextChoices):
    ARCHIVED = "archived", _("Archived")
    PURGED = "purged", _("Purged")


class LegalHold(AuditedModel):
    """A record that must be kept past its retention (litigation, authority request…)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    reason = models.TextField(_("reason for the hold"))
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    set_at = models.DateTimeField(_("held since"), default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    release_reason = models.TextField(_("reason for the release"), blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-set_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="hold_record")]

    def __str__(self):
        return f"{self.object_repr} · {self.reason[:40]}"


class RetentionEntry(models.Model):
    """One record the retention job archived or purged, and when its retention ran out."""

    record_type = models.CharField(_("record type"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("record"), max_length=200)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    expired_on = models.DateField(_("retention ran out"))
    at = models.DateTimeField(_("done"), default=timezone.now)

    class Meta:
        verbose_name = _("retention entry")
        verbose_name_plural = _("retention entries")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="retention_once")
        ]

    def __str__(self):
        return f"{self.object_repr} · {self.get_outcome_display()}"
