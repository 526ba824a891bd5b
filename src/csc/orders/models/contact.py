"""Contact windows, liaison memos (ORD-8) and pre-sales requests (ORD-10)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import AuditedModel, VersionedModel

from ..choices import (
    WINDOW_DEPARTMENTS,
    MemoStatus,
    PresalesKind,
    PresalesStatus,
    QuestionStatus,
    QuestionSubject,
)
from .base import Order


class OrderQuestion(AuditedModel):
    """A question about an order, routed by subject through the contact windows (S0 5.1.6).

    ``route`` lists the departments in order (Marketing first); ``step`` points at the one
    holding the question now.
    """

    audit_parent = "order"  # its changes show on that record's history

    customer_lookup = "order__customer"

    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.CASCADE, related_name="questions"
    )
    subject = models.CharField(_("subject"), max_length=10, choices=QuestionSubject.choices)
    question = models.TextField(_("question"))
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    asked_at = models.DateTimeField(_("asked"), default=timezone.now)
    route = models.JSONField(_("route"), default=list)
    step = models.PositiveSmallIntegerField(default=0)
    department = models.CharField(_("with department"), max_length=40)
    status = models.CharField(
        _("status"), max_length=10, choices=QuestionStatus.choices, default=QuestionStatus.OPEN
    )
    notes = models.TextField(_("internal notes"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("order question")
        verbose_name_plural = _("order questions")
        ordering = ["-asked_at", "-id"]
        indexes = [models.Index(fields=["department", "status"], name="order_question_queue")]

    def __str__(self):
        return f"{self.order}: {self.question[:40]}"

    def get_absolute_url(self):
        return reverse("orders:detail", args=[self.order_id]) + "#questions"

    def get_department_display(self):
        return WINDOW_DEPARTMENTS.get(self.department, self.department)

    @property
    def can_forward(self):
        return self.step + 1 < len(self.route)


class LiaisonMemo(AuditedModel):
    """An internal liaison memo between departments about an order (内部联络单 HT-QR-MA-06).

    Internal: it declares no customer lookup, so customer contacts never see one.
    """

    audit_parent = "order"  # its changes show on that record's history

    number = models.CharField(_("memo no."), max_length=20, unique=True)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="memos"
    )
    from_department = models.ForeignKey(
        "core.Department",
        verbose_name=pgettext_lazy("memo", "from"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_department = models.ForeignKey(
        "core.Department",
        verbose_name=pgettext_lazy("memo", "to"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"))
    reply_by = models.DateField(_("reply by"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=MemoStatus.choices, default=MemoStatus.OPEN
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)

    class Meta:
        verbose_name = _("liaison memo")
        verbose_name_plural = _("liaison memos")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["to_department", "status"], name="memo_queue")]

    def __str__(self):
        return f"{self.number} {self.subject}"

    def get_absolute_url(self):
        return reverse("orders:memo", args=[self.pk])


class PresalesRequest(VersionedModel):
    """A written application for a sample or special request before an order (ORD-10)."""

    customer_lookup = "customer"

    number = models.CharField(_("request no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="presales_requests",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=PresalesKind.choices)
    description = models.TextField(_("what the customer asks for"))
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department asked"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=PresalesStatus.choices, default=PresalesStatus.SUBMITTED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)
    customer_explanation = models.TextField(_("explanation given to the customer"), blank=True)

    class Meta:
        verbose_name = _("pre-sales request")
        verbose_name_plural = _("pre-sales requests")
        ordering = ["-requested_at", "-id"]
        permissions = [("decide_any_presales", _("Can decide any department's pre-sales request"))]
        indexes = [models.Index(fields=["status", "department"], name="presales_queue")]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("orders:presales-detail", args=[self.pk])
