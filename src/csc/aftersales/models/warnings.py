"""Early warnings (产品早期预警, SVC-9)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from ..choices import WarningKind, WarningStatus


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
