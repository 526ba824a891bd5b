"""The demo company's service desk: a month of requests that shows every state."""

from django.core.management import call_command

from csc.service.choices import IntakeStatus
from csc.service.models import InboundEmail, ServiceRequest


def test_the_demo_has_a_month_of_requests_breached_escalated_and_from_email(db):
    call_command("demo")
    requests = ServiceRequest.objects.all()
    assert requests.count() >= 14
    assert requests.filter(escalation_level__gt=0).exists()
    assert requests.filter(complaint__isnull=False).exists()
    assert requests.filter(channel="email").count() == 2
    assert requests.filter(subject__regex=r"^[A-Za-z]").exists()  # English ones too
    assert InboundEmail.objects.filter(status=IntakeStatus.QUARANTINED).count() == 1
    assert requests.filter(status="waiting").exists()
