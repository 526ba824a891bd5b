"""Product recall (RCL-1…5): the recall, its lots, who holds them, samples, notices, disposition.

The reconciliation of S3 c) lives in the rows: a lot knows what was produced and what is still
in stock, each distribution row what was shipped to one customer and where it went since.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel, VersionedModel
from csc.core.privacy import encrypted_address

from .choices import Channel, Method, Party, RecallStatus, SampleResult, Trigger

ZERO = Decimal("0")


def _qty(label):
    return models.DecimalField(label, max_digits=14, decimal_places=3, default=ZERO)


def _user(label, related_name="+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class Recall(VersionedModel):
    # A recall concerns many customers; portal contacts never see it (no customer_lookup).
    number = models.CharField(_("recall no."), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    trigger = models.CharField(_("trigger"), max_length=12, choices=Trigger.choices)
    trigger_detail = models.TextField(_("what was found"), blank=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recalls",
    )
    status = models.CharField(
        _("status"), max_length=14, choices=RecallStatus.choices, default=RecallStatus.TRIGGERED
    )
    leader = _user(_("team leader"), "led_recalls")
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("recall team"), blank=True, related_name="recalls"
    )
    plan = models.TextField(_("recall plan"), blank=True)
    plan_approved_by = _user(_("plan approved by"))
    plan_approved_at = models.DateTimeField(_("plan approved"), null=True, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    capa = models.ForeignKey(
        "capa.Capa",
        verbose_name=_("corrective action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    procedure_review = models.TextField(_("review of the recall procedure"), blank=True)
    reviewed_at = models.DateTimeField(_("procedure reviewed"), null=True, blank=True)
    created_by = _user(_("triggered by"))
    created_at = models.DateTimeField(_("triggered"), default=timezone.now)

    class Meta:
        verbose_name = _("recall")
        verbose_name_plural = _("recalls")
        ordering = ["-created_at", "-id"]
        permissions = [
            ("approve_recall", _("Can name the recall team and approve the recall plan")),
            ("supervise_disposition", _("Can supervise the disposition of recalled product")),
            ("close_recall", _("Can close a recall")),
            ("review_recall", _("Can review the recall procedure after a recall")),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="recall_status_created")]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("recalls:detail", args=[self.pk])


class Lot(AuditedModel):
    """One production lot in the recall, identified by batch and production dates (RCL-2)."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="lots")
    product = models.ForeignKey(
        "orders.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    batch = models.CharField(_("batch no."), max_length=60)
    produced_from = models.DateField(_("produced from"))
    produced_to = models.DateField(_("produced to"))
    # Shipments carry no batch: the lot's deliveries are the product's shipments in this window.
    shipped_from = models.DateField(_("shipped from"))
    shipped_to = models.DateField(_("shipped to"))
    produced = _qty(_("quantity produced"))
    in_stock = _qty(_("quantity in stock"))
    difference_note = models.TextField(_("explanation of the difference"), blank=True)

    class Meta:
        verbose_name = _("recalled lot")
        verbose_name_plural = _("recalled lots")
        ordering = ["id"]

    def __str__(self):
        return f"{self.product} · {self.batch}"


class Distribution(AuditedModel):
    """What one customer received of a lot, and where it is now (RCL-2, RCL-4)."""

    customer_lookup = "customer"

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="distribution")
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="+"
    )
    shipped = _qty(_("shipped"))
    returned = _qty(_("returned"))
    at_customer = _qty(_("still at the customer"))
    destroyed_at_customer = _qty(_("destroyed at the customer"))
    difference_note = models.TextField(_("explanation of the difference"), blank=True)

    class Meta:
        verbose_name = _("distribution")
        verbose_name_plural = _("distribution")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["lot", "customer"], name="recall_distribution_once")
        ]

    def __str__(self):
        return f"{self.lot} → {self.customer}"


class RetainedSample(AuditedModel):
    """A retained sample of the lot (or a neighbouring lot) re-checked (S3 a)."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="samples")
    lot = models.ForeignKey(Lot, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(_("sample"), max_length=100)
    result = models.CharField(
        _("result"), max_length=14, choices=SampleResult.choices, default=SampleResult.PENDING
    )
    finding = models.TextField(_("finding"), blank=True)
    checked_by = _user(_("checked by"))
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)

    class Meta:
        verbose_name = _("retained sample")
        verbose_name_plural = _("retained samples")
        ordering = ["id"]

    def __str__(self):
        return self.reference


class Notice(AuditedModel):
    """A customer or authority told of the recall, by e-mail (through the outbox) or phone."""

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="notices")
    party = models.CharField(_("party"), max_length=10, choices=Party.choices)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    authority = models.CharField(_("authority"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=6, choices=Channel.choices)
    address = encrypted_address(_("e-mail or phone"), max_length=254)  # a contact's: SEC-2
    text = models.TextField(_("message or phone notes"))
    email = models.ForeignKey(
        "core.OutboxEmail", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notified_by = _user(_("notified by"))
    notified_at = models.DateTimeField(_("notified"), default=timezone.now)

    class Meta:
        verbose_name = _("recall notice")
        verbose_name_plural = _("recall notices")
        ordering = ["id"]

    def __str__(self):
        return str(self.customer or self.authority)


class Disposition(AuditedModel):
    """What was done with recalled product of a lot, under Quality's supervision (RCL-5)."""

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="dispositions")
    method = models.CharField(_("disposition"), max_length=10, choices=Method.choices)
    quantity = _qty(_("quantity"))
    note = models.TextField(_("note"), blank=True)
    supervised_by = _user(_("supervised by (Quality)"))
    done_at = models.DateTimeField(_("done"), default=timezone.now)

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")
        ordering = ["id"]

    def __str__(self):
        return f"{self.lot} · {self.get_method_display()} × {self.quantity}"
