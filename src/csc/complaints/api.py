"""REST endpoints of complaints (with their 8D and replies) and returns (IF-3): thin layers
over ``actions``; every workflow step is ``POST …/<id>/<verb>/``."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from csc.core.api import NoteSerializer, ReasonSerializer, RestrictedViewSet
from csc.core.apiconf import JSONParser
from csc.core.errors import Invalid
from csc.core.models import Department
from csc.core.permissions import is_customer_user

from . import actions
from .choices import Confirmation, Severity, VerificationResult
from .filters import ComplaintFilter, ReturnFilter
from .models import Complaint, Discipline, EightD, Reply, Return
from .serializers import (
    ComplaintSerializer,
    ComplaintWriteSerializer,
    EightDSerializer,
    PortalComplaintSerializer,
    ReplySerializer,
    ReturnSerializer,
    ReturnWriteSerializer,
)

User = get_user_model()


class AcceptSerializer(serializers.Serializer):
    severity = serializers.ChoiceField(choices=Severity.choices)
    department = serializers.SlugRelatedField(
        slug_field="code", queryset=Department.objects.all(), required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class NotOursSerializer(serializers.Serializer):
    explanation = serializers.CharField()
    version = serializers.IntegerField(required=False)


class TraceSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Complaint
        fields = [
            "lot", "route_card", "production_report", "inspection_record", "operator_name",
            "inspector_name", "responsible_action", "responsible_action_on", "version",
        ]  # fmt: skip


class CostSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Complaint
        fields = ["compensation", "penalty", "cost", "cost_note", "version"]


class TargetSerializer(serializers.Serializer):
    complaint = serializers.CharField(help_text="The number of the complaint this is for.")


class DraftReplySerializer(TargetSerializer):
    subject = serializers.CharField(max_length=200)
    body = serializers.CharField()
    language = serializers.ChoiceField(choices=settings.LANGUAGES, required=False)
    version = serializers.IntegerField(required=False)


class SendReplySerializer(TargetSerializer):
    to = serializers.CharField(required=False, allow_blank=True, default="")


class ConfirmSerializer(TargetSerializer):
    reply = serializers.IntegerField()
    confirmation = serializers.ChoiceField(choices=Confirmation.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class DisciplineWriteSerializer(serializers.Serializer):
    content = serializers.DictField(help_text="The discipline's fields (see the 8D page).")
    owner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(is_active=True), required=False, allow_null=True
    )
    due_date = serializers.DateField(required=False, allow_null=True)
    version = serializers.IntegerField(required=False)


class DoneSerializer(serializers.Serializer):
    done = serializers.BooleanField(default=True)


class FileSerializer(serializers.Serializer):
    file = serializers.FileField()


class AttachedSerializer(serializers.Serializer):
    """The evidence file an upload added (schema only)."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class ComplaintViewSet(RestrictedViewSet):
    queryset = Complaint.objects.select_related("customer", "department")
    serializer_class = ComplaintSerializer
    portal_serializer_class = PortalComplaintSerializer
    filterset_class = ComplaintFilter
    ordering_fields = ["received_at", "number", "reply_due_at"]
    ordering = ["-received_at", "-id"]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def create(self, request):
        data = self.validated(ComplaintWriteSerializer)
        token = data.pop("submit_token", None)
        complaint = actions.register_complaint(request.user, data, submit_token=token)
        return self.respond(complaint, status=201)

    def partial_update(self, request, pk=None):
        complaint = self.get_object()
        data = self.validated(ComplaintWriteSerializer, partial=True, instance=complaint)
        version = data.pop("version", None)
        data.pop("submit_token", None)
        return self.respond(actions.update_complaint(request.user, complaint, data, version))

    def _note(self):
        return self.validated(NoteSerializer)["note"]

    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        return self.respond(
            actions.acknowledge_complaint(request.user, self.get_object(), self._note())
        )

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        d = self.validated(AcceptSerializer)
        complaint = actions.accept_complaint(
            request.user,
            self.get_object(),
            d["severity"],
            d.get("department"),
            d["note"],
            d.get("version"),
        )
        return self.respond(complaint)

    @action(detail=True, methods=["post"], url_path="not-ours")
    def not_ours(self, request, pk=None):
        d = self.validated(NotOursSerializer)
        return self.respond(
            actions.not_ours(request.user, self.get_object(), d["explanation"], d.get("version"))
        )

    # Not named ``trace``: DRF would route the HTTP TRACE method of every detail URL to it.
    @action(detail=True, methods=["post"], url_path="traceability")
    def traceability(self, request, pk=None):
        d = self.validated(TraceSerializer, partial=True)
        version = d.pop("version", None)
        return self.respond(
            actions.record_traceability(request.user, self.get_object(), d, version)
        )

    @action(detail=True, methods=["post"])
    def costs(self, request, pk=None):
        d = self.validated(CostSerializer, partial=True)
        version = d.pop("version", None)
        return self.respond(actions.record_costs(request.user, self.get_object(), d, version))

    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        reason = self.validated(ReasonSerializer)["reason"]
        return self.respond(actions.void_complaint(request.user, self.get_object(), reason))

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.respond(actions.close_complaint(request.user, self.get_object(), self._note()))

    @action(detail=True, methods=["post"], url_path="sign-read")
    def sign_read(self, request, pk=None):
        complaint = self.get_object()
        actions.sign_read(request.user, complaint, self._note())
        return self.respond(complaint)

    @extend_schema(responses={201: AttachedSerializer})
    @action(detail=True, methods=["post"], url_path="attach", serializer_class=FileSerializer)
    def attach(self, request, pk=None):
        upload = self.validated(FileSerializer)["file"]
        attachment = actions.attach_evidence(request.user, self.get_object(), upload)
        return Response({"id": attachment.pk, "name": attachment.name}, status=201)

    # --- replies ---------------------------------------------------------------------------

    @action(detail=True, methods=["post"], url_path="draft-reply")
    def draft_reply(self, request, pk=None):
        d = self.validated(DraftReplySerializer)
        reply = actions.draft_reply(
            request.user,
            self.get_object(),
            d["complaint"],
            d["subject"],
            d["body"],
            d.get("language"),
            d.get("version"),
        )
        return Response(ReplySerializer(reply).data, status=201)

    @action(detail=True, methods=["post"], url_path="send-reply")
    def send_reply(self, request, pk=None):
        d = self.validated(SendReplySerializer)
        complaint = self.get_object()
        draft = complaint.replies.filter(status="draft").first()
        if draft is None:
            raise Invalid.field("reply", _("There is no reply letter to send."))
        reply = actions.send_reply(request.user, draft, d["complaint"], d["to"])
        return Response(ReplySerializer(reply).data)

    @action(detail=True, methods=["post"], url_path="confirm-reply")
    def confirm_reply(self, request, pk=None):
        d = self.validated(ConfirmSerializer)
        complaint = self.get_object()
        reply = Reply.objects.filter(pk=d["reply"], complaint=complaint).first()
        if reply is None:
            raise Invalid.field("reply", _("This complaint has no such reply."))
        reply = actions.confirm_reply(
            request.user, reply, d["complaint"], d["confirmation"], d["note"]
        )
        return Response(ReplySerializer(reply).data)

    # --- 8D --------------------------------------------------------------------------------

    def _eightd(self):
        complaint = self.get_object()
        if is_customer_user(self.request.user):
            raise Invalid.field("eightd", _("The 8D report is internal."))
        eightd = EightD.objects.filter(complaint=complaint).first()
        if eightd is None:
            raise Invalid.field("eightd", _("This complaint has no 8D report (not accepted yet)."))
        return eightd

    @action(
        detail=True,
        methods=["post"],
        url_path=r"disciplines/(?P<code>D[0-8])",
        serializer_class=DisciplineWriteSerializer,
    )
    def discipline(self, request, pk=None, code=None):
        d = self.validated(DisciplineWriteSerializer)
        discipline = Discipline.objects.get(eightd=self._eightd(), code=code)
        actions.save_discipline(
            request.user,
            discipline,
            d["content"],
            owner=d.get("owner"),
            due_date=d.get("due_date"),
            version=d.get("version"),
        )
        return Response(EightDSerializer(discipline.eightd).data)

    @action(
        detail=True,
        methods=["post"],
        url_path=r"disciplines/(?P<code>D[0-8])/done",
        serializer_class=DoneSerializer,
    )
    def discipline_done(self, request, pk=None, code=None):
        done = self.validated(DoneSerializer)["done"]
        discipline = Discipline.objects.get(eightd=self._eightd(), code=code)
        actions.set_discipline_done(request.user, discipline, done)
        return Response(EightDSerializer(discipline.eightd).data)

    @action(detail=True, methods=["post"], url_path="close-8d")
    def close_8d(self, request, pk=None):
        eightd = actions.close_eightd(request.user, self._eightd(), self._note())
        return Response(EightDSerializer(eightd).data)

    @action(detail=True, methods=["post"], url_path="sign-final-report")
    def sign_final_report(self, request, pk=None):
        eightd = self._eightd()
        actions.sign_final_report(request.user, eightd, self._note())
        return Response(EightDSerializer(eightd).data)


