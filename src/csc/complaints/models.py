"""Complaints, returns and 8D (CMP-1…CMP-11).

Surveys rely on ``Complaint.customer``/``received_at``/``status`` and ``Return.customer``/
``notice_date`` to compute the point template's deductions (SUR-3).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from .choices import ComplaintCategory, ComplaintStatus, Severity


class Complaint(VersionedModel):
    customer_lookup = "customer"

    number = models.CharField(_("complaint no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    category = models.CharField(_("category"), max_length=16, choices=ComplaintCategory.choices)
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.SIMPLE
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.REGISTERED,
    )
    lot = models.CharField(_("lot / batch"), max_length=60, blank=True)
    quantity_affected = models.DecimalField(
        _("quantity affected"), max_digits=14, decimal_places=3, default=0
    )
    description = models.TextField(_("description"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["customer", "received_at"], name="complaint_customer_received"),
            models.Index(fields=["status", "received_at"], name="complaint_status_received"),
        ]

    def __str__(self):
        return self.number


class Return(VersionedModel):
    """A return of delivered product (退货通知单)."""

    customer_lookup = "customer"

    number = models.CharField(_("return no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="returns",
    )
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="returns",
    )
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notice_date = models.DateField(_("notice date"), default=timezone.localdate)
    quantity = models.DecimalField(_("quantity returned"), max_digits=14, decimal_places=3)
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        ordering = ["-notice_date", "-id"]
        indexes = [models.Index(fields=["customer", "notice_date"], name="return_customer_date")]

    def __str__(self):
        return self.number
