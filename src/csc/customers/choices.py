from django.db import models
from django.utils.translation import gettext_lazy as _


class ABCClass(models.TextChoices):
    """Customer classes of S1 4.2.5; they drive service strategy and survey sampling."""

    A = "A", _("A · key customer")
    B = "B", _("B · main customer")
    C = "C", _("C · occasional customer")


class CreditLevel(models.TextChoices):
    """Credit levels of S1 4.2.2."""

    I = "I", _("I · credit period up to 30 days")  # noqa: E741
    II = "II", _("II · credit period over 30 days")
    III = "III", _("III · annual customer")


class CustomerStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting admission")
    ACTIVE = "active", _("Admitted")
    REJECTED = "rejected", _("Not admitted")
    INACTIVE = "inactive", _("Inactive")


class AdmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
