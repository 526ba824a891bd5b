"""Makers for survey tests: customers by class, rounds in each state, answers, link tokens."""

import datetime as dt
import itertools
import re

from csc.surveys import actions
from csc.surveys.choices import TemplateStatus
from csc.surveys.models import SurveyTemplate
from csc.testing import make_customer, outbox_to

PERIOD = (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
TOKEN = re.compile(r"/surveys/answer/([A-Za-z0-9_-]+)/")
_serial = itertools.count(1)


def weighted():
    return SurveyTemplate.objects.get(code="weighted", status=TemplateStatus.PUBLISHED)


def points():
    return SurveyTemplate.objects.get(code="points", status=TemplateStatus.PUBLISHED)


def customer(abc_class="A", email=True, **fields):
    number = next(_serial)
    return make_customer(
        name=f"问卷测试客户{number:05d}有限公司",
        abc_class=abc_class,
        email=f"buyer{number}@survey-test.example" if email else "",
        **fields,
    )


def customers(a=0, b=0, c=0, **fields):
    return [customer(cls, **fields) for cls, n in (("A", a), ("B", b), ("C", c)) for _ in range(n)]


def planned_round(people, template=None, period=PERIOD, **options):
    return actions.create_round(people.sales, template or weighted(), *period, **options)


def open_round(people, template=None, seed=42, **options):
    return actions.open_round(people.sales, planned_round(people, template, **options), seed=seed)


def sent_round(people, template=None, seed=42, now=None, **options):
    survey_round = open_round(people, template, seed=seed, **options)
    return actions.send_round(people.sales, survey_round, now=now)


def values_for(template, value=None, **by_key):
    """Return {item id: value} for every item: ``by_key`` overrides, else ``value``."""
    items = template.items.all()
    default = value if value is not None else (template.levels[0] if template.levels else 20)
    return {item.pk: by_key.get(item.key, default) for item in items}


def answer(people, invitation, value=None, **by_key):
    """Key in an answer for ``invitation`` (as Marketing, from a paper form)."""
    template = invitation.round.template
    return actions.enter_response(people.sales, invitation, values_for(template, value, **by_key))


def token_for(email_address):
    """Return the token of the latest answer link e-mailed to ``email_address``."""
    mail = outbox_to(email_address).order_by("-id").first()
    assert mail is not None, f"no e-mail to {email_address}"
    return TOKEN.search(mail.body).group(1)
