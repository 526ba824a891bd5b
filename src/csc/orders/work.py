"""What waits for a user in order review, for the home page ("waiting for me")."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, is_customer_user, restrict

from .actions.common import sections_user_signs
from .choices import (
    REVIEWING,
    ChangeStatus,
    MemoStatus,
    OrderStatus,
    PresalesStatus,
    QuestionStatus,
)
from .filters import waiting_for
from .models import LiaisonMemo, Order, OrderChange, OrderQuestion, PresalesRequest


def work_for(user):
    """Return [(title, url, count)] of the order queues waiting for this user."""
    if not can(user, "orders.view_order") or is_customer_user(user):
        return []
    orders = restrict(Order.objects.all(), user)
    items = []
    if sections_user_signs(user) or can(user, "orders.approve_order"):
        items.append(
            (
                _("Order reviews waiting for me"),
                reverse("orders:list") + "?waiting=me",
                queue_count(waiting_for(orders, user)),
            )
        )
    overdue = orders.filter(status__in=REVIEWING, pending_due_at__lt=timezone.now())
    items.append(
        (_("Overdue order reviews"), reverse("orders:list") + "?overdue=true", queue_count(overdue))
    )
    if can(user, "orders.issue_production_order"):
        approved = queue_count(orders.filter(status=OrderStatus.APPROVED))
        items.append(
            (
                _("Approved orders without production order"),
                reverse("orders:list") + "?status=approved",
                approved,
            )
        )
    items += _changes(user)
    items += _department_queues(user)
    return items


def _changes(user):
    changes = restrict(OrderChange.objects.all(), user)
    items = []
    if can(user, "orders.approve_change"):
        count = queue_count(changes.filter(status=ChangeStatus.AWAITING_VP))
        items.append(
            (
                _("Change applications to approve"),
                reverse("orders:changes") + "?status=awaiting_vp",
                count,
            )
        )
    if can(user, "orders.change_order"):
        count = queue_count(changes.filter(status=ChangeStatus.AWAITING_CUSTOMER))
        items.append(
            (
                _("Changes to agree with the customer"),
                reverse("orders:changes") + "?status=awaiting_customer",
                count,
            )
        )
    return items


def _department_queues(user):
    items = []
    department = user.department
    if department is not None:
        questions = queue_count(
            OrderQuestion.objects.filter(department=department.code, status=QuestionStatus.OPEN)
        )
        if questions:
            items.append((_("Questions for my department"), reverse("orders:questions"), questions))
        memos = queue_count(
            LiaisonMemo.objects.filter(to_department=department, status=MemoStatus.OPEN)
        )
        if memos:
            items.append((_("Liaison memos to answer"), reverse("orders:memos"), memos))
    pending = PresalesRequest.objects.filter(status=PresalesStatus.SUBMITTED)
    if not can(user, "orders.decide_any_presales"):
        pending = pending.filter(department__head=user)
    presales = queue_count(pending)
    if presales or can(user, "orders.decide_any_presales"):
        items.append(
            (
                _("Pre-sales requests to decide"),
                reverse("orders:presales") + "?status=submitted",
                presales,
            )
        )
    return items
