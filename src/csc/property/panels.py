"""The customer 360° page's section on the property the company holds for the customer."""

from django.urls import reverse

from csc.core.permissions import can, restrict

from . import stock
from .choices import ItemStatus
from .kpis import open_anomalies
from .models import PropertyItem

SHOWN = 10


def customer_property(customer, user):
    """Return the panel's context, or None when the user may not see it or nothing is held."""
    if not can(user, "property.view_propertyitem", customer):
        return None
    items = restrict(PropertyItem.objects.all(), user).filter(
        customer=customer, status=ItemStatus.ACTIVE
    )
    shown = list(items.annotate(on_hand=stock.on_hand()).order_by("-number")[:SHOWN])
    if not shown:
        return None
    anomalies = restrict(open_anomalies(), user).filter(item__customer=customer)
    return {
        "items": shown,
        "count": items.count() if len(shown) == SHOWN else len(shown),
        "open_anomalies": anomalies.count(),
        "register_url": f"{reverse('property:register')}?customer={customer.pk}",
        "anomalies_url": f"{reverse('property:anomalies')}?customer={customer.pk}",
    }
