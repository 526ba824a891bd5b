"""The 8D report of a complaint: one record, and one structured section per discipline."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import VersionedModel

from ..choices import DisciplineStatus, EightDStatus
from .complaint import Complaint

DISCIPLINE_CODES = [f"D{n}" for n in range(9)]


class EightD(VersionedModel):
    """An 8D report (8D报告) led by Quality (CMP-4)."""

    audit_parent = "complaint"  # its changes show on that record's history

    customer_lookup = "complaint__customer"

    number = models.CharField(_("8D no."), max_length=20, unique=True)
    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.PROTECT, related_name="eightd"
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("8D leader"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=8, choices=EightDStatus.choices, default=EightDStatus.OPEN
    )
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    due_at = models.DateTimeField(_("closure due"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    final_signed_at = models.DateTimeField(_("final report signed"), null=True, blank=True)
    # Asked on D4: is this the same problem as an earlier case (IATF 10.2.6)? None = not yet said.
    recurrence = models.BooleanField(_("recurrence of an earlier case"), null=True, blank=True)
    recurrence_of = models.ForeignKey(
        "complaints.Complaint",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("earlier case"),
    )

    class Meta:
        verbose_name = _("8D report")
        verbose_name_plural = _("8D reports")
        ordering = ["-opened_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_at"], name="eightd_status_due"),
            # The repeat-complaint rate counts 8Ds by the month they closed.
            models.Index(fields=["closed_at", "recurrence"], name="eightd_closed"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("complaints:eightd", args=[self.complaint_id])

    @property
    def closed_on_time(self):
        return self.closed_at is not None and self.closed_at <= self.due_at


class Discipline(VersionedModel):
    """One discipline (D0…D8) of an 8D: its owner, due date, status and structured content.

    ``data`` holds the fields of the discipline's form (``csc.complaints.disciplines``), which
    is the one schema the page, the API and the PDF read.
    """

    audit_parent = "eightd"  # its changes show on that record's history

    customer_lookup = "eightd__complaint__customer"

    eightd = models.ForeignKey(
        EightD, verbose_name=_("8D report"), on_delete=models.CASCADE, related_name="disciplines"
    )
    code = models.CharField(
        _("discipline"), max_length=2, choices=[(c, c) for c in DISCIPLINE_CODES]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=DisciplineStatus.choices,
        default=DisciplineStatus.OPEN,
    )
    data = models.JSONField(_("content"), default=dict, blank=True)
    completed_at = models.DateTimeField(_("done"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), null=True, blank=True)

    class Meta:
        verbose_name = _("8D discipline")
        verbose_name_plural = _("8D disciplines")
        ordering = ["eightd", "code"]
        constraints = [
            models.UniqueConstraint(fields=["eightd", "code"], name="uniq_discipline_code")
        ]
        indexes = [models.Index(fields=["owner", "status"], name="discipline_owner_status")]

    def __str__(self):
        return f"{self.eightd_id} {self.code}"

    def is_late(self, today=None):
        today = today or timezone.localdate()
        return self.status != DisciplineStatus.DONE and self.due_date < today
