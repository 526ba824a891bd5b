"""三包 warranty claims and the service agreements that override their terms (SVC-7)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import VersionedModel

from ..choices import (
    ClaimStatus,
    CoverageReason,
    Decision,
    DefectKind,
    Exclusion,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "default": Decimal("0")}


class ServiceAgreement(VersionedModel):
    """A service agreement (服务协议) whose 三包 terms replace the standard ones (S2 5.6.1.1)."""

    customer_lookup = "customer"

    number = models.CharField(_("agreement no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="service_agreements",
    )
    # Empty: the agreement covers every product of the customer.
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    warranty_months = models.PositiveSmallIntegerField(_("warranty months"))
    # Empty: no mileage limit under this agreement.
    warranty_km = models.PositiveIntegerField(_("mileage limit (km)"), null=True, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    terms = models.TextField(_("terms"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("service agreement")
        verbose_name_plural = _("service agreements")
        ordering = ["-valid_from", "-id"]
        indexes = [models.Index(fields=["customer", "valid_from"], name="agreement_customer")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:agreements") + f"?customer={self.customer_id}"


class WarrantyClaim(VersionedModel):
    """A 三包 claim (三包索赔单): coverage, assessment, decision and cost (SVC-7)."""

    customer_lookup = "customer"

    number = models.CharField(_("claim no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="warranty_claims",
    )
    product = models.ForeignKey(
        "orders.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    shipment = models.ForeignKey(
        "orders.Shipment",
        verbose_name=_("shipment"),
        on_delete=models.PROTECT,
        related_name="warranty_claims",
    )
    purchased_on = models.DateField(_("purchased on"))
    failed_on = models.DateField(_("failed on"))
    mileage_km = models.PositiveIntegerField(_("mileage (km)"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    serial_no = models.CharField(_("serial / lot no."), max_length=60, blank=True)
    description = models.TextField(_("failure description"))
    status = models.CharField(
        _("status"), max_length=12, choices=ClaimStatus.choices, default=ClaimStatus.REGISTERED
    )
    # Coverage as computed by rules.coverage, kept so the ledger filters on it.
    agreement = models.ForeignKey(
        ServiceAgreement,
        verbose_name=_("service agreement"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
    )
    coverage_ends_on = models.DateField(_("cover ends on"))
    coverage_km = models.PositiveIntegerField(_("mileage limit (km)"), null=True, blank=True)
    covered = models.BooleanField(_("covered"), default=False)
    coverage_reason = models.CharField(_("coverage"), max_length=20, choices=CoverageReason.choices)
    defect_kind = models.CharField(
        _("cause"), max_length=14, choices=DefectKind.choices, default=DefectKind.UNKNOWN
    )
    exclusion = models.CharField(
        _("exclusion"), max_length=20, choices=Exclusion.choices, blank=True
    )
    finding = models.TextField(_("assessment finding"), blank=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    # IATF 16949 10.2.5: a part returned with no trouble found is analysed, not just closed.
    ntf_analysis = models.TextField(_("NTF analysis"), blank=True)
    parts_cost = models.DecimalField(_("parts cost"), **MONEY)
    labour_cost = models.DecimalField(_("labour cost"), **MONEY)
    freight_cost = models.DecimalField(_("freight cost"), **MONEY)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("claim", "assessed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(pgettext_lazy("claim", "assessed"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    class Meta:
        verbose_name = _("warranty claim")
        verbose_name_plural = _("warranty claims")
        ordering = ["-registered_at", "-id"]
        permissions = [
            ("assess_warrantyclaim", _("Can assess the cause of warranty claims")),
            ("decide_warrantyclaim", _("Can decide warranty claims")),
            ("export_warrantyclaim", _("Can export the warranty claim ledger")),
        ]
        indexes = [
            # The ledger: newest first, optionally by status, customer or product.
            models.Index(fields=["-registered_at", "-id"], name="claim_ledger"),
            models.Index(fields=["status", "-registered_at"], name="claim_status"),
            models.Index(fields=["customer", "-registered_at"], name="claim_customer"),
            # The ledger filtered by coverage (e.g. every claim out of warranty) and its count.
            models.Index(fields=["coverage_reason", "-registered_at"], name="claim_coverage"),
            # Repeated claims on a product (early warning) read only this index.
            models.Index(fields=["product", "registered_at"], name="claim_product"),
            # The NTF rate of the last months reads only this index (kpis.ledger_figures).
            models.Index(fields=["decided_at", "decision"], name="claim_decided"),
            # ... and so does it for the ledger filtered by status or by coverage: without
            # these the filter's own index is read and every matching claim's row checked.
            models.Index(fields=["status", "decided_at", "decision"], name="claim_status_decided"),
            models.Index(
                fields=["coverage_reason", "decided_at", "decision"], name="claim_coverage_decided"
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:claim", args=[self.pk])

    @property
    def total_cost(self):
        return self.parts_cost + self.labour_cost + self.freight_cost
