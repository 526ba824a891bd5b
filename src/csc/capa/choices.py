from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Source(models.TextChoices):
    """Where an action comes from (CMP-10): one action system for every area."""

    COMPLAINT = "complaint", _("Complaint")
    RETURN = "return", _("Return")
    SURVEY = "survey", _("Satisfaction survey")
    EARLY_WARNING = "early_warning", _("Early warning")
    VISIT = "visit", _("Customer visit")
    AUDIT = "audit", _("Audit")
    OTHER = "other", _("Other")


class Category(models.TextChoices):
    """What the problem is about; decides the responsible department (S0 5.3.4)."""

    QUALITY = "quality", pgettext_lazy("problem category", "Quality")
    DELIVERY = "delivery", _("Delivery")
    SERVICE = "service", _("Service and coordination")
    OTHER = "other", _("Other")


class CapaStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    VERIFICATION = "verification", _("Awaiting verification")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (CapaStatus.OPEN, CapaStatus.IN_PROGRESS, CapaStatus.VERIFICATION)
