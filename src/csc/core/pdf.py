"""Printable forms (REC-1) as PDF, with an embedded CJK font so Chinese prints correctly.

A form is built with :class:`FormPDF`: a header with the company, the form's title and its
form number (e.g. HT-QR-MA-04), then blocks — facts (label/value grid), tables, paragraphs and
signature boxes — and ``render()`` returns the bytes. The font is the Debian package
fonts-noto-cjk (Noto Sans CJK SC), subset into each file, so the PDF reads on any machine.
"""

import io
import logging
from pathlib import Path

from django.conf import settings
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from . import pdffonts

DEFAULT_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
DEFAULT_BOLD_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
# Characters the CJK font lacks (emoji, many symbols) print from this font (fonts-dejavu-core).
DEFAULT_FALLBACK_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
DEFAULT_FALLBACK_BOLD_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
# Index of the Simplified Chinese face inside the Noto CJK collection (JP, KR, SC, TC, HK).
SC_FACE = 2
FAMILY = "cjk"
FALLBACK_FAMILY = "fallback"
LINE = 5.5  # mm per text line at the body size
# Printed for a character no font has, so a reader sees that something is there.
REPLACEMENT = "\ufffd"
CONTROL = {"\n", "\r", "\t"}

log = logging.getLogger(__name__)


def font_paths():
    """Return (regular, bold) font files; bold falls back to regular when it is missing."""
    regular = Path(settings.CSC.get("PDF_FONT", DEFAULT_FONT))
    bold = Path(settings.CSC.get("PDF_BOLD_FONT", DEFAULT_BOLD_FONT))
    if not regular.exists():
        raise RuntimeError(
            f"The PDF font {regular} is missing: install the package fonts-noto-cjk "
            "or set CSC['PDF_FONT'] to a CJK TrueType/OpenType font."
        )
    return regular, bold if bold.exists() else regular


def prepare_fonts():
    """Derive and read the PDF fonts now (a minute, once per install) rather than in the first
    request that prints."""
    for path in font_paths():
        pdffonts.face(path, SC_FACE if path.suffix == ".ttc" else 0)


def fallback_font_paths():
    """Return (regular, bold) of the font for characters the CJK font lacks; () when absent."""
    regular = Path(settings.CSC.get("PDF_FALLBACK_FONT", DEFAULT_FALLBACK_FONT))
    bold = Path(settings.CSC.get("PDF_FALLBACK_BOLD_FONT", DEFAULT_FALLBACK_BOLD_FONT))
    if not regular.exists():
        return ()
    return regular, bold if bold.exists() else regular


