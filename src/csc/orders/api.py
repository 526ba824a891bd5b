"""REST endpoints of contract and order review: thin layers over ``actions`` (IF-3).

``/api/v1/orders/`` with its workflow steps as ``POST /api/v1/orders/<id>/<verb>/``.
"""

from django.db.models import Prefetch
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.mixins import CreateModelMixin
from rest_framework.response import Response

from csc.core.api import RestrictedViewSet
from csc.core.permissions import is_customer_user

from . import actions
from .choices import ChangeKind, ItemCategory, PresalesKind, QuestionSubject, Section
from .filters import OrderFilter, PresalesFilter
from .models import (
    Order,
    OrderChange,
    OrderLine,
    PresalesRequest,
    Product,
    ReviewVersion,
    Shipment,
    ShipmentLine,
)
from .serializers import (
    OrderChangeSerializer,
    OrderDetailSerializer,
    OrderSerializer,
    PresalesSerializer,
    ProductSerializer,
    ShipmentSerializer,
)

# --- inputs ------------------------------------------------------------------------------


class OrderLineInput(serializers.Serializer):
    product = serializers.PrimaryKeyRelatedField(queryset=Product.objects.all())
    specification = serializers.CharField(max_length=200, required=False, allow_blank=True)
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)
    unit_price = serializers.DecimalField(
        max_digits=14, decimal_places=4, min_value=0, required=False, default=0
    )
    currency = serializers.CharField(max_length=3, required=False, default="")
    requested_date = serializers.DateField(required=False, allow_null=True)
    promised_date = serializers.DateField(required=False, allow_null=True)


class ReviewItemInput(serializers.Serializer):
    category = serializers.ChoiceField(choices=ItemCategory.choices)
    requirement = serializers.CharField()


class OrderInput(serializers.ModelSerializer):
    lines = OrderLineInput(many=True)
    items = ReviewItemInput(many=True, required=False, default=list)
    received_at = serializers.DateTimeField(required=False)

    class Meta:
        model = Order
        fields = [
            "customer", "channel", "order_type", "sample", "customer_reference", "received_at",
            "payment_terms", "trade_terms", "notes", "lines", "items",
        ]  # fmt: skip


class OrderEditInput(serializers.ModelSerializer):
    lines = OrderLineInput(many=True, required=False)
    items = ReviewItemInput(many=True, required=False)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Order
        fields = [
            "channel", "order_type", "sample", "customer_reference", "payment_terms",
            "trade_terms", "notes", "lines", "items", "version",
        ]  # fmt: skip


class OrderNoteInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSignInput(serializers.Serializer):
    section = serializers.ChoiceField(choices=Section.choices)
    decision = serializers.ChoiceField(choices=[("accept", "accept"), ("reject", "reject")])
    opinion = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewRejectInput(serializers.Serializer):
    section = serializers.ChoiceField(choices=Section.choices)
    opinion = serializers.CharField()


class ReviewRemarksInput(serializers.Serializer):
    remarks = serializers.CharField()


class OrderReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class ProductionOrderInput(serializers.Serializer):
    instructions = serializers.CharField(required=False, allow_blank=True, default="")
    planned_completion = serializers.DateField(required=False, allow_null=True, default=None)


class ProductionDatesInput(serializers.Serializer):
    planned_completion = serializers.DateField(required=False, allow_null=True, default=None)
    actual_completion = serializers.DateField(required=False, allow_null=True, default=None)


class ShipmentLineInput(serializers.Serializer):
    order_line = serializers.IntegerField()
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, min_value=0)


class ShipmentInput(serializers.Serializer):
    shipped_on = serializers.DateField()
    lines = ShipmentLineInput(many=True)
    carrier = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    destination = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )
    notes = serializers.CharField(required=False, allow_blank=True, default="")


class DeliveryConfirmationInput(serializers.Serializer):
    shipment = serializers.IntegerField()
    delivered_on = serializers.DateField()
    received_by = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")


class OrderLineChangeInput(serializers.Serializer):
    id = serializers.IntegerField()
    quantity = serializers.DecimalField(max_digits=14, decimal_places=3, required=False)
    unit_price = serializers.DecimalField(max_digits=14, decimal_places=4, required=False)
    currency = serializers.CharField(max_length=3, required=False)
    specification = serializers.CharField(max_length=200, required=False, allow_blank=True)
    requested_date = serializers.DateField(required=False, allow_null=True)
    promised_date = serializers.DateField(required=False, allow_null=True)


class OrderChangeInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ChangeKind.choices, default=ChangeKind.CUSTOMER)
    reason = serializers.CharField()
    description = serializers.CharField()
    lines = OrderLineChangeInput(many=True, required=False, default=list)
    new_lines = OrderLineInput(many=True, required=False, default=list)
    items = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False, default=dict
    )

    def validate_items(self, value):
        unknown = set(value) - set(ItemCategory.values)
        if unknown:
            raise serializers.ValidationError(f"unknown categories: {', '.join(sorted(unknown))}")
        return value


class OrderQuestionInput(serializers.Serializer):
    subject = serializers.ChoiceField(choices=QuestionSubject.choices)
    question = serializers.CharField()


# --- orders ------------------------------------------------------------------------------


class OrderViewSet(CreateModelMixin, RestrictedViewSet):
    queryset = Order.objects.select_related("customer")
    serializer_class = OrderSerializer
    # The review record is internal: customer contacts get the order without it.
    portal_serializer_class = OrderSerializer
    filterset_class = OrderFilter
    ordering_fields = ["received_at", "number", "status", "pending_due_at"]
    ordering = ["-received_at", "-id"]

    def get_queryset(self):
        lines = OrderLine.objects.select_related("product").order_by("line_no", "id")
        queryset = super().get_queryset().prefetch_related(Prefetch("lines", queryset=lines))
        if self.action == "retrieve":
            versions = ReviewVersion.objects.prefetch_related("sections__signed_by", "items")
            queryset = queryset.prefetch_related(
                Prefetch("versions", queryset=versions), "shipments__lines"
            )
        return queryset

    def get_serializer_class(self):
        if self.action == "retrieve" and not is_customer_user(self.request.user):
            return OrderDetailSerializer
        return super().get_serializer_class()

    def create(self, request):
        data = self.validated(OrderInput)
        lines, items = data.pop("lines"), data.pop("items")
        order = actions.receive_order(request.user, data, lines, items)
        return self.respond(order, status=201)

    def partial_update(self, request, pk=None):
        """Edit a draft: header fields, and lines or items when given (they replace the old)."""
        order = self.get_object()
        data = self.validated(OrderEditInput, partial=True)
        lines, items = data.pop("lines", None), data.pop("items", None)
        version = data.pop("version", None)
        return self.respond(actions.update_order(request.user, order, data, lines, items, version))

    def _order_step(self, call, status=200):
        result = call(self.request.user, self.get_object())
        return self.respond(result, status=status)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        note = self.validated(OrderNoteInput)["note"]
        return self._order_step(lambda u, o: actions.submit_order(u, o, note))

    @action(detail=True, methods=["post"], url_path="sign-review")
    def sign_review(self, request, pk=None):
        data = self.validated(ReviewSignInput)
        order = self.get_object()
        actions.sign_section(
            request.user, order, data["section"], data["decision"], data["opinion"]
        )
        return self.respond(Order.objects.get(pk=order.pk))

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        data = self.validated(ReviewRejectInput)
        order = self.get_object()
        actions.sign_section(request.user, order, data["section"], "reject", data["opinion"])
        return self.respond(Order.objects.get(pk=order.pk))

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        note = self.validated(OrderNoteInput)["note"]
        return self._order_step(lambda u, o: actions.approve_order(u, o, note))

    @action(detail=True, methods=["post"], url_path="send-back")
    def send_back(self, request, pk=None):
        remarks = self.validated(ReviewRemarksInput)["remarks"]
        return self._order_step(lambda u, o: actions.send_back(u, o, remarks))

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        reason = self.validated(OrderReasonInput)["reason"]
        return self._order_step(lambda u, o: actions.cancel_order(u, o, reason))

    @action(detail=True, methods=["post"], url_path="issue-production-order")
    def issue_production_order(self, request, pk=None):
        data = self.validated(ProductionOrderInput)
        order = self.get_object()
        actions.issue_production_order(request.user, order, **data)
        return self.respond(Order.objects.get(pk=order.pk), status=201)

    @action(detail=True, methods=["post"])
    def production(self, request, pk=None):
        data = self.validated(ProductionDatesInput)
        order = self.get_object()
        actions.update_production(request.user, order, **data)
        return self.respond(Order.objects.get(pk=order.pk))

    @action(detail=True, methods=["post"])
    def ship(self, request, pk=None):
        data = self.validated(ShipmentInput)
        shipment = actions.ship_order(request.user, self.get_object(), **data)
        return Response(ShipmentSerializer(shipment).data, status=201)

    @action(detail=True, methods=["post"], url_path="confirm-delivery")
    def confirm_delivery(self, request, pk=None):
        data = self.validated(DeliveryConfirmationInput)
        order = self.get_object()
        shipment = order.shipments.filter(pk=data.pop("shipment")).first()
        if shipment is None:
            raise serializers.ValidationError({"shipment": ["Not a shipment of this order."]})
        shipment = actions.confirm_delivery(request.user, shipment, **data)
        return Response(ShipmentSerializer(shipment).data)

    @action(detail=True, methods=["post"], url_path="request-change")
    def request_change(self, request, pk=None):
        data = self.validated(OrderChangeInput)
        lines = {entry.pop("id"): entry for entry in data["lines"]}
        change = actions.request_change(
            request.user,
            self.get_object(),
            data["kind"],
            data["reason"],
            data["description"],
            lines=lines,
            new_lines=data["new_lines"],
            items=data["items"],
        )
        return Response(OrderChangeSerializer(change).data, status=201)

    @action(detail=True, methods=["post"])
    def ask(self, request, pk=None):
        data = self.validated(OrderQuestionInput)
        order = self.get_object()
        actions.ask_question(request.user, order, data["subject"], data["question"])
        return self.respond(order, status=201)


