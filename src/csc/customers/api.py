"""REST endpoints of the customer master: thin layers over ``actions`` (IF-3)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from csc.core.actions import log_contact_details_shown
from csc.core.api import ReasonSerializer, RestrictedViewSet
from csc.core.permissions import can

from . import actions
from .choices import ABCClass, CreditLevel
from .filters import AdmissionFilter, CreditChangeFilter, CustomerFilter
from .models import Contact, CreditChange, Customer, CustomerAdmission
from .rules import (
    bank_account_for,
    contact_details_for,
    masked_tail,
    may_see_contact_details,
    shows_contact_details,
)


class ContactSerializer(serializers.ModelSerializer):
    phone = serializers.SerializerMethodField()
    email = serializers.SerializerMethodField()

    class Meta:
        model = Contact
        fields = ["id", "name", "title", "phone", "email", "is_primary"]

    def get_phone(self, contact) -> str:
        return self._shown(contact).phone

    def get_email(self, contact) -> str:
        return self._shown(contact).email

    def _shown(self, contact):
        # Lists always mask; the detail shows the details to users allowed (and logs it).
        user = self.context["request"].user
        plain = bool(self.context.get("reveal")) and may_see_contact_details(user)
        return contact_details_for(user, contact, plain)


class CustomerSerializer(serializers.ModelSerializer):
    bank_account = serializers.SerializerMethodField()
    contacts = ContactSerializer(many=True, read_only=True)

    class Meta:
        model = Customer
        fields = [
            "id", "code", "name", "short_name", "address", "postal_code", "phone", "email",
            "bank_name", "bank_account", "industry", "region", "abc_class", "credit_level",
            "credit_days", "status", "language", "salesperson", "notes", "contacts", "version",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_bank_account(self, customer) -> str:
        # Lists always mask; the detail shows the number to users allowed (and logs it).
        if self.context.get("reveal"):
            return bank_account_for(self.context["request"].user, customer)
        return masked_tail(customer.bank_account_tail)


class CustomerWriteSerializer(serializers.ModelSerializer):
    """What a client may send when creating or editing a customer."""

    bank_account = serializers.CharField(max_length=40, required=False, allow_blank=True)
    version = serializers.IntegerField(required=False, help_text=_("The version you edited."))

    class Meta:
        model = Customer
        fields = [
            "name", "short_name", "address", "postal_code", "phone", "email", "bank_name",
            "bank_account", "industry", "region", "language", "salesperson", "notes", "version",
        ]  # fmt: skip
        extra_kwargs = {"name": {"validators": []}}


class AdmissionFieldsSerializer(serializers.ModelSerializer):
    class Meta:
        model = CustomerAdmission
        fields = [
            "requested_level", "requested_days", "business_scope", "scale", "expected_volume",
            "investigation",
        ]  # fmt: skip


class CustomerCreateSerializer(CustomerWriteSerializer):
    """A new customer is an admission application: the customer's data plus the request."""

    admission = AdmissionFieldsSerializer()

    class Meta(CustomerWriteSerializer.Meta):
        fields = [*CustomerWriteSerializer.Meta.fields, "admission"]


class ChangeClassSerializer(serializers.Serializer):
    new_class = serializers.ChoiceField(choices=ABCClass.choices)
    reason = serializers.CharField()


class CreditRequestSerializer(serializers.Serializer):
    new_level = serializers.ChoiceField(choices=CreditLevel.choices)
    new_days = serializers.IntegerField(
        min_value=0, max_value=3650, required=False, allow_null=True
    )
    reason = serializers.CharField()


