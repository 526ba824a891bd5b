"""The review record (合同/订单评审记录 HT-QR-MA-03): its versions, items, sections and delegates."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import AuditedModel

from ..choices import ItemCategory, Section, SectionState, VersionStatus
from .base import Order


class ReviewVersion(AuditedModel):
    """One version of an order's review record; a change withdraws it and opens the next (ORD-7).

    ``snapshot`` keeps the order's header and lines as they were reviewed in this version, so a
    withdrawn version stays readable after the lines changed.
    """

    audit_parent = "order"  # its changes show on that record's history

    customer_lookup = "order__customer"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    reason = models.TextField(_("reason for this version"), blank=True)
    change = models.ForeignKey(
        "orders.OrderChange",
        verbose_name=_("change"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    snapshot = models.JSONField(_("content"), default=dict)
    # The order's state before a change re-opened the review; approval returns it there.
    resume_status = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    started_at = models.DateTimeField(_("review started"), null=True, blank=True)
    due_at = models.DateTimeField(_("review due"), null=True, blank=True)
    completed_at = models.DateTimeField(_("review completed"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    remarks = models.TextField(_("remarks (GM coordination)"), blank=True)
    withdrawn_at = models.DateTimeField(
        pgettext_lazy("replaced version", "superseded"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("review record version")
        verbose_name_plural = _("review record versions")
        ordering = ["order", "number"]
        constraints = [
            models.UniqueConstraint(fields=["order", "number"], name="uniq_review_version")
        ]
        indexes = [models.Index(fields=["status", "due_at"], name="review_version_due")]

    def __str__(self):
        return f"{self.order} v{self.number}"

    def get_absolute_url(self):
        return reverse("orders:version", args=[self.order_id, self.number])

    @property
    def is_withdrawn(self):
        return self.status == VersionStatus.WITHDRAWN


class ReviewItem(AuditedModel):
    """One requirement of the customer turned into an item of the review record (ORD-2)."""

    audit_parent = "version__order"  # its changes show on that record's history

    customer_lookup = "version__order__customer"

    version = models.ForeignKey(ReviewVersion, on_delete=models.CASCADE, related_name="items")
    category = models.CharField(_("category"), max_length=16, choices=ItemCategory.choices)
    requirement = models.TextField(_("requirement"))

    class Meta:
        verbose_name = _("review item")
        verbose_name_plural = _("review items")
        ordering = ["version", "id"]

    def __str__(self):
        return f"{self.get_category_display()}: {self.requirement[:40]}"


class ReviewSection(AuditedModel):
    """One department's part of the joint review: opinion and accept/reject (ORD-3).

    ``carried`` marks a decision taken over unchanged from the previous version because the
    change did not touch this department's part.
    """

    audit_parent = "version__order"  # its changes show on that record's history

    customer_lookup = "version__order__customer"

    version = models.ForeignKey(ReviewVersion, on_delete=models.CASCADE, related_name="sections")
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    state = models.CharField(
        _("decision"), max_length=10, choices=SectionState.choices, default=SectionState.OPEN
    )
    opinion = models.TextField(_("opinion"), blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    as_delegate = models.BooleanField(_("signed as delegate"), default=False)
    carried = models.BooleanField(_("carried over"), default=False)

    class Meta:
        verbose_name = _("review section")
        verbose_name_plural = _("review sections")
        ordering = ["version", "section"]
        constraints = [
            models.UniqueConstraint(fields=["version", "section"], name="uniq_review_section")
        ]
        indexes = [models.Index(fields=["section", "state"], name="review_section_state")]

    def __str__(self):
        return f"{self.version} · {self.get_section_display()}"


class ReviewDelegate(AuditedModel):
    """A user authorised to sign a department's review section (S0 5.1.3.1 "或其授权人")."""

    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.PROTECT,
        related_name="review_delegations",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("granted by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("review delegate")
        verbose_name_plural = _("review delegates")
        ordering = ["section", "-granted_at"]
        indexes = [models.Index(fields=["user", "section"], name="review_delegate_user")]

    def __str__(self):
        return f"{self.user} → {self.get_section_display()}"

    def is_valid(self, today=None):
        today = today or timezone.localdate()
        return self.revoked_at is None and (self.valid_until is None or self.valid_until >= today)
