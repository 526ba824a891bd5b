"""Serializers of the complaint API: thin, read-mostly; writes go through ``actions``."""

from django.utils import timezone
from rest_framework import serializers

from csc.core.api import ContactAddressField
from csc.core.privacy import masked_addresses

from .models import Complaint, Discipline, EightD, Reply, Return
from .rules import overdue_deadlines

COMPLAINT_FIELDS = [
    "id", "number", "customer", "customer_name", "contact", "channel", "product", "received_at",
    "category", "severity", "status", "lot", "production_date", "quantity_affected",
    "description", "department", "registered_by", "assessed_by", "assessed_at", "assessment",
    "ack_due_at", "acknowledged_at", "resolution_due_at", "reply_due_at", "replied_at",
    "closed_at", "overdue", "escalation_level", "cause_class", "route_card",
    "production_report", "inspection_record", "operator_name", "inspector_name",
    "responsible_action", "responsible_action_on", "compensation", "penalty", "cost",
    "cost_note", "void_reason", "version",
]  # fmt: skip


class DisciplineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Discipline
        fields = ["code", "owner", "due_date", "status", "data", "completed_at", "version"]
        read_only_fields = fields


class EightDSerializer(serializers.ModelSerializer):
    disciplines = DisciplineSerializer(many=True, read_only=True)

    class Meta:
        model = EightD
        fields = [
            "id", "number", "leader", "status", "opened_at", "due_at", "closed_at",
            "final_signed_at", "disciplines", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ReplySerializer(serializers.ModelSerializer):
    complaint_number = serializers.CharField(source="complaint.number", read_only=True)
    sent_to = ContactAddressField(masker=masked_addresses)

    class Meta:
        model = Reply
        fields = [
            "id", "complaint", "complaint_number", "language", "subject", "body", "status",
            "drafted_by", "drafted_at", "sent_by", "sent_at", "sent_to", "confirmation",
            "confirmation_note", "confirmed_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ComplaintSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Complaint
        fields = COMPLAINT_FIELDS
        read_only_fields = fields

    def get_overdue(self, complaint) -> list[str]:
        return overdue_deadlines(complaint, self.context.get("now") or timezone.now())

    def to_representation(self, complaint):
        data = super().to_representation(complaint)
        view = self.context.get("view")
        if view is not None and view.action != "list":
            # The detail carries the 8D and the replies; lists stay one query per page.
            eightd = EightD.objects.filter(complaint=complaint).first()
            data["eightd"] = EightDSerializer(eightd).data if eightd else None
            data["replies"] = ReplySerializer(complaint.replies.all(), many=True).data
        return data


class PortalComplaintSerializer(serializers.ModelSerializer):
    """What a customer contact sees of their own complaint: no internal analysis or cost."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Complaint
        fields = [
            "id", "number", "received_at", "category", "product", "lot", "production_date",
            "quantity_affected", "description", "status", "status_label", "replied_at",
            "closed_at",
        ]  # fmt: skip
        read_only_fields = fields

    def to_representation(self, complaint):
        data = super().to_representation(complaint)
        view = self.context.get("view")
        if view is not None and view.action != "list":
            sent = complaint.replies.filter(status="sent")
            data["replies"] = [
                {"id": r.id, "subject": r.subject, "body": r.body, "sent_at": r.sent_at,
                 "confirmation": r.confirmation}
                for r in sent
            ]  # fmt: skip
        if complaint.status == "not_ours":
            data["explanation"] = complaint.assessment
        return data


class ComplaintWriteSerializer(serializers.ModelSerializer):
    """What a client may send to register (or, while registered, correct) a complaint."""

    submit_token = serializers.CharField(
        max_length=64, required=False, help_text="Repeat it to make a retried call safe."
    )
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Complaint
        fields = [
            "customer", "contact", "channel", "product", "received_at", "category", "severity",
            "lot", "production_date", "quantity_affected", "description", "submit_token",
            "version",
        ]  # fmt: skip
        extra_kwargs = {"customer": {"required": False}}


class ReturnSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    complaint_number = serializers.CharField(
        source="complaint.number", read_only=True, default=None
    )

    class Meta:
        model = Return
        fields = [
            "id", "number", "customer", "customer_name", "complaint", "complaint_number",
            "product", "lot", "notice_date", "quantity", "reason", "status",
            "received_quantity", "received_at", "result", "defective_quantity",
            "verification_note", "verified_at", "rework_number", "rework_instructions",
            "rework_due", "rework_result", "reworked_at", "replacement_quantity",
            "replacement_date", "replacement_note", "cost", "closed_at", "void_reason", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ReturnWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Return
        fields = ["customer", "complaint", "product", "lot", "notice_date", "quantity", "reason"]
