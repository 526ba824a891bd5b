"""Numbers of the customer-property procedure, each a setting with the seed's value as default.

Override any of them in ``settings.CSC`` (e.g. ``CSC["PROPERTY_DAMAGE_TARGET"] = 0``).
"""

from django.conf import settings

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


_setting = settings_of(DEFAULTS)


def setting(name):
    """Return ``settings.CSC[name]``, or this app's default; the register's retention may also
    come from the company's RETENTION_YEARS table."""
    if name == "PROPERTY_REGISTER_RETENTION_YEARS":
        retention = settings.CSC.get("RETENTION_YEARS", {})
        if "property_register" in retention:
            return retention["property_register"]
    return _setting(name)
