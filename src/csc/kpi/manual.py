"""The indicators whose data lives outside CSC: their values are entered by hand (who, when)."""

from django.utils.translation import gettext_lazy as _

from csc.core.choices import Role

from .indicators import HIGHER, LOWER, Indicator

INDICATORS = [
    Indicator(
        "collection_rate",
        _("Collection rate"),
        _(
            "Payments received ÷ receivables due in the month (a finance figure, entered by hand)."
        ),  # fmt: skip
        "%",
        HIGHER,
        source="kpi",
        owner=Role.SALES,
        order=12,
        clause="S3 销售过程",
    ),  # fmt: skip
    Indicator(
        "premium_freight",
        _("Premium freight"),
        _("Shipments sent by special, costlier transport to keep a delivery (entered by hand)."),
        "count",
        LOWER,
        source="kpi",
        owner=Role.MATERIALS,
        order=13,
        clause="IATF 9.1.2.1",
    ),  # fmt: skip
    Indicator(
        "customer_disruptions",
        _("Customer disruptions"),
        _(
            "Disruptions at the customer's plant caused by us: stops, yard holds, stop-ships (entered by hand)."
        ),  # fmt: skip
        "count",
        LOWER,
        source="kpi",
        owner=Role.QUALITY,
        order=24,
        clause="IATF 9.1.2.1",
    ),  # fmt: skip
]