class FormPDF(FPDF):
    """An A4 form with the company name, title and form number on every page."""

    def __init__(self, title, form_number="", company="", subtitle="", orientation="P"):
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.form_title = str(title)
        self.form_number = form_number
        self.form_subtitle = str(subtitle)
        self.company = str(company or settings.CSC.get("COMPANY_NAME", ""))
        self._add_fonts()
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(auto=True, margin=18)
        self.set_title(self.form_title)
        self.set_creator("CSC")
        self.add_page()

    def _add_fonts(self):
        for style, path in zip(("", "B"), font_paths(), strict=True):
            pdffonts.add_font(self, FAMILY, style, path, SC_FACE if path.suffix == ".ttc" else 0)
        self._chars = self.fonts[FAMILY].cmap
        self._fallback_chars = None  # set when the first character the CJK font lacks comes

    def normalize_text(self, text):
        """Return ``text`` ready to print: what the CJK font lacks comes from the fallback font
        (added to the document only then), what no font has becomes U+FFFD, never nothing."""
        text = super().normalize_text(text)
        missing = {char for char in set(text) if ord(char) not in self._chars} - CONTROL
        if not missing:
            return text
        if self._fallback_chars is None:
            self._add_fallback_fonts()
        unprintable = {char for char in missing if ord(char) not in self._fallback_chars}
        if unprintable:
            log.warning("No PDF font has %s: printed as %s", sorted(unprintable), REPLACEMENT)
            text = text.translate({ord(char): self._replacement for char in unprintable})
        return text

    def _add_fallback_fonts(self):
        paths = fallback_font_paths()
        for style, path in zip(("", "B"), paths, strict=True):
            pdffonts.add_font(self, FALLBACK_FAMILY, style, path)
        self._fallback_chars = self.fonts[FALLBACK_FAMILY].cmap if paths else {}
        self._replacement = REPLACEMENT if ord(REPLACEMENT) in self._fallback_chars else "〓"
        if paths:
            # Bold text whose character only the regular fallback face has still prints.
            self.set_fallback_fonts([FALLBACK_FAMILY], exact_match=False)

    @property
    def width(self):
        return self.w - self.l_margin - self.r_margin

    def header(self):
        self.set_font(FAMILY, "B", 13)
        self.cell(self.width, 7, self.company, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "B", 15)
        self.cell(self.width, 9, self.form_title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if self.form_subtitle:
            self.set_font(FAMILY, "", 9)
            self.cell(
                self.width, 5, self.form_subtitle, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        if self.form_number:
            self.set_font(FAMILY, "", 8)
            self.cell(
                self.width, 4, self.form_number, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
        self.ln(2)

    def footer(self):
        self.set_y(-12)
        self.set_font(FAMILY, "", 8)
        self.set_text_color(110)
        self.cell(self.width / 2, 5, self.form_number)
        self.cell(self.width / 2, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(0)

    # --- blocks ------------------------------------------------------------------------------

    def heading(self, text):
        """A section heading in bold."""
        self.ln(1)
        self.set_font(FAMILY, "B", 11)
        self.cell(self.width, 7, str(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def facts(self, pairs, columns=2, label_share=0.35):
        """A bordered grid of (label, value) pairs, ``columns`` pairs per row."""
        column = self.width / columns
        label_w = column * label_share
        self.set_font(FAMILY, "", 9)
        for start in range(0, len(pairs), columns):
            row = list(pairs[start : start + columns])
            row += [("", "")] * (columns - len(row))
            cells = []
            for label, value in row:
                cells += [(str(label), label_w, True), (_text(value), column - label_w, False)]
            self._row(cells)

    def table(self, headers, rows, widths=None, align=None):
        """A bordered table; ``widths`` are shares of the page width, ``align`` per column."""
        count = len(headers)
        shares = widths or [1 / count] * count
        sizes = [self.width * share / sum(shares) for share in shares]
        self.set_font(FAMILY, "B", 9)
        self._row([(str(h), w, True) for h, w in zip(headers, sizes, strict=True)])
        self.set_font(FAMILY, "", 9)
        for row in rows:
            self._row(
                [(_text(v), w, False) for v, w in zip(row, sizes, strict=True)],
                align or ["L"] * count,
            )

    def paragraph(self, label, text):
        """A labelled block of free text (requirements, remarks)."""
        self.set_font(FAMILY, "B", 9)
        self.cell(self.width, LINE, str(label), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font(FAMILY, "", 9)
        self.multi_cell(self.width, LINE, _text(text) or "–", border=1)
        self.ln(1)

    def chart(self, svg, title=""):
        """A chart (the SVG the page shows) across most of the page, on a new page if needed."""
        if self.will_page_break(62):
            self.add_page()
        if title:
            self.set_font(FAMILY, "B", 9)
            self.cell(self.width, 5, str(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        # The chart's words in the document's font: SVG text would otherwise take a core font
        # that has no Chinese.
        svg = str(svg).replace("<svg ", f'<svg font-family="{FAMILY}" ', 1)
        self.image(io.BytesIO(svg.encode()), w=self.width * 0.8)

    def signatures(self, boxes):
        """A row of signature boxes: (label, name, date) each."""
        self.ln(3)
        width = self.width / max(len(boxes), 1)
        self.set_font(FAMILY, "", 9)
        cells = [
            (f"{label}\n{_text(name)}\n{_text(date)}", width, False) for label, name, date in boxes
        ]
        self._row(cells, min_height=18)

    # --- layout --------------------------------------------------------------------------------

    def _row(self, cells, align=None, min_height=0):
        """Print cells side by side with a common height (the tallest wraps)."""
        heights = []
        for text, width, _shaded in cells:
            lines = self.multi_cell(width, LINE, text, dry_run=True, output="LINES")
            heights.append(max(len(lines), 1) * LINE)
        height = max([*heights, min_height])
        if self.will_page_break(height):
            self.add_page()
        x, y = self.get_x(), self.get_y()
        for index, (text, width, shaded) in enumerate(cells):
            if shaded:
                self.set_fill_color(238, 242, 248)
            self.rect(x, y, width, height, style="DF" if shaded else "D")
            self.set_xy(x, y)
            cell_align = align[index] if align else "L"
            self.multi_cell(width, LINE, text, align=cell_align)
            x += width
        self.set_xy(self.l_margin, y + height)

    def render(self):
        """Return the finished document as bytes."""
        return bytes(self.output())


def _text(value):
    if value is None:
        return ""
    return str(value)
