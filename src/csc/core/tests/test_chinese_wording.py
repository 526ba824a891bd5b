"""The Chinese a quality manager reads means what the English means (issue 11 item 1)."""

import glob
from pathlib import Path

import django
import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext, pgettext
from django.utils.translation.reloader import translation_file_changed

from csc.aftersales.choices import ClaimStatus, Decision, TrainingResult
from csc.aftersales.models import SparePart
from csc.capa.choices import Category
from csc.complaints.choices import ComplaintStatus
from csc.core.choices import JobStatus, OutboxStatus, SignatureMeaning
from csc.core.i18n import compile_catalogues
from csc.core.units import unit_label
from csc.customers.models import Contact
from csc.orders.choices import SectionState, VersionStatus
from csc.orders.models import LiaisonMemo
from csc.orders.rules import ORDER_FLOW
from csc.property.choices import LotStatus
from csc.service.rules import INTAKE_FLOW
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


def catalogue():
    return [e for e in polib.pofile(str(OUR_CATALOGUE)) if not e.obsolete]


def test_a_department_agrees_to_an_order_it_does_not_accept_it_like_a_complaint():
    assert str(SectionState.ACCEPTED.label) == "已同意"
    assert str(SectionState.REJECTED.label) == "有异议"
    assert pgettext("review decision", "Accept") == "同意"
    assert str(ComplaintStatus.ACCEPTED.label) == "已受理"


def test_a_lot_that_passed_incoming_inspection_reads_conforming():
    assert str(LotStatus.ACCEPTED.label) == "合格"


def test_a_superseded_review_version_never_reads_recovered_goods():
    superseded = [e for e in catalogue() if "supersede" in e.msgid.lower()]
    assert superseded and all("替代" in e.msgstr for e in superseded)
    versions = [e for e in catalogue() if "version" in e.msgid.lower()]
    assert not [e.msgid for e in versions if "回收" in e.msgstr]


def test_a_failed_training_a_failed_mail_and_a_failed_job_read_differently():
    assert str(TrainingResult.FAILED.label) == "不合格"
    assert str(OutboxStatus.FAILED.label) == "发送失败"
    assert str(JobStatus.FAILED.label) == "失败"


def test_a_refused_warranty_claim_reads_as_a_refused_claim():
    assert str(Decision.REJECT.label) == "拒赔"


def test_spare_part_columns_are_quantities_not_times():
    labels = [str(SparePart._meta.get_field(name).verbose_name) for name in ("requested", "issued")]
    assert labels == ["申请数量", "发放数量"]


def test_a_signature_meaning_reads_like_the_signature_line_of_a_form():
    assert [str(m.label) for m in SignatureMeaning][:3] == ["编制", "审核", "批准"]


def test_the_quality_department_has_one_name_everywhere():
    assert not [e.msgid for e in catalogue() if "质量部" in e.msgstr]


def test_capa_reads_as_one_term_outside_the_seed_form_titles():
    pairs = ("纠正与预防", "纠正和预防")
    wrong = [
        e.msgid
        for e in catalogue()
        if e.msgctxt != "seed form" and any(p in e.msgstr for p in pairs)
    ]
    assert not wrong


def test_no_trouble_found_reads_the_same_everywhere():
    ntf = [e for e in catalogue() if "no trouble found" in e.msgid.lower()]
    assert ntf and all("无故障发现" in (e.msgstr or e.msgstr_plural.get(0, "")) for e in ntf)


def test_warranty_periods_are_三包_periods():
    assert not [e.msgid for e in catalogue() if "保修期" in e.msgstr]


def test_a_memo_goes_from_one_department_to_another_not_from_one_class_to_another():
    fields = [LiaisonMemo._meta.get_field(f"{end}_department") for end in ("from", "to")]
    assert [str(f.verbose_name) for f in fields] == ["发出部门", "接收部门"]


def test_a_disputed_order_and_a_refused_e_mail_each_say_so():
    assert str(ORDER_FLOW.steps["dispute"].label) == "有异议"
    assert str(INTAKE_FLOW.steps["reject"].label) == "拒收"


def test_a_quality_problem_is_about_quality_not_the_quality_department():
    assert str(Category.QUALITY.label) == "质量"
    assert gettext("Quality") == "品质部"


def test_a_state_reads_as_a_state_and_a_step_as_a_step():
    assert str(ClaimStatus.VOID.label) == "已作废"
    assert gettext("Void") == "作废"


def test_a_ledger_is_a_台账_and_register_means_登记():
    """One word per idea (issue 9): a ledger (台账) lists the records of one kind; to register
    (登记) records a new one, and a register (登记表) is the form or book of them, as the
    customer property register. Neither word stands for the other idea, or for a third."""
    entries = catalogue()
    ledger = [e for e in entries if "ledger" in e.msgid.lower()]
    register = [e for e in entries if "regist" in e.msgid.lower()]
    assert ledger and register
    assert not [e.msgid for e in entries if "台账" in e.msgstr and e not in ledger]
    assert not [e.msgid for e in register if "登记" not in e.msgstr]
    assert not [e.msgid for e in ledger if "登记" in e.msgstr and e not in register]
