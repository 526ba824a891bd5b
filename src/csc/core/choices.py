"""Closed lists of values used across the company set-up."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """Roles of SPEC 'Users'; each is a group of permissions an administrator may adjust."""

    SALES = "sales", _("Marketing / Sales")
    ENGINEERING = "engineering", _("Engineering")
    QUALITY = "quality", _("Quality")
    MATERIALS = "materials", _("Materials / Planning")
    PRODUCTION = "production", _("Production")
    WAREHOUSE = "warehouse", _("Warehouse")
    SERVICE = "service", _("Customer service")
    GENERAL_MANAGER = "general_manager", _("General Manager")
    VICE_PRESIDENT = "vice_president", _("Executive Vice President")
    VP_ASSISTANT = "vp_assistant", _("Executive VP's assistant")
    MANAGEMENT_REP = "management_rep", _("Management Representative")
    PLANT_MANAGER = "plant_manager", _("Plant Manager")
    ADMINISTRATOR = "administrator", _("System administrator")
    CUSTOMER_CONTACT = "customer_contact", _("Customer contact")


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("audit", "Created")
    UPDATE = "update", pgettext_lazy("audit", "Changed")
    DELETE = "delete", pgettext_lazy("audit", "Deleted")
    TRANSITION = "transition", _("Status changed")
    SIGN = "sign", _("Signed")
    ACCESS = "access", _("Sensitive data viewed")
    IMPORT = "import", _("Imported")
    EXPORT = "export", _("Exported")
    REMIND = "remind", _("Reminder sent")


class SignatureMeaning(models.TextChoices):
    AUTHORED = "authored", pgettext_lazy("signature meaning", "Authored")
    REVIEWED = "reviewed", pgettext_lazy("signature meaning", "Reviewed")
    APPROVED = "approved", pgettext_lazy("signature meaning", "Approved")
    REJECTED = "rejected", pgettext_lazy("signature meaning", "Rejected")
    READ = "read", pgettext_lazy("signature meaning", "Read")


class CalendarDayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    WORKDAY = "workday", _("Make-up working day")


class OutboxStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy("mail", "Waiting")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # The worker stopped while the mail server had the message: it may have gone out.
    UNCONFIRMED = "unconfirmed", _("Unconfirmed")


class JobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("job", "Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", pgettext_lazy("job", "Failed")
