"""Serializers of the service request API: thin, read-mostly; writes go through ``actions``."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from csc.customers.models import Contact, Customer
from csc.orders.models import Product

from .choices import Category, Channel, Severity, SlaState
from .models import Message, ServiceRequest, Team
from .rules import sla_state

REQUEST_FIELDS = [
    "id", "number", "customer", "customer_name", "contact", "channel", "category", "product",
    "severity", "subject", "description", "status", "team", "handler", "received_at",
    "assigned_at", "first_answered_at", "fed_back_at", "resolved_at", "closed_at",
    "first_answer_due_at", "feedback_due_at", "resolution_due_at", "waiting_since", "waited",
    "due_at", "sla", "version",
]  # fmt: skip
PORTAL_FIELDS = ["id", "number", "channel", "category", "product", "subject", "description",
                 "status", "received_at", "resolved_at", "closed_at"]  # fmt: skip


class RequestSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    sla = serializers.SerializerMethodField()

    class Meta:
        model = ServiceRequest
        fields = REQUEST_FIELDS
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=SlaState.choices))
    def get_sla(self, obj):
        return sla_state(obj, timezone.now())


class PortalRequestSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceRequest
        fields = PORTAL_FIELDS
        read_only_fields = fields


class RequestWriteSerializer(serializers.Serializer):
    """What a caller may send to open a request; the action validates the rest."""

    customer = serializers.PrimaryKeyRelatedField(queryset=Customer.objects.all(), required=False)
    contact = serializers.PrimaryKeyRelatedField(
        queryset=Contact.objects.all(), required=False, allow_null=True
    )
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.API)
    category = serializers.ChoiceField(choices=Category.choices)
    severity = serializers.ChoiceField(choices=Severity.choices, default=Severity.SIMPLE)
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), required=False, allow_null=True
    )
    subject = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField()
    received_at = serializers.DateTimeField(required=False)


class RequestEditSerializer(serializers.Serializer):
    """What staff may correct on an open request (PATCH, with its ``version``)."""

    contact = serializers.PrimaryKeyRelatedField(
        queryset=Contact.objects.all(), required=False, allow_null=True
    )
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    severity = serializers.ChoiceField(choices=Severity.choices, required=False)
    product = serializers.PrimaryKeyRelatedField(
        queryset=Product.objects.all(), required=False, allow_null=True
    )
    subject = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description = serializers.CharField(required=False)
    version = serializers.IntegerField()


class MessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Message
        fields = ["id", "request", "direction", "author", "body", "created_at"]
        read_only_fields = fields


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "name", "head", "members", "strategy", "version"]
        read_only_fields = fields
