"""Service requests for the generated tests in ``csc.core.tests.test_resources`` (permissions,
audit, query counts, customer isolation)."""

import uuid

from django.contrib.contenttypes.models import ContentType

from csc.core.models import Attachment
from csc.core.tests.resource_base import ListedResource, Resource, Write
from csc.customers.models import Contact
from csc.service.models import InboundEmail, Message, ServiceRequest

from . import makers


def make_request(people):
    return makers.request(people)


def own_request(people):
    return makers.request(people, cust=Contact.objects.get(user=people.contact).customer)


def add_thread(people, request, count):
    """Give a request ``count`` messages and files, all shown on its page."""
    content_type = ContentType.objects.get_for_model(request)
    for index in range(count):
        Message.objects.create(
            request=request, direction="out", author=people.service, body=f"答复{index}"
        )
        Attachment.objects.create(
            content_type=content_type,
            object_id=str(request.pk),
            file=f"attachments/sr-{index}.png",
            name=f"photo{index}.png",
            size=10,
            mime_type="image/png",
            sha256="0",
            uploaded_by=people.service,
        )


def start(client, request):
    return client.post(f"/api/v1/service-requests/{request.pk}/start/", {}, format="json")


def answer(client, request):
    return client.post(
        f"/api/v1/service-requests/{request.pk}/answer/", {"body": "已收到"}, format="json"
    )


def resolve(client, request):
    return client.post(
        f"/api/v1/service-requests/{request.pk}/resolve/", {"body": "已解决"}, format="json"
    )


def web_resolve(client, request):
    return client.post(f"/service/{request.pk}/step/resolve/", {"body": "已在现场解决"})


RESOURCES = [
    Resource(
        name="service-requests",
        model=ServiceRequest,
        make=make_request,
        viewer="service",
        api="/api/v1/service-requests/",
        page="/service/",
        writes=(
            # A request without a rule stays new: only assignment or resolving moves it.
            Write("resolve", resolve, allowed="service", denied=("outsider", "production")),
            Write("answer", answer, allowed="sales", denied=("outsider", "quality")),
            Write(
                "resolve-page",
                web_resolve,
                allowed="service",
                denied=("production",),
                via="web",
                denied_status=(302, 403, 404),
            ),
        ),
        add_related=add_thread,
        own=own_request,
    ),
]


def quarantined_mail(people):

    return InboundEmail.objects.create(
        mailbox="service",
        message_id=f"<{uuid.uuid4()}@unknown.example>",
        from_address="stranger@unknown.example",
        subject="询价",
        status="quarantined",
        reason="发件人不是任何客户的联系人",
    )


RESOURCES.append(
    ListedResource(
        name="quarantined-mail",
        model=InboundEmail,
        make=quarantined_mail,
        viewer="service",
        page="/service/mail/",
        no_view=("outsider", "contact", "production"),
    )
)
