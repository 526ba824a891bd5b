"""Complaints as registered (顾客投诉登记表, listed in the ledger 投诉台账) and the replies to them."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.encryption import EncryptedCharField
from csc.core.models import VersionedModel
from csc.core.privacy import masked_addresses

from ..choices import (
    CauseClass,
    Channel,
    ComplaintCategory,
    ComplaintStatus,
    Confirmation,
    ReplyStatus,
    Severity,
)

MONEY = {"max_digits": 14, "decimal_places": 2, "default": 0}


class Complaint(VersionedModel):
    customer_lookup = "customer"

    number = models.CharField(_("complaint no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    contact = models.ForeignKey(
        "customers.Contact",
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(
        _("channel"), max_length=8, choices=Channel.choices, default=Channel.PHONE
    )
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    category = models.CharField(_("category"), max_length=16, choices=ComplaintCategory.choices)
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.SIMPLE
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.REGISTERED,
    )
    lot = models.CharField(_("lot / batch"), max_length=60, blank=True)
    production_date = models.DateField(_("production date"), null=True, blank=True)
    quantity_affected = models.DecimalField(
        _("quantity affected"), max_digits=14, decimal_places=3, default=0
    )
    description = models.TextField(_("description"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("registered by"),
    )
    # The hidden token of the form that created it: a second submit of that form finds this
    # record instead of making another one.
    submit_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # CMP-2 assessment
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assessed_at = models.DateTimeField(_("assessed"), null=True, blank=True)
    assessment = models.TextField(_("assessment / explanation to the customer"), blank=True)

    # CMP-3 deadlines and escalation
    ack_due_at = models.DateTimeField(_("acknowledgement due"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    reply_due_at = models.DateTimeField(_("reply due"), null=True, blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    # The 5M1E class of the occurrence root cause (from D4), kept here for the Pareto.
    cause_class = models.CharField(
        _("root cause class"), max_length=12, choices=CauseClass.choices, blank=True
    )

    # CMP-5 traceability
    route_card = models.CharField(_("route card"), max_length=60, blank=True)
    production_report = models.CharField(_("production report"), max_length=60, blank=True)
    inspection_record = models.CharField(_("inspection record"), max_length=60, blank=True)
    operator_name = models.CharField(_("operator"), max_length=60, blank=True)
    inspector_name = models.CharField(_("inspector"), max_length=60, blank=True)
    responsible_action = models.TextField(_("action on the responsible person"), blank=True)
    responsible_action_on = models.DateField(_("action taken on"), null=True, blank=True)

    # CMP-7 money
    compensation = models.DecimalField(_("compensation to the customer"), **MONEY)
    penalty = models.DecimalField(_("penalty"), **MONEY)
    cost = models.DecimalField(_("internal cost"), **MONEY)
    cost_note = models.TextField(_("cost note"), blank=True)

    void_reason = models.TextField(_("reason for voiding"), blank=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("assess_complaint", _("Can assess complaints and lead 8D reports (Quality)")),
            ("reply_complaint", _("Can send replies to customers (Sales)")),
            ("confirm_reply", _("Can record the customer's confirmation of a reply")),
            ("close_complaint", _("Can close and void complaints")),
            ("trace_complaint", _("Can record traceability of a complaint")),
            ("cost_complaint", _("Can record compensation, penalty and cost")),
            ("sign_read_complaint", _("Can sign complaints as read (MR, GM)")),
            ("sign_final_report", _("Can sign the final 8D report (plant manager)")),
            ("export_complaint", _("Can export the complaint ledger")),
            ("view_kpi", _("Can see complaint KPIs")),
        ]
        indexes = [
            models.Index(fields=["customer", "received_at"], name="complaint_customer_received"),
            models.Index(fields=["received_at"], name="complaint_received"),
            models.Index(
                fields=["status", "department", "received_at"], name="complaint_status_dept"
            ),
            # Covers the KPIs of a period (count, rejected parts, category, cause class), so a
            # year's aggregates read the index alone, never the wide rows.
            models.Index(
                fields=["status", "received_at", "category", "cause_class", "quantity_affected"],
                name="complaint_kpi",
            ),
            # The deadlines by status: the home page's overdue count reads the open complaints'
            # entries alone, never their rows. (Not a partial index: SQLite cannot use one for
            # a query whose status values are parameters.)
            models.Index(
                fields=[
                    "status",
                    "replied_at",
                    "reply_due_at",
                    "resolution_due_at",
                    "acknowledged_at",
                    "ack_due_at",
                ],  # fmt: skip
                name="complaint_open_deadlines",
            ),
            # The replies of complaints found ours still to be sent, for the KPIs' count of
            # those overdue: PostgreSQL read a year's rows down the received-date index for it
            # (236 ms at 1M complaints, matching none); this small index answers in 0.3 ms.
            models.Index(
                fields=["reply_due_at", "received_at"],
                name="complaint_unreplied",
                condition=models.Q(
                    replied_at__isnull=True, status__in=["accepted", "replied", "closed"]
                ),
            ),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("complaints:detail", args=[self.pk])

    def is_overdue(self, now=None):
        """Return True while open and past its resolution or reply deadline."""
        from ..rules import overdue_deadlines

        return bool(overdue_deadlines(self, now))

    @property
    def total_cost(self):
        return self.compensation + self.penalty + self.cost


def reply_path(instance, filename):
    return f"complaint-replies/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.pdf"


class Reply(VersionedModel):
    """A reply letter to the customer (客户质量投诉回复书), written by Quality, sent by Sales."""

    audit_parent = "complaint"  # its changes show on that record's history

    customer_lookup = "complaint__customer"

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="replies"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("letter"))
    status = models.CharField(
        _("status"), max_length=8, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT
    )
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    drafted_at = models.DateTimeField(_("written"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # The contacts' addresses: encrypted like theirs (SEC-2).
    sent_to = EncryptedCharField(_("sent to"), blank=True, masker=masked_addresses)
    # The e-mail that carried the letter: its delivery state shows on the complaint's thread,
    # and a customer's answer quoting its Message-ID threads back onto the complaint.
    email = models.ForeignKey(
        "core.OutboxEmail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(_("letter (PDF)"), upload_to=reply_path, max_length=200, blank=True)
    confirmation = models.CharField(
        _("customer's confirmation"), max_length=10, choices=Confirmation.choices, blank=True
    )
    confirmation_note = models.TextField(_("confirmation note"), blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmation recorded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reply to the customer")
        verbose_name_plural = _("replies to customers")
        ordering = ["drafted_at", "id"]

    def __str__(self):
        return f"{self.complaint.number} · {self.subject}"

    def get_absolute_url(self):
        return self.complaint.get_absolute_url() + f"#reply-{self.pk}"
