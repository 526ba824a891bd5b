"""REST endpoints of 三包 claims and service agreements, workflow steps as POST …/<id>/<verb>/."""

from rest_framework import serializers
from rest_framework.decorators import action

from csc.core.api import NoteSerializer, ReasonSerializer, RestrictedViewSet

from .. import actions
from ..choices import Decision, DefectKind, Exclusion
from ..filters import AgreementFilter, ClaimFilter
from ..models import ServiceAgreement, WarrantyClaim


class ClaimSerializer(serializers.ModelSerializer):
    coverage_message = serializers.CharField(source="get_coverage_reason_display", read_only=True)
    total_cost = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = WarrantyClaim
        fields = [
            "id", "number", "customer", "product", "shipment", "purchased_on", "failed_on",
            "mileage_km", "quantity", "serial_no", "description", "status", "agreement",
            "coverage_ends_on", "coverage_km", "covered", "coverage_reason", "coverage_message",
            "defect_kind", "exclusion", "finding", "decision", "decision_reason",
            "ntf_analysis", "parts_cost", "labour_cost", "freight_cost", "total_cost",
            "complaint", "registered_by", "registered_at", "assessed_at", "decided_at",
            "closed_at", "void_reason", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ClaimCreateSerializer(serializers.ModelSerializer):
    # Plain integers, so a negative mileage reaches the verb and gets its message.
    mileage_km = serializers.IntegerField(required=False, allow_null=True)
    quantity = serializers.IntegerField(required=False, default=1)

    class Meta:
        model = WarrantyClaim
        fields = [
            "customer", "product", "shipment", "failed_on", "mileage_km", "quantity",
            "serial_no", "description",
        ]  # fmt: skip
        extra_kwargs = {"shipment": {"required": False, "allow_null": True}}


class ClaimUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    failed_on = serializers.DateField(required=False)
    mileage_km = serializers.IntegerField(required=False, allow_null=True)
    quantity = serializers.IntegerField(required=False)
    serial_no = serializers.CharField(required=False, allow_blank=True, max_length=60)
    description = serializers.CharField(required=False)
    parts_cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    labour_cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    freight_cost = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)


class AssessSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    defect_kind = serializers.ChoiceField(choices=DefectKind.choices)
    exclusion = serializers.ChoiceField(choices=Exclusion.choices, required=False, default="")
    finding = serializers.CharField(required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    ntf_analysis = serializers.CharField(required=False, allow_blank=True, default="")


class ComplaintSerializer(serializers.Serializer):
    open_eightd = serializers.BooleanField(required=False, default=False)


class WarrantyClaimViewSet(RestrictedViewSet):
    queryset = WarrantyClaim.objects.all()
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilter
    ordering_fields = ["registered_at", "failed_on", "number"]
    ordering = ["-registered_at", "-id"]

    def create(self, request):
        data = self.validated(ClaimCreateSerializer)
        return self.respond(actions.register_claim(request.user, data), status=201)

    def partial_update(self, request, pk=None):
        claim = self.get_object()
        data = self.validated(ClaimUpdateSerializer, partial=True)
        version = data.pop("version", None)
        return self.respond(actions.update_claim(request.user, claim, data, version))

    @action(detail=True, methods=["post"])
    def assess(self, request, pk=None):
        d = self.validated(AssessSerializer)
        claim = actions.assess_claim(
            request.user, self.get_object(), d["defect_kind"], d["exclusion"], d["finding"],
            d.get("version"),
        )  # fmt: skip
        return self.respond(claim)

    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        d = self.validated(DecideSerializer)
        claim = actions.decide_claim(
            request.user, self.get_object(), d["decision"], d["reason"], d["ntf_analysis"],
            d.get("version"),
        )  # fmt: skip
        return self.respond(claim)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        note = self.validated(NoteSerializer)["note"]
        return self.respond(actions.close_claim(request.user, self.get_object(), note))

    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        reason = self.validated(ReasonSerializer)["reason"]
        return self.respond(actions.void_claim(request.user, self.get_object(), reason))

    @action(detail=True, methods=["post"], url_path="open-complaint")
    def open_complaint(self, request, pk=None):
        eightd = self.validated(ComplaintSerializer)["open_eightd"]
        return self.respond(actions.open_complaint(request.user, self.get_object(), eightd))


class AgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceAgreement
        fields = [
            "id", "number", "customer", "product", "warranty_months", "warranty_km",
            "valid_from", "valid_to", "terms", "created_at", "version",
        ]  # fmt: skip
        read_only_fields = ["id", "number", "created_at", "version"]


class ServiceAgreementViewSet(RestrictedViewSet):
    queryset = ServiceAgreement.objects.all()
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilter

    def create(self, request):
        data = self.validated(AgreementSerializer)
        return self.respond(actions.create_agreement(request.user, data), status=201)
