"""Order changes (ORD-7): customer changes (生产变更单 HT-QR-MA-05) and internal applications."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel

from ..choices import ChangeKind, ChangeStatus
from .base import Order


class OrderChange(AuditedModel):
    """A change to an order; once applied it opens a new version of the review record.

    ``payload`` is what changes, in the shape ``rules.apply_payload`` reads:
    ``{"lines": {"<line id>": {"quantity": "…", …}}, "new_lines": [...], "items": {...}}``.
    """

    audit_parent = "order"  # its changes show on that record's history

    customer_lookup = "order__customer"

    number = models.CharField(_("change no."), max_length=20, unique=True)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="changes"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ChangeKind.choices)
    status = models.CharField(_("status"), max_length=20, choices=ChangeStatus.choices)
    reason = models.TextField(_("reason"))
    description = models.TextField(_("requested change"))
    payload = models.JSONField(_("changed values"), default=dict)
    affected_sections = models.JSONField(_("sections re-reviewed"), default=list)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    vp_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("VP decision by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    vp_decided_at = models.DateTimeField(_("VP decision"), null=True, blank=True)
    vp_note = models.TextField(_("VP's note"), blank=True)
    customer_agreement = models.TextField(_("customer's agreement"), blank=True)
    customer_agreed_at = models.DateTimeField(_("customer agreed"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)
    version_number = models.PositiveSmallIntegerField(_("review version"), null=True, blank=True)

    class Meta:
        verbose_name = _("order change")
        verbose_name_plural = _("order changes")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "requested_at"], name="order_change_status")]

    def __str__(self):
        return f"{self.number} ({self.order})"

    def get_absolute_url(self):
        return reverse("orders:change", args=[self.pk])
