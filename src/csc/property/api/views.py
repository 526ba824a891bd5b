"""REST endpoints of customer property (IF-3): reads through ``restrict``, writes through verbs."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from csc.core.api import NoteSerializer, ReasonSerializer, RestrictedViewSet
from csc.core.errors import Invalid
from csc.core.permissions import restrict

from .. import actions, stock
from ..filters import (
    AnomalyFilter,
    CheckFilter,
    ItemFilter,
    LotFilter,
    MovementFilter,
    StocktakeFilter,
)
from ..kpis import damage_by_month
from ..models import (
    NO_SECRETS,
    QUANTITY,
    Anomaly,
    ConditionCheck,
    Lot,
    Movement,
    PropertyItem,
    Stocktake,
)
from . import serializers as s


def _decimal(value):
    """Decimals travel as strings with the field's places, like every serializer field."""
    return f"{value:.{QUANTITY['decimal_places']}f}"


def lot_answer(lot, status=200):
    """Answer with the lot as its collection shows it, on-hand quantity included."""
    fresh = Lot.objects.select_related("item").annotate(on_hand=stock.lot_on_hand())
    return Response(s.LotSerializer(fresh.get(pk=lot.pk)).data, status=status)


def _own_lot(item, lot):
    if lot is not None and lot.item_id != item.pk:
        raise Invalid.field("lot", _("Choose a lot of this item."))
    return lot


