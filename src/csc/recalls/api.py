"""REST endpoint of recalls: ``/api/v1/recalls/`` with its workflow steps (IF-3)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action

from csc.core.api import NoteSerializer, RestrictedViewSet
from csc.core.models import User
from csc.customers.models import Customer

from . import actions
from .choices import Channel, Method, Party, SampleResult, Trigger
from .filters import RecallFilter
from .models import Distribution, Lot, Recall

QTY = {"max_digits": 14, "decimal_places": 3, "min_value": 0}


class DistributionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Distribution
        fields = ["id", "customer", "shipped", "returned", "at_customer",
                  "destroyed_at_customer", "difference_note"]  # fmt: skip


class ProductionLotSerializer(serializers.ModelSerializer):
    distribution = DistributionSerializer(many=True, read_only=True)

    class Meta:
        model = Lot
        fields = ["id", "product", "batch", "produced_from", "produced_to", "shipped_from",
                  "shipped_to", "produced", "in_stock", "difference_note", "distribution"]  # fmt: skip


class RecallSerializer(serializers.ModelSerializer):
    lots = ProductionLotSerializer(many=True, read_only=True)

    class Meta:
        model = Recall
        fields = ["id", "number", "title", "trigger", "trigger_detail", "complaint", "status",
                  "leader", "team", "plan", "plan_approved_by", "plan_approved_at", "root_cause",
                  "capa", "closed_at", "procedure_review", "reviewed_at", "created_at", "lots",
                  "version"]  # fmt: skip
        read_only_fields = fields


class TriggerSerializer(serializers.ModelSerializer):
    trigger = serializers.ChoiceField(choices=Trigger.choices)

    class Meta:
        model = Recall
        fields = ["title", "trigger", "trigger_detail", "complaint"]


class EditSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The version of the recall being edited.")
    title = serializers.CharField(max_length=200, required=False)
    trigger_detail = serializers.CharField(required=False, allow_blank=True)
    plan = serializers.CharField(required=False, allow_blank=True)
    root_cause = serializers.CharField(required=False, allow_blank=True)


class TeamSerializer(serializers.Serializer):
    staff = User.objects.filter(is_active=True, customer_contact__isnull=True)
    leader = serializers.PrimaryKeyRelatedField(queryset=staff)
    members = serializers.PrimaryKeyRelatedField(queryset=staff, many=True, required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LotCreateSerializer(serializers.ModelSerializer):
    produced = serializers.DecimalField(**QTY)
    in_stock = serializers.DecimalField(**QTY)

    class Meta:
        model = Lot
        fields = ["product", "batch", "produced_from", "produced_to", "shipped_from",
                  "shipped_to", "produced", "in_stock"]  # fmt: skip
        extra_kwargs = {"shipped_from": {"required": False}, "shipped_to": {"required": False}}


class QuantitiesSerializer(serializers.Serializer):
    """Quantities of a lot (``lot``) or of one customer's row (``row``) with the explanation."""

    lot = serializers.PrimaryKeyRelatedField(queryset=Lot.objects.all(), required=False)
    row = serializers.PrimaryKeyRelatedField(queryset=Distribution.objects.all(), required=False)
    produced = serializers.DecimalField(**QTY, required=False)
    in_stock = serializers.DecimalField(**QTY, required=False)
    returned = serializers.DecimalField(**QTY, required=False)
    at_customer = serializers.DecimalField(**QTY, required=False)
    destroyed_at_customer = serializers.DecimalField(**QTY, required=False)
    difference_note = serializers.CharField(required=False, allow_blank=True)


class SampleSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=100)
    result = serializers.ChoiceField(choices=SampleResult.choices, default=SampleResult.PENDING)
    finding = serializers.CharField(required=False, allow_blank=True, default="")


class RecallNoticeSerializer(serializers.Serializer):
    party = serializers.ChoiceField(choices=Party.choices)
    customer = serializers.PrimaryKeyRelatedField(
        queryset=Customer.objects.all(), required=False, allow_null=True
    )
    authority = serializers.CharField(required=False, allow_blank=True, default="")
    channel = serializers.ChoiceField(choices=Channel.choices)
    address = serializers.CharField(max_length=254)
    text = serializers.CharField()