class CustomerViewSet(RestrictedViewSet):
    queryset = Customer.objects.select_related(None)
    serializer_class = CustomerSerializer
    filterset_class = CustomerFilter
    ordering_fields = ["name", "code", "abc_class", "region", "created_at"]
    ordering = ["name"]

    def get_queryset(self):
        queryset = super().get_queryset().prefetch_related("contacts")
        if self.action == "list":
            # Lists show the masked tail only; "notes" stays loaded because the rows show it.
            return queryset.defer("bank_account")
        return queryset

    def retrieve(self, request, *args, **kwargs):
        customer = self.get_object()
        reveal = can(request.user, "customers.view_bank_account") and customer.bank_account
        if reveal:
            actions.reveal_bank_account(request.user, customer)
        if shows_contact_details(request.user, customer.contacts.all()):
            log_contact_details_shown(request.user, customer)
        serializer = self.get_serializer(
            customer, context={**self.get_serializer_context(), "reveal": True}
        )
        return Response(serializer.data)

    def create(self, request):
        data = self.validated(CustomerCreateSerializer)
        data.pop("version", None)
        admission = actions.apply_for_admission(request.user, data, data.pop("admission"))
        return self.respond(admission.customer, status=201)

    def partial_update(self, request, pk=None):
        customer = self.get_object()
        data = self.validated(CustomerWriteSerializer, partial=True, instance=customer)
        version = data.pop("version", None)
        return self.respond(actions.update_customer(request.user, customer, data, version))

    @action(detail=True, methods=["post"], url_path="change-class")
    def change_class(self, request, pk=None):
        data = self.validated(ChangeClassSerializer)
        customer = actions.change_class(
            request.user, self.get_object(), data["new_class"], data["reason"]
        )
        return self.respond(customer)

    @action(detail=True, methods=["post"], url_path="request-credit-change")
    def request_credit_change(self, request, pk=None):
        data = self.validated(CreditRequestSerializer)
        change = actions.request_credit_change(
            request.user, self.get_object(), data["new_level"], data.get("new_days"), data["reason"]
        )
        return Response(CreditChangeSerializer(change).data, status=201)

    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        reason = self.validated(ReasonSerializer)["reason"]
        return self.respond(
            actions.set_customer_active(request.user, self.get_object(), False, reason)
        )

    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        reason = self.validated(ReasonSerializer)["reason"]
        return self.respond(
            actions.set_customer_active(request.user, self.get_object(), True, reason)
        )


class AdmissionSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)

    class Meta:
        model = CustomerAdmission
        fields = [
            "id", "number", "customer", "customer_name", "requested_level", "requested_days",
            "business_scope", "scale", "expected_volume", "investigation", "status", "applicant",
            "created_at", "submitted_at", "decided_by", "decided_at", "decision_note", "version",
        ]  # fmt: skip
        read_only_fields = fields


class AdmissionUpdateSerializer(AdmissionFieldsSerializer):
    version = serializers.IntegerField(required=False)

    class Meta(AdmissionFieldsSerializer.Meta):
        fields = [*AdmissionFieldsSerializer.Meta.fields, "version"]


class StepSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AdmissionViewSet(RestrictedViewSet):
    queryset = CustomerAdmission.objects.select_related("customer")
    serializer_class = AdmissionSerializer
    filterset_class = AdmissionFilter
    ordering_fields = ["created_at", "number", "status"]
    ordering = ["-created_at"]

    def partial_update(self, request, pk=None):
        admission = self.get_object()
        data = self.validated(AdmissionUpdateSerializer, partial=True, instance=admission)
        version = data.pop("version", None)
        return self.respond(actions.update_admission(request.user, admission, data, version))

    def _step(self, verb):
        note = self.validated(StepSerializer)["note"]
        return self.respond(verb(self.request.user, self.get_object(), note))

    @action(detail=True, methods=["post"], serializer_class=AdmissionSerializer)
    def submit(self, request, pk=None):
        return self._step(actions.submit_admission)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(actions.approve_admission)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._step(actions.reject_admission)

    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self._step(actions.return_admission)


class CreditChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = CreditChange
        fields = [
            "id", "customer", "old_level", "old_days", "new_level", "new_days", "reason", "status",
            "requested_by", "requested_at", "decided_by", "decided_at", "decision_note", "version",
        ]  # fmt: skip
        read_only_fields = fields


class CreditChangeViewSet(RestrictedViewSet):
    queryset = CreditChange.objects.all()
    serializer_class = CreditChangeSerializer
    filterset_class = CreditChangeFilter
    ordering = ["-requested_at"]

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        note = self.validated(StepSerializer)["note"]
        return self.respond(actions.approve_credit_change(request.user, self.get_object(), note))

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        note = self.validated(StepSerializer)["note"]
        return self.respond(actions.reject_credit_change(request.user, self.get_object(), note))


def register(router):
    """Add the customer master's collections to the API router (IF-3 names)."""
    router.register("customers", CustomerViewSet, basename="customer")
    router.register("customer-admissions", AdmissionViewSet, basename="customer-admission")
    router.register("credit-changes", CreditChangeViewSet, basename="credit-change")
