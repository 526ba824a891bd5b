"""Customer visits (用户走访, SVC-8, S2 5.7): the annual plan per salesperson, its approval by
the sales head and the responsible leader, and the visit reports whose findings become CAPA."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import AuditedModel, VersionedModel

from ..choices import PlanStatus, Satisfaction


class VisitPlan(VersionedModel):
    """年度用户走访计划 of one salesperson for one year."""

    number = models.CharField(_("plan no."), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        on_delete=models.PROTECT,
        related_name="visit_plans",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by the sales head"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField(pgettext_lazy("time", "approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        ordering = ["-year", "salesperson_id"]
        permissions = [
            ("approve_visitplan", _("Can approve visit plans as the responsible leader")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "salesperson"], name="uniq_visit_plan_year")
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:plan", args=[self.pk])


class PlannedVisit(AuditedModel):
    """One customer to visit in one month of a plan."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="visits")
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT, related_name="+"
    )
    month = models.PositiveSmallIntegerField(_("month"))
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        ordering = ["month", "id"]

    def __str__(self):
        return f"{self.plan} {self.month:02d} {self.customer}"


class VisitReport(VersionedModel):
    """客户访谈报告 (kept two years, S2 7.1): what the customer said about product and service."""

    customer_lookup = "customer"

    number = models.CharField(_("report no."), max_length=20, unique=True)
    planned = models.OneToOneField(
        PlannedVisit,
        verbose_name=_("planned visit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report",
    )
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="visit_reports",
    )
    visited_on = models.DateField(_("visited on"))
    visitor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("visited by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    opinions = models.TextField(_("customer's opinions and requests"))
    product_quality = models.TextField(_("product quality"), blank=True)
    service_quality = models.TextField(_("after-sales service"), blank=True)
    satisfaction = models.CharField(
        _("service satisfaction"), max_length=12, choices=Satisfaction.choices
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("visit report")
        verbose_name_plural = _("visit reports")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["visited_on"], name="visit_report_day")]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:report", args=[self.pk])


class VisitFinding(AuditedModel):
    """A problem found on a visit; each becomes a corrective action (S2 5.7.4)."""

    customer_lookup = "report__customer"

    report = models.ForeignKey(VisitReport, on_delete=models.CASCADE, related_name="findings")
    description = models.TextField(pgettext_lazy("visit", "finding"))
    capa = models.ForeignKey(
        "capa.Capa",
        verbose_name=_("corrective action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("visit finding")
        verbose_name_plural = _("visit findings")

    def __str__(self):
        return self.description[:60]