# --- changes, pre-sales, products, shipments ---------------------------------------------


class ChangeDecisionInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CustomerResponseInput(serializers.Serializer):
    agreed = serializers.BooleanField()
    note = serializers.CharField()


class ChangeViewSet(RestrictedViewSet):
    queryset = OrderChange.objects.select_related("order")
    serializer_class = OrderChangeSerializer
    ordering = ["-requested_at", "-id"]
    filterset_fields = ["status", "kind", "order"]

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        note = self.validated(ChangeDecisionInput)["note"]
        return self.respond(actions.decide_change(request.user, self.get_object(), True, note))

    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        note = self.validated(ChangeDecisionInput)["note"]
        return self.respond(actions.decide_change(request.user, self.get_object(), False, note))

    @action(detail=True, methods=["post"], url_path="customer-response")
    def customer_response(self, request, pk=None):
        data = self.validated(CustomerResponseInput)
        change = actions.record_customer_response(
            request.user, self.get_object(), data["agreed"], data["note"]
        )
        return self.respond(change)


class PresalesInput(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=PresalesKind.choices)

    class Meta:
        model = PresalesRequest
        fields = ["customer", "kind", "description"]


class PresalesDecisionInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    customer_explanation = serializers.CharField(required=False, allow_blank=True, default="")


class PresalesViewSet(CreateModelMixin, RestrictedViewSet):
    queryset = PresalesRequest.objects.select_related("customer", "department")
    serializer_class = PresalesSerializer
    filterset_class = PresalesFilter
    ordering = ["-requested_at", "-id"]

    def create(self, request):
        data = self.validated(PresalesInput)
        created = actions.request_presales(
            request.user, data["customer"], data["kind"], data["description"]
        )
        return self.respond(created, status=201)

    def _decide(self, approve):
        data = self.validated(PresalesDecisionInput)
        decided = actions.decide_presales(
            self.request.user,
            self.get_object(),
            approve,
            data["note"],
            data["customer_explanation"],
        )
        return self.respond(decided)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._decide(True)

    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        return self._decide(False)


class ProductViewSet(CreateModelMixin, RestrictedViewSet):
    queryset = Product.objects.all()
    serializer_class = ProductSerializer
    ordering = ["code"]
    filterset_fields = ["product_line", "active"]

    def create(self, request):
        data = self.validated(ProductSerializer)
        return self.respond(actions.save_product(request.user, data), status=201)


class ShipmentViewSet(RestrictedViewSet):
    queryset = Shipment.objects.select_related("order").prefetch_related(
        Prefetch("lines", queryset=ShipmentLine.objects.order_by("id"))
    )
    serializer_class = ShipmentSerializer
    ordering = ["-shipped_on", "-id"]
    filterset_fields = ["customer", "order", "shipped_on"]


def register(router):
    """Add the order area's collections to the API router (IF-3 names)."""
    router.register("orders", OrderViewSet, basename="order")
    router.register("order-changes", ChangeViewSet, basename="order-change")
    router.register("presales-requests", PresalesViewSet, basename="presales-request")
    router.register("products", ProductViewSet, basename="product")
    router.register("shipments", ShipmentViewSet, basename="shipment")
