"""The Chinese a quality manager reads means what the English means (issue 11 item 1)."""

import glob
from pathlib import Path

import django
import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation.reloader import translation_file_changed

from csc.core.choices import OutboxStatus
from csc.core.i18n import compile_catalogues
from csc.core.units import unit_label
from csc.customers.models import Contact
from csc.orders.choices import SectionState, VersionStatus
from csc.surveys.models import SurveyRound

OUR_CATALOGUE = Path(__file__).parents[2] / "locale/zh_Hans/LC_MESSAGES/django.po"

#: Django's words this product deliberately says differently (same meaning, house wording).
HOUSE_WORDING = {
    "Action", "Filter", "Log out", "History", "Change", "This field is required.", "active",
    "Enter a number.", "Summary", "Method", "Order",
}  # fmt: skip


@pytest.fixture(autouse=True)
def chinese():
    compile_catalogues()
    # Always start from the catalogues on disk: another test may have left a catalogue of its
    # own in the translation cache (the order of tests is random).
    translation_file_changed(sender=None, file_path=Path("django.mo"))
    with translation.override("zh-hans"):
        yield


def test_a_no_answer_reads_no_and_a_row_number_reads_serial_number():
    assert gettext("No") == "否"
    assert pgettext("row number", "No.") == "序号"


def test_a_review_section_waits_for_review_and_mail_waits_to_be_sent():
    assert str(SectionState.OPEN.label) == "待评审"
    assert str(OutboxStatus.PENDING.label) == "待发送"


def test_a_replaced_review_version_reads_superseded():
    assert str(VersionStatus.WITHDRAWN.label) == "已被替代"


def test_a_contact_has_a_job_title_and_a_survey_round_a_document_title():
    assert str(Contact._meta.get_field("title").verbose_name) == "职务"
    assert str(SurveyRound._meta.get_field("title").verbose_name) == "标题"
    assert gettext("Title") == "标题"


def test_survey_chasing_reads_as_a_reminder_not_debt_collection():
    assert gettext("Log a chase") == "记录催办"
    assert "催收" not in OUR_CATALOGUE.read_text()


def test_a_survey_sample_is_drawn_not_a_product_sample():
    assert pgettext("survey", "Sample") == "抽样"


@pytest.mark.parametrize(("code", "chinese"), [("roll", "卷"), ("pcs", "件"), ("set", "套")])
def test_units_of_measure_read_in_chinese(code, chinese):
    assert unit_label(code) == chinese


def test_a_unit_nobody_listed_is_shown_as_typed():
    assert unit_label("drum") == "drum"


def test_our_catalogue_never_changes_the_meaning_of_a_word_django_translates():
    """Our catalogue wins over Django's: a wrong short msgid leaks into every filter and form."""
    theirs = {}
    site = Path(django.__file__).parents[1]
    for path in glob.glob(str(site / "**/locale/zh_Hans/LC_MESSAGES/django.po"), recursive=True):
        for entry in polib.pofile(path):
            if entry.msgstr and not entry.msgctxt:
                theirs.setdefault(entry.msgid, entry.msgstr)
    clashes = [
        f"{e.msgid}: ours {e.msgstr}, Django {theirs[e.msgid]}"
        for e in polib.pofile(str(OUR_CATALOGUE))
        if not e.msgctxt and not e.obsolete and e.msgid in theirs
        if e.msgstr != theirs[e.msgid] and e.msgid not in HOUSE_WORDING
    ]
    assert not clashes, "Give these a pgettext context:\n" + "\n".join(clashes)
