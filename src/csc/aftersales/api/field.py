"""REST endpoints of field service (SVC-5): ``field-service-records`` with their steps and
parts, ``service-staff`` and ``repair-returns``. Edits carry the version (a stale one is 409)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from csc.core.api import NoteSerializer, ReasonSerializer, RestrictedViewSet

from .. import actions, receipts
from ..choices import FieldOutcome, ReportState, StaffPosting
from ..filters import FieldRecordFilter, RepairReturnFilter
from ..models import FieldServiceRecord, RepairReturn, ServiceStaff, SparePart
from ..rules import report_state

HOURS = {"max_digits": 7, "decimal_places": 1, "required": False}


class PartSerializer(serializers.ModelSerializer):
    class Meta:
        model = SparePart
        fields = ["id", "part_no", "name", "requested", "issued", "used", "issued_at"]
        read_only_fields = fields


class ReceiptSerializer(serializers.Serializer):
    """The customer's sign-off of a field visit, as a record shows it (schema only)."""

    method = serializers.CharField()
    signer_name = serializers.CharField()
    signed_at = serializers.DateTimeField()
    satisfied = serializers.BooleanField()
    has_signature = serializers.BooleanField()


class RecordSerializer(serializers.ModelSerializer):
    parts = PartSerializer(many=True, read_only=True)
    report_state = serializers.SerializerMethodField()
    receipt = serializers.SerializerMethodField()

    class Meta:
        model = FieldServiceRecord
        fields = [
            "id", "number", "customer", "staff", "product", "service_request",
            "warranty_claim", "stage", "site", "found_at", "report_due_at", "reported_at",
            "report_state", "defect", "failure_form", "maker", "outcome", "result",
            "work_hours", "travel_hours", "travel_km", "status", "created_at", "completed_at",
            "void_reason", "parts", "receipt", "version",
        ]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=ReportState.choices))
    def get_report_state(self, record):
        from django.utils import timezone

        return report_state(record.report_due_at, record.reported_at, timezone.now()).value

    @extend_schema_field(ReceiptSerializer(allow_null=True))
    def get_receipt(self, record):
        receipt = getattr(record, "receipt", None)
        if receipt is None:
            return None
        return {
            "method": receipt.method,
            "signer_name": receipt.signer_name,
            "signed_at": receipt.signed_at,
            "satisfied": receipt.satisfied,
            "has_signature": receipt.method == "pad",
        }


class RecordCreateSerializer(serializers.ModelSerializer):
    # Plain numbers, so a negative value reaches the verb and gets its message.
    work_hours = serializers.DecimalField(**HOURS)
    travel_hours = serializers.DecimalField(**HOURS)
    travel_km = serializers.IntegerField(required=False)

    class Meta:
        model = FieldServiceRecord
        fields = [
            "customer", "staff", "product", "service_request", "warranty_claim", "stage",
            "site", "found_at", "defect", "failure_form", "maker", "work_hours",
            "travel_hours", "travel_km",
        ]  # fmt: skip


class RecordUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    site = serializers.CharField(required=False, allow_blank=True, max_length=200)
    defect = serializers.CharField(required=False, allow_blank=True)
    failure_form = serializers.CharField(required=False, allow_blank=True, max_length=200)
    maker = serializers.CharField(required=False, allow_blank=True, max_length=200)
    outcome = serializers.ChoiceField(choices=FieldOutcome.choices, required=False, allow_blank=True)  # fmt: skip
    result = serializers.CharField(required=False, allow_blank=True)
    work_hours = serializers.DecimalField(**HOURS)
    travel_hours = serializers.DecimalField(**HOURS)
    travel_km = serializers.IntegerField(required=False)


class CompleteSerializer(RecordUpdateSerializer):
    outcome = serializers.ChoiceField(choices=FieldOutcome.choices)
    result = serializers.CharField(allow_blank=True)


class SignSerializer(serializers.Serializer):
    signer_name = serializers.CharField(allow_blank=True, max_length=100)
    signature = serializers.CharField(allow_blank=True, max_length=600_000)
    satisfied = serializers.BooleanField(required=False, default=True)
    remark = serializers.CharField(required=False, allow_blank=True, default="")


class LinkSerializer(serializers.Serializer):
    email = serializers.EmailField(required=False, allow_blank=True, default="")


class PartRequestSerializer(serializers.Serializer):
    part_no = serializers.CharField(allow_blank=True, max_length=60)
    name = serializers.CharField(allow_blank=True, max_length=200)
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)