class PropertyItemViewSet(RestrictedViewSet):
    """The customer property register; workflow steps as POST …/<id>/<step>/."""

    queryset = PropertyItem.objects.select_related("customer").defer(*NO_SECRETS)
    serializer_class = s.ItemSerializer
    filterset_class = ItemFilter
    ordering_fields = ["number", "name", "location", "next_check_due"]
    ordering = ["-number"]

    def get_queryset(self):
        return super().get_queryset().annotate(on_hand=stock.on_hand())

    def _fresh(self, item):
        return self.get_queryset().get(pk=item.pk)

    def create(self, request):
        data = self.validated(s.ItemCreateSerializer)
        data.pop("version", None)
        item = actions.register_item(request.user, data.pop("customer"), data)
        return self.respond(self._fresh(item), status=201)

    def partial_update(self, request, pk=None):
        item = self.get_object()
        data = self.validated(s.ItemWriteSerializer, partial=True, instance=item)
        version = data.pop("version", None)
        actions.update_item(request.user, item, data, version)
        return self.respond(self._fresh(item))

    @extend_schema(request=s.SignForSerializer, responses=s.LotSerializer)
    @action(detail=False, methods=["post"], url_path="sign-for")
    def sign_for(self, request):
        data = self.validated(s.SignForSerializer)
        item_data = {
            k: data[k] for k in ("kind", "name", "part_no", "unit", "location") if k in data
        }
        lot = actions.sign_for(
            request.user,
            data["customer"],
            item_data,
            data["quantity"],
            data["delivery_note_no"],
            data["note"],
            item=data.get("item"),
        )
        return lot_answer(lot, status=201)

    @extend_schema(request=s.ReceiveSerializer, responses=s.LotSerializer)
    @action(detail=True, methods=["post"])
    def receive(self, request, pk=None):
        item = self.get_object()  # 404 before 400: nobody learns about records not theirs
        data = self.validated(s.ReceiveSerializer)
        lot = actions.receive(request.user, item, on=data.pop("received_on", None), **data)
        return lot_answer(lot, status=201)

    @extend_schema(request=s.InspectSerializer, responses=s.LotSerializer)
    @action(detail=True, methods=["post"])
    def inspect(self, request, pk=None):
        item = self.get_object()
        data = self.validated(s.InspectSerializer)
        lot = _own_lot(item, data.pop("lot"))
        lot = actions.inspect(request.user, lot, **data)
        return lot_answer(lot)

    @extend_schema(request=s.IssueSerializer, responses=s.MovementSerializer(many=True))
    @action(detail=True, methods=["post"])
    def issue(self, request, pk=None):
        item = self.get_object()
        data = self.validated(s.IssueSerializer)
        moved = actions.issue(
            request.user,
            item,
            data["quantity"],
            _own_lot(item, data.get("lot")),
            data["reference"],
            data["note"],
            data.get("moved_on"),
        )
        return Response(s.MovementSerializer(moved, many=True).data, status=201)

    def _take(self, verb):
        item = self.get_object()
        data = self.validated(s.TakeSerializer)
        moved = verb(
            self.request.user,
            item,
            _own_lot(item, data["lot"]),
            data["quantity"],
            data["reason"],
            data["reference"],
            data.get("moved_on"),
        )
        return Response(s.MovementSerializer(moved, many=True).data, status=201)

    @extend_schema(request=s.TakeSerializer, responses=s.MovementSerializer(many=True))
    @action(detail=True, methods=["post"], url_path="return")
    def give_back(self, request, pk=None):
        return self._take(actions.return_to_customer)

    @extend_schema(request=s.TakeSerializer, responses=s.MovementSerializer(many=True))
    @action(detail=True, methods=["post"])
    def scrap(self, request, pk=None):
        return self._take(actions.scrap)

    @extend_schema(request=s.ReportAnomalySerializer, responses=s.AnomalySerializer)
    @action(detail=True, methods=["post"], url_path="report-anomaly")
    def report_anomaly(self, request, pk=None):
        item = self.get_object()
        data = self.validated(s.ReportAnomalySerializer)
        anomaly = actions.report_anomaly(
            request.user,
            item,
            data["kind"],
            data["description"],
            data.get("quantity"),
            _own_lot(item, data.get("lot")),
        )
        return Response(s.AnomalySerializer(anomaly).data, status=201)

    @extend_schema(request=s.CountSerializer, responses=s.LineSerializer)
    @action(detail=True, methods=["post"])
    def count(self, request, pk=None):
        item = self.get_object()
        data = self.validated(s.CountSerializer)
        line = actions.count_item(
            request.user,
            item,
            data["stocktake"],
            _own_lot(item, data["lot"]),
            data["counted"],
            data["explanation"],
        )
        return Response(s.LineSerializer(line).data)

    @extend_schema(request=s.CheckStepSerializer, responses=s.CheckSerializer)
    @action(detail=True, methods=["post"], url_path="check")
    def record_check(self, request, pk=None):
        item = self.get_object()
        data = self.validated(s.CheckStepSerializer)
        check = actions.record_check(
            request.user,
            item,
            data["result"],
            data["note"],
            data["temperature"],
            data["humidity"],
            data.get("checked_on"),
        )
        return Response(s.CheckSerializer(check).data, status=201)

    @extend_schema(request=ReasonSerializer)
    @action(detail=True, methods=["post"])
    def void(self, request, pk=None):
        item = self.get_object()
        reason = self.validated(ReasonSerializer)["reason"]
        item = actions.void_item(request.user, item, reason)
        return self.respond(self._fresh(item))

    @extend_schema(
        parameters=[s.BalanceQuerySerializer], request=None, responses=s.BalanceSerializer
    )
    @action(detail=True, methods=["get"])
    def balance(self, request, pk=None):
        """The item's balance, in total and per lot, at the end of ``?at=YYYY-MM-DD``."""
        query = s.BalanceQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        at = query.validated_data.get("at")
        item = self.get_object()
        lots = dict(item.lots.values_list("pk", "number"))
        per_lot = stock.lot_balances(item, at)
        return Response(
            {
                "item": item.pk,
                "at": at,
                "balance": _decimal(stock.balance(item, at=at)),
                "lots": [
                    {"lot": pk, "number": lots[pk], "balance": _decimal(total)}
                    for pk, total in sorted(per_lot.items())
                ],
            }
        )


class LotViewSet(RestrictedViewSet):
    """Receipts (收料单) with their IQC result; nonconforming-lot steps."""

    queryset = Lot.objects.select_related("item")
    serializer_class = s.LotSerializer
    filterset_class = LotFilter
    ordering_fields = ["received_on", "number"]
    ordering = ["-received_on", "-id"]

    def get_queryset(self):
        return super().get_queryset().annotate(on_hand=stock.lot_on_hand())

    def _done(self, lot):
        return self.respond(self.get_queryset().get(pk=lot.pk))

    @extend_schema(request=s.LotInspectSerializer)
    @action(detail=True, methods=["post"])
    def inspect(self, request, pk=None):
        lot = self.get_object()
        data = self.validated(s.LotInspectSerializer)
        return self._done(actions.inspect(request.user, lot, **data))

    @extend_schema(request=s.NoticeSerializer)
    @action(detail=True, methods=["post"], url_path="notify-customer")
    def notify_customer(self, request, pk=None):
        lot = self.get_object()
        data = self.validated(s.NoticeSerializer)
        lot = actions.notify_lot_customer(request.user, lot, data["via"], data["to"], data["text"])
        return self._done(lot)

    @extend_schema(request=s.DisposeSerializer)
    @action(detail=True, methods=["post"])
    def dispose(self, request, pk=None):
        lot = self.get_object()
        data = self.validated(s.DisposeSerializer)
        return self._done(actions.dispose_lot(request.user, lot, **data))

    @extend_schema(request=s.SortSerializer)
    @action(detail=True, methods=["post"], url_path="finish-sort")
    def finish_sort(self, request, pk=None):
        lot = self.get_object()
        data = self.validated(s.SortSerializer)
        lot = actions.finish_sort(
            request.user, lot, data["good_quantity"], data["rejects"], data["note"]
        )
        return self._done(lot)


