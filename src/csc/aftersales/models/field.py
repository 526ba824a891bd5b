"""Field service (现场服务, SVC-5, S2 5.3 and 5.9, S1 3.1.4.2): the service staff, a record per
job with its signed service receipt (服务回执单), spare parts, and repair returns (退修单)."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import AuditedModel, VersionedModel
from csc.core.privacy import encrypted_email

from ..choices import (
    FieldOutcome,
    FieldStage,
    FieldStatus,
    ReceiptMethod,
    ReturnStatus,
    StaffPosting,
)

HOURS = {"max_digits": 7, "decimal_places": 1, "default": Decimal("0")}


class ServiceStaff(VersionedModel):
    """A member of the service staff, resident at a tier-1 customer or travelling (S2 5.2)."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="service_staff",
    )
    posting = models.CharField(_("posting"), max_length=10, choices=StaffPosting.choices)
    # Empty for travelling staff.
    resident_at = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("resident at"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="resident_service_staff",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("service staff member")
        verbose_name_plural = _("service staff")
        ordering = ["person__username"]

    def __str__(self):
        return str(self.person)

    def get_absolute_url(self):
        return reverse("aftersales:staff")


class FieldServiceRecord(VersionedModel):
    """One field job (服务记录): what was found, done and used, and the customer's receipt."""

    customer_lookup = "customer"

    number = models.CharField(_("service record no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="field_service_records",
    )
    staff = models.ForeignKey(
        ServiceStaff,
        verbose_name=_("service staff"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    product = models.ForeignKey(
        "orders.Product",
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    service_request = models.ForeignKey(
        "service.ServiceRequest",
        verbose_name=_("service request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="field_records",
    )
    warranty_claim = models.ForeignKey(
        "aftersales.WarrantyClaim",
        verbose_name=_("warranty claim"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="field_records",
    )
    stage = models.CharField(_("stage"), max_length=12, choices=FieldStage.choices)
    site = models.CharField(pgettext_lazy("field service", "site"), max_length=200, blank=True)
    found_at = models.DateTimeField(_("problem found"))
    # S1 3.1.4.2: a quality problem at installation is reported within 24 h.
    report_due_at = models.DateTimeField(_("report due"), null=True, blank=True)
    reported_at = models.DateTimeField(_("reported"), null=True, blank=True)
    defect = models.TextField(_("defect"))
    failure_form = models.CharField(_("failure form"), max_length=200, blank=True)
    maker = models.CharField(_("maker"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=FieldOutcome.choices, blank=True)  # fmt: skip
    result = models.TextField(_("result"), blank=True)
    work_hours = models.DecimalField(_("work hours"), **HOURS)
    travel_hours = models.DecimalField(_("travel hours"), **HOURS)
    travel_km = models.PositiveIntegerField(_("travel (km)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=FieldStatus.choices, default=FieldStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    void_reason = models.TextField(_("reason for voiding"), blank=True)

    class Meta:
        verbose_name = _("field service record")
        verbose_name_plural = _("field service records")
        ordering = ["-found_at", "-id"]
        permissions = [
            ("export_fieldservicerecord", _("Can export field service records")),
            ("view_servicereport", _("Can read the service summary report")),
            # S2 1.9.4: the service staff's quality information reaches Sales every week.
            ("receive_weeklyinformation", _("Receives the weekly quality information")),
        ]
        indexes = [
            models.Index(fields=["-found_at", "-id"], name="field_ledger"),
            models.Index(fields=["status", "-found_at"], name="field_status"),
            models.Index(fields=["customer", "-found_at"], name="field_customer"),
            models.Index(fields=["staff", "-found_at"], name="field_staff"),
            # The service report sums a period's jobs from this index.
            models.Index(fields=["completed_at"], name="field_completed"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:field-record", args=[self.pk])


class ServiceReceipt(AuditedModel):
    """The service receipt (服务回执单) the customer signed: on the pad or through a link.

    One per record (a receipt is never signed twice); the drawn signature is kept as PNG bytes
    with the record, so a backup holds it and the printed receipt shows it.
    """

    customer_lookup = "record__customer"
    # The receipt's entries show in the job's history.
    audit_parent = "record"

    record = models.OneToOneField(
        FieldServiceRecord,
        verbose_name=_("field service record"),
        on_delete=models.PROTECT,
        related_name="receipt",
    )
    method = models.CharField(_("how it was signed"), max_length=6, choices=ReceiptMethod.choices)
    signer_name = models.CharField(_("signer's name"), max_length=100)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    signature_png = models.BinaryField(_("signature"), null=True, blank=True, editable=False)
    satisfied = models.BooleanField(_("satisfied with the service"), default=True)
    remark = models.TextField(_("customer's remark"), blank=True)
    # The staff member holding the pad, or None when confirmed by link.
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("service receipt")
        verbose_name_plural = _("service receipts")
        indexes = [models.Index(fields=["signed_at"], name="receipt_signed")]

    def __str__(self):
        return f"{self.record} · {self.signer_name}"


class ReceiptLink(models.Model):
    """A one-time link for the customer to confirm a receipt; only the token's hash is kept."""

    record = models.ForeignKey(
        FieldServiceRecord, on_delete=models.CASCADE, related_name="receipt_links"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    email = encrypted_email(_("e-mail"))  # the customer's: encrypted like a contact's
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("receipt link")
        verbose_name_plural = _("receipt links")

    def __str__(self):
        return f"{self.record_id} · {self.created_at:%Y-%m-%d}"


class SparePart(AuditedModel):
    """A spare part for one job: requested by the staff, issued by the store, then used."""

    customer_lookup = "record__customer"
    audit_parent = "record"

    record = models.ForeignKey(
        FieldServiceRecord,
        verbose_name=_("field service record"),
        on_delete=models.CASCADE,
        related_name="parts",
    )
    part_no = models.CharField(_("part no."), max_length=60)
    name = models.CharField(_("part name"), max_length=200)
    requested = models.DecimalField(
        pgettext_lazy("spare part", "requested"), max_digits=12, decimal_places=2
    )
    issued = models.DecimalField(
        pgettext_lazy("spare part", "issued"), max_digits=12, decimal_places=2, default=0
    )
    used = models.DecimalField(
        pgettext_lazy("spare part", "used"), max_digits=12, decimal_places=2, default=0
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("spare part")
        verbose_name_plural = _("spare parts")
        ordering = ["record_id", "id"]
        permissions = [("issue_sparepart", _("Can issue spare parts from the store"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(issued__lte=models.F("requested"), used__lte=models.F("issued")),
                name="sparepart_used_within_issued",
            )
        ]

    def __str__(self):
        return f"{self.part_no} {self.name}"


class RepairReturn(VersionedModel):
    """A repair return (退修单): goods sent back for repair, counted in by the finished-goods
    store (S2 5.3, 5.9)."""

    customer_lookup = "customer"

    number = models.CharField(_("repair return no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="repair_returns",
    )
    product = models.ForeignKey(
        "orders.Product", verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    record = models.ForeignKey(
        FieldServiceRecord,
        verbose_name=_("field service record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repair_returns",
    )
    quantity_sent = models.PositiveIntegerField(_("quantity sent"))
    quantity_received = models.PositiveIntegerField(_("quantity received"), null=True, blank=True)
    reason = models.TextField(_("reason for return"))
    status = models.CharField(
        _("status"), max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.SENT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("received by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_at = models.DateTimeField(_("received"), null=True, blank=True)
    receiving_note = models.TextField(_("receiving note"), blank=True)

    class Meta:
        verbose_name = _("repair return")
        verbose_name_plural = _("repair returns")
        ordering = ["-created_at", "-id"]
        permissions = [("receive_repairreturn", _("Can count repair returns into the store"))]
        indexes = [
            models.Index(fields=["status", "-created_at"], name="return_status"),
            models.Index(fields=["customer", "-created_at"], name="return_customer"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("aftersales:repair-returns") + f"?number={self.number}"

    @property
    def difference(self):
        """Received minus sent (negative: short), None until counted."""
        if self.quantity_received is None:
            return None
        return self.quantity_received - self.quantity_sent
