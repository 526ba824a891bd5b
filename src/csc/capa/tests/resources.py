"""Corrective actions for the generated tests in ``csc.core.tests.test_resources``."""

import itertools

from django.contrib.contenttypes.models import ContentType

from csc.capa import actions
from csc.capa.models import Capa
from csc.core.choices import SignatureMeaning
from csc.core.models import Signature
from csc.core.tests.resource_base import Resource, Write
from csc.testing import make_customer

_serial = itertools.count(1)


def make_capa(people):
    customer = make_customer(name=f"措施测试客户{next(_serial):05d}有限公司")
    return actions.open_capa(
        people.quality,
        source="audit",
        category="quality",
        title="内审：首件检验记录缺失",
        customer=customer,
    )


def add_signatures(people, capa, count):
    content_type = ContentType.objects.get_for_model(capa)
    for _index in range(count):
        Signature.objects.create(
            content_type=content_type,
            object_id=str(capa.pk),
            user=people.mr,
            user_name=str(people.mr),
            role="management_rep",
            meaning=SignatureMeaning.READ,
        )


def start(client, capa):
    return client.post(f"/api/v1/capas/{capa.pk}/start/", {"note": "开始整改"}, format="json")


def cancel(client, capa):
    return client.post(f"/api/v1/capas/{capa.pk}/cancel/", {"reason": "重复"}, format="json")


def start_on_page(client, capa):
    return client.post(f"/capa/{capa.pk}/start/", {"note": "开始"})


RESOURCES = [
    Resource(
        name="capas",
        model=Capa,
        make=make_capa,
        viewer="engineer",
        api="/api/v1/capas/",
        page="/capa/",
        no_view=("outsider", "contact"),
        add_related=add_signatures,
        writes=(
            # Engineering may work on actions, but this one is Quality's.
            Write("start", start, "quality", ("engineer", "outsider")),
            Write("cancel", cancel, "mr", ("production", "sales")),
            Write(
                "start-page",
                start_on_page,
                "quality",
                ("production", "outsider"),
                via="web",
                denied_status=(302, 404),
            ),
        ),
    ),
]
