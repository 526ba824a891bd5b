"""One shared system of corrective and preventive actions (CMP-10).

Complaints, returns, survey triggers, early warnings and audits open actions here through
``csc.capa.actions.open_capa``; each keeps a generic link to the record it came from.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from .choices import OPEN_STATUSES, CapaStatus, Category, Source


class Capa(VersionedModel):
    customer_lookup = "customer"

    number = models.CharField(_("action no."), max_length=20, unique=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source_record = GenericForeignKey("source_type", "source_id")
    # The number of the record it came from, kept so lists show it without a lookup per row.
    source_label = models.CharField(_("from record"), max_length=60, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="capas",
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("problem"), blank=True)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("responsible department"),
        on_delete=models.PROTECT,
        related_name="capas",
    )
    assisting = models.ManyToManyField(
        "core.Department", verbose_name=_("assisting departments"), blank=True, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="capas",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=14, choices=CapaStatus.choices, default=CapaStatus.OPEN
    )
    root_cause = models.TextField(_("root cause"), blank=True)
    action_taken = models.TextField(_("action taken"), blank=True)
    verification = models.TextField(_("verification of effectiveness"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted for verification"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("verify_capa", _("Can verify the effectiveness of actions and close them")),
            ("manage_capa", _("Can open, assign and cancel actions of any department")),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="capa_status_due"),
            models.Index(fields=["source_type", "source_id"], name="capa_source"),
            models.Index(fields=["department", "status"], name="capa_department_status"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("capa:detail", args=[self.pk])

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status in OPEN_STATUSES and self.due_date < today
