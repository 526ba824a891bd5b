"""The demo company's field service: jobs in both languages that show every state."""

import pytest
from django.core.management import call_command

from csc.aftersales.models import (
    FieldServiceRecord,
    RepairReturn,
    ServiceReceipt,
    ServiceStaff,
    ServiceSummary,
)


@pytest.mark.django_db
def test_the_demo_has_signed_waiting_and_installation_jobs_and_a_counted_return():
    call_command("demo")
    assert set(ServiceStaff.objects.values_list("posting", flat=True)) == {"resident", "travelling"}  # fmt: skip
    records = FieldServiceRecord.objects.all()
    assert set(records.values_list("status", flat=True)) == {"signed", "completed", "open"}
    assert records.filter(defect__regex=r"^[A-Za-z]").exists()  # English ones too
    assert records.filter(report_due_at__isnull=False, reported_at__isnull=True).exists()
    assert ServiceReceipt.objects.get().signature_png
    assert RepairReturn.objects.get().status == "received"
    summaries = dict(ServiceSummary.objects.values_list("status", "signed_by__username"))
    assert summaries == {"signed": "vp", "draft": None}
