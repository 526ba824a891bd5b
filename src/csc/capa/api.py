"""REST endpoint of the action system: ``/api/v1/capas/`` with its steps (IF-3)."""

from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework.decorators import action

from csc.core.api import NoteSerializer, ReasonSerializer, RestrictedViewSet

from . import actions
from .choices import Category, Source
from .filters import CapaFilter
from .models import Capa


class CapaSerializer(serializers.ModelSerializer):
    department_code = serializers.CharField(source="department.code", read_only=True)

    class Meta:
        model = Capa
        fields = [
            "id", "number", "source", "source_label", "customer", "category", "title",
            "description", "department", "department_code", "owner", "due_date", "status",
            "root_cause", "action_taken", "verification", "verified_by", "verified_at",
            "closed_at", "created_at", "started_at", "submitted_at", "cancel_reason", "version",
        ]  # fmt: skip
        read_only_fields = fields


class CapaCreateSerializer(serializers.ModelSerializer):
    source = serializers.ChoiceField(choices=Source.choices, default=Source.OTHER)
    category = serializers.ChoiceField(choices=Category.choices, default=Category.OTHER)

    class Meta:
        model = Capa
        fields = ["source", "category", "title", "description", "customer", "owner", "due_date"]
        extra_kwargs = {"due_date": {"required": False}}


class CapaUpdateSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False)
    owner = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )

    class Meta:
        model = Capa
        fields = [
            "title",
            "description",
            "root_cause",
            "action_taken",
            "owner",
            "due_date",
            "version",
        ]


class SubmitSerializer(NoteSerializer):
    action_taken = serializers.CharField(required=False, allow_blank=True, default="")


class VerifySerializer(serializers.Serializer):
    verification = serializers.CharField()


class CapaViewSet(RestrictedViewSet):
    queryset = Capa.objects.select_related("department")
    serializer_class = CapaSerializer
    filterset_class = CapaFilter
    ordering_fields = ["created_at", "due_date", "number"]
    ordering = ["-created_at", "-id"]

    def create(self, request):
        data = self.validated(CapaCreateSerializer)
        return self.respond(actions.create_capa(request.user, data), status=201)

    def partial_update(self, request, pk=None):
        capa = self.get_object()
        data = self.validated(CapaUpdateSerializer, partial=True, instance=capa)
        version = data.pop("version", None)
        return self.respond(actions.update_capa(request.user, capa, data, version))

    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        note = self.validated(NoteSerializer)["note"]
        return self.respond(actions.start_capa(request.user, self.get_object(), note))

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        d = self.validated(SubmitSerializer)
        capa = actions.submit_capa(request.user, self.get_object(), d["action_taken"], d["note"])
        return self.respond(capa)

    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        text = self.validated(VerifySerializer)["verification"]
        return self.respond(actions.verify_capa(request.user, self.get_object(), text))

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        note = self.validated(NoteSerializer)["note"]
        return self.respond(actions.reject_capa(request.user, self.get_object(), note))

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        reason = self.validated(ReasonSerializer)["reason"]
        return self.respond(actions.cancel_capa(request.user, self.get_object(), reason))


def register(router):
    router.register("capas", CapaViewSet, basename="capa")
