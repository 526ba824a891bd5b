"""Contact persons' personal data (SEC-2): who may read it in clear, and how it shows masked.

A contact's phone and e-mail are stored encrypted, and so is every copy of them the system
keeps: invitation and receipt addresses, the outbox's recipients, a mail's sender, a notice's
"to". Users without the permission read them masked; a page showing them in clear is logged.
"""

from django.core.validators import validate_email

from .encryption import EncryptedCharField
from .permissions import can

CONTACT_DETAILS_PERMISSION = "customers.view_contact_details"
# Written as they are when masking a phone number: its shape stays readable, 138-****-5678.
PHONE_SEPARATORS = frozenset(" -+()./")
# Below this many digits a number has no area code or mobile prefix worth showing.
PHONE_LONG_DIGITS = 11


def may_see_contact_details(user):
    return can(user, CONTACT_DETAILS_PERMISSION)


def masked_phone(phone):
    """Return 138****5678 for 13812345678; shorter numbers keep only their last two digits.

    Separators keep their place, any other character (a name, a WeChat id) is starred too.
    A value already masked (as the audit trail keeps it) stays as it is.
    """
    phone = (phone or "").strip()
    if "*" in phone:
        return phone
    digits = sum(ch.isdigit() for ch in phone)
    if digits >= PHONE_LONG_DIGITS:
        head, tail = 3, 4
    else:
        head, tail = 0, 2 if digits > 2 else 0
    shown, seen = [], 0
    for ch in phone:
        if ch in PHONE_SEPARATORS:
            shown.append(ch)
            continue
        if ch.isdigit():
            seen += 1
            if seen <= head or seen > digits - tail:
                shown.append(ch)
                continue
        shown.append("*")
    return "".join(shown)


def masked_email(email):
    """Return z***@example.com for zhang.san@example.com: the first letter and the domain."""
    email = (email or "").strip()
    if not email or "***" in email:  # none, or already masked
        return email
    local, at, domain = email.rpartition("@")
    if not at:
        local, domain = email, ""
    first = local[:1] if len(local) > 1 else ""  # one letter would be the whole name
    return f"{first}***{at}{domain}"


def masked_address(text):
    """Mask the e-mail addresses and numbers in ``text``, keeping its words: a notice's "to"
    is an address, a number, or whom was phoned ("采购 王 0512-62880000" → "采购 王 051*-****0000");
    names show in clear, as a contact's name does."""
    return " ".join(_masked_word(word) for word in (text or "").split())


def _masked_word(word):
    if "@" in word:
        return masked_email(word)
    return masked_phone(word) if any(ch.isdigit() for ch in word) else word


def masked_addresses(text):
    """Mask each address of a comma-separated list (an e-mail's recipients)."""
    return ", ".join(masked_address(part) for part in (text or "").split(",") if part.strip())


def shown_to(plain, value, masker=masked_address):
    """Return ``value`` in clear for a reader who may see it (``plain``), else masked."""
    return value if plain else masker(value)


def encrypted_email(verbose_name, **options):
    """Return a field for an e-mail address that may be a contact person's: encrypted at rest
    and masked in the audit trail, like the contact's own (SEC-2)."""
    options = {"max_length": 254, "blank": True, "validators": [validate_email], **options}
    return EncryptedCharField(verbose_name, masker=masked_email, **options)


def encrypted_address(verbose_name, **options):
    """Return a field for an e-mail address or a phone number (whom a notice went to)."""
    return EncryptedCharField(verbose_name, masker=masked_address, **options)