class ReturnReceiveSerializer(serializers.Serializer):
    received_quantity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class ReturnVerifySerializer(serializers.Serializer):
    result = serializers.ChoiceField(choices=VerificationResult.choices)
    defective_quantity = serializers.DecimalField(
        max_digits=14, decimal_places=3, min_value=0, required=False, allow_null=True
    )
    note = serializers.CharField()
    version = serializers.IntegerField(required=False)


class ReworkSerializer(serializers.Serializer):
    instructions = serializers.CharField()
    due = serializers.DateField(required=False, allow_null=True)
    version = serializers.IntegerField(required=False)


class ReworkDoneSerializer(serializers.Serializer):
    result = serializers.CharField()
    version = serializers.IntegerField(required=False)


class ReplacementSerializer(serializers.Serializer):
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    date = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class CloseReturnSerializer(serializers.Serializer):
    cost = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False)


class ReturnViewSet(RestrictedViewSet):
    queryset = Return.objects.select_related("customer", "complaint")
    serializer_class = ReturnSerializer
    filterset_class = ReturnFilter
    ordering_fields = ["notice_date", "number"]
    ordering = ["-notice_date", "-id"]

    def create(self, request):
        data = self.validated(ReturnWriteSerializer)
        return self.respond(actions.issue_return(request.user, data), status=201)

    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        d = self.validated(ReturnReceiveSerializer)
        ret = actions.receive_return(
            request.user, self.get_object(), d["received_quantity"], d["note"], d.get("version")
        )
        return self.respond(ret)

    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        d = self.validated(ReturnVerifySerializer)
        ret = actions.verify_return(
            request.user,
            self.get_object(),
            d["result"],
            d.get("defective_quantity"),
            d["note"],
            d.get("version"),
        )
        return self.respond(ret)

    @action(detail=True, methods=["post"])
    def rework(self, request, pk=None):
        d = self.validated(ReworkSerializer)
        ret = actions.order_rework(
            request.user, self.get_object(), d["instructions"], d.get("due"), d.get("version")
        )
        return self.respond(ret)

    @action(detail=True, methods=["post"])
    def reworked(self, request, pk=None):
        d = self.validated(ReworkDoneSerializer)
        ret = actions.record_rework(request.user, self.get_object(), d["result"], d.get("version"))
        return self.respond(ret)

    @action(detail=True, methods=["post"], url_path="schedule-replacement")
    def schedule_replacement(self, request, pk=None):
        d = self.validated(ReplacementSerializer)
        ret = actions.schedule_replacement(
            request.user, self.get_object(), d["quantity"], d["date"], d["note"], d.get("version")
        )
        return self.respond(ret)

    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        d = self.validated(CloseReturnSerializer)
        ret = actions.close_return(
            request.user, self.get_object(), d.get("cost"), d["note"], d.get("version")
        )
        return self.respond(ret)

    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        reason = self.validated(ReasonSerializer)["reason"]
        return self.respond(actions.void_return(request.user, self.get_object(), reason))


def register(router):
    """Add the complaint area's collections to the API router (IF-3 names)."""
    router.register("complaints", ComplaintViewSet, basename="complaint")
    router.register("returns", ReturnViewSet, basename="return")
