"""REST endpoints of the service desk (IF-3 name ``service-requests``): thin layers over
``actions``; every workflow step is ``POST …/<id>/<verb>/``."""

from django.contrib.auth import get_user_model
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from csc.core.api import RestrictedViewSet, VersionedNoteSerializer, VersionedReasonSerializer

from . import actions
from .filters import ORDERS, RequestFilter
from .models import ServiceRequest, Team
from .serializers import (
    MessageSerializer,
    PortalRequestSerializer,
    RequestEditSerializer,
    RequestSerializer,
    RequestWriteSerializer,
)

User = get_user_model()


class BodySerializer(serializers.Serializer):
    body = serializers.CharField()
    version = serializers.IntegerField(required=False)


class AssignSerializer(serializers.Serializer):
    team = serializers.PrimaryKeyRelatedField(queryset=Team.objects.all())
    handler = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class ServiceRequestViewSet(RestrictedViewSet):
    queryset = ServiceRequest.objects.select_related("customer")
    serializer_class = RequestSerializer
    portal_serializer_class = PortalRequestSerializer
    filterset_class = RequestFilter
    ordering = ORDERS["newest"]

    def get_queryset(self):
        return super().get_queryset().order_by(*ORDERS["newest"])

    def create(self, request):
        data = self.validated(RequestWriteSerializer)
        return self.respond(actions.open_request(request.user, data), status=201)

    def partial_update(self, request, pk=None):
        record = self.get_object()
        data = dict(self.validated(RequestEditSerializer, partial=True, instance=record))
        version = data.pop("version")
        return self.respond(actions.update_request(request.user, record, data, version))

    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        d = self.validated(AssignSerializer)
        record = self.get_object()
        actions.assign_request(
            request.user, record, d["team"], d["handler"], d["reason"], d.get("version")
        )
        return self.respond(record)

    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        d = self.validated(VersionedNoteSerializer)
        record = self.get_object()
        return self.respond(
            actions.start_request(request.user, record, d["note"], d.get("version"))
        )

    @action(detail=True, methods=["post"], serializer_class=BodySerializer)
    def answer(self, request, pk=None):
        d = self.validated(BodySerializer)
        record = self.get_object()
        message = actions.answer_customer(request.user, record, d["body"], d.get("version"))
        return self._message(message)

    @action(detail=True, methods=["post"], url_path="customer-reply")
    def customer_reply(self, request, pk=None):
        d = self.validated(BodySerializer)
        return self._message(actions.customer_reply(request.user, self.get_object(), d["body"]))

    def _message(self, message):
        return Response(MessageSerializer(message).data, status=201)

    @action(detail=True, methods=["post"])
    def wait(self, request, pk=None):
        d = self.validated(BodySerializer)
        record = actions.wait_for_customer(
            request.user, self.get_object(), d["body"], d.get("version")
        )
        return self.respond(record)

    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        d = self.validated(VersionedNoteSerializer)
        record = self.get_object()
        return self.respond(
            actions.resume_request(request.user, record, d["note"], d.get("version"))
        )

    @action(detail=True, methods=["post"])
    def resolve(self, request, pk=None):
        d = self.validated(BodySerializer)
        record = actions.resolve_request(
            request.user, self.get_object(), d["body"], d.get("version")
        )
        return self.respond(record)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        d = self.validated(VersionedNoteSerializer)
        record = self.get_object()
        return self.respond(
            actions.close_request(request.user, record, d["note"], d.get("version"))
        )

    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        d = self.validated(VersionedReasonSerializer)
        record = self.get_object()
        return self.respond(
            actions.reopen_request(request.user, record, d["reason"], d.get("version"))
        )


def register(router):
    """Add the service desk's collections to the API router (IF-3 names)."""
    router.register("service-requests", ServiceRequestViewSet, basename="service-request")
