"""The conclusions of a service summary report (服务工作总结报告, SVC-10)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from ..choices import SummaryStatus


class ServiceSummary(VersionedModel):
    """What Sales concludes from a period's service figures (S2 1.9.6: 肯定成绩，找出不足，明确
    今后改进的方向), signed off by the sales head.

    The figures are computed from the records until the sign-off; then they are kept with the
    conclusions, so the signed report prints what was signed even if a record changes later.
    """

    period_key = models.CharField(_("period"), max_length=10, unique=True)
    achievements = models.TextField(_("What went well"), blank=True)
    shortcomings = models.TextField(_("What fell short"), blank=True)
    improvements = models.TextField(_("Direction for improvement"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT
    )
    figures = models.JSONField(default=dict, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("written by")
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed off by"),
    )
    signed_at = models.DateTimeField(_("signed off at"), null=True, blank=True)

    TEXT_FIELDS = ("achievements", "shortcomings", "improvements")

    class Meta:
        verbose_name = _("service summary conclusions")
        verbose_name_plural = _("service summary conclusions")
        ordering = ["-period_key"]
        permissions = [("sign_servicesummary", _("Can sign off the service summary report"))]

    def __str__(self):
        return self.period_key
