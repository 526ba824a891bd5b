"""Closed lists of values of contract and order review (ORD-1…ORD-10)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Channel(models.TextChoices):
    """How the order reached Marketing (S0 5.1.1.1)."""

    VERBAL = "verbal", _("Verbal")
    PHONE = "phone", _("Phone")
    FAX = "fax", _("Fax")
    WRITTEN = "written", _("Written order")
    EMAIL = "email", _("E-mail")
    PORTAL = "portal", _("Customer portal")


class OrderType(models.TextChoices):
    PRODUCT = "product", _("Product order")
    SPARE = "spare", _("SPARE order")


class OrderStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("Under review")
    DISPUTED = "disputed", _("Disputed: with the GM")
    APPROVED = "approved", _("Approved")
    IN_PRODUCTION = "production", _("In production")
    SHIPPING = "shipping", _("Partly shipped")
    SHIPPED = "shipped", _("Shipped")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


#: Orders whose review is running: the ones that can be overdue.
REVIEWING = (OrderStatus.REVIEW, OrderStatus.DISPUTED)
#: Orders that can no longer change.
FINISHED = (OrderStatus.CLOSED, OrderStatus.CANCELLED)


class Section(models.TextChoices):
    """The three parts of the joint review (会审), each signed by its own department (S0 3.1-3.3)."""

    ENGINEERING = "engineering", _("Engineering: technical feasibility")
    QUALITY = "quality", _("Quality: quality achievability")
    MATERIALS = "materials", _("Materials: schedule and capacity")


SECTION_SHORT = {
    Section.ENGINEERING: _("Engineering"),
    Section.QUALITY: _("Quality"),
    Section.MATERIALS: _("Materials"),
}


#: Departments a question passes through (S0 5.1.6), by department code.
WINDOW_DEPARTMENTS = {
    "marketing": _("Marketing"),
    "quality": _("Quality"),
    "engineering": _("Engineering"),
}


class SectionState(models.TextChoices):
    OPEN = "open", pgettext_lazy("review section", "Waiting")
    ACCEPTED = "accepted", pgettext_lazy("review section", "Accepted")
    REJECTED = "rejected", pgettext_lazy("review section", "Rejected")


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Under review")
    APPROVED = "approved", _("In force")
    WITHDRAWN = "withdrawn", pgettext_lazy("replaced version", "Superseded")
    CANCELLED = "cancelled", _("Cancelled")


class ItemCategory(models.TextChoices):
    """Kinds of requirement turned into review items (ORD-2, IATF 8.2.3.1.2)."""

    QUALITY = "quality", _("Quality requirements")
    TECHNICAL = "technical", _("Technical requirements")
    PACKAGING = "packaging", _("Packaging requirements")
    SPECIAL = "special", _("Special requirements")
    CHARACTERISTICS = "characteristics", _("Customer-designated special characteristics")


class ProductionKind(models.TextChoices):
    PRODUCTION = "production", _("Production order")
    SAMPLE = "sample", _("Sample order")


class ChangeKind(models.TextChoices):
    CUSTOMER = "customer", _("Customer change")
    INTERNAL = "internal", _("Internal change application")


class ChangeStatus(models.TextChoices):
    AWAITING_VP = "awaiting_vp", _("Awaiting the VP")
    AWAITING_CUSTOMER = "awaiting_customer", _("Awaiting the customer")
    IN_REVIEW = "in_review", _("Being re-reviewed")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


class QuestionSubject(models.TextChoices):
    """Subjects of the contact windows (S0 5.1.6)."""

    DELIVERY = "delivery", _("Order or delivery")
    QUALITY = "quality", _("Product quality")
    TECHNICAL = "technical", _("Process or technical")


class QuestionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Answered")


class MemoStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REPLIED = "replied", _("Replied")


class PresalesKind(models.TextChoices):
    """Pre-sales requests that need a written application (S2 5.1.2-5.1.3)."""

    SAMPLE = "sample", _("Sample")
    SPECIAL_SAMPLE = "special_sample", _("Special sample")
    TECHNICAL_DATA = "technical_data", _("Technical data")
    TECHNICAL_GUIDANCE = "technical_guidance", _("Technical guidance")
    TECHNICAL_AGREEMENT = "technical_agreement", _("Technical agreement")
    QUALITY_AGREEMENT = "quality_agreement", _("Quality agreement")


class PresalesStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
