"""Helpers the order verbs share: row locks, the current version, who is told what."""

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from csc.core.errors import Invalid
from csc.core.permissions import can, is_customer_user, users_with_permission

from ..choices import Section
from ..models import Order, ReviewDelegate, ReviewVersion
from ..rules import sign_permission


def locked(order):
    """Return the order re-read under a row lock.

    Every step that reads the order's state and then writes holds this lock, so two people
    acting at the same moment (two reviewers signing, two shipments) queue instead of one
    overwriting the other.
    """
    return Order.objects.select_for_update(of=("self",)).select_related("customer").get(pk=order.pk)


def current_version(order):
    return ReviewVersion.objects.get(order=order, number=order.revision)


def valid_delegations(user, section=None, today=None):
    """Return the user's delegations still in force (optionally for one section)."""
    today = today or timezone.localdate()
    queryset = ReviewDelegate.objects.filter(user=user, revoked_at__isnull=True).exclude(
        valid_until__lt=today
    )
    if section:
        queryset = queryset.filter(section=section)
    return queryset


def may_sign(user, section):
    """Return True when the user may sign ``section``: its department's role, or a delegate."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if is_customer_user(user):
        return False
    if can(user, sign_permission(section)):
        return True
    return valid_delegations(user, section).exists()


def sections_user_signs(user):
    """Return the section codes this user may sign."""
    return [s.value for s in Section if may_sign(user, s)]


def reviewers_for(section):
    """Return the active users who may sign ``section``: role holders and valid delegates."""
    users = {u.pk: u for u in users_with_permission(sign_permission(section))}
    today = timezone.localdate()
    for delegation in (
        ReviewDelegate.objects.filter(
            section=section, revoked_at__isnull=True, user__is_active=True
        )
        .exclude(valid_until__lt=today)
        .select_related("user")
    ):
        users.setdefault(delegation.user_id, delegation.user)
    return list(users.values())


def users_in_departments(codes):
    """Return the active staff of the departments with these codes."""
    return list(get_user_model().objects.filter(department__code__in=codes, is_active=True))


def people_of_order(order):
    """Return who looks after an order for Marketing: its creator and the customer's salesperson."""
    people = {order.created_by_id: order.created_by}
    salesperson = order.customer.salesperson
    if salesperson is not None:
        people.setdefault(salesperson.pk, salesperson)
    return [u for u in people.values() if not is_customer_user(u)] or users_with_permission(
        "orders.issue_production_order"
    )


def require_text(field, value, message=None):
    """Return the stripped text, or refuse the action when it is empty."""
    text = (value or "").strip()
    if not text:
        raise Invalid.field(field, message or _("This field is required."))
    return text
