"""Demo actions: those of the closed demo complaints verified and closed, one audit finding."""

import datetime as dt

from django.utils import timezone

from . import actions
from .choices import CapaStatus
from .models import Capa


def load(users):
    if Capa.objects.filter(source="audit").exists():
        return
    quality, mr = users["quality"], users["mr"]
    for capa in Capa.objects.filter(source="complaint", status=CapaStatus.OPEN).order_by("id"):
        record = capa.source_record
        if record is not None and record.status == "closed":
            actions.start_capa(capa.department.members.first() or quality, capa)
            actions.submit_capa(quality, capa, "见 8D 报告 D5/D6：措施已实施。")
            actions.verify_capa(mr, capa, "连续三个月无同类投诉，措施有效。")
    audit = actions.create_capa(
        quality,
        {
            "source": "audit",
            "category": "quality",
            "title": "内审发现：首件检验记录不完整",
            "description": "IATF 16949 8.5.1.3：冲压线首件记录缺少操作者签字。",
            "due_date": timezone.localdate() + dt.timedelta(days=21),
        },
    )
    actions.start_capa(quality, audit, "已安排培训")
