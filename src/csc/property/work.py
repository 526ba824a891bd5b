"""What waits for a user in customer property, for the home page."""

from django.urls import reverse
from django.utils.translation import gettext as _

from csc.core.dashboard import queue_count
from csc.core.permissions import can, restrict

from .choices import AnomalyStatus, CheckStatus, LotStatus, StocktakeStatus
from .models import Anomaly, ConditionCheck, Lot, Stocktake


def _lots(user, status):
    return queue_count(restrict(Lot.objects.all(), user).filter(status=status))


def _anomalies(user, status):
    return queue_count(restrict(Anomaly.objects.all(), user).filter(status=status))


def _url(name, query):
    return f"{reverse(name)}?{query}"


def work_for(user):
    """Return [(title, url, count)]: lots, anomalies, counts and checks waiting for this user."""
    items = []
    if can(user, "property.inspect_property"):
        items.append((_("Customer lots awaiting IQC"), _url("property:lots", "status=awaiting_iqc"), _lots(user, LotStatus.AWAITING_IQC)))  # fmt: skip
    if can(user, "property.notify_property_customer"):
        items.append((_("Nonconforming lots to notify"), _url("property:lots", "status=rejected"), _lots(user, LotStatus.REJECTED)))  # fmt: skip
    if can(user, "property.dispose_property"):
        items.append((_("Lots awaiting the customer's disposition"), _url("property:lots", "status=notified"), _lots(user, LotStatus.NOTIFIED)))  # fmt: skip
    if can(user, "property.confirm_anomaly"):
        items.append((_("Property anomalies to confirm"), _url("property:anomalies", "status=reported"), _anomalies(user, AnomalyStatus.REPORTED)))  # fmt: skip
        items.append((_("Anomalies: customer to notify"), _url("property:anomalies", "status=confirmed"), _anomalies(user, AnomalyStatus.CONFIRMED)))  # fmt: skip
    if can(user, "property.approve_stocktake"):
        waiting = queue_count(Stocktake.objects.filter(status=StocktakeStatus.SUBMITTED))
        items.append((_("Stocktakes to approve"), _url("property:stocktakes", "status=submitted"), waiting))  # fmt: skip
    if can(user, "property.check_property"):
        due = restrict(ConditionCheck.objects.all(), user).filter(status=CheckStatus.DUE)
        items.append((_("Condition checks due"), _url("property:checks", "status=due"), queue_count(due)))  # fmt: skip
    return items
