"""The monthly re-analysis of last month's complaints (CMP-9)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel, VersionedModel

from ..choices import ReviewStatus


class MonthlyReview(VersionedModel):
    """Quality's review of one month's complaints: analysis, action plan, closure per customer."""

    month = models.DateField(_("month"), unique=True, help_text=_("First day of the month."))
    status = models.CharField(
        _("status"), max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    complaints = models.PositiveIntegerField(_("complaints"), default=0)
    analysis = models.TextField(_("analysis"), blank=True)
    action_plan = models.TextField(_("action plan"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("monthly complaint review")
        verbose_name_plural = _("monthly complaint reviews")
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%Y-%m}"

    def get_absolute_url(self):
        return reverse("complaints:review", args=[self.pk])


class ReviewLine(AuditedModel):
    """One customer of a monthly review: its complaints and whether it confirmed their closure."""

    audit_parent = "review"  # its changes show on that record's history

    customer_lookup = "customer"

    review = models.ForeignKey(MonthlyReview, on_delete=models.CASCADE, related_name="lines")
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="+"
    )
    complaints = models.PositiveIntegerField(_("complaints"), default=0)
    still_open = models.PositiveIntegerField(_("still open"), default=0)
    confirmed = models.BooleanField(_("closure confirmed with the customer"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("monthly review line")
        verbose_name_plural = _("monthly review lines")
        ordering = ["review", "customer__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "customer"], name="uniq_review_customer")
        ]

    def __str__(self):
        return f"{self.review} · {self.customer_id}"
