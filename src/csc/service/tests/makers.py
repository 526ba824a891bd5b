"""Record makers for service tests; each call makes fresh rows, never shared ones."""

import itertools

from csc.customers.models import Contact
from csc.service import actions
from csc.service.models import AssignmentRule, Team
from csc.testing import make_customer

_serial = itertools.count(1)


def customer(**fields):
    fields.setdefault("name", f"服务测试客户{next(_serial):05d}有限公司")
    return make_customer(**fields)


def contact_of(customer_, email="buyer@customer.example"):
    return Contact.objects.create(customer=customer_, name="李采购", email=email)


def team(people, members=("service",), strategy="round_robin", name=None, head="sales"):
    """Return a team of the given personas, with a catch-all assignment rule."""
    made = Team.objects.create(
        name=name or f"服务组{next(_serial)}", strategy=strategy, head=getattr(people, head)
    )
    made.members.set([getattr(people, m) for m in members])
    return made


def route_all_to(made_team, **conditions):
    return AssignmentRule.objects.create(team=made_team, **conditions)


def request(people, who=None, cust=None, **data):
    """Return a service request logged by customer service (or ``who``) from a phone call."""
    data.setdefault("customer", cust or customer())
    data.setdefault("channel", "phone")
    data.setdefault("category", "support")
    data.setdefault("subject", "设备调试咨询")
    data.setdefault("description", "客户来电：新装设备调试时报警，请求技术支持")
    return actions.open_request(who or people.service, data)