class MovementViewSet(RestrictedViewSet):
    """The stock ledger (库存进出帐), read only: entries are made by the steps."""

    queryset = Movement.objects.select_related("lot")
    serializer_class = s.MovementSerializer
    filterset_class = MovementFilter
    ordering_fields = ["moved_on", "id"]
    ordering = ["-moved_on", "-id"]


class AnomalyViewSet(RestrictedViewSet):
    queryset = Anomaly.objects.all()
    serializer_class = s.AnomalySerializer
    filterset_class = AnomalyFilter
    ordering_fields = ["reported_at", "number"]
    ordering = ["-reported_at", "-id"]

    def _note_step(self, verb):
        anomaly = self.get_object()
        note = self.validated(NoteSerializer)["note"]
        return self.respond(verb(self.request.user, anomaly, note))

    @extend_schema(request=NoteSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        return self._note_step(actions.confirm_anomaly)

    @extend_schema(request=NoteSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        return self._note_step(actions.dismiss_anomaly)

    @extend_schema(request=s.NoticeSerializer)
    @action(detail=True, methods=["post"], url_path="notify-customer")
    def notify_customer(self, request, pk=None):
        anomaly = self.get_object()
        data = self.validated(s.NoticeSerializer)
        anomaly = actions.notify_anomaly_customer(
            request.user, anomaly, data["via"], data["to"], data["text"]
        )
        return self.respond(anomaly)

    @extend_schema(request=s.CloseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        anomaly = self.get_object()
        data = self.validated(s.CloseSerializer)
        anomaly = actions.close_anomaly(
            request.user, anomaly, data["outcome"], data["note"], data.get("quantity")
        )
        return self.respond(anomaly)

    @extend_schema(request=None, responses=s.DamageMonthSerializer(many=True))
    @action(detail=False, methods=["get"])
    def kpi(self, request):
        """Damaged or lost customer property per month against the target (PRP-5)."""
        rows = damage_by_month(restrict(Anomaly.objects.all(), request.user))
        return Response(rows)


class StocktakeViewSet(RestrictedViewSet):
    queryset = Stocktake.objects.all()
    serializer_class = s.StocktakeSerializer
    filterset_class = StocktakeFilter
    ordering_fields = ["counted_on", "number"]
    ordering = ["-counted_on", "-id"]

    def create(self, request):
        data = self.validated(s.StocktakeCreateSerializer)
        return self.respond(actions.open_stocktake(request.user, **data), status=201)

    @extend_schema(responses=s.LineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lines(self, request, pk=None):
        """The count sheet: book vs counted for each lot."""
        lines = self.get_object().lines.select_related("lot").order_by("item", "lot")
        page = self.paginate_queryset(lines)
        return self.get_paginated_response(s.LineSerializer(page, many=True).data)

    def _step(self, verb):
        stocktake = self.get_object()
        note = self.validated(NoteSerializer)["note"]
        return self.respond(verb(self.request.user, stocktake, note))

    @extend_schema(request=NoteSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(actions.submit_stocktake)

    @extend_schema(request=NoteSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self._step(actions.return_stocktake)

    @extend_schema(request=NoteSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._step(actions.approve_stocktake)

    @extend_schema(request=NoteSerializer)
    @action(detail=True, methods=["post"], url_path="post")
    def post_to_ledger(self, request, pk=None):
        return self._step(actions.post_stocktake)


class CheckViewSet(RestrictedViewSet):
    queryset = ConditionCheck.objects.all()
    serializer_class = s.CheckSerializer
    filterset_class = CheckFilter
    ordering_fields = ["due_on", "created_at"]
    ordering = ["-status", "due_on", "-id"]
