"""The customer list as an Excel ledger (客户一览表 FM-MKT-005): export and import columns."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from csc.core import xlsx
from csc.core.encryption import decrypt
from csc.core.privacy import masked_email, masked_phone

from .choices import ABCClass, CreditLevel, CustomerStatus
from .models import Contact, Customer
from .rules import credit_days_problem, masked_tail

EXPORT_COLUMNS = [
    ("code", gettext_lazy("Customer no.")),
    ("name", gettext_lazy("Name")),
    ("short_name", gettext_lazy("Short name")),
    ("abc_class", gettext_lazy("Class")),
    ("credit_level", gettext_lazy("Credit level")),
    ("credit_days", gettext_lazy("Credit period (days)")),
    ("status", gettext_lazy("Status")),
    ("region", gettext_lazy("Region")),
    ("industry", gettext_lazy("Industry")),
    ("address", gettext_lazy("Address")),
    ("postal_code", gettext_lazy("Postal code")),
    ("phone", gettext_lazy("Phone")),
    ("email", gettext_lazy("E-mail")),
    ("bank_name", gettext_lazy("Bank")),
    ("bank_account", gettext_lazy("Bank account no.")),
    # The 客户一览表 names the contact person too: the primary one, else the first by name.
    ("contact_name", gettext_lazy("Contact person")),
    ("contact_phone", gettext_lazy("Contact phone")),
    ("contact_email", gettext_lazy("Contact e-mail")),
    ("salesperson__username", gettext_lazy("Salesperson")),
    ("created_at", gettext_lazy("Created")),
]


def export_rows(queryset, plain_accounts, plain_contacts=False):
    """Yield one list per customer, streaming from the database in chunks.

    Account numbers are decrypted only for users allowed to see them; everyone else gets the
    masked tail, which needs no decryption. The contact's phone and e-mail are masked the same
    way for users who may not see them (SEC-2).
    """
    fields = [name for name, _label in EXPORT_COLUMNS]
    account = fields.index("bank_account")
    phone, email = fields.index("contact_phone"), fields.index("contact_email")
    status = fields.index("status")
    created = fields.index("created_at")
    if not plain_accounts:
        fields[account] = "bank_account_tail"
    status_labels = {k: str(v) for k, v in CustomerStatus.choices}
    # Excel has no time zones: write the company's local time (looked up once, not per row).
    zone = timezone.get_current_timezone()
    rows = _with_primary_contact(queryset).values_list(*fields)
    for values in rows.iterator(chunk_size=2000):
        row = list(values)
        row[status] = status_labels.get(row[status], row[status])
        row[created] = row[created].astimezone(zone).replace(tzinfo=None)
        if not plain_accounts:
            row[account] = masked_tail(row[account])
        # The contact's phone and e-mail come from a subquery: still the stored ciphertext.
        row[phone], row[email] = (decrypt(v) if v else v for v in (row[phone], row[email]))
        if not plain_contacts and row[phone] is not None:
            row[phone], row[email] = masked_phone(row[phone]), masked_email(row[email])
        yield row


def _with_primary_contact(queryset):
    """Annotate each customer with its primary contact's name, phone and e-mail, else its
    first contact's: three index lookups per row, which cost less than the row's formatting."""
    first = Contact.objects.filter(customer=OuterRef("pk")).order_by("-is_primary", "name", "pk")
    return queryset.annotate(
        contact_name=Subquery(first.values("name")[:1]),
        contact_phone=Subquery(first.values("phone")[:1]),
        contact_email=Subquery(first.values("email")[:1]),
    )


def export_headers():
    return [str(label) for _name, label in EXPORT_COLUMNS]


IMPORT_COLUMNS = [
    xlsx.Column("name", ("客户名称", "Name"), xlsx.text(200), required=True),
    xlsx.Column("short_name", ("简称", "Short name"), xlsx.text(60)),
    xlsx.Column("abc_class", ("分类", "Class"), xlsx.choice(ABCClass), required=True),
    xlsx.Column("credit_level", ("信用等级", "Credit level"), xlsx.choice(CreditLevel)),
    xlsx.Column("credit_days", ("信用期(天)", "Credit period (days)"), xlsx.whole_number),
    xlsx.Column("admitted_on", ("准入日期", "Admitted on"), xlsx.date),
    xlsx.Column("region", ("地区", "Region"), xlsx.text(80)),
    xlsx.Column("industry", ("行业", "Industry"), xlsx.text(80)),
    xlsx.Column("address", ("地址", "Address"), xlsx.text(300)),
    xlsx.Column("postal_code", ("邮编", "Postal code"), xlsx.text(12)),
    xlsx.Column("phone", ("电话", "Phone"), xlsx.text(40)),
    xlsx.Column("email", ("邮箱", "E-mail"), xlsx.email),
    xlsx.Column("bank_name", ("开户银行", "Bank"), xlsx.text(120)),
    xlsx.Column("bank_account", ("银行账号", "Bank account no."), xlsx.text(40)),
    xlsx.Column("salesperson", ("业务员", "Salesperson"), xlsx.text(150)),
    xlsx.Column("notes", ("备注", "Notes"), xlsx.text(2000)),
]


def validate_rows(rows):
    """Return (good rows as [(number, values)], errors) for parsed sheet rows.

    Besides each cell, checks duplicate names inside the file and against the database, and
    that the salesperson named is a known user — all with set-based queries.
    """
    errors, parsed = [], []
    for number, raw in rows:
        before = len(errors)
        values = xlsx.parse_row(number, raw, IMPORT_COLUMNS, errors)
        if len(errors) == before:
            _check_credit(number, values, errors)
        if len(errors) == before:
            parsed.append((number, values))
    parsed = _drop_duplicates(parsed, errors)
    parsed = _resolve_salespeople(parsed, errors)
    return parsed, sorted(errors, key=lambda e: (e.row, e.column))


def _check_credit(number, values, errors):
    """The same level/period rule as the admission form: level I is at most 30 days, etc."""
    problem = credit_days_problem(
        values.get("credit_level"),
        values.get("credit_days"),
        settings.CSC["CREDIT_LEVEL_I_MAX_DAYS"],
    )
    if problem:
        errors.append(xlsx.RowError(number, _column_label("credit_days"), str(problem)))


def _column_label(field):
    return next(c.labels[0] for c in IMPORT_COLUMNS if c.field == field)


def _drop_duplicates(parsed, errors):
    name_label = _column_label("name")
    seen, kept = {}, []
    existing = _existing_names({v["name"].lower() for _n, v in parsed})
    for number, values in parsed:
        key = values["name"].lower()
        if key in existing:
            errors.append(
                xlsx.RowError(number, name_label, _("A customer with this name already exists."))
            )
        elif key in seen:
            errors.append(
                xlsx.RowError(
                    number, name_label, _("Same name as row %(row)s.") % {"row": seen[key]}
                )
            )
        else:
            seen[key] = number
            kept.append((number, values))
    return kept


def _existing_names(lowered):
    found, names = set(), list(lowered)
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        found.update(
            Customer.objects.annotate(lname=Lower("name"))
            .filter(lname__in=chunk)
            .values_list("lname", flat=True)
        )
    return found


def _resolve_salespeople(parsed, errors):
    usernames = {v["salesperson"] for _n, v in parsed if v.get("salesperson")}
    users = dict(
        get_user_model().objects.filter(username__in=usernames).values_list("username", "pk")
    )
    label = _column_label("salesperson")
    kept = []
    for number, values in parsed:
        name = values.pop("salesperson", None)
        if name and name not in users:
            errors.append(xlsx.RowError(number, label, _("No user “%(name)s”.") % {"name": name}))
            continue
        values["salesperson_id"] = users.get(name)
        kept.append((number, values))
    return kept
