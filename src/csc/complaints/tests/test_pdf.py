"""The printable 8D report and reply letter, in Chinese and English (CMP-4, CMP-6)."""

import subprocess

import pytest
from django.utils.translation import override

from csc.complaints import actions
from csc.complaints.pdf import eightd_report
from csc.testing import system_tool

from . import makers

pytestmark = pytest.mark.django_db


def _text_of(pdf_bytes, tmp_path):
    """Return the text poppler reads from the PDF, after checking it renders to an image."""
    system_tool("pdftoppm", "poppler-utils")
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", source, tmp_path / "page"],
        check=True,
    )
    assert (tmp_path / "page-1.png").stat().st_size > 5000
    done = subprocess.run(["pdftotext", source, "-"], check=True, capture_output=True)
    return done.stdout.decode("utf-8")


def test_the_8d_report_prints_every_discipline_in_chinese(people, tmp_path):
    complaint = makers.accepted(people)
    makers.fill_8d(people, complaint)
    with override("zh-hans"):
        text = _text_of(eightd_report(complaint.eightd), tmp_path)
    for code in ("D0", "D3", "D4", "D7", "D8"):
        assert code in text
    assert "焊机参数被误调" in text  # D4's occurrence root cause, in Chinese characters
    assert complaint.eightd.number in text


def test_the_8d_report_prints_in_english(people, tmp_path):
    complaint = makers.accepted(people)
    makers.fill_8d(people, complaint)
    with override("en"):
        text = _text_of(eightd_report(complaint.eightd), tmp_path)
    assert "Root cause" in text and "Containment" in text


def test_the_reply_letter_pdf_names_the_complaint_and_the_letter(people, media_root, tmp_path):
    complaint = makers.accepted(people)
    reply = actions.draft_reply(
        people.quality, complaint, complaint.number, "投诉回复", "根本原因：焊机参数被误调。"
    )
    text = _text_of(reply.pdf.read(), tmp_path)
    assert complaint.number in text
    assert "焊机参数被误调" in text


def test_the_feedback_sheet_prints_the_complaint_as_registered_for_staff_only(people, client, tmp_path):  # fmt: skip
    from csc.testing import pdf_text

    complaint = makers.accepted(people)
    client.force_login(people.sales)
    text = pdf_text(client.get(f"/complaints/{complaint.pk}/feedback.pdf").content, tmp_path)
    assert "客户品质反馈单" in text and "CSC-CMP-01" in text and complaint.number in text
    assert "产品表面划伤" in text
    (tmp_path / "en").mkdir()
    english = pdf_text(client.get(f"/complaints/{complaint.pk}/feedback.pdf?lang=en").content, tmp_path / "en")  # fmt: skip
    assert "Customer quality feedback sheet" in english
    client.force_login(people.contact_of(complaint.customer, "buyer"))
    assert client.get(f"/complaints/{complaint.pk}/feedback.pdf").status_code == 404
