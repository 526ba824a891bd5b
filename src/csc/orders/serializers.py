"""Read shapes of the order API: what a client sees of orders, reviews, shipments and changes."""

from django.utils import timezone
from rest_framework import serializers

from .models import (
    Order,
    OrderChange,
    OrderLine,
    PresalesRequest,
    Product,
    ReviewSection,
    ReviewVersion,
    Shipment,
    ShipmentLine,
)


class ProductSerializer(serializers.ModelSerializer):
    class Meta:
        model = Product
        fields = ["id", "code", "name", "specification", "product_line", "unit", "active"]


class OrderLineSerializer(serializers.ModelSerializer):
    product_code = serializers.CharField(source="product.code", read_only=True)
    product_name = serializers.CharField(source="product.name", read_only=True)

    class Meta:
        model = OrderLine
        fields = [
            "id", "line_no", "product", "product_code", "product_name", "specification",
            "quantity", "unit_price", "currency", "requested_date", "promised_date",
            "shipped_quantity",
        ]  # fmt: skip
        read_only_fields = fields


class OrderSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    overdue = serializers.SerializerMethodField()
    lines = OrderLineSerializer(many=True, read_only=True)

    class Meta:
        model = Order
        fields = [
            "id", "number", "customer", "customer_name", "received_at", "channel", "order_type",
            "sample", "customer_reference", "payment_terms", "trade_terms", "notes", "status",
            "revision", "submitted_at", "review_due_at", "review_completed_at", "pending_due_at",
            "overdue", "version", "lines",
        ]  # fmt: skip
        read_only_fields = fields

    def get_overdue(self, order) -> bool:
        return order.is_overdue(self.context.get("now") or timezone.now())


class ReviewSectionSerializer(serializers.ModelSerializer):
    signed_by_name = serializers.SerializerMethodField()

    class Meta:
        model = ReviewSection
        fields = [
            "section", "state", "opinion", "signed_by", "signed_by_name", "signed_at",
            "as_delegate", "carried",
        ]  # fmt: skip
        read_only_fields = fields

    def get_signed_by_name(self, section) -> str:
        return str(section.signed_by) if section.signed_by_id else ""


class ReviewVersionSerializer(serializers.ModelSerializer):
    sections = ReviewSectionSerializer(many=True, read_only=True)
    items = serializers.SerializerMethodField()

    class Meta:
        model = ReviewVersion
        fields = [
            "number", "status", "reason", "started_at", "due_at", "completed_at", "remarks",
            "withdrawn_at", "sections", "items",
        ]  # fmt: skip
        read_only_fields = fields

    def get_items(self, version) -> list[dict]:
        return [{"category": i.category, "requirement": i.requirement} for i in version.items.all()]


class ShipmentLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = ShipmentLine
        fields = ["id", "order_line", "product", "quantity"]
        read_only_fields = fields


class ShipmentSerializer(serializers.ModelSerializer):
    lines = ShipmentLineSerializer(many=True, read_only=True)
    order_number = serializers.CharField(source="order.number", read_only=True)

    class Meta:
        model = Shipment
        fields = [
            "id", "number", "order", "order_number", "customer", "shipped_on", "promised_on",
            "delivered_on", "on_time", "carrier", "destination", "received_by", "lines",
        ]  # fmt: skip
        read_only_fields = fields


class OrderDetailSerializer(OrderSerializer):
    versions = ReviewVersionSerializer(many=True, read_only=True)
    shipments = ShipmentSerializer(many=True, read_only=True)

    class Meta(OrderSerializer.Meta):
        fields = [*OrderSerializer.Meta.fields, "versions", "shipments"]
        read_only_fields = fields


class OrderChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrderChange
        fields = [
            "id", "number", "order", "kind", "status", "reason", "description", "payload",
            "affected_sections", "requested_by", "requested_at", "vp_decided_by", "vp_decided_at",
            "vp_note", "customer_agreement", "customer_agreed_at", "applied_at", "version_number",
        ]  # fmt: skip
        read_only_fields = fields


class PresalesSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = PresalesRequest
        fields = [
            "id", "number", "customer", "customer_name", "kind", "description", "department",
            "status", "requested_by", "requested_at", "decided_by", "decided_at", "decision_note",
            "customer_explanation", "version",
        ]  # fmt: skip
        read_only_fields = fields
