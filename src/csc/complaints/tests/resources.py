"""Complaints, returns and monthly reviews for the generated tests in
``csc.core.tests.test_resources`` (permissions, audit, query counts, customer isolation)."""

import datetime as dt
import itertools
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from csc.complaints import actions
from csc.complaints.models import Complaint, MonthlyReview, Reply, Return
from csc.core.models import Attachment, OutboxEmail
from csc.core.tests.resource_base import Resource, Write
from csc.customers.models import Contact
from csc.service.models import InboundEmail

from . import makers

_months = itertools.count(0)


def make_complaint(people):
    return makers.complaint(people)


def own_complaint(people):
    return makers.complaint(people, cust=Contact.objects.get(user=people.contact).customer)


def add_complaint_details(people, complaint, count):
    """Give a complaint ``count`` replies (sent, answered), customer e-mails, returns and
    files, all shown on its page and its conversation."""
    content_type = ContentType.objects.get_for_model(complaint)
    for index in range(count):
        key = f"{complaint.pk}-{index}-{count}"
        email = OutboxEmail.objects.create(
            to="buyer@customer.example",
            subject=f"回复{index}",
            body="内容",
            message_id=f"<o{key}@t>",
        )
        Reply.objects.create(
            complaint=complaint, subject=f"回复{index}", body="内容", drafted_by=people.quality,
            status="sent", sent_by=people.sales, sent_at=timezone.now(), email=email,
            confirmation="accepted", confirmed_by=people.sales, confirmed_at=timezone.now(),
        )  # fmt: skip
        InboundEmail.objects.create(
            mailbox="complaints", message_id=f"<i{key}@t>", from_address="buyer@customer.example",
            subject="补充", body="补充说明", status="threaded", complaint=complaint,
        )  # fmt: skip
        Return.objects.create(
            number=f"RT-R-{complaint.pk}-{index}-{count}",
            customer=complaint.customer,
            complaint=complaint,
            quantity=Decimal(1),
            reason="测试",
        )
        Attachment.objects.create(
            content_type=content_type,
            object_id=str(complaint.pk),
            file=f"attachments/test-{index}.png",
            name=f"photo{index}.png",
            size=10,
            mime_type="image/png",
            sha256="0",
            uploaded_by=people.sales,
        )


def make_return(people):
    return actions.issue_return(
        people.sales,
        {"customer": makers.customer(), "quantity": Decimal(20), "reason": "外观不良"},
    )


def make_review(people):
    """A review of a distinct past month (one review per month)."""
    n = next(_months)
    month = dt.date(2000 + n // 12, n % 12 + 1, 1)
    return MonthlyReview.objects.create(month=month)


# --- writes: (client, obj) → response ----------------------------------------------------


def accept(client, complaint):
    return client.post(
        f"/api/v1/complaints/{complaint.pk}/accept/", {"severity": "major"}, format="json"
    )


def not_ours(client, complaint):
    return client.post(
        f"/api/v1/complaints/{complaint.pk}/not-ours/", {"explanation": "非我方产品"}, format="json"
    )


def patch_complaint(client, complaint):
    return client.patch(
        f"/api/v1/complaints/{complaint.pk}/",
        {"lot": "L-PATCHED", "version": complaint.version},
        format="json",
    )


def record_costs(client, complaint):
    return client.post(
        f"/api/v1/complaints/{complaint.pk}/costs/", {"penalty": "300"}, format="json"
    )


def trace(client, complaint):
    return client.post(
        f"/api/v1/complaints/{complaint.pk}/traceability/", {"route_card": "RC-9"}, format="json"
    )


def accept_on_page(client, complaint):
    return client.post(f"/complaints/{complaint.pk}/step/accept/", {"severity": "simple"})


def receive(client, ret):
    return client.post(f"/api/v1/returns/{ret.pk}/receive/", {"received_quantity": "20"})


def receive_on_page(client, ret):
    return client.post(f"/complaints/returns/{ret.pk}/receive/", {"received_quantity": "20"})


def save_review(client, review):
    return client.post(
        f"/complaints/reviews/{review.pk}/save/",
        {"analysis": "分析", "action_plan": "计划", "version": review.version},
    )


ON_PAGE = {"via": "web", "denied_status": (302, 404)}

RESOURCES = [
    Resource(
        name="complaints",
        model=Complaint,
        make=make_complaint,
        viewer="quality",
        api="/api/v1/complaints/",
        page="/complaints/",
        add_related=add_complaint_details,
        own=own_complaint,
        writes=(
            Write("accept", accept, "quality", ("sales", "contact", "outsider")),
            Write("not-ours", not_ours, "quality", ("engineer", "outsider")),
            Write("patch", patch_complaint, "sales", ("warehouse", "contact", "outsider")),
            Write("costs", record_costs, "sales", ("production", "contact")),
            Write("trace", trace, "production", ("sales", "outsider")),
            Write("accept-page", accept_on_page, "quality", ("sales", "contact"), **ON_PAGE),
        ),
    ),
    Resource(
        name="returns",
        model=Return,
        make=make_return,
        viewer="warehouse",
        api="/api/v1/returns/",
        page="/complaints/returns/",
        no_view=("outsider", "contact"),
        writes=(
            Write("receive", receive, "warehouse", ("quality", "sales", "outsider")),
            Write("receive-page", receive_on_page, "warehouse", ("sales", "contact"), **ON_PAGE),
        ),
    ),
    Resource(
        name="complaint-reviews",
        model=MonthlyReview,
        make=make_review,
        viewer="quality",
        page="/complaints/reviews/",
        no_view=("outsider", "contact", "sales"),
        writes=(Write("save", save_review, "quality", ("mr", "outsider"), **ON_PAGE),),
    ),
]
