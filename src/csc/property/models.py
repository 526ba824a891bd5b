"""Customer property (PRP-1…PRP-7): the register, received lots, the stock ledger, anomalies,
stocktakes and condition checks.

The ledger (``Movement``) is the only source of quantities: a balance is always a SUM over it,
at any date, never a stored number that could drift from the entries.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from csc.core.models import AuditedModel, VersionedModel
from csc.core.privacy import encrypted_address

from .choices import (
    AnomalyKind,
    AnomalyOutcome,
    AnomalyStatus,
    CheckResult,
    CheckStatus,
    Disposition,
    IqcResult,
    ItemStatus,
    Kind,
    LotStatus,
    MovementKind,
    NoticeVia,
    SortRejects,
    StocktakeStatus,
)

QUANTITY = {"max_digits": 14, "decimal_places": 3}
#: Owner fields lists never show: deferred so loading a customer with a row decrypts nothing.
NO_SECRETS = ("customer__bank_account", "customer__notes")


def _user(verbose_name, null=True):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=null,
        blank=null,
        on_delete=models.PROTECT,
        related_name="+",
    )


class PropertyItem(VersionedModel):
    """One line of the customer property register (顾客财产登记表, HT-QR-MA-10)."""

    customer_lookup = "customer"

    number = models.CharField(_("property no."), max_length=20, unique=True)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("owner (customer)"),
        on_delete=models.PROTECT,
        related_name="property_items",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    part_no = models.CharField(_("customer's part no."), max_length=60, blank=True)
    serial_no = models.CharField(_("serial no."), max_length=60, blank=True)
    unit = models.CharField(_("unit"), max_length=20, default="pcs")
    location = models.CharField(_("storage location"), max_length=80, blank=True)
    storage_temperature = models.CharField(_("temperature"), max_length=40, blank=True)
    storage_humidity = models.CharField(_("humidity"), max_length=40, blank=True)
    protection = models.CharField(_("protection"), max_length=200, blank=True)
    check_interval_days = models.PositiveSmallIntegerField(
        _("condition check every (days)"), null=True, blank=True
    )
    next_check_due = models.DateField(_("next condition check"), null=True, blank=True)
    needs_iqc = models.BooleanField(_("needs incoming inspection"), default=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.ACTIVE
    )
    void_reason = models.TextField(_("reason voided"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    registered_by = _user(_("registered by"))
    registered_at = models.DateTimeField(_("registered"), default=timezone.now)

    class Meta:
        verbose_name = _("customer property item")
        verbose_name_plural = _("customer property register")
        ordering = ["-number"]
        permissions = [
            ("receive_property", _("Can receive customer property against a delivery note")),
            ("sign_for_property", _("Can sign for samples and labels received directly")),
            ("inspect_property", _("Can record the IQC result of a received lot")),
            ("notify_property_customer", _("Can notify the customer about its property")),
            ("dispose_property", _("Can record the disposition agreed with the customer")),
            ("issue_property", _("Can issue customer property to production")),
            ("return_property", _("Can return or scrap customer property")),
            ("check_property", _("Can record condition checks")),
            ("export_property", _("Can export the register and the ledger")),
        ]
        indexes = [
            models.Index(fields=["customer", "number"], name="propitem_customer_number"),
            models.Index(fields=["kind", "number"], name="propitem_kind_number"),
            models.Index(fields=["location", "number"], name="propitem_location_number"),
            models.Index(fields=["status", "next_check_due"], name="propitem_check_due"),
        ]

    def __str__(self):
        return f"{self.number} {self.name}"

    def get_absolute_url(self):
        return reverse("property:detail", args=[self.pk])

    @property
    def storage_requirements(self):
        parts = [self.storage_temperature, self.storage_humidity, self.protection]
        return " · ".join(p for p in parts if p)


class CustomerNotice(models.Model):
    """How and when the customer was told (PRP-3, PRP-5): the record ISO 8.5.3 asks for."""

    notice_via = models.CharField(
        pgettext_lazy("notice channel", "notified by"),
        max_length=8,
        choices=NoticeVia.choices,
        blank=True,
    )
    # The contact's address or phone, or whom was phoned: encrypted like a contact's (SEC-2).
    notice_to = encrypted_address(_("notified"), max_length=200, blank=True)
    notice_text = models.TextField(_("notice"), blank=True)
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)
    notified_by = _user(_("notice given by"))
    notice_email = models.ForeignKey(
        "core.OutboxEmail",
        verbose_name=_("e-mail"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Lot(VersionedModel, CustomerNotice):
    """One delivery received against the customer's delivery note (收料单): one lot of one item,
    its checks on receipt, its IQC result and, if nonconforming, what the customer agreed."""

    audit_parent = "item"  # its changes show on that record's history

    customer_lookup = "item__customer"

    number = models.CharField(_("receipt no."), max_length=20, unique=True)
    item = models.ForeignKey(
        PropertyItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="lots"
    )
    delivery_note_no = models.CharField(_("delivery note no."), max_length=60, blank=True)
    lot_no = models.CharField(_("lot no."), max_length=60, blank=True)
    quantity_declared = models.DecimalField(_("quantity on delivery note"), **QUANTITY)
    quantity_received = models.DecimalField(_("quantity received"), **QUANTITY)
    appearance_ok = models.BooleanField(_("appearance OK"), default=True)
    identification_ok = models.BooleanField(_("identification OK"), default=True)
    receipt_note = models.TextField(_("receipt note"), blank=True)
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    received_by = _user(_("received by"))
    signed_for = models.BooleanField(_("signed for by Marketing"), default=False)
    status = models.CharField(
        _("status"), max_length=14, choices=LotStatus.choices, default=LotStatus.AWAITING_IQC
    )
    iqc_result = models.CharField(
        _("IQC result"), max_length=4, choices=IqcResult.choices, blank=True
    )
    iqc_sample_size = models.PositiveIntegerField(_("sample size"), null=True, blank=True)
    iqc_defects = models.PositiveIntegerField(_("defects found"), null=True, blank=True)
    iqc_report = models.TextField(_("IQC report"), blank=True)
    inspected_by = _user(_("inspected by"))
    inspected_at = models.DateTimeField(_("inspected"), null=True, blank=True)
    disposition = models.CharField(
        _("disposition"), max_length=10, choices=Disposition.choices, blank=True
    )
    disposition_note = models.TextField(_("disposition note"), blank=True)
    agreed_with = models.CharField(_("agreed with (customer)"), max_length=120, blank=True)
    disposed_by = _user(_("disposition recorded by"))
    disposed_at = models.DateTimeField(_("disposition recorded"), null=True, blank=True)
    sort_rejects = models.CharField(
        _("sorted-out parts"), max_length=8, choices=SortRejects.choices, blank=True
    )
    sorted_good = models.DecimalField(_("good after sorting"), null=True, blank=True, **QUANTITY)

    class Meta:
        verbose_name = _("received lot")
        verbose_name_plural = _("receipts")
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["item", "received_on"], name="lot_item_received"),
            models.Index(fields=["status", "received_on"], name="lot_status_received"),
        ]

    def __str__(self):
        return f"{self.number} ({self.lot_no})" if self.lot_no else self.number

    def get_absolute_url(self):
        return reverse("property:lot", args=[self.pk])

    @property
    def short_quantity(self):
        return max(self.quantity_declared - self.quantity_received, 0)


class AppendOnlyLedger(models.QuerySet):
    """Ledger entries are corrected by new entries, never edited or deleted."""

    def update(self, **kwargs):
        raise PermissionError("ledger entries cannot be changed")

    def delete(self):
        raise PermissionError("ledger entries cannot be deleted")


class Movement(AuditedModel):
    """One entry of the stock ledger (库存进出帐): positive in, negative out."""

    audit_parent = "item"  # its changes show on that record's history

    customer_lookup = "customer"

    item = models.ForeignKey(
        PropertyItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="movements"
    )
    lot = models.ForeignKey(
        Lot, verbose_name=_("lot"), on_delete=models.PROTECT, related_name="movements"
    )
    # The item's owner, copied so ledger pages filter by customer without a join.
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.PROTECT, related_name="+", verbose_name=_("customer")
    )
    kind = models.CharField(_("movement"), max_length=8, choices=MovementKind.choices)
    quantity = models.DecimalField(_("quantity"), **QUANTITY)
    moved_on = models.DateField(_("date"), default=timezone.localdate)
    moved_at = models.DateTimeField(_("recorded"), default=timezone.now)
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    note = models.TextField(_("note"), blank=True)
    created_by = _user(_("by"))
    stocktake = models.ForeignKey(
        "Stocktake", null=True, blank=True, on_delete=models.PROTECT, related_name="movements"
    )

    objects = AppendOnlyLedger.as_manager()

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("stock ledger")
        ordering = ["-moved_on", "-id"]
        indexes = [
            # Balance of an item at a date, and the item's ledger in date order: an index-only
            # range scan (item, up to the date), the quantity read from the index itself.
            models.Index(fields=["item", "moved_on", "id", "quantity"], name="movement_item_date"),
            # The same per lot: balances by lot, FIFO issues, lot checks.
            models.Index(fields=["item", "lot", "moved_on", "quantity"], name="movement_balance"),
            models.Index(fields=["customer", "moved_on"], name="movement_customer_date"),
            models.Index(fields=["moved_on", "id"], name="movement_date"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.quantity} · {self.moved_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("property:lot", args=[self.lot_id])

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("ledger entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("ledger entries cannot be deleted")


class Anomaly(VersionedModel, CustomerNotice):
    """Something wrong with customer property, found by any department (PRP-5, S0 5.2.3)."""

    audit_parent = "item"  # its changes show on that record's history

    customer_lookup = "item__customer"

    number = models.CharField(_("anomaly no."), max_length=20, unique=True)
    item = models.ForeignKey(
        PropertyItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="anomalies"
    )
    lot = models.ForeignKey(
        Lot,
        verbose_name=_("lot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="anomalies",
    )
    kind = models.CharField(_("anomaly"), max_length=12, choices=AnomalyKind.choices)
    quantity = models.DecimalField(_("quantity affected"), null=True, blank=True, **QUANTITY)
    description = models.TextField(_("what was found"))
    reported_by = _user(_("reported by"), null=False)
    department = models.ForeignKey(
        "core.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=AnomalyStatus.choices, default=AnomalyStatus.REPORTED
    )
    confirmed_by = _user(_("confirmed by"))
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    confirm_note = models.TextField(_("Materials' note"), blank=True)
    outcome = models.CharField(
        _("disposition"), max_length=10, choices=AnomalyOutcome.choices, blank=True
    )
    outcome_note = models.TextField(_("disposition note"), blank=True)
    closed_by = _user(_("closed by"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("property anomaly")
        verbose_name_plural = _("property anomalies")
        ordering = ["-reported_at", "-id"]
        permissions = [("confirm_anomaly", _("Can confirm and dispose of property anomalies"))]
        indexes = [
            models.Index(fields=["status", "reported_at"], name="anomaly_status"),
            models.Index(fields=["kind", "reported_at"], name="anomaly_kind"),
            models.Index(fields=["item", "reported_at"], name="anomaly_item"),
        ]

    def __str__(self):
        return f"{self.number} {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("property:anomaly", args=[self.pk])


class Stocktake(VersionedModel):
    """A count of customer property (盘点): book vs counted, differences explained, approved."""

    number = models.CharField(_("stocktake no."), max_length=20, unique=True)
    counted_on = models.DateField(_("count date"), default=timezone.localdate)
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    location = models.CharField(_("storage location"), max_length=80, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StocktakeStatus.choices,
        default=StocktakeStatus.COUNTING,
    )
    note = models.TextField(_("note"), blank=True)
    opened_by = _user(_("opened by"), null=False)
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    submitted_by = _user(_("submitted by"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_by = _user(_("approved by"))
    approved_at = models.DateTimeField(pgettext_lazy("time", "approved"), null=True, blank=True)
    approval_note = models.TextField(_("approval note"), blank=True)
    posted_by = _user(_("posted by"))
    posted_at = models.DateTimeField(_("posted"), null=True, blank=True)

    class Meta:
        verbose_name = _("stocktake")
        verbose_name_plural = _("stocktakes")
        ordering = ["-counted_on", "-id"]
        permissions = [
            ("count_stock", _("Can count customer property in a stocktake")),
            ("approve_stocktake", _("Can approve stocktake differences")),
        ]

    def __str__(self):
        return f"{self.number} {self.counted_on:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("property:stocktake", args=[self.pk])


class StocktakeLine(AuditedModel):
    """One row of the count sheet: a lot, its book quantity and what was counted."""

    audit_parent = "stocktake"  # its changes show on that record's history

    customer_lookup = "item__customer"

    stocktake = models.ForeignKey(Stocktake, on_delete=models.CASCADE, related_name="lines")
    item = models.ForeignKey(PropertyItem, on_delete=models.PROTECT, related_name="+")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="+")
    book_quantity = models.DecimalField(_("book"), **QUANTITY)
    counted_quantity = models.DecimalField(_("counted"), null=True, blank=True, **QUANTITY)
    explanation = models.TextField(_("explanation of the difference"), blank=True)
    counted_by = _user(_("counted by"))
    counted_at = models.DateTimeField(_("counted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("count sheet line")
        verbose_name_plural = _("count sheet")
        ordering = ["item__number", "lot__number"]
        constraints = [
            models.UniqueConstraint(fields=["stocktake", "lot"], name="uniq_stocktake_lot")
        ]

    def __str__(self):
        return f"{self.stocktake.number}: {self.lot_id}"

    @property
    def difference(self):
        if self.counted_quantity is None:
            return None
        return self.counted_quantity - self.book_quantity


class ConditionCheck(AuditedModel):
    """A periodic condition check of an item, or a condition log entry of tooling (PRP-7)."""

    audit_parent = "item"  # its changes show on that record's history

    customer_lookup = "item__customer"

    item = models.ForeignKey(
        PropertyItem, verbose_name=_("item"), on_delete=models.PROTECT, related_name="checks"
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=6, choices=CheckStatus.choices, default=CheckStatus.DUE
    )
    overdue = models.BooleanField(_("overdue"), default=False)
    checked_on = models.DateField(_("checked on"), null=True, blank=True)
    checked_by = _user(_("checked by"))
    result = models.CharField(_("result"), max_length=10, choices=CheckResult.choices, blank=True)
    temperature = models.CharField(_("temperature found"), max_length=40, blank=True)
    humidity = models.CharField(_("humidity found"), max_length=40, blank=True)
    note = models.TextField(_("condition"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("condition check")
        verbose_name_plural = _("condition checks")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="check_status_due"),
            models.Index(fields=["item", "created_at"], name="check_item"),
        ]
        constraints = [
            # The scheduler never creates a second open check for the same item.
            models.UniqueConstraint(
                fields=["item"], condition=Q(status="due"), name="one_open_check_per_item"
            )
        ]

    def __str__(self):
        when = self.checked_on or self.due_on
        return f"{self.item.number} · {when:%Y-%m-%d}" if when else self.item.number

    def get_absolute_url(self):
        return reverse("property:detail", args=[self.item_id]) + "#checks"
