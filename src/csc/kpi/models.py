"""Targets, period snapshots and hand-entered values of the indicators (KPI-1), and the
management review (KPI-3)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel, VersionedModel

from .choices import ReviewStatus, Source


class Target(AuditedModel):
    """An indicator's target from a period on (until a later one replaces it)."""

    code = models.CharField(_("Indicator"), max_length=60)
    valid_from = models.DateField(_("Valid from (first day of the period)"))
    value = models.DecimalField(_("Target"), max_digits=12, decimal_places=2)
    note = models.CharField(_("Reason"), max_length=300, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("Set by")
    )
    set_at = models.DateTimeField(_("Set at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Indicator target")
        verbose_name_plural = _("Indicator targets")
        constraints = [models.UniqueConstraint("code", "valid_from", name="kpi_target_once")]
        ordering = ["code", "-valid_from"]

    def __str__(self):
        return f"{self.code} {self.valid_from:%Y-%m} {self.value}"


class Snapshot(AuditedModel):
    """One period's value of one indicator as it was recorded: computed by the nightly job
    (until the period is closed) or entered by hand (manual indicators)."""

    code = models.CharField(_("Indicator"), max_length=60)
    period_start = models.DateField(_("Period"))
    value = models.DecimalField(_("Value"), max_digits=14, decimal_places=2, null=True)
    numerator = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    denominator = models.DecimalField(max_digits=18, decimal_places=2, null=True)
    source = models.CharField(_("Source"), max_length=10, choices=Source.choices)
    note = models.CharField(_("Note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Entered by"),
    )
    recorded_at = models.DateTimeField(_("Recorded at"))

    class Meta:
        verbose_name = _("Indicator value")
        permissions = [
            ("view_kpi", _("Can view the indicator dashboard")),
            ("close_period", _("Can close a month of indicator values")),
        ]
        verbose_name_plural = _("Indicator values")
        constraints = [
            models.UniqueConstraint("code", "period_start", name="kpi_snapshot_once"),
        ]
        indexes = [models.Index("period_start", "code", name="kpi_snapshot_period")]

    def __str__(self):
        return f"{self.code} {self.period_start:%Y-%m}: {self.value}"


class ClosedPeriod(AuditedModel):
    """A month whose values are final: its snapshots no longer follow later edits of the
    records, and no hand-entered value may change."""

    period_start = models.DateField(_("Month"), unique=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("Closed by")
    )
    closed_at = models.DateTimeField(_("Closed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("Closed month")
        verbose_name_plural = _("Closed months")
        ordering = ["-period_start"]

    def __str__(self):
        return f"{self.period_start:%Y-%m}"


class ManagementReview(VersionedModel):
    """The management review of a period (管理评审, ISO 9001 9.3): the figures of every area
    as a pack (PDF + Excel) and the sections the Management Representative writes."""

    number = models.CharField(_("Review no."), max_length=30, unique=True)
    title = models.CharField(_("Title"), max_length=200)
    period_start = models.DateField(_("Period from"))
    period_end = models.DateField(_("Period until"))
    status = models.CharField(
        _("Status"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    summary = models.TextField(_("Summary of the period"), blank=True)
    customer_feedback = models.TextField(_("Customer feedback and satisfaction"), blank=True)
    changes = models.TextField(_("Changes that affect the system"), blank=True)
    resources = models.TextField(_("Adequacy of resources"), blank=True)
    improvements = models.TextField(_("Opportunities for improvement"), blank=True)
    decisions = models.TextField(_("Decisions and actions"), blank=True)
    pack_pdf = models.FileField(_("Pack (PDF)"), upload_to="kpi/reviews/", blank=True)
    pack_xlsx = models.FileField(_("Pack (Excel)"), upload_to="kpi/reviews/", blank=True)
    generated_at = models.DateTimeField(_("Generated at"), null=True, blank=True)
    job = models.ForeignKey("core.Job", models.SET_NULL, null=True, blank=True, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("Created by")
    )
    created_at = models.DateTimeField(_("Created at"), auto_now_add=True)

    TEXT_FIELDS = ("summary", "customer_feedback", "changes", "resources", "improvements", "decisions")  # fmt: skip

    class Meta:
        verbose_name = _("Management review")
        verbose_name_plural = _("Management reviews")
        ordering = ["-period_end", "-id"]
        permissions = [
            ("generate_managementreview", _("Can generate the management review pack")),
            ("sign_managementreview", _("Can sign the management review")),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("kpi:review", args=[self.pk])
