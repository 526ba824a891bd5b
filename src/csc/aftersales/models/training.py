"""Service staff training (技能培训, SVC-11, S2 5.8): at least one skills training a year."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import AuditedModel, VersionedModel

from ..choices import TrainingKind, TrainingResult


class Training(VersionedModel):
    """One training session with its content; attendance and result per person below."""

    number = models.CharField(_("training no."), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=TrainingKind.choices)
    title = models.CharField(pgettext_lazy("training", "title"), max_length=200)
    held_on = models.DateField(_("held on"))
    trainer = models.CharField(_("trainer"), max_length=100, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    content = models.TextField(_("content"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["kind", "held_on"], name="training_kind_day")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("aftersales:training", args=[self.pk])


class Attendance(AuditedModel):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendee"),
        on_delete=models.PROTECT,
        related_name="trainings_attended",
    )
    result = models.CharField(_("result"), max_length=8, choices=TrainingResult.choices)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["training", "person"], name="uniq_attendance")
        ]

    def __str__(self):
        return f"{self.training} {self.person}"
