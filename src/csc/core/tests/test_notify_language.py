"""A notification reads in its recipient's language, whoever triggered it (issue 11 item 2).

The text is kept as a message id with its values and translated when the page is shown or the
e-mail written, so an English-speaking engineer's action reaches a Chinese-reading manager in
Chinese, and the other way round.
"""

import ast
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext

import csc
from csc.capa import actions as capa_actions
from csc.core import actions
from csc.core.later import Later, Lines, from_stored
from csc.core.models import Notification, OutboxEmail
from csc.testing import outbox_to

SOURCE = Path(csc.__file__).resolve().parent


def speaks(user, language):
    user.language = language
    user.save(update_fields=["language"])
    return user


def notifications_page(client, user):
    client.force_login(user)
    return client.get("/notifications/").content.decode()


def assign_corrective_action(actor, owner):
    capa = capa_actions.open_capa(actor, source="audit", category="quality", title="壳体毛刺超标")
    return capa_actions.assign_capa(actor, capa, owner)


# --- one message, each reader's language ----------------------------------------------------


def test_an_english_engineer_s_action_reaches_a_chinese_manager_in_chinese(people, client):
    speaks(people.quality, "en")
    manager = speaks(people.vp, "zh-hans")
    with translation.override("en"):
        actions.notify(
            [manager], Later("Corrective action %(number)s is yours", number="CA-2026-0001")
        )
    expected = "纠正措施 CA-2026-0001 已分配给您"
    with translation.override("zh-hans"):
        assert (
            gettext("Corrective action %(number)s is yours") % {"number": "CA-2026-0001"}
            == expected
        )
    assert expected in notifications_page(client, manager)
    assert outbox_to(manager.email).get().subject == expected


def test_a_chinese_manager_s_action_reaches_an_english_engineer_in_english(people, client):
    speaks(people.vp, "zh-hans")
    engineer = speaks(people.quality, "en")
    with translation.override("zh-hans"):
        actions.notify(
            [engineer], Later("Corrective action %(number)s is yours", number="CA-2026-0001")
        )
    assert "Corrective action CA-2026-0001 is yours" in notifications_page(client, engineer)
    mail = outbox_to(engineer.email).get()
    assert mail.subject == "Corrective action CA-2026-0001 is yours"


def test_a_reader_who_changes_language_reads_old_notifications_in_the_new_one(people, client):
    reader = speaks(people.quality, "en")
    actions.notify([reader], Later("Order %(number)s cancelled", number="SO-2026-0007"))
    assert "Order SO-2026-0007 cancelled" in notifications_page(client, reader)
    speaks(reader, "zh-hans")
    page = notifications_page(client, reader)
    assert "SO-2026-0007" in page
    assert "Order SO-2026-0007 cancelled" not in page


def test_a_status_label_inside_a_message_is_shown_in_the_reader_s_language(people):
    reader = speaks(people.quality, "en")
    with translation.override("zh-hans"):
        actions.notify(
            [reader],
            Later(
                "Change application %(number)s %(outcome)s",
                number="CR-2026-0002",
                outcome=Later("refused"),
            ),
            email=False,
        )
    note = Notification.objects.get(user=reader)
    with translation.override("en"):
        assert note.shown_title == "Change application CR-2026-0002 refused"
    with translation.override("zh-hans"):
        assert note.shown_title == "变更申请 CR-2026-0002 已拒绝"


def test_a_count_picks_the_singular_or_plural_in_the_reader_s_language(people):
    from django.utils.translation import ngettext_lazy

    def reminder(count):
        return Later(
            ngettext_lazy(
                "Reminder: %(count)s complaint waits for your department",
                "Reminder: %(count)s complaints wait for your department",
                "count",
            ),
            count=count,
        )

    with translation.override("en"):
        assert str(from_stored(reminder(1).stored())).endswith(
            "1 complaint waits for your department"
        )
        assert str(from_stored(reminder(3).stored())).endswith(
            "3 complaints wait for your department"
        )
    with translation.override("zh-hans"):
        assert "3" in str(from_stored(reminder(3).stored()))
        assert "complaint" not in str(from_stored(reminder(3).stored()))


def test_a_reminder_listing_several_records_reads_line_by_line_in_the_reader_s_language(people):
    reader = speaks(people.quality, "zh-hans")
    line = "%(number)s %(customer)s · resolution due %(due)s"
    with translation.override("en"):
        actions.notify(
            [reader],
            Later("Order %(number)s approved", number="SO-1"),
            Lines(
                [
                    Later(line, number="CC-1", customer="上海精密", due="2026-03-02 17:00"),
                    "CC-2 壳体毛刺",
                ]
            ),
            email=False,
        )
    note = Notification.objects.get(user=reader)
    with translation.override("zh-hans"):
        first, second = note.shown_body.splitlines()
        assert "resolution due" not in first
        assert "CC-1" in first and "2026-03-02 17:00" in first
        assert second == "CC-2 壳体毛刺"
    with translation.override("en"):
        assert note.shown_body.splitlines()[0] == "CC-1 上海精密 · resolution due 2026-03-02 17:00"


