"""Demo indicator values: a year of the hand-entered figures, snapshots of the ended months
(the older ones closed) and a management review of the last quarter, pack not yet made."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from . import actions, indicators
from .models import ManagementReview, Snapshot

# Collection rate (%), premium freight and customer disruptions of the last twelve months.
FIGURES = {
    "collection_rate": [97.2, 96.5, 95.1, 98.0, 96.8, 94.9, 97.5, 96.1, 97.9, 96.4, 95.8, 97.0],
    "premium_freight": [1, 0, 2, 0, 0, 1, 0, 3, 1, 0, 0, 1],
    "customer_disruptions": [0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0],
}


def load(users):
    if Snapshot.objects.exists():
        return
    today = timezone.localdate()
    ended = indicators.periods_back(today, 13)[:-1]
    mr = users["mr"]
    for code, figures in FIGURES.items():
        enterer = users["sales"] if code == "collection_rate" else users["materials"]
        for start, figure in zip(ended, figures, strict=True):
            actions.enter_value(enterer, code, start, Decimal(str(figure)))
    for start in ended[:-2]:
        actions.close_month(mr, start)
    for start in ended[-2:]:
        actions.record_snapshots(start, today)
    _review(mr, ended)


def _review(mr, ended):
    if ManagementReview.objects.exists():
        return
    quarter_end = indicators.next_period(ended[-1]) - dt.timedelta(days=1)
    actions.write_sections(
        mr,
        actions.create_review(mr, {"period_start": ended[-3], "period_end": quarter_end}),
        {
            "summary": "本季度客户投诉率与 PPM 均在目标内；回款率两次低于 96 %。",
            "improvements": "缩短 8D 的 D4 根本原因分析时间；对回款率偏低客户加强催收。",
        },
    )
