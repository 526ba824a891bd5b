"""One shared system of corrective and preventive actions (CMP-10).

Complaints, returns, survey triggers, early warnings and audits open actions here through
``csc.capa.actions.open_capa``; each keeps a generic link to the record it came from.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from .choices import CapaStatus, Category, Source


class Capa(VersionedModel):
    customer_lookup = "customer"

    number = models.CharField(_("action no."), max_length=20, unique=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    source_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.CharField(max_length=64, blank=True)
    source_record = GenericForeignKey("source_type", "source_id")
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

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_date"], name="capa_status_due"),
            models.Index(fields=["source_type", "source_id"], name="capa_source"),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"
