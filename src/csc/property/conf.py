"""Numbers of the customer-property procedure, each a setting with the seed's value as default.

Override any of them in ``settings.CSC`` (e.g. ``CSC["PROPERTY_DAMAGE_TARGET"] = 0``).
"""

from csc.core.conf import settings_of

DEFAULTS = {
    # KPI (S3 process list): customer property damaged or lost, per month; target 0 times.
    "PROPERTY_DAMAGE_TARGET": 0,
    # Months shown on the KPI page.
    "PROPERTY_KPI_MONTHS": 12,
    # The register HT-QR-MA-10 is kept 1 year (S0 5.2.5 form list); for the retention jobs.
    "PROPERTY_REGISTER_RETENTION_YEARS": 1,
    # A periodic condition check appears in the queue this many days before it is due.
    "PROPERTY_CHECK_LEAD_DAYS": 7,
}


setting = settings_of(DEFAULTS)
