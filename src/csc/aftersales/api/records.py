"""REST endpoints of early warnings, visits and training, steps as POST …/<id>/<verb>/."""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from csc.core.api import NoteSerializer, RestrictedViewSet

from .. import actions
from ..filters import WarningFilter
from ..models import EarlyWarning, PlannedVisit, Training, VisitPlan, VisitReport


class WarningSerializer(serializers.ModelSerializer):
    class Meta:
        model = EarlyWarning
        fields = [
            "id", "number", "kind", "period", "customer", "product", "baseline", "observed",
            "summary", "status", "analysis", "analysed_by", "analysed_at", "notice",
            "notified_by", "notified_at", "raised_at", "closed_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class AnalysisSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    analysis = serializers.CharField(required=False, allow_blank=True, default="")


class WarningNoticeSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False)
    notice = serializers.CharField(required=False, allow_blank=True, default="")


class OpenedCapaSerializer(serializers.Serializer):
    """The corrective action a warning opened (schema only)."""

    capa = serializers.IntegerField()
    number = serializers.CharField()


class EarlyWarningViewSet(RestrictedViewSet):
    queryset = EarlyWarning.objects.all()
    serializer_class = WarningSerializer
    filterset_class = WarningFilter

    @action(detail=True, methods=["post"])
    def analyse(self, request, pk=None):
        d = self.validated(AnalysisSerializer)
        warning = actions.analyse_warning(request.user, self.get_object(), d["analysis"], d.get("version"))  # fmt: skip
        return self.respond(warning)

    @action(detail=True, methods=["post"])
    def notify(self, request, pk=None):
        d = self.validated(WarningNoticeSerializer)
        warning = actions.notify_customer(request.user, self.get_object(), d["notice"], d.get("version"))  # fmt: skip
        return self.respond(warning)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        note = self.validated(NoteSerializer)["note"]
        return self.respond(actions.close_warning(request.user, self.get_object(), note))

    @extend_schema(request=None, responses={201: OpenedCapaSerializer})
    @action(detail=True, methods=["post"], url_path="open-capa")
    def open_capa(self, request, pk=None):
        warning = self.get_object()
        capa = actions.open_warning_capa(request.user, warning)
        return Response({"capa": capa.pk, "number": capa.number}, status=201)


class PlannedVisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlannedVisit
        fields = ["id", "customer", "month", "purpose"]


class PlanSerializer(serializers.ModelSerializer):
    visits = PlannedVisitSerializer(many=True)

    class Meta:
        model = VisitPlan
        fields = [
            "id", "number", "year", "salesperson", "status", "reviewed_by", "approved_by",
            "approved_at", "visits", "version",
        ]  # fmt: skip
        read_only_fields = ["id", "number", "salesperson", "status", "reviewed_by", "approved_by", "approved_at", "version"]  # fmt: skip


class VisitPlanViewSet(RestrictedViewSet):
    queryset = VisitPlan.objects.prefetch_related("visits")
    serializer_class = PlanSerializer
    filterset_fields = ["year", "salesperson", "status"]

    def create(self, request):
        d = self.validated(PlanSerializer)
        return self.respond(actions.create_plan(request.user, d["year"], d["visits"]), status=201)

    def _step(self, verb):
        note = self.validated(NoteSerializer)["note"]
        return self.respond(verb(self.request.user, self.get_object(), note))

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(actions.submit_plan)

    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._step(actions.review_plan)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(actions.approve_plan)

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._step(actions.reject_plan)


class VisitReportSerializer(serializers.ModelSerializer):
    findings = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField(), min_length=2, max_length=2),
        required=False,
        write_only=True,
    )

    class Meta:
        model = VisitReport
        fields = [
            "id", "number", "planned", "customer", "visited_on", "visitor", "opinions",
            "product_quality", "service_quality", "satisfaction", "findings", "version",
        ]  # fmt: skip
        read_only_fields = ["id", "number", "visitor", "version"]
        extra_kwargs = {"opinions": {"required": False, "allow_blank": True}}


class VisitReportViewSet(RestrictedViewSet):
    queryset = VisitReport.objects.all()
    serializer_class = VisitReportSerializer
    filterset_fields = ["customer", "visitor", "satisfaction"]

    def create(self, request):
        data = dict(self.validated(VisitReportSerializer))
        findings = data.pop("findings", [])
        return self.respond(actions.record_visit(request.user, data, findings), status=201)


class TrainingSerializer(serializers.ModelSerializer):
    results = serializers.DictField(child=serializers.CharField(), write_only=True)

    class Meta:
        model = Training
        fields = ["id", "number", "kind", "title", "held_on", "trainer", "hours", "content", "results", "version"]  # fmt: skip
        read_only_fields = ["id", "number", "version"]


class TrainingViewSet(RestrictedViewSet):
    queryset = Training.objects.all()
    serializer_class = TrainingSerializer
    filterset_fields = ["kind"]

    def create(self, request):
        data = dict(self.validated(TrainingSerializer))
        people = get_user_model().objects.in_bulk([int(k) for k in data["results"] if k.isdigit()])
        results = {people[int(k)]: v for k, v in data.pop("results").items() if k.isdigit() and int(k) in people}  # fmt: skip
        return self.respond(actions.record_training(request.user, data, results), status=201)
