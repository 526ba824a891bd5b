"""REST endpoints of the survey area (IF-3): survey-templates, survey-rounds with the steps
open / send / remind / close, survey-responses. Thin layers over ``actions``."""

from decimal import Decimal

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from csc.core.api import RestrictedViewSet
from csc.core.permissions import restrict

from . import actions, stats
from .choices import MANUAL_CHANNELS, Category, Channel, TemplateKind, TemplateStatus
from .filters import ResponseFilter, RoundFilter, TemplateFilter
from .models import (
    SurveyAnswer,
    SurveyInvitation,
    SurveyResponse,
    SurveyRound,
    SurveyTemplate,
    TemplateItem,
)

# --- templates ---------------------------------------------------------------------------


class SurveyItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = TemplateItem
        fields = ["id", "position", "key", "text", "text_en", "category", "weight", "max_points"]


class SurveyTemplateSerializer(serializers.ModelSerializer):
    items = SurveyItemSerializer(many=True, read_only=True)

    class Meta:
        model = SurveyTemplate
        fields = [
            "id", "code", "edition", "previous", "name", "name_en", "kind", "form_number",
            "status", "levels", "requirement", "complaint_points", "complaint_cap",
            "return_points", "return_cap", "items", "version", "created_at", "published_at",
        ]  # fmt: skip
        read_only_fields = fields


class SurveyItemWriteSerializer(serializers.Serializer):
    key = serializers.SlugField(max_length=40, required=False, allow_blank=True)
    text = serializers.CharField(max_length=200)
    text_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    category = serializers.ChoiceField(choices=Category.choices)
    weight = serializers.DecimalField(
        max_digits=5, decimal_places=3, min_value=0, required=False, default=0
    )
    max_points = serializers.IntegerField(min_value=1, max_value=1000, required=False)


class SurveyTemplateWriteSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    name_en = serializers.CharField(max_length=120, required=False, allow_blank=True)
    form_number = serializers.CharField(max_length=20, required=False)
    levels = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=1000), required=False
    )
    requirement = serializers.DecimalField(
        max_digits=6, decimal_places=2, min_value=0, required=False
    )
    complaint_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, required=False
    )
    complaint_cap = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, required=False
    )
    return_points = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, required=False
    )
    return_cap = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, required=False
    )
    items = SurveyItemWriteSerializer(many=True, required=False)
    version = serializers.IntegerField(required=False)


class SurveyTemplateCreateSerializer(SurveyTemplateWriteSerializer):
    code = serializers.SlugField(max_length=40)
    kind = serializers.ChoiceField(choices=TemplateKind.choices)
    items = SurveyItemWriteSerializer(many=True)


class SurveyNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class TemplateViewSet(RestrictedViewSet):
    queryset = SurveyTemplate.objects.prefetch_related("items")
    serializer_class = SurveyTemplateSerializer
    filterset_class = TemplateFilter
    ordering = ["code", "-edition"]

    def create(self, request):
        data = dict(self.validated(SurveyTemplateCreateSerializer))
        data.pop("version", None)
        items = [dict(item) for item in data.pop("items")]
        return self.respond(actions.create_template(request.user, data, items), status=201)

    @extend_schema(request=SurveyTemplateWriteSerializer)
    def partial_update(self, request, pk=None):
        template = self.get_object()
        data = dict(self.validated(SurveyTemplateWriteSerializer, partial=True))
        version = data.pop("version", None)
        items = data.pop("items", None)
        items = [dict(item) for item in items] if items is not None else None
        edited = actions.update_template(request.user, template, data, items, version)
        return self.respond(edited, status=201 if edited.pk != template.pk else 200)

    @extend_schema(request=SurveyNoteSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        note = self.validated(SurveyNoteSerializer)["note"]
        return self.respond(actions.publish_template(request.user, self.get_object(), note))


# --- rounds ------------------------------------------------------------------------------


class SurveyRoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyRound
        fields = [
            "id", "number", "plan", "template", "title", "period_start", "period_end", "status",
            "response_days", "c_share", "seed", "c_population", "population_digest",
            "opened_at", "sent_at", "due_date", "links_expire_at", "closed_at", "invited",
            "responded", "ab_invited", "ab_responded", "valid", "validity_note", "index",
            "version", "created_at",
        ]  # fmt: skip
        read_only_fields = fields


class SurveyRoundCreateSerializer(serializers.Serializer):
    template = serializers.PrimaryKeyRelatedField(
        queryset=SurveyTemplate.objects.filter(status=TemplateStatus.PUBLISHED)
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    title = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    response_days = serializers.IntegerField(min_value=1, max_value=120, required=False)
    c_share = serializers.DecimalField(
        max_digits=4, decimal_places=3, min_value=0, max_value=Decimal("0.999"), required=False
    )


class SurveyOpenSerializer(SurveyNoteSerializer):
    seed = serializers.IntegerField(
        required=False, min_value=0, max_value=2**62, help_text="Redo a draw with a known seed."
    )


class RoundViewSet(RestrictedViewSet):
    queryset = SurveyRound.objects.all()
    serializer_class = SurveyRoundSerializer
    filterset_class = RoundFilter
    ordering = ["-period_end", "-id"]

    def create(self, request):
        data = dict(self.validated(SurveyRoundCreateSerializer))
        template, start, end = (
            data.pop("template"),
            data.pop("period_start"),
            data.pop("period_end"),
        )
        survey_round = actions.create_round(request.user, template, start, end, **data)
        return self.respond(survey_round, status=201)

    def _step(self, verb, **kwargs):
        note = self.validated(SurveyNoteSerializer)["note"]
        return verb(self.request.user, self.get_object(), note, **kwargs)

    @extend_schema(request=SurveyOpenSerializer)
    @action(detail=True, methods=["post"], url_path="open")
    def open_round(self, request, pk=None):
        data = self.validated(SurveyOpenSerializer)
        survey_round = actions.open_round(
            request.user, self.get_object(), data["note"], seed=data.get("seed")
        )
        return self.respond(survey_round)

    @extend_schema(request=SurveyNoteSerializer)
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self.respond(self._step(actions.send_round))

    @extend_schema(request=SurveyNoteSerializer)
    @action(detail=True, methods=["post"])
    def remind(self, request, pk=None):
        sent = self._step(actions.remind_round)
        body = self.get_serializer(SurveyRound.objects.get(pk=pk)).data
        return Response({**body, "reminders_sent": sent})

    @extend_schema(request=SurveyNoteSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.respond(self._step(actions.close_round))

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def statistics(self, request, pk=None):
        """The round's statistics table (HT-QR-MA-02): every figure an SQL aggregate."""
        return Response(statistics_body(stats.statistics(self.get_object())))


def statistics_body(table):
    validity = table["validity"]
    return {
        "validity": {
            "invited": validity.invited, "responded": validity.responded,
            "rate": validity.rate, "ab_invited": validity.ab_invited,
            "ab_responded": validity.ab_responded, "ab_rate": validity.ab_rate,
            "valid": validity.valid, "note": validity.note,
        },
        "summary": table["summary"],
        "classes": [{k: v for k, v in row.items() if k != "label"} for row in table["classes"]],
        "product_lines": table["product_lines"],
        "items": [
            {
                "item": row["item"].pk, "key": row["item"].key, "text": row["item"].label,
                "category": row["item"].category, "answers": row["answers"],
                "average": row["average"], "below": row["below"], "poor": row["poor"],
                "very_poor": row["very_poor"], "meets": row["meets"],
                "levels": {str(k): v for k, v in sorted(row["levels"].items())},
            }
            for row in table["items"]
        ],
        "lowest_item": table["lowest_item"]["item"].key if table["lowest_item"] else None,
        "comments": table["comments"],
        "rounding": str(table["rounding"]),
    }  # fmt: skip


# --- responses ---------------------------------------------------------------------------


class SurveyAnswerSerializer(serializers.ModelSerializer):
    key = serializers.CharField(source="item.key", read_only=True)

    class Meta:
        model = SurveyAnswer
        fields = ["item", "key", "value", "comment"]


class SurveyResponseSerializer(serializers.ModelSerializer):
    customer_name = serializers.CharField(source="customer.name", read_only=True)
    answers = SurveyAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = SurveyResponse
        fields = [
            "id", "round", "customer", "customer_name", "abc_class", "product", "product_line",
            "channel", "respondent", "submitted_at", "comment", "score", "complaints", "returns",
            "complaint_deduction", "return_deduction", "satisfaction", "below_requirement",
            "answers",
        ]  # fmt: skip
        read_only_fields = fields


class SurveyAnswerWriteSerializer(serializers.Serializer):
    item = serializers.IntegerField()
    value = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class SurveyResponseCreateSerializer(serializers.Serializer):
    invitation = serializers.IntegerField()
    channel = serializers.ChoiceField(
        choices=[(c.value, c.label) for c in MANUAL_CHANNELS], default=Channel.LETTER
    )
    answers = SurveyAnswerWriteSerializer(many=True)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    respondent = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)

    def validate_answers(self, answers):
        items = [a["item"] for a in answers]
        if len(items) != len(set(items)):
            raise serializers.ValidationError("Each question is answered once.")
        return answers


class ResponseViewSet(RestrictedViewSet):
    queryset = SurveyResponse.objects.select_related("customer").prefetch_related("answers__item")
    serializer_class = SurveyResponseSerializer
    filterset_class = ResponseFilter
    ordering = ["-submitted_at", "-id"]

    def create(self, request):
        """Key in an answer that came back on paper, by fax or e-mail (manual entry)."""
        data = self.validated(SurveyResponseCreateSerializer)
        invitation = get_object_or_404(
            restrict(SurveyInvitation.objects.select_related("round__template"), request.user),
            pk=data["invitation"],
        )
        values = {a["item"]: a["value"] for a in data["answers"]}
        comments = {a["item"]: a["comment"] for a in data["answers"]}
        response = actions.enter_response(
            request.user, invitation, values, comments, data["comment"], data["channel"],
            data["respondent"],
        )  # fmt: skip
        return self.respond(SurveyResponse.objects.get(pk=response.pk), status=201)


def register(router):
    """Add the survey collections to the API router (IF-3 names)."""
    router.register("survey-templates", TemplateViewSet, basename="survey-template")
    router.register("survey-rounds", RoundViewSet, basename="survey-round")
    router.register("survey-responses", ResponseViewSet, basename="survey-response")
