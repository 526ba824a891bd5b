"""Numbers of the after-sales procedure (S2 5.4, 5.6), each overridable in ``settings.CSC``.

Defaults come from seed S2 5.6.1.1: 三包 cover runs one year from the purchase or 30,000 km,
whichever comes first; a service agreement signed with the customer overrides both.
"""

from csc.core.conf import settings_of

DEFAULTS = {
    # SVC-7: the standard 三包 period in months from the purchase, and the mileage limit.
    "WARRANTY_MONTHS": 12,
    "WARRANTY_KM": 30_000,
    # Which date is the purchase: "delivery" (delivered_on, or shipped_on until delivery is
    # confirmed) or "shipment" (always shipped_on).
    "WARRANTY_START": "delivery",
    # SVC-9: a customer's purchases are compared month by month: the average of the last
    # WINDOW months against the average of the HISTORY months before them; a drop of at
    # least DROP_PERCENT raises an early warning.
    "EARLY_WARNING_WINDOW_MONTHS": 3,
    "EARLY_WARNING_HISTORY_MONTHS": 12,
    "EARLY_WARNING_DROP_PERCENT": 30,
    # Which purchase figure is compared: "amount" (value) or "quantity".
    "EARLY_WARNING_MEASURE": "amount",
    # Repeated 三包 claims on one product within this many days raise a warning.
    "EARLY_WARNING_CLAIM_DAYS": 90,
    "EARLY_WARNING_CLAIM_COUNT": 3,
    # So many field service jobs on one product within this many days raise a warning too
    # (the failures met at customers, with or without a claim).
    "EARLY_WARNING_FIELD_DAYS": 90,
    "EARLY_WARNING_FIELD_COUNT": 3,
    # A survey response scoring below this (0-100) raises a warning for its customer.
    "EARLY_WARNING_SATISFACTION_BELOW": 60,
    # SVC-5, S1 3.1.4.2: a quality problem met at installation is reported within this many
    # hours, counted on working days only (a weekend or holiday does not eat the time).
    "INSTALLATION_REPORT_HOURS": 24,
    # A report due within this many hours shows as "due soon".
    "INSTALLATION_REPORT_DUE_SOON_HOURS": 4,
    # A one-time receipt link works this many days, once.
    "RECEIPT_LINK_DAYS": 7,
    # The drawn signature is refused above this size (bytes of PNG).
    "SIGNATURE_MAX_BYTES": 300_000,
}


setting = settings_of(DEFAULTS)
