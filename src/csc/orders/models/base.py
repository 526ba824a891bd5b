"""Products, orders and order lines (ORD-1, ORD-2)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import AuditedModel, VersionedModel

from ..choices import Channel, OrderStatus, OrderType, Section


class Product(AuditedModel):
    """A finished product the company sells."""

    code = models.CharField(_("product no."), max_length=40, unique=True)
    name = models.CharField(_("product name"), max_length=200)
    specification = models.CharField(_("specification"), max_length=200, blank=True)
    product_line = models.CharField(_("product line"), max_length=80, blank=True, db_index=True)
    unit = models.CharField(_("unit"), max_length=20, default="pcs")
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"


class Order(VersionedModel):
    """A customer's contract or order and its review record (合同/订单评审记录)."""

    customer_lookup = "customer"
    #: What each signature on the order was put on, as its history names it.
    signature_sections = {
        **dict(Section.choices),
        "general_manager": _("General Manager"),
        "cancellation": pgettext_lazy("order", "Cancellation"),
    }

    number = models.CharField(_("order no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    # The local date of intake, kept so monthly KPIs group on a plain date column.
    received_on = models.DateField(_("received on"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    order_type = models.CharField(
        _("order type"), max_length=10, choices=OrderType.choices, default=OrderType.PRODUCT
    )
    sample = models.BooleanField(_("sample order"), default=False)
    customer_reference = models.CharField(_("customer's order no."), max_length=60, blank=True)
    payment_terms = models.TextField(_("payment terms"), blank=True)
    trade_terms = models.CharField(_("trade terms"), max_length=60, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=OrderStatus.choices, default=OrderStatus.DRAFT
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    # ORD-4: the first review of the contract, timed for the monthly KPI.
    review_due_at = models.DateTimeField(_("review due"), null=True, blank=True)
    review_completed_at = models.DateTimeField(_("review completed"), null=True, blank=True)
    # Due time of the review round now open (first review or a change), None when none is.
    pending_due_at = models.DateTimeField(_("open review due"), null=True, blank=True)
    revision = models.PositiveSmallIntegerField(_("review record version"), default=1)
    cancel_reason = models.TextField(_("reason for cancellation"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-received_at", "-id"]
        permissions = [
            ("sign_engineering", _("Can sign the engineering section of order reviews")),
            ("sign_quality", _("Can sign the quality section of order reviews")),
            ("sign_materials", _("Can sign the materials section of order reviews")),
            ("approve_order", _("Can approve order reviews and cancellations (General Manager)")),
            ("issue_production_order", _("Can issue production and sample orders")),
            ("schedule_production", _("Can schedule production and record its completion")),
            ("ship_order", _("Can ship orders and confirm delivery")),
            ("request_internal_change", _("Can apply for an internal order change")),
            ("approve_change", _("Can approve internal order changes (vice president)")),
            ("export_order", _("Can export the order review ledger")),
            ("view_order_kpi", _("Can see order review and delivery KPIs")),
        ]
        indexes = [
            # The archive's first page, newest first (its sort: received_at, then id).
            models.Index(fields=["received_at", "id"], name="order_received"),
            models.Index(fields=["customer", "received_at"], name="order_customer_received"),
            # The archive's usual search (customer + status + date range) and its COUNT.
            models.Index(
                fields=["customer", "status", "received_at"], name="order_customer_status"
            ),
            models.Index(fields=["status", "received_at"], name="order_status_received"),
            # The monthly review-timeliness KPI reads only this index (no table rows).
            models.Index(
                fields=["received_on", "submitted_at", "review_due_at", "review_completed_at"],
                name="order_review_kpi",
            ),
            models.Index(fields=["status", "pending_due_at"], name="order_pending_due"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.received_on = timezone.localdate(self.received_at)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "received_at" in update_fields:
            kwargs["update_fields"] = {*update_fields, "received_on"}
        super().save(*args, **kwargs)

    def is_overdue(self, now=None):
        """Return True when the open review passed its due time."""
        return bool(self.pending_due_at and self.pending_due_at < (now or timezone.now()))


class OrderLine(AuditedModel):
    audit_parent = "order"  # its changes show on that record's history
    customer_lookup = "order__customer"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveSmallIntegerField(_("line"), default=1)
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    specification = models.CharField(_("specification"), max_length=200, blank=True)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=4, default=0)
    currency = models.CharField(_("currency"), max_length=3, default="CNY")
    requested_date = models.DateField(_("requested delivery date"), null=True, blank=True)
    promised_date = models.DateField(_("promised delivery date"), null=True, blank=True)
    # Kept up to date by the ship verb under the order's lock: over-delivery checks and the
    # order's shipped/partly shipped state read it without summing shipment lines.
    shipped_quantity = models.DecimalField(_("shipped"), max_digits=14, decimal_places=3, default=0)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "line_no", "id"]

    def __str__(self):
        return f"{self.order} · {self.product}"

    @property
    def amount(self):
        return self.quantity * self.unit_price

    @property
    def open_quantity(self):
        return max(self.quantity - self.shipped_quantity, 0)

    @property
    def due_date(self):
        """The date delivery was promised (or, before a promise, requested)."""
        return self.promised_date or self.requested_date
