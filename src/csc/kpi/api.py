"""REST endpoint of the indicators (指标清单): ``/api/v1/kpis/`` (KPI-1, IF-3).

Read: every indicator with its definition, target and latest value; one indicator with its
values over 24 months. Write: a hand-entered value (``POST …/<code>/values/``) and a target
(``POST …/<code>/targets/``), through the verbs.
"""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from csc.core.api import limit_text

from . import actions, indicators, values
from .models import Snapshot


class PointSerializer(serializers.Serializer):
    period = serializers.CharField(source="label")
    start = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    rating = serializers.CharField()
    ended = serializers.BooleanField()
    closed = serializers.BooleanField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(source="indicator.code")
    name = serializers.CharField(source="indicator.name")
    definition = serializers.CharField(source="indicator.definition")
    unit = serializers.CharField(source="indicator.unit")
    period = serializers.CharField(source="indicator.period")
    better = serializers.CharField(source="indicator.better")
    owner = serializers.CharField(source="indicator.owner")
    source = serializers.CharField(source="indicator.source")
    manual = serializers.BooleanField(source="indicator.manual")
    clause = serializers.CharField(source="indicator.clause")
    rating = serializers.CharField()
    latest = PointSerializer(allow_null=True)


class IndicatorDetailSerializer(IndicatorSerializer):
    points = PointSerializer(many=True)


class ValueSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class TargetSerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    value = serializers.DecimalField(max_digits=14, decimal_places=2)
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class KpiViewSet(viewsets.ViewSet):
    """The indicators; the permission is that of viewing indicator values."""

    queryset = Snapshot.objects.none()  # for the deny-by-default permission check
    lookup_field = "code"
    lookup_value_regex = "[a-z0-9_]+"

    @extend_schema(responses=IndicatorSerializer(many=True))
    def list(self, request):
        return Response(IndicatorSerializer(values.rows(), many=True).data)

    @extend_schema(responses=IndicatorDetailSerializer)
    def retrieve(self, request, code=None):
        indicator = indicators.get(code)
        if indicator is None:
            raise Http404
        return Response(IndicatorDetailSerializer(values.row(indicator, periods=24)).data)

    def _input(self, serializer_class):
        serializer = serializer_class(data=request_data(self.request))
        limit_text(serializer)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    @extend_schema(request=ValueSerializer, responses={201: ValueSerializer})
    @action(detail=True, methods=["post"])
    def values(self, request, code=None):
        data = self._input(ValueSerializer)
        actions.enter_value(request.user, code, data["period_start"], data["value"], data["note"])
        return Response(ValueSerializer(data).data, status=201)

    @extend_schema(request=TargetSerializer, responses={201: TargetSerializer})
    @action(detail=True, methods=["post"])
    def targets(self, request, code=None):
        data = self._input(TargetSerializer)
        actions.set_target(request.user, code, data["valid_from"], data["value"], data["note"])
        return Response(TargetSerializer(data).data, status=201)


def request_data(request):
    return request.data if hasattr(request.data, "get") else {}


def register(router):
    router.register("kpis", KpiViewSet, basename="kpi")
