"""Returns of delivered product (退货通知单) and what follows them (CMP-7)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from ..choices import ReturnStatus, VerificationResult
from .complaint import Complaint

QUANTITY = {"max_digits": 14, "decimal_places": 3}


def _user(label):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )


class Return(VersionedModel):
    """A return notice and its path: receipt, verification, rework, replacement."""

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
    lot = models.CharField(_("lot / batch"), max_length=60, blank=True)
    notice_date = models.DateField(_("notice date"), default=timezone.localdate)
    quantity = models.DecimalField(_("quantity returned"), **QUANTITY)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.NOTICED
    )
    registered_by = _user(_("issued by"))

    received_quantity = models.DecimalField(
        _("quantity received"), null=True, blank=True, **QUANTITY
    )
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    received_by = _user(_("received by"))

    result = models.CharField(
        _("verification result"), max_length=10, choices=VerificationResult.choices, blank=True
    )
    defective_quantity = models.DecimalField(
        _("defective quantity"), null=True, blank=True, **QUANTITY
    )
    verification_note = models.TextField(_("verification note"), blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = _user(_("verified by"))

    rework_number = models.CharField(_("rework notice no."), max_length=20, blank=True)
    rework_instructions = models.TextField(_("rework instructions"), blank=True)
    rework_due = models.DateField(_("rework due"), null=True, blank=True)
    rework_result = models.TextField(_("rework result"), blank=True)
    reworked_at = models.DateTimeField(_("reworked"), null=True, blank=True)
    reworked_by = _user(_("reworked by"))

    replacement_quantity = models.DecimalField(
        _("replacement quantity"), null=True, blank=True, **QUANTITY
    )
    replacement_date = models.DateField(_("replacement delivery date"), null=True, blank=True)
    replacement_note = models.TextField(_("replacement note"), blank=True)
    scheduled_by = _user(_("scheduled by"))

    cost = models.DecimalField(_("cost of the return"), max_digits=14, decimal_places=2, default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    class Meta:
        verbose_name = _("return")
        verbose_name_plural = _("returns")
        ordering = ["-notice_date", "-id"]
        permissions = [
            ("receive_return", _("Can receive and count returned goods (warehouse)")),
            ("verify_return", _("Can verify returned goods and order rework (Quality)")),
            ("rework_return", _("Can record rework of returned goods (production)")),
            ("schedule_replacement", _("Can schedule replacement deliveries (materials)")),
        ]
        indexes = [
            models.Index(fields=["customer", "notice_date"], name="return_customer_date"),
            models.Index(fields=["status", "notice_date"], name="return_status_date"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("complaints:return", args=[self.pk])
