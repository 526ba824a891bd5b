"""The customer master (CUS-1…CUS-7): customers, contacts, class and credit history, admission."""

from django.conf import settings
from django.core.validators import validate_email
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.encryption import DigestField, EncryptedCharField, digest
from csc.core.models import AuditedModel, VersionedModel
from csc.core.privacy import CONTACT_DETAILS_PERMISSION, masked_email, masked_phone

from .choices import ABCClass, AdmissionStatus, CreditLevel, CustomerStatus, RequestStatus


class CustomerQuerySet(models.QuerySet):
    def admitted(self):
        """Return customers that passed admission and are active: the only ones given orders."""
        return self.filter(status=CustomerStatus.ACTIVE)


class Customer(VersionedModel):
    """One customer of the 客户一览表 (FM-MKT-005)."""

    customer_lookup = "pk"

    code = models.CharField(_("customer no."), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=12, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    bank_name = models.CharField(_("bank"), max_length=120, blank=True)
    bank_account = EncryptedCharField(_("bank account no."), max_length=40, blank=True)
    # The last digits, kept in clear so lists and exports can mask without decrypting.
    bank_account_tail = models.CharField(max_length=4, blank=True, editable=False)
    industry = models.CharField(_("industry"), max_length=80, blank=True)
    region = models.CharField(_("region"), max_length=80, blank=True)
    abc_class = models.CharField(
        _("class"), max_length=1, choices=ABCClass.choices, default=ABCClass.C
    )
    credit_level = models.CharField(
        _("credit level"), max_length=3, choices=CreditLevel.choices, blank=True
    )
    credit_days = models.PositiveSmallIntegerField(_("credit period (days)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CustomerStatus.choices, default=CustomerStatus.PENDING
    )
    language = models.CharField(
        _("correspondence language"), max_length=10, choices=settings.LANGUAGES, default="zh-hans"
    )
    salesperson = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("salesperson"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="customers",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CustomerQuerySet.as_manager()

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name"]
        permissions = [
            ("view_bank_account", _("Can see bank account numbers")),
            ("change_class", _("Can change a customer's ABC class")),
            ("approve_credit", _("Can approve credit levels I and II (executive VP)")),
            ("approve_annual_credit", _("Can approve credit level III (executive VP's assistant)")),
            ("import_customer", _("Can import customers from Excel")),
            ("export_customer", _("Can export the customer list")),
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="customer_status_name"),
            models.Index(fields=["abc_class", "name"], name="customer_class_name"),
            models.Index(fields=["region", "name"], name="customer_region_name"),
            models.Index(fields=["created_at"], name="customer_created"),
            models.Index(fields=["salesperson", "name"], name="customer_sales_name"),
            # The list's filters in one covering index: the pager's COUNT of any status/class
            # (+ region, credit, industry, salesperson) filter reads only this index, and
            # "newest first" within a status and class needs no sort (bench: 50 ms → 2 ms).
            models.Index(
                fields=[
                    "status",
                    "abc_class",
                    "created_at",
                    "region",
                    "credit_level",
                    "industry",
                    "salesperson",
                ],
                name="customer_filter",
            ),
            # A substring search scans these three narrow columns, in name order, instead of
            # the whole rows (bench: 2× faster; see _search_page in views).
            models.Index(fields=["name", "short_name", "code"], name="customer_search"),
            # Names are unique regardless of case: the check before every save uses this.
            models.Index(Lower("name"), name="customer_name_ci"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("customers:detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.bank_account_tail = (self.bank_account or "")[-4:]
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "bank_account" in update_fields:
            kwargs["update_fields"] = {*update_fields, "bank_account_tail"}
        super().save(*args, **kwargs)


class ContactQuerySet(models.QuerySet):
    def update(self, **values):
        # A queryset update skips the model's save: keep the e-mail's lookup digest with it.
        if "email" in values:
            values["email_digest"] = digest(values["email"])
        return super().update(**values)


class Contact(AuditedModel):
    """A person at the customer; with a login, they use the portal and see their own records."""

    audit_parent = "customer"  # its changes show on that record's history

    customer_lookup = "customer"
    # Personal data (SEC-2): the history shows them masked to readers without the permission.
    private_fields = {"phone": masked_phone, "email": masked_email}
    private_permission = CONTACT_DETAILS_PERMISSION

    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(pgettext_lazy("person", "name"), max_length=80)
    title = models.CharField(pgettext_lazy("job title", "title"), max_length=80, blank=True)
    # Encrypted at rest like bank accounts (SEC-2); the e-mail is found by its keyed digest
    # (mail intake matches a sender to its contact).
    phone = EncryptedCharField(_("phone"), max_length=40, blank=True, masker=masked_phone)
    email = EncryptedCharField(
        _("e-mail"), max_length=254, blank=True, validators=[validate_email], masker=masked_email
    )
    email_digest = DigestField(source="email", db_index=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customer_contact",
    )

    objects = ContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-is_primary", "name"]
        permissions = [
            ("view_contact_details", _("Can see contact persons' phone numbers and e-mail")),
        ]

    def __str__(self):
        return f"{self.name} ({self.customer})"


class ClassChange(AuditedModel):
    """One change of a customer's ABC class: the class history (CUS-2)."""

    audit_parent = "customer"  # its changes show on that record's history

    customer_lookup = "customer"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="class_changes")
    old_class = models.CharField(_("from"), max_length=1, choices=ABCClass.choices, blank=True)
    new_class = models.CharField(_("to"), max_length=1, choices=ABCClass.choices)
    reason = models.TextField(_("reason"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("class change")
        verbose_name_plural = _("class history")
        ordering = ["-changed_at", "-id"]

    def __str__(self):
        return f"{self.customer}: {self.old_class or '–'} → {self.new_class}"


class CreditChange(VersionedModel):
    """A salesperson's request to change a customer's credit level, and its decision (CUS-3)."""

    audit_parent = "customer"  # its changes show on that record's history

    customer_lookup = "customer"

    customer = models.ForeignKey(
        Customer,
        verbose_name=_("customer"),
        on_delete=models.CASCADE,
        related_name="credit_changes",
    )
    old_level = models.CharField(
        _("current level"), max_length=3, choices=CreditLevel.choices, blank=True
    )
    old_days = models.PositiveSmallIntegerField(_("current period (days)"), null=True, blank=True)
    new_level = models.CharField(_("requested level"), max_length=3, choices=CreditLevel.choices)
    new_days = models.PositiveSmallIntegerField(_("requested period (days)"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("credit level change")
        verbose_name_plural = _("credit level changes")
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "requested_at"], name="creditchange_status")]

    def __str__(self):
        return f"{self.customer}: {self.old_level or '–'} → {self.new_level}"

    def get_absolute_url(self):
        return reverse("customers:credit-change", args=[self.pk])


class CustomerAdmission(VersionedModel):
    """The new-customer application (新客户申请表) and its approval (CUS-4)."""

    audit_parent = "customer"  # its changes show on that record's history

    customer_lookup = "customer"

    number = models.CharField(_("application no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        Customer, verbose_name=_("customer"), on_delete=models.CASCADE, related_name="admissions"
    )
    requested_level = models.CharField(
        _("requested credit level"), max_length=3, choices=CreditLevel.choices
    )
    requested_days = models.PositiveSmallIntegerField(
        _("requested credit period (days)"), null=True, blank=True
    )
    business_scope = models.TextField(_("business and main products"), blank=True)
    scale = models.CharField(_("size (staff, revenue)"), max_length=200, blank=True)
    expected_volume = models.CharField(_("expected annual purchase"), max_length=120, blank=True)
    investigation = models.TextField(_("salesperson's investigation"))
    status = models.CharField(
        _("status"), max_length=10, choices=AdmissionStatus.choices, default=AdmissionStatus.DRAFT
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("applicant"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    class Meta:
        verbose_name = _("customer admission")
        verbose_name_plural = _("customer admissions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="admission_status")]

    def __str__(self):
        return f"{self.number} {self.customer}"

    def get_absolute_url(self):
        return reverse("customers:admission", args=[self.pk])


class PurchaseVolume(models.Model):
    """Quantity and value a customer bought in a month (CUS-7), filled from shipments.

    Orders and shipments write these rows; the early-warning check (SVC-9) compares periods.
    """

    customer_lookup = "customer"

    customer = models.ForeignKey(Customer, on_delete=models.CASCADE, related_name="volumes")
    period = models.DateField(_("month"))
    quantity = models.DecimalField(_("quantity"), max_digits=16, decimal_places=3, default=0)
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("purchase volume")
        verbose_name_plural = _("purchase volumes")
        constraints = [
            models.UniqueConstraint(fields=["customer", "period"], name="uniq_volume_period")
        ]

    def __str__(self):
        return f"{self.customer} {self.period:%Y-%m}"
