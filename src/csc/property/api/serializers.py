"""Serializers of the customer-property API: thin shapes, every write goes through a verb."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from csc.core.api import ContactAddressField
from csc.customers.models import Customer

from ..choices import (
    AnomalyKind,
    AnomalyOutcome,
    CheckResult,
    Disposition,
    IqcResult,
    NoticeVia,
    SortRejects,
)
from ..models import (
    QUANTITY,
    Anomaly,
    ConditionCheck,
    Lot,
    Movement,
    PropertyItem,
    Stocktake,
    StocktakeLine,
)


def quantity(**kwargs):
    return serializers.DecimalField(**QUANTITY, **kwargs)


class ItemSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    on_hand = quantity(read_only=True)

    class Meta:
        model = PropertyItem
        fields = [
            "id", "number", "customer", "customer_name", "kind", "name", "part_no", "serial_no",
            "unit", "on_hand", "location", "storage_temperature", "storage_humidity", "protection",
            "check_interval_days", "next_check_due", "needs_iqc", "status", "void_reason", "notes",
            "registered_by", "registered_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ItemWriteSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False, help_text=_("The version you edited."))

    class Meta:
        model = PropertyItem
        fields = [
            "kind", "name", "part_no", "serial_no", "unit", "location", "storage_temperature",
            "storage_humidity", "protection", "check_interval_days", "needs_iqc", "notes",
            "version",
        ]  # fmt: skip


class ItemCreateSerializer(ItemWriteSerializer):
    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all())

    class Meta(ItemWriteSerializer.Meta):
        fields = ["customer", *ItemWriteSerializer.Meta.fields]


class SignForSerializer(serializers.Serializer):
    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all())
    item = serializers.PrimaryKeyRelatedField(
        queryset=PropertyItem.objects.all(), required=False, allow_null=True
    )
    kind = serializers.CharField(required=False)
    name = serializers.CharField(required=False, max_length=200)
    part_no = serializers.CharField(required=False, allow_blank=True, max_length=60)
    unit = serializers.CharField(required=False, max_length=20, default="pcs")
    location = serializers.CharField(required=False, allow_blank=True, max_length=80)
    quantity = quantity()
    delivery_note_no = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LotSerializer(serializers.ModelSerializer):
    item_number = serializers.CharField(source="item.number", read_only=True)
    on_hand = quantity(read_only=True, required=False)
    notice_to = ContactAddressField()

    class Meta:
        model = Lot
        fields = [
            "id", "number", "item", "item_number", "delivery_note_no", "lot_no",
            "quantity_declared", "quantity_received", "on_hand", "appearance_ok",
            "identification_ok", "receipt_note", "received_on", "received_by", "signed_for",
            "status", "iqc_result", "iqc_sample_size", "iqc_defects", "iqc_report", "inspected_by",
            "inspected_at", "notice_via", "notice_to", "notice_text", "notified_at", "notified_by",
            "disposition", "agreed_with", "disposition_note", "disposed_by", "disposed_at",
            "sort_rejects", "sorted_good", "version",
        ]  # fmt: skip
        read_only_fields = fields


class MovementSerializer(serializers.ModelSerializer):
    lot_number = serializers.CharField(source="lot.number", read_only=True)

    class Meta:
        model = Movement
        fields = [
            "id", "item", "lot", "lot_number", "customer", "kind", "quantity", "moved_on",
            "moved_at", "reference", "note", "created_by", "stocktake",
        ]  # fmt: skip
        read_only_fields = fields


class AnomalySerializer(serializers.ModelSerializer):
    notice_to = ContactAddressField()

    class Meta:
        model = Anomaly
        fields = [
            "id", "number", "item", "lot", "kind", "quantity", "description", "reported_by",
            "department", "reported_at", "status", "confirmed_by", "confirmed_at", "confirm_note",
            "notice_via", "notice_to", "notice_text", "notified_at", "notified_by", "outcome",
            "outcome_note", "closed_by", "closed_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class StocktakeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stocktake
        fields = [
            "id", "number", "counted_on", "customer", "location", "status", "note", "opened_by",
            "opened_at", "submitted_by", "submitted_at", "approved_by", "approved_at",
            "approval_note", "posted_by", "posted_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class StocktakeCreateSerializer(serializers.Serializer):
    counted_on = serializers.DateField(required=False, allow_null=True)
    customer = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.all(), required=False, allow_null=True
    )
    location = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LineSerializer(serializers.ModelSerializer):
    lot_number = serializers.CharField(source="lot.number", read_only=True)
    difference = quantity(read_only=True)

    class Meta:
        model = StocktakeLine
        fields = [
            "id", "stocktake", "item", "lot", "lot_number", "book_quantity", "counted_quantity",
            "difference", "explanation", "counted_by", "counted_at",
        ]  # fmt: skip
        read_only_fields = fields


class CheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConditionCheck
        fields = [
            "id", "item", "due_on", "status", "overdue", "checked_on", "checked_by", "result",
            "temperature", "humidity", "note", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


# --- bodies of the workflow steps ----------------------------------------------------------


@extend_schema_field(OpenApiTypes.INT)
class LotField(serializers.PrimaryKeyRelatedField):
    def get_queryset(self):
        return Lot.objects.select_related("item", "item__customer")


class ReceiveSerializer(serializers.Serializer):
    delivery_note_no = serializers.CharField(max_length=60, allow_blank=True, default="")
    lot_no = serializers.CharField(max_length=60, allow_blank=True, default="")
    quantity_declared = quantity(required=False, allow_null=True)
    quantity_received = quantity()
    appearance_ok = serializers.BooleanField(default=True)
    identification_ok = serializers.BooleanField(default=True)
    note = serializers.CharField(allow_blank=True, default="")
    received_on = serializers.DateField(required=False, allow_null=True)


class LotInspectSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=IqcResult.choices)
    report = serializers.CharField(allow_blank=True, default="")
    sample_size = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    defects = serializers.IntegerField(min_value=0, required=False, allow_null=True)


class InspectSerializer(LotInspectSerializer):
    lot = LotField()


class IssueSerializer(serializers.Serializer):
    quantity = quantity()
    lot = LotField(required=False, allow_null=True)
    reference = serializers.CharField(max_length=80, allow_blank=True, default="")
    note = serializers.CharField(allow_blank=True, default="")
    moved_on = serializers.DateField(required=False, allow_null=True)


class TakeSerializer(serializers.Serializer):
    lot = LotField()
    quantity = quantity()
    reason = serializers.CharField()
    reference = serializers.CharField(max_length=80, allow_blank=True, default="")
    moved_on = serializers.DateField(required=False, allow_null=True)


class ReportAnomalySerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AnomalyKind.choices)
    description = serializers.CharField()
    quantity = quantity(required=False, allow_null=True)
    lot = LotField(required=False, allow_null=True)


class CountSerializer(serializers.Serializer):
    stocktake = serializers.PrimaryKeyRelatedField(queryset=Stocktake.objects.all())
    lot = LotField()
    counted = quantity(min_value=0)
    explanation = serializers.CharField(allow_blank=True, default="")


class CheckStepSerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=CheckResult.choices)
    note = serializers.CharField(allow_blank=True, default="")
    temperature = serializers.CharField(max_length=40, allow_blank=True, default="")
    humidity = serializers.CharField(max_length=40, allow_blank=True, default="")
    checked_on = serializers.DateField(required=False, allow_null=True)


class NoticeSerializer(serializers.Serializer):
    via = serializers.ChoiceField(choices=NoticeVia.choices)
    to = serializers.CharField(max_length=200, allow_blank=True, default="")
    text = serializers.CharField(
        allow_blank=True, default="", help_text=_("Empty: the standard notice is sent.")
    )


class DisposeSerializer(serializers.Serializer):
    disposition = serializers.ChoiceField(choices=Disposition.choices)
    agreed_with = serializers.CharField(max_length=120)
    note = serializers.CharField(allow_blank=True, default="")


class SortSerializer(serializers.Serializer):
    good_quantity = quantity(min_value=0)
    rejects = serializers.ChoiceField(choices=SortRejects.choices)
    note = serializers.CharField(allow_blank=True, default="")


class CloseSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=AnomalyOutcome.choices)
    note = serializers.CharField()
    quantity = quantity(required=False, allow_null=True)


class LotBalanceSerializer(serializers.Serializer):
    lot = serializers.IntegerField()
    number = serializers.CharField()
    balance = serializers.CharField()  # a decimal quantity as text, like every quantity


class BalanceSerializer(serializers.Serializer):
    """An item's balance at the end of a day, in total and per lot (schema only)."""

    item = serializers.IntegerField()
    at = serializers.DateField(allow_null=True)
    balance = serializers.CharField()
    lots = LotBalanceSerializer(many=True)


class BalanceQuerySerializer(serializers.Serializer):
    at = serializers.DateField(required=False, allow_null=True)


class DamageMonthSerializer(serializers.Serializer):
    """One month of the damage-and-loss indicator (PRP-5), as the ``kpi`` list answers it."""

    month = serializers.DateField()
    damage = serializers.IntegerField()
    loss = serializers.IntegerField()
    total = serializers.IntegerField()
    target = serializers.FloatField()
    met = serializers.BooleanField()
