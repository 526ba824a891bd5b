"""Contract / order review and delivery (ORD-1…ORD-10).

Other areas rely on ``Product``, ``Shipment`` and ``ShipmentLine`` as they are declared here:
complaints compute their rate and PPM from shipped quantities, surveys break results down by
product line, and the customer's purchase volume (CUS-7) is summed from shipments.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.models import AuditedModel, VersionedModel


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

    number = models.CharField(_("order no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["customer", "received_at"], name="order_customer_received")]

    def __str__(self):
        return self.number


class OrderLine(AuditedModel):
    customer_lookup = "order__customer"

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        Product, verbose_name=_("product"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3)
    unit_price = models.DecimalField(_("unit price"), max_digits=14, decimal_places=4, default=0)
    requested_date = models.DateField(_("requested delivery date"), null=True, blank=True)
    promised_date = models.DateField(_("promised delivery date"), null=True, blank=True)

    class Meta:
        verbose_name = _("order line")
        verbose_name_plural = _("order lines")
        ordering = ["order", "id"]

    def __str__(self):
        return f"{self.order} · {self.product}"


class Shipment(AuditedModel):
    """One delivery to the customer (发货通知单 HT-QR-MA-07); an order may ship in parts."""

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

    class Meta:
        verbose_name = _("shipment")
        verbose_name_plural = _("shipments")
        ordering = ["-shipped_on", "-id"]
        indexes = [models.Index(fields=["customer", "shipped_on"], name="shipment_customer_date")]

    def __str__(self):
        return self.number


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
        ]

    def __str__(self):
        return f"{self.shipment} · {self.product} × {self.quantity}"
