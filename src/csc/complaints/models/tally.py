"""Monthly roll-ups of the complaint KPIs (CMP-11), so a year's figures read a few hundred
rows, not every complaint of the year (csc.complaints.tallies keeps and reads them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TallyChange(models.Model):
    """A complaint whose month's tallies are to be recounted: written by database triggers
    (migration 0008) on every change of a complaint or an 8D that a KPI reads, whoever writes
    it, and consumed by the next reader of the tallies."""

    derived = True  # counted from the complaints: left out of backups (core.backup)

    received_at = models.DateTimeField()

    class Meta:
        verbose_name = _("KPI tally change")

    def __str__(self):
        return f"{self.received_at:%Y-%m-%d %H:%M}"


class MonthTally(models.Model):
    """The counted complaints of one month (company time zone) with one category and 5M1E
    class: how many, the rejected parts and replies of those found ours, and their 8Ds."""

    derived = True  # counted from the complaints: left out of backups (core.backup)

    month = models.DateField()  # the month's first day
    category = models.CharField(max_length=16)
    cause_class = models.CharField(max_length=16, blank=True)
    complaints = models.PositiveIntegerField(default=0)
    rejected = models.DecimalField(max_digits=18, decimal_places=3, default=0)
    replied = models.PositiveIntegerField(default=0)
    replied_on_time = models.PositiveIntegerField(default=0)
    eightds = models.PositiveIntegerField(default=0)
    eightds_closed = models.PositiveIntegerField(default=0)
    eightds_on_time = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("KPI month tally")
        constraints = [
            models.UniqueConstraint(
                fields=["month", "category", "cause_class"], name="month_tally_key"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.category} {self.cause_class}: {self.complaints}"


class CustomerMonthTally(models.Model):
    """The counted complaints of one customer in one month, and the rejected parts of those
    found ours (``ours`` of them)."""

    derived = True  # counted from the complaints: left out of backups (core.backup)

    month = models.DateField()
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="+")
    complaints = models.PositiveIntegerField(default=0)
    ours = models.PositiveIntegerField(default=0)
    rejected = models.DecimalField(max_digits=18, decimal_places=3, default=0)

    class Meta:
        verbose_name = _("KPI customer month tally")
        constraints = [
            models.UniqueConstraint(fields=["month", "customer"], name="customer_month_tally_key")
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.customer_id}: {self.complaints}"