class FieldServiceRecordViewSet(RestrictedViewSet):
    # The drawing stays in the database: a page of 25 records never carries 25 images.
    queryset = (
        FieldServiceRecord.objects.select_related("receipt")
        .defer("receipt__signature_png")
        .prefetch_related("parts")
    )
    serializer_class = RecordSerializer
    filterset_class = FieldRecordFilter
    ordering = ["-found_at", "-id"]

    def create(self, request):
        data = self.validated(RecordCreateSerializer)
        return self.respond(actions.open_record(request.user, data), status=201)

    def partial_update(self, request, pk=None):
        record = self.get_object()
        data = dict(self.validated(RecordUpdateSerializer, partial=True))
        version = data.pop("version", None)
        return self.respond(actions.update_record(request.user, record, data, version))

    def _fresh(self, record):
        return self.respond(self.get_queryset().get(pk=record.pk))

    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        data = dict(self.validated(CompleteSerializer))
        version = data.pop("version", None)
        return self._fresh(actions.complete_record(request.user, self.get_object(), data, version))

    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        note = self.validated(NoteSerializer)["note"]
        return self._fresh(actions.report_problem(request.user, self.get_object(), note))

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        note = self.validated(NoteSerializer)["note"]
        return self._fresh(actions.reopen_record(request.user, self.get_object(), note))

    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        reason = self.validated(ReasonSerializer)["reason"]
        return self._fresh(actions.void_record(request.user, self.get_object(), reason))

    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        d = self.validated(SignSerializer)
        record = self.get_object()
        actions.sign_receipt(request.user, record, d["signer_name"], d["signature"], d["satisfied"], d["remark"])  # fmt: skip
        return self._fresh(record)

    @action(detail=True, methods=["post"], url_path="receipt-link")
    def receipt_link(self, request, pk=None):
        email = self.validated(LinkSerializer)["email"]
        token = actions.issue_receipt_link(request.user, self.get_object(), email)
        return Response({"url": receipts.link_url(token)}, status=201)

    @action(detail=True, methods=["post"])
    def parts(self, request, pk=None):
        d = self.validated(PartRequestSerializer)
        part = actions.request_part(request.user, self.get_object(), d["part_no"], d["name"], d["quantity"])  # fmt: skip
        return Response(PartSerializer(part).data, status=201)


class QuantitySerializer(serializers.Serializer):
    quantity = serializers.DecimalField(max_digits=12, decimal_places=2)


class SparePartViewSet(RestrictedViewSet):
    queryset = SparePart.objects.select_related("record")
    serializer_class = PartSerializer
    filterset_fields = ["record"]

    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        quantity = self.validated(QuantitySerializer)["quantity"]
        return self.respond(actions.issue_part(request.user, self.get_object(), quantity))

    @action(detail=True, methods=["post"])
    def use(self, request, pk=None):
        quantity = self.validated(QuantitySerializer)["quantity"]
        return self.respond(actions.use_part(request.user, self.get_object(), quantity))


class StaffSerializer(serializers.ModelSerializer):
    posting = serializers.ChoiceField(choices=StaffPosting.choices)

    class Meta:
        model = ServiceStaff
        fields = ["id", "person", "posting", "resident_at", "phone", "active", "version"]
        read_only_fields = ["id", "active", "version"]
        # The verb says who is already on the staff, as a field message.
        extra_kwargs = {"person": {"validators": []}}


class ServiceStaffViewSet(RestrictedViewSet):
    queryset = ServiceStaff.objects.all()
    serializer_class = StaffSerializer
    filterset_fields = ["posting", "resident_at", "active"]

    def create(self, request):
        data = self.validated(StaffSerializer)
        return self.respond(actions.add_staff(request.user, data), status=201)


class RepairReturnSerializer(serializers.ModelSerializer):
    difference = serializers.IntegerField(read_only=True, allow_null=True)  # None until received

    class Meta:
        model = RepairReturn
        fields = [
            "id", "number", "customer", "product", "record", "quantity_sent",
            "quantity_received", "difference", "reason", "status", "created_at",
            "received_by", "received_at", "receiving_note", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ReturnCreateSerializer(serializers.ModelSerializer):
    quantity_sent = serializers.IntegerField()

    class Meta:
        model = RepairReturn
        fields = ["customer", "product", "record", "quantity_sent", "reason"]
        extra_kwargs = {"reason": {"allow_blank": True}}


class RepairReceiveSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    quantity_received = serializers.IntegerField()
    receiving_note = serializers.CharField(required=False, allow_blank=True, default="")


class RepairReturnViewSet(RestrictedViewSet):
    queryset = RepairReturn.objects.all()
    serializer_class = RepairReturnSerializer
    filterset_class = RepairReturnFilter

    def create(self, request):
        data = self.validated(ReturnCreateSerializer)
        return self.respond(actions.register_return(request.user, data), status=201)

    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        d = self.validated(RepairReceiveSerializer)
        repair = actions.receive_return(
            request.user, self.get_object(), d["quantity_received"], d["receiving_note"],
            d.get("version"),
        )  # fmt: skip
        return self.respond(repair)