class DispositionSerializer(serializers.Serializer):
    lot = serializers.PrimaryKeyRelatedField(queryset=Lot.objects.all())
    method = serializers.ChoiceField(choices=Method.choices)
    quantity = serializers.DecimalField(**QTY)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer):
    procedure_review = serializers.CharField()


def _own(recall, obj, field):
    """Refuse (404) a lot or row of another recall passed by id."""
    from django.http import Http404

    if obj is not None and getattr(obj, field) != recall.pk:
        raise Http404
    return obj


class RecallViewSet(RestrictedViewSet):
    queryset = Recall.objects.prefetch_related("team", "lots__distribution")
    serializer_class = RecallSerializer
    filterset_class = RecallFilter
    ordering_fields = ["created_at", "number"]
    ordering = ["-created_at", "-id"]

    def _do(self, serializer_class, call):
        recall = self.get_object()
        data = self.validated(serializer_class) if serializer_class else {}
        call(self.request.user, recall, data)
        recall.refresh_from_db()
        return self.respond(recall)

    def create(self, request):
        data = self.validated(TriggerSerializer)
        return self.respond(actions.trigger_recall(request.user, data), status=201)

    def partial_update(self, request, pk=None):
        recall = self.get_object()
        data = self.validated(EditSerializer)
        version = data.pop("version")
        actions.update_recall(request.user, recall, data, version)
        recall.refresh_from_db()
        return self.respond(recall)

    @action(detail=True, methods=["post"], url_path="name-team")
    def name_team(self, request, pk=None):
        return self._do(
            TeamSerializer,
            lambda u, r, d: actions.name_team(u, r, d["leader"], d.get("members", []), d["note"]),
        )

    @action(detail=True, methods=["post"], url_path="approve-plan")
    def approve_plan(self, request, pk=None):
        return self._do(NoteSerializer, lambda u, r, d: actions.approve_plan(u, r, d["note"]))

    @action(detail=True, methods=["post"])
    def lots(self, request, pk=None):
        return self._do(LotCreateSerializer, lambda u, r, d: actions.add_lot(u, r, d))

    @action(detail=True, methods=["post"])
    def samples(self, request, pk=None):
        return self._do(SampleSerializer, lambda u, r, d: actions.record_sample(u, r, d))

    @action(detail=True, methods=["post"])
    def notices(self, request, pk=None):
        return self._do(RecallNoticeSerializer, lambda u, r, d: actions.record_notice(u, r, d))

    @action(detail=True, methods=["post"], url_path="finish-notices")
    def finish_notices(self, request, pk=None):
        return self._do(NoteSerializer, lambda u, r, d: actions.finish_notices(u, r, d["note"]))

    @action(detail=True, methods=["post"])
    def quantities(self, request, pk=None):
        return self._do(QuantitiesSerializer, _set_quantities)

    @action(detail=True, methods=["post"], url_path="finish-reconciliation")
    def finish_reconciliation(self, request, pk=None):
        return self._do(
            NoteSerializer, lambda u, r, d: actions.finish_reconciliation(u, r, d["note"])
        )

    @action(detail=True, methods=["post"])
    def dispositions(self, request, pk=None):
        return self._do(
            DispositionSerializer,
            lambda u, r, d: actions.record_disposition(u, _own(r, d["lot"], "recall_id"), d),
        )

    @extend_schema(request=None)
    @action(detail=True, methods=["post"], url_path="open-capa")
    def open_capa(self, request, pk=None):
        return self._do(None, lambda u, r, d: actions.open_corrective_action(u, r))

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._do(NoteSerializer, lambda u, r, d: actions.close_recall(u, r, d["note"]))

    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._do(
            ReviewSerializer,
            lambda u, r, d: actions.review_procedure(u, r, d["procedure_review"]),
        )


def _set_quantities(user, recall, data):
    from csc.core.errors import Invalid

    lot, row = data.pop("lot", None), data.pop("row", None)
    if row is not None:
        if row.lot.recall_id != recall.pk:
            raise Invalid.field("row", _not_this_recall())
        return actions.set_distribution_quantities(user, row, data)
    if lot is None or lot.recall_id != recall.pk:
        raise Invalid.field("lot", _not_this_recall())
    return actions.set_lot_quantities(user, lot, data)


def _not_this_recall():
    from django.utils.translation import gettext as _

    return _("Give a lot or a customer row of this recall.")


def register(router):
    router.register("recalls", RecallViewSet, basename="recall")
