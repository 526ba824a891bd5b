"""The one permission entry point (ARCHITECTURE rule 6).

Deny by default: a user sees a kind of record only with its ``view`` permission, and a customer
contact sees only records of their own customer. Every list, detail, API call and export goes
through ``restrict``; every action goes through ``require``.
"""

from django.utils.translation import gettext as _

from .errors import Denied


def customer_id_of(user):
    """Return the id of the customer a portal user belongs to, or None for staff."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_csc_customer_id"):
        contact = getattr(user, "customer_contact", None) if _may_be_contact(user) else None
        user._csc_customer_id = contact.customer_id if contact else None
    return user._csc_customer_id


def _may_be_contact(user):
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return user.customer_contact is not None
    except (ObjectDoesNotExist, AttributeError):
        return False


def is_customer_user(user):
    return customer_id_of(user) is not None


def perm_name(model, action):
    """Return the Django permission string for an action on a model: 'app.view_model'."""
    return f"{model._meta.app_label}.{action}_{model._meta.model_name}"


def restrict(queryset, user, action="view"):
    """Return the part of ``queryset`` that ``user`` may ``action`` (view, change, …)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    model = queryset.model
    if not user.has_perm(perm_name(model, action)):
        return queryset.none()
    customer_id = customer_id_of(user)
    if customer_id is None:
        return queryset
    lookup = getattr(model, "customer_lookup", None)
    if lookup is None:
        return queryset.none()  # a kind of record with no owner is never shown to customers
    return queryset.filter(**{lookup: customer_id})


def owns(user, obj):
    """Return True when obj is visible to the user's customer (always True for staff)."""
    customer_id = customer_id_of(user)
    if customer_id is None:
        return True
    lookup = getattr(type(obj), "customer_lookup", None)
    if lookup is None:
        return False
    # Two filters: the lookup may itself be "pk" (the Customer is its own owner).
    return type(obj)._default_manager.filter(pk=obj.pk).filter(**{lookup: customer_id}).exists()


def can(user, perm, obj=None):
    """Return True when the user holds ``perm`` (and, for a customer contact, owns ``obj``)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if not user.has_perm(perm):
        return False
    return obj is None or owns(user, obj)


def require(user, perm, obj=None, message=None):
    """Raise Denied unless ``can(user, perm, obj)``."""
    if not can(user, perm, obj):
        raise Denied(message or _("You do not have permission to do this."))


def users_with_permission(perm):
    """Return active users holding ``perm`` through one of their roles (or directly)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    app_label, codename = perm.split(".")
    granted = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    return list(get_user_model().objects.filter(granted, is_active=True).distinct())