def test_a_person_s_own_note_in_the_body_stays_as_they_wrote_it(people, client):
    reader = speaks(people.quality, "en")
    with translation.override("zh-hans"):
        actions.notify([reader], Later("Order %(number)s approved", number="SO-1"), "请尽快排产")
    assert "请尽快排产" in notifications_page(client, reader)
    assert "Order SO-1 approved" in notifications_page(client, reader)


# --- the class of mistake: a title frozen in the sender's language --------------------------


def test_notify_refuses_a_title_already_translated_into_the_sender_s_language(people):
    with pytest.raises(TypeError, match="Later"):
        actions.notify([people.quality], gettext("Order %(number)s approved") % {"number": "1"})
    assert not Notification.objects.exists()
    assert not OutboxEmail.objects.exists()


def test_a_verb_s_notification_is_translated_for_its_recipient(people, client):
    """A real verb, run by an English speaker, tells a Chinese-reading owner in Chinese."""
    speaks(people.quality, "en")
    owner = speaks(people.engineer, "zh-hans")
    with translation.override("en"):
        capa = assign_corrective_action(people.quality, owner)
    page = notifications_page(client, owner)
    assert f"纠正措施 {capa.number} 已分配给您" in page
    assert outbox_to(owner.email).filter(subject__contains="已分配给您").exists()


# Expressions that are text already: a literal, an f-string, a %-formatted or translated string.
TRANSLATED_NOW = {"_", "gettext", "ngettext", "pgettext", "npgettext", "str", "format"}


def _frozen(node):
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return True
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    if isinstance(node, ast.IfExp):
        return _frozen(node.body) or _frozen(node.orelse)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        return name in TRANSLATED_NOW
    return False


def _called(node):
    func = node.func
    return func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)


def _title_argument(call, index):
    keyword = [k.value for k in call.keywords if k.arg in ("title", "subject")]
    if keyword:
        return keyword[0]
    return call.args[index] if len(call.args) > index else None


def _modules():
    for path in sorted(SOURCE.rglob("*.py")):
        if "tests" in path.parts or "migrations" in path.parts or "bench" in path.parts:
            continue
        yield path, ast.parse(path.read_text(), str(path))


def test_no_notification_title_is_translated_in_the_sender_s_language():
    """Every title handed to notify, directly or through a helper, is a Later message."""
    modules = list(_modules())
    # Helpers that hand one of their parameters on as the title: {name: parameter position}.
    passing_on = {"notify": 1}
    for _path, tree in modules:
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            params = [a.arg for a in function.args.args]
            for call in ast.walk(function):
                if isinstance(call, ast.Call) and _called(call) == "notify":
                    title = _title_argument(call, 1)
                    if isinstance(title, ast.Name) and title.id in params:
                        passing_on[function.name] = params.index(title.id)
    frozen = []
    for path, tree in modules:
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or _called(call) not in passing_on:
                continue
            title = _title_argument(call, passing_on[_called(call)])
            if title is not None and _frozen(title):
                frozen.append(f"{path.relative_to(SOURCE)}:{call.lineno} {ast.unparse(title)[:60]}")
    assert not frozen, "pass Later(gettext_noop(msgid), **params) as the title:\n" + "\n".join(
        frozen
    )


# --- letters to a customer: written once, in the customer's language -------------------------


@pytest.mark.parametrize(
    ("language", "expected"), [("zh-hans", "产品召回 "), ("en", "Product recall ")]
)
def test_a_recall_notice_mail_is_in_the_customer_s_language_not_the_sender_s(
    people, language, expected
):
    from csc.recalls import actions as recall_actions
    from csc.recalls.tests import makers as recall_makers
    from csc.testing import make_customer

    customer = make_customer(name="召回语言测试有限公司")
    customer.language = language
    customer.save(update_fields=["language"])
    recall = recall_makers.planned(people)
    sender_language = "en" if language == "zh-hans" else "zh-hans"
    with translation.override(sender_language):
        recall_actions.record_notice(
            speaks(people.sales, sender_language),
            recall,
            {
                "party": "customer",
                "customer": customer,
                "channel": "email",
                "address": "qa@example.com",
                "text": "请立即隔离批次 B2603 的制动支架。",
            },
        )
    assert outbox_to("qa@example.com").get().subject.startswith(expected)
