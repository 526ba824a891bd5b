"""After-sales records: 三包 warranty claims and service agreements (SVC-7), early warnings
(SVC-9)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from .choices import (
    ClaimStatus,
    CoverageReason,
    Decision,
    DefectKind,
    Exclusion,
    WarningKind,
    WarningStatus,
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
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
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
            # Repeated claims on a product (early warning) read only this index.
            models.Index(fields=["product", "registered_at"], name="claim_product"),
            models.Index(fields=["decision", "decided_at"], name="claim_decision"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:claim", args=[self.pk])

    @property
    def total_cost(self):
        return self.parts_cost + self.labour_cost + self.freight_cost


class EarlyWarning(VersionedModel):
    """An early warning (产品早期预警, S2 5.4): a signal, Quality's analysis, Sales' notice."""

    customer_lookup = "customer"

    number = models.CharField(_("warning no."), max_length=20, unique=True)
    kind = models.CharField(_("signal"), max_length=20, choices=WarningKind.choices)
    # One warning per signal and period: the job may run again without doubling them.
    signal_key = models.CharField(max_length=80, unique=True, editable=False)
    period = models.DateField(_("period"))
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="early_warnings",
    )
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    baseline = models.DecimalField(_("baseline"), max_digits=18, decimal_places=2, default=0)
    observed = models.DecimalField(_("observed"), max_digits=18, decimal_places=2, default=0)
    summary = models.CharField(_("summary"), max_length=300)
    status = models.CharField(
        _("status"), max_length=10, choices=WarningStatus.choices, default=WarningStatus.OPEN
    )
    analysis = models.TextField(_("Quality's analysis"), blank=True)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("analysed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    analysed_at = models.DateTimeField(_("analysed"), null=True, blank=True)
    notice = models.TextField(_("notice to the customer"), blank=True)
    notified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("notified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notified_at = models.DateTimeField(_("customer notified"), null=True, blank=True)
    raised_at = models.DateTimeField(_("raised"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("early warning")
        verbose_name_plural = _("early warnings")
        ordering = ["-raised_at", "-id"]
        permissions = [
            ("analyse_earlywarning", _("Can write the analysis of early warnings")),
            ("notify_earlywarning", _("Can record the notice of early warnings to customers")),
        ]
        indexes = [models.Index(fields=["status", "-raised_at"], name="warning_status")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:warning", args=[self.pk])
