"""The PDF fonts are read once per process and subset by copying: every glyph still prints."""

import io
import subprocess
import threading

import pytest
from fontTools import cffLib, ttLib
from fontTools.pens.recordingPen import RecordingPen
from fpdf import FPDF
from fpdf.fonts import TTFFont

from csc.core import pdffonts
from csc.core.pdf import FALLBACK_FAMILY, SC_FACE, FormPDF, font_paths
from csc.testing import pdf_text, system_tool

RARE = "喆堃犇"
# Enough of a form that its page renders to a real image (pdf_text checks that).
FILLER = [(f"项目 {n}", "客户来料检验发现批量不良，已隔离筛选") for n in range(12)]


def _fonts_of(pdf_bytes, folder):
    system_tool("pdffonts", "poppler-utils")
    source = folder / "fonts.pdf"
    source.write_bytes(pdf_bytes)
    return subprocess.run(["pdffonts", source], check=True, capture_output=True, text=True).stdout


def test_a_subset_keeps_each_glyph_of_the_installed_font_as_drawn_with_its_cid():
    regular = font_paths()[0]
    face = pdffonts.face(regular, SC_FACE)
    cmap = face.font.cmap
    names = [cmap[ord(char)] for char in RARE + "客户质量ABC123✓"]

    subset = cffLib.CFFFontSet()
    subset.decompile(io.BytesIO(face.cid.subset(face.gid_of[n] for n in names)), None)

    top = subset.topDictIndex[0]
    assert top.ROS == ("Adobe", "Identity", 0)
    assert sorted(top.charset) == sorted({".notdef", *names})
    with ttLib.TTFont(regular, fontNumber=SC_FACE, lazy=True) as original:
        drawn = original["CFF "].cff.topDictIndex[0].CharStrings
        for name in names:
            expected, got = RecordingPen(), RecordingPen()
            drawn[name].draw(expected)
            top.CharStrings[name].draw(got)
            assert got.value == expected.value, name
            assert top.CharStrings[name].width == drawn[name].width, name


def test_rare_hanzi_print_in_regular_and_bold_from_two_embedded_subsets(tmp_path):
    pdf = FormPDF("客户投诉回复", "CSC-CMP-06", company="示例制造有限公司")
    pdf.heading(f"{RARE} 粗体")
    pdf.facts([("客户", f"{RARE}有限公司"), *FILLER])
    content = pdf.render()

    text = pdf_text(content, tmp_path)
    assert f"{RARE} 粗体" in text and f"{RARE}有限公司" in text
    fonts = _fonts_of(content, tmp_path)
    assert "NotoSansCJKSC " in fonts and "NotoSansCJKSCBold" in fonts
    assert "DejaVu" not in fonts  # the fallback font is embedded only when a character needs it
    assert len(content) < 60_000  # subsets, not the 18 MB font


def test_each_pdf_gets_its_own_font_state_from_the_shared_template(tmp_path):
    first = FormPDF("一号表单")
    first.paragraph("说明", "甲乙丙")
    first.facts(FILLER)
    second = FormPDF("二号表单")
    second.paragraph("说明", "丁戊己")
    second.facts(FILLER)

    assert first.fonts["cjk"] is not second.fonts["cjk"]
    assert first.fonts["cjk"].cmap is second.fonts["cjk"].cmap  # shared, read only
    assert "丁戊己" not in pdf_text(first.render(), tmp_path)
    assert "丁戊己" in pdf_text(second.render(), tmp_path)


def test_the_fonts_fpdf2_builds_are_the_ones_the_copies_know():
    """An fpdf2 whose fonts hold other state would make copies miss it: then this fails (and
    documents fall back to fpdf2's own, slow, add_font)."""
    assert set(TTFFont.__slots__) == pdffonts.KNOWN_SLOTS
    font = FormPDF("表单").fonts["cjkB"]
    fresh = TTFFont(FPDF(), font_paths()[1], "cjkB", "B", collection_font_number=SC_FACE)
    for slot in pdffonts.KNOWN_SLOTS:
        assert hasattr(font, slot) == hasattr(fresh, slot), slot
    assert (font.name, font.emphasis, font.is_cid_keyed) == (fresh.name, fresh.emphasis, True)
    assert font.cw == fresh.cw and font.glyph_ids == fresh.glyph_ids


def test_emoji_and_symbols_the_cjk_font_lacks_print_from_the_fallback_font(tmp_path):
    pdf = FormPDF("客户反馈")
    pdf.paragraph("说明", "客户😀✓ ★ 满意")
    pdf.heading("粗体 😀")
    pdf.facts(FILLER)
    content = pdf.render()

    text = pdf_text(content, tmp_path)
    assert "客户😀✓ ★ 满意" in text
    assert "粗体 😀" in text
    assert "DejaVuSans" in _fonts_of(content, tmp_path)
    assert FALLBACK_FAMILY in pdf.fonts


def test_a_character_no_font_has_prints_as_the_replacement_mark_not_nothing(tmp_path, caplog):
    pdf = FormPDF("客户反馈")
    pdf.paragraph("说明", "满意🥰完成")  # U+1F970: neither Noto CJK nor DejaVu has it
    pdf.facts(FILLER)

    text = pdf_text(pdf.render(), tmp_path)

    assert "满意\ufffd完成" in text
    assert "No PDF font has" in caplog.text


def test_the_derived_font_is_built_once_even_when_two_processes_ask_at_once(tmp_path, settings, monkeypatch):  # fmt: skip
    settings.CSC["PDF_FONT_CACHE"] = tmp_path / "cache"
    source = tmp_path / "Font.otf"
    source.write_bytes(b"font")
    builds = []

    def build(path, face, target):
        builds.append(target)
        threading.Event().wait(0.2)  # long enough for the other caller to arrive meanwhile
        target.write_bytes(b"derived")

    monkeypatch.setattr(pdffonts, "_build", build)
    callers = [threading.Thread(target=pdffonts.derived_font, args=(source, 0)) for _ in range(2)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join()

    assert len(builds) == 1 and builds[0].read_bytes() == b"derived"
    assert pdffonts.derived_font(source, 0) == builds[0]


def test_a_new_font_file_rebuilds_the_derived_font_and_drops_the_old_one(tmp_path, settings, monkeypatch):  # fmt: skip
    settings.CSC["PDF_FONT_CACHE"] = tmp_path / "cache"
    source = tmp_path / "Font.otf"
    source.write_bytes(b"font")
    monkeypatch.setattr(pdffonts, "_build", lambda path, face, target: target.write_bytes(b"x"))
    old = pdffonts.derived_font(source, 0)

    source.write_bytes(b"font, version 2")
    new = pdffonts.derived_font(source, 0)

    assert new != old and new.exists() and not old.exists()


@pytest.mark.parametrize("damage", [b"", b"OTTO broken"])
def test_a_damaged_derived_font_is_rebuilt(tmp_path, settings, monkeypatch, damage):
    regular = font_paths()[0]
    good = pdffonts.derived_font(regular, SC_FACE)
    settings.CSC["PDF_FONT_CACHE"] = tmp_path
    target = pdffonts.derived_font_path(regular, SC_FACE)
    target.write_bytes(damage)
    monkeypatch.setattr(
        pdffonts, "_build", lambda path, face, to: to.write_bytes(good.read_bytes())
    )

    face = pdffonts._read_face(regular, SC_FACE)

    assert len(face.cid) == len(face.glyph_order) == 65535
