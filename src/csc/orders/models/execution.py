"""Execution and delivery (ORD-5, ORD-6): production/sample orders, shipments, shipped quantities.

Other areas rely on ``Shipment`` and ``ShipmentLine`` as declared here: complaints compute their
rate (complaints ÷ shipments) and PPM (rejected ÷ Σ ShipmentLine.quantity) from them, and the
customer's purchase volume (CUS-7) is summed from shipments.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel

from ..choices import ProductionKind
from .base import Order, OrderLine, Product


class ProductionOrder(AuditedModel):
    """The production or sample order (生产/样品制造令 HT-QR-MA-04) issued after approval."""

    audit_parent = "order"  # its changes show on that record's history

    customer_lookup = "order__customer"

    number = models.CharField(_("production order no."), max_length=20, unique=True)
    order = models.OneToOneField(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="production_order"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=ProductionKind.choices, default=ProductionKind.PRODUCTION
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    instructions = models.TextField(_("instructions"), blank=True)
    planned_completion = models.DateField(_("planned completion"), null=True, blank=True)
    actual_completion = models.DateField(_("actual completion"), null=True, blank=True)

    class Meta:
        verbose_name = _("production order")
        verbose_name_plural = _("production orders")
        ordering = ["-issued_at", "-id"]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:detail", args=[self.order_id]) + "#production"


class Shipment(AuditedModel):
    """One delivery to the customer (发货通知单 HT-QR-MA-07); an order may ship in parts."""

    audit_parent = "order"  # its changes show on that record's history

    customer_lookup = "customer"

    number = models.CharField(_("delivery note no."), max_length=20, unique=True)
    order = models.ForeignKey(
        Order, verbose_name=_("order"), on_delete=models.PROTECT, related_name="shipments"
    )
    # Kept on the shipment so KPIs by customer and month read one table.
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="shipments",
    )
    shipped_on = models.DateField(_("shipped on"))
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    # The earliest delivery date promised for the lines in this shipment (S3: 按期交付批次).
    promised_on = models.DateField(_("promised for"), null=True, blank=True)
    # Whether this batch arrived (or, until delivery is confirmed, left) by the promised date.
    on_time = models.BooleanField(_("on time"), null=True)
    carrier = models.CharField(_("carrier"), max_length=100, blank=True)
    destination = models.CharField(_("deliver to"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("shipped by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    received_by = models.CharField(_("received by"), max_length=100, blank=True)
    delivery_note = models.TextField(_("delivery remarks"), blank=True)

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-shipped_on", "-id"]
        indexes = [
            models.Index(fields=["customer", "shipped_on"], name="shipment_customer_date"),
            # On-time delivery per month (and customer) reads only this index.
            models.Index(fields=["shipped_on", "on_time", "customer"], name="shipment_on_time_kpi"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        return reverse("orders:shipment", args=[self.pk])


class ShipmentLine(models.Model):
    """Quantity of one order line in one shipment: the delivered parts of PPM."""

    customer_lookup = "customer"

    shipment = models.ForeignKey(Shipment, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(
        OrderLine, on_delete=models.PROTECT, related_name="shipment_lines"
    )
    product = models.ForeignKey(Product, on_delete=models.PROTECT, related_name="+")
    # Copied from the shipment so delivered quantities aggregate by customer/month in one table.
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="+")
    shipped_on = models.DateField(_("shipped on"))
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)

    class Meta:
        verbose_name = _("shipment line")
        verbose_name_plural = _("shipment lines")
        indexes = [
            models.Index(fields=["customer", "shipped_on"], name="shipline_customer_date"),
            models.Index(fields=["shipped_on", "product"], name="shipline_date_product"),
            # The parts delivered per month (the PPM's denominator) from the index alone: a
            # year's lines are read without their rows.
            models.Index(fields=["shipped_on", "quantity"], name="shipline_date_quantity"),
        ]

    def __str__(self):
        return f"{self.shipment} · {self.product} × {self.quantity}"
