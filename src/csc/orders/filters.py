"""Filters of the order archive (ORD-9), shared by the web page, the API and the export."""

import datetime as dt

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from csc.core.filters import FilterSet, record_id_in
from csc.core.search import Searchable
from csc.core.textindex import clean, ids_of
from csc.customers.models import Customer
from csc.customers.search import INDEX as CUSTOMERS

from .choices import REVIEWING, Channel, OrderStatus, OrderType, PresalesKind, PresalesStatus
from .models import Order, OrderLine, PresalesRequest, ReviewSection
from .search import INDEX

SORTS = {
    "received_at": _("Received"),
    "number": _("Order no."),
    "status": _("Status"),
    "pending_due_at": _("Review due"),
}


def _day_start(day):
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def waiting_for(queryset, user):
    """Return the orders whose open review waits for ``user``: a section to sign, or approval."""
    from .actions.common import sections_user_signs
    from .choices import SectionState

    sections = sections_user_signs(user)
    open_here = ReviewSection.objects.filter(
        version__order=OuterRef("pk"), version__number=OuterRef("revision")
    )
    condition = Q(pk__in=[])
    if sections:
        condition |= Q(Exists(open_here.filter(section__in=sections, state=SectionState.OPEN)))
    if user.has_perm("orders.approve_order"):
        not_accepted = open_here.exclude(state=SectionState.ACCEPTED)
        condition |= Q(status=OrderStatus.DISPUTED) | (
            Q(status=OrderStatus.REVIEW) & ~Q(Exists(not_accepted))
        )
    return queryset.filter(condition, status__in=REVIEWING)


class OrderFilter(FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    customer = django_filters.CharFilter(method="by_customer", label=_("Customer"))
    product = django_filters.CharFilter(method="by_product", label=_("Product no."))
    received_after = django_filters.DateFilter(method="after", label=_("Received from"))
    received_before = django_filters.DateFilter(method="before", label=_("Received until"))
    status = django_filters.ChoiceFilter(choices=OrderStatus.choices, label=_("Status"))
    order_type = django_filters.ChoiceFilter(choices=OrderType.choices, label=_("Order type"))
    channel = django_filters.ChoiceFilter(choices=Channel.choices, label=_("Channel"))
    overdue = django_filters.BooleanFilter(method="by_overdue", label=_("Review overdue"))
    waiting = django_filters.ChoiceFilter(
        choices=[("me", _("Waiting for me"))], method="by_waiting", label=_("Waiting")
    )
    ordering = django_filters.OrderingFilter(
        fields=[(k, k) for k in SORTS], field_labels=SORTS, label=_("Sort by")
    )

    class Meta:
        model = Order
        fields = ["q", "customer", "product", "status", "order_type", "channel"]

    def search(self, queryset, name, value):
        value = clean(value)
        if not value:
            return queryset
        named = ids_of(Customer.objects.filter(CUSTOMERS.matches(value)))
        return queryset.filter(INDEX.matches(value) | Q(customer__in=named))

    def by_customer(self, queryset, name, value):
        value = value.strip()
        if (pk := record_id_in(value)) is not None:
            return queryset.filter(customer_id=pk)
        return queryset.filter(Q(customer__code__iexact=value) | Q(customer__name__icontains=value))

    def by_product(self, queryset, name, value):
        value = value.strip()
        lines = OrderLine.objects.filter(order=OuterRef("pk"))
        if (pk := record_id_in(value)) is not None:
            lines = lines.filter(Q(product_id=pk) | Q(product__code__iexact=value))
        else:
            lines = lines.filter(product__code__iexact=value)
        return queryset.filter(Exists(lines))

    def after(self, queryset, name, value):
        # Bounds on the indexed time column (not its date), so the index serves the range.
        return queryset.filter(received_at__gte=_day_start(value))

    def before(self, queryset, name, value):
        return queryset.filter(received_at__lt=_day_start(value + dt.timedelta(days=1)))

    def by_overdue(self, queryset, name, value):
        overdue = Q(status__in=REVIEWING, pending_due_at__lt=timezone.now())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def by_waiting(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if value != "me" or user is None:
            return queryset
        return waiting_for(queryset, user)


class PresalesFilter(FilterSet):
    status = django_filters.ChoiceFilter(choices=PresalesStatus.choices, label=_("Status"))
    kind = django_filters.ChoiceFilter(choices=PresalesKind.choices, label=_("Kind"))

    class Meta:
        model = PresalesRequest
        fields = ["status", "kind", "customer"]


def searchable(word):
    """What the header search finds among orders: the order or the customer's PO number (index
    lookups: numbers are upper case by construction) or words of the notes."""
    codes = {word, word.upper()}
    found = Order.objects.filter(
        Q(number__in=codes) | Q(customer_reference__in=codes) | INDEX.matches(word)
    )
    found = found.order_by("-pk")  # see search_order_note in core.search
    return [
        Searchable(
            _("Orders"),
            found.select_related("customer"),
            "orders:list",
            lambda order: f"{order.number} · {order.customer}",
        )
    ]
