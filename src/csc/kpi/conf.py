"""Settings of the indicators: targets (the seeds' quality objectives) and the rating band.

Override any of them in ``settings.CSC``; a target entered on the indicator's page for a period
takes precedence from that period on.
"""

from decimal import Decimal

from csc.core.conf import settings_of

DEFAULTS = {
    # S3 (IATF 16949 process list, quality objectives): 回款率 ≥ 96 %; 合同评审及时率 100 %;
    # 顾客财产损坏次数 0. The other targets are the areas' own settings or these defaults.
    "KPI_TARGETS": {
        "collection_rate": Decimal("96"),
        "complaint_rate": Decimal("1"),
        "ppm": Decimal("100"),
        "complaint_reply_on_time": Decimal("100"),
        "eightd_on_time": Decimal("100"),
        "premium_freight": Decimal("0"),
        "customer_disruptions": Decimal("0"),
        "field_returns": Decimal("10"),
        "ntf_rate": Decimal("20"),
        "service_first_answer_on_time": Decimal("95"),
        "service_resolution_on_time": Decimal("90"),
        "service_resolution_hours": Decimal("16"),
        "recalls": Decimal("0"),
        "capa_on_time": Decimal("90"),
        "repeat_complaint_rate": Decimal("5"),
    },
    # A value within this share of its target (beyond it on the bad side) is amber, not red.
    "KPI_AMBER_SHARE": Decimal("0.05"),
    "KPI_DASHBOARD_MONTHS": 12,
}

setting = settings_of(DEFAULTS)
