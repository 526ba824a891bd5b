"""Service requests (服务请求), their message thread, and the teams that handle them."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel, VersionedModel
from csc.core.privacy import encrypted_email

from .choices import (
    Category,
    Channel,
    Direction,
    IntakeStatus,
    Mailbox,
    RequestStatus,
    Severity,
    Strategy,
)


class Team(VersionedModel):
    """A group of service staff; its head is the second escalation level (SVC-2, SVC-3)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("team head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="service_teams"
    )
    strategy = models.CharField(
        _("assignment"), max_length=12, choices=Strategy.choices, default=Strategy.ROUND_ROBIN
    )
    # The member who got the last request: round-robin continues after them.
    last_assigned = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("service team")
        verbose_name_plural = _("service teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AssignmentRule(AuditedModel):
    """Requests matching every filled-in condition go to ``team``; the lowest order wins."""

    order = models.PositiveSmallIntegerField(_("order"), default=100)
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.CASCADE, related_name="rules"
    )
    category = models.CharField(_("category"), max_length=16, choices=Category.choices, blank=True)
    product_line = models.CharField(_("product line"), max_length=80, blank=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    region = models.CharField(_("region"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("assignment rule")
        verbose_name_plural = _("assignment rules")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.order} → {self.team}"


class ServiceRequest(VersionedModel):
    """One request from a customer, from any channel (SVC-1), with its service-level clocks."""

    customer_lookup = "customer"

    number = models.CharField(_("service request no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    contact = models.ForeignKey(
        "customers.Contact",
        verbose_name=_("contact"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    severity = models.CharField(
        _("severity"), max_length=8, choices=Severity.choices, default=Severity.SIMPLE
    )
    subject = models.CharField(_("subject"), max_length=200)
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requests",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handler"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_requests",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    # Each step timed (SVC-4).
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    first_answered_at = models.DateTimeField(_("first answer"), null=True, blank=True)
    fed_back_at = models.DateTimeField(_("feedback given"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    # The clocks (SVC-3): targets stop while the request waits for the customer; the time
    # waited so far is kept both as wall-clock and as business time, for the two kinds of target.
    first_answer_due_at = models.DateTimeField(_("first answer due"), null=True, blank=True)
    feedback_due_at = models.DateTimeField(_("feedback due"), null=True, blank=True)
    resolution_due_at = models.DateTimeField(_("resolution due"), null=True, blank=True)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    waited = models.DurationField(_("time waiting"), default=dt.timedelta)
    waited_business = models.DurationField(default=dt.timedelta)
    # The next target that falls due (null while paused or finished): the queue's sort key.
    due_at = models.DateTimeField(_("next due"), null=True, blank=True)
    # "Escalate to 8D" (SVC-6): the complaint this request became.
    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_request",
    )
    # The periodic job's memory: the due moment the handler was warned about, and how far
    # the breach of the current due moment has been escalated (so nobody is told twice).
    warned_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(_("escalated"), null=True, blank=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("handle_servicerequest", _("Can handle and answer service requests")),
            ("assign_servicerequest", _("Can assign and reassign service requests")),
            ("export_servicerequest", _("Can export the service request ledger")),
            ("view_slareport", _("Can see the service-level report")),
        ]
        indexes = [
            # The queues: by team and status, newest first or by due time.
            models.Index(fields=["team", "status", "received_at"], name="sr_team_status_new"),
            # With the id: the queue sorts by (due, id), and a closed request has no due time,
            # so without it PostgreSQL sorts a team's whole closed backlog for one page.
            models.Index(fields=["team", "status", "due_at", "id"], name="sr_team_status_due_id"),
            models.Index(fields=["handler", "status", "due_at", "id"], name="sr_handler_due_id"),
            models.Index(fields=["customer", "received_at"], name="sr_customer_received"),
            # By month; with the version it also gives the SLA report's fingerprint of a month
            # from the index alone.
            models.Index(fields=["received_at", "version"], name="sr_received_version"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("service:detail", args=[self.pk])

    @property
    def is_open(self):
        from .choices import OPEN_STATUSES

        return self.status in OPEN_STATUSES


class Message(AuditedModel):
    """One entry of a request's thread: from the customer, to the customer, or internal."""

    customer_lookup = "request__customer"

    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.CASCADE,
        related_name="messages",
    )
    direction = models.CharField(_("direction"), max_length=4, choices=Direction.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("written"), default=timezone.now)
    # The Message-ID of the e-mail that carried it (in or out): a reply quoting it in
    # In-Reply-To or References threads onto this request.
    email_message_id = models.CharField(max_length=250, blank=True, db_index=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.request.number} · {self.get_direction_display()}"

    def get_absolute_url(self):
        return self.request.get_absolute_url() + f"#message-{self.pk}"


class InboundEmail(AuditedModel):
    """One e-mail taken from a mailbox (IF-5), kept once per Message-ID: what became of it."""

    mailbox = models.CharField(_("mailbox"), max_length=12, choices=Mailbox.choices)
    message_id = models.CharField(_("Message-ID"), max_length=250)
    # Usually a contact person's address: encrypted like theirs (SEC-2).
    from_address = encrypted_email(_("sender"), max_length=250, validators=[])
    subject = models.CharField(_("subject"), max_length=250, blank=True)
    body = models.TextField(_("message"), blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    status = models.CharField(_("status"), max_length=12, choices=IntakeStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    request = models.ForeignKey(
        ServiceRequest, null=True, blank=True, on_delete=models.PROTECT, related_name="emails"
    )
    complaint = models.ForeignKey(
        "complaints.Complaint", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("incoming e-mail")
        verbose_name_plural = _("incoming e-mail")
        ordering = ["-received_at", "-id"]
        permissions = [("triage_inboundemail", _("Can accept or reject quarantined e-mail"))]
        constraints = [
            # One message, one record: a re-run or a second poller finds the row and stops.
            models.UniqueConstraint(fields=["mailbox", "message_id"], name="inbound_once")
        ]
        indexes = [models.Index(fields=["status", "received_at"], name="inbound_status")]

    def __str__(self):
        return f"{self.get_mailbox_display()} · {self.subject[:60]}"

    def get_absolute_url(self):
        return reverse("service:mail") + f"#mail-{self.pk}"


class FeedbackSheet(VersionedModel):
    """An information feedback sheet (信息反馈单, SVC-6): a question from a request to a
    department (Production, Quality, Engineering …) and the department's answer."""

    customer_lookup = None  # internal: never shown in the portal

    number = models.CharField(_("sheet no."), max_length=20, unique=True)
    request = models.ForeignKey(
        ServiceRequest,
        verbose_name=_("service request"),
        on_delete=models.PROTECT,
        related_name="feedback_sheets",
    )
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("to department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    question = models.TextField(_("information and question"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
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
        verbose_name = _("information feedback sheet")
        verbose_name_plural = _("information feedback sheets")
        ordering = ["sent_at", "id"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return self.request.get_absolute_url() + f"#sheet-{self.pk}"


class SlaMonth(models.Model):
    """The SLA report's lines of one ended month as the nightly job computed them, with the
    fingerprint of that month's requests (their count and the sum of their versions).

    Every change of a request raises its version, so while the fingerprint still matches
    nothing in the month has changed and the stored lines are the month's figures; otherwise
    the report computes the month afresh. A derived figure, not a record: not audited.
    """

    month = models.DateField(unique=True)
    requests = models.PositiveIntegerField()
    versions = models.BigIntegerField()
    lines = models.JSONField(default=list)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["month"]

    def __str__(self):
        return f"{self.month:%Y-%m}"
