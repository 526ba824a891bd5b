"""The fonts of the printable forms, read once per process instead of once per PDF.

fpdf2 parses a font file in ``add_font`` (the cmap and widths of 65,535 glyphs: about 0.4 s
for a Noto CJK face) and subsets it with fontTools when the PDF is written (0.5 s and more: the
CFF subroutines, then about a millisecond for each glyph kept), so each form cost one to ten
seconds. Here:

1. once per install, the CJK face is taken out of its collection and its CFF charstrings are
   desubroutinized (:func:`derived_font`, cached under ``VAR_DIR`` and keyed by the source file's
   path, size and time, so a new font package rebuilds it); every glyph is kept;
2. once per process, fpdf2 reads that file into a template font (:func:`face`);
3. each document gets a copy of the template (:func:`add_font`) whose font program is a
   :class:`SubsettingCFF`: fpdf2's subsetting goes through fontTools' table protocol as before,
   and this table answers by copying the kept charstrings (:mod:`csc.core.cff`).

Fonts that are not CID-keyed CFF (a TrueType fallback font, or another configured font) still
share the template but are subset by fontTools, from a fresh read of their file per document.
"""

import contextlib
import copy
import fcntl
import hashlib
import logging
import mmap
import os
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from fontTools import ttLib
from fpdf import FPDF
from fpdf.enums import TextEmphasis
from fpdf.fonts import SubsetMap, TTFFont

from .cff import CIDFont, NotStandalone

log = logging.getLogger(__name__)

#: Bump when the derived file changes shape, so caches made by older code rebuild.
DERIVED_FORMAT = 1

#: The TTFFont attributes of fpdf2 2.8 that :func:`_copy` knows how to share or renew. A newer
#: fpdf2 with other attributes makes documents load their fonts the plain (slow) way instead.
KNOWN_SLOTS = frozenset(
    [
        "i",
        "type",
        "name",
        "desc",
        "glyph_ids",
        "_hbfont",
        "sp",
        "ss",
        "up",
        "ut",
        "cw",
        "ttffile",
        "fontkey",
        "emphasis",
        "scale",
        "subset",
        "cmap",
        "ttfont",
        "missing_glyphs",
        "biggest_size_pt",
        "color_font",
        "unicode_range",
        "palette_index",
        "is_compressed",
        "is_cff",
        "is_cid_keyed",
        "is_symbol",
        "cff_ros",
        "collection_font_number",
    ]
)

#: Tables fpdf2 drops from every embedded font (layout, which it does not use without shaping).
DROPPED_BY_FPDF = ("GDEF", "GPOS", "GSUB", "MATH")

_faces = {}
_faces_lock = threading.Lock()


def add_font(pdf, family, style, path, index=0):
    """Make the font file ``path`` (face ``index`` of a collection) available to ``pdf``.

    Like ``FPDF.add_font``, without reading the file again when this process read it before.
    """
    path = Path(path)
    if set(TTFFont.__slots__) != KNOWN_SLOTS:
        _warn_once("fpdf2's TTFFont changed: PDF fonts are read for each document")
        pdf.add_font(family, style, str(path), collection_font_number=index)
        return
    style = "".join(sorted(style.upper()))
    font = _copy(face(path, index), pdf, f"{family.lower()}{style}", style)
    pdf.fonts[font.fontkey] = font
    if font.is_cff and font.is_cid_keyed:
        pdf.pdf_version = max(pdf.pdf_version, "1.6")  # what fpdf2's add_font sets for these


@dataclass
class Face:
    """A font read once: fpdf2's template of it and, for a CID-keyed CFF, its charstrings."""

    font: TTFFont
    path: Path
    face: int
    cid: CIDFont | None = None
    glyph_order: list | None = None
    gid_of: dict | None = None

    def document_ttfont(self):
        """Return the fontTools font a document subsets and embeds (fpdf2 closes it after)."""
        if self.cid is None:
            ttfont = ttLib.TTFont(self.path, fontNumber=self.face, lazy=True, recalcTimestamp=False)
            for tag in DROPPED_BY_FPDF:
                if tag in ttfont:
                    del ttfont[tag]  # unread, instead of read by the subsetter to be dropped
            return ttfont
        ttfont = ttLib.TTFont(recalcBBoxes=False, recalcTimestamp=False)
        ttfont.setGlyphOrder(self.glyph_order)
        # The subsetter looks glyphs up by name: share the map instead of building it per PDF
        # (it is replaced, never changed, when the subset's glyph order is set).
        ttfont._reverseGlyphOrderDict = self.gid_of
        ttfont["CFF "] = SubsettingCFF(self)
        return ttfont


class SubsettingCFF(ttLib.getTableClass("CFF ")):
    """A document's CFF table: it subsets by copying charstrings from the shared :class:`Face`.

    fontTools' ``Subsetter`` asks each table to prune, close over and subset its glyphs; fpdf2
    then embeds ``compile()``. Closing over is a no-op: a CID-keyed font has no seac accents.
    """

    def __init__(self, face):
        super().__init__("CFF ")
        self.face = face
        self.kept = None
        self._compiled = None

    def prune_pre_subset(self, font, options):
        return True

    def closure_glyphs(self, s):
        pass

    def subset_glyphs(self, s):
        self.kept = set(s.glyphs)
        return True

    def prune_post_subset(self, font, options):
        return True

    def getGlyphOrder(self):
        return self.face.glyph_order

    def compile(self, font):
        if self._compiled is None:
            names = self.kept if self.kept is not None else self.face.glyph_order
            self._compiled = self.face.cid.subset(self.face.gid_of[name] for name in names)
        return self._compiled


def _copy(face, pdf, fontkey, style):
    """Return a document's copy of a template font: shared tables, its own state.

    The cmap and glyph ids are only read by fpdf2 and are shared; the widths, the subset, the
    missing-glyph list, the font descriptor (it becomes a PDF object) and the fontTools font
    (subset in place, closed after output) are the document's own.
    """
    template = face.font
    font = copy.copy(template)
    font.i = len(pdf.fonts) + 1
    font.fontkey = fontkey
    font.emphasis = TextEmphasis.coerce(style)
    font.cw = template.cw.copy()
    font.desc = copy.copy(template.desc)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font._hbfont = None
    font.color_font = None
    font.ttfont = face.document_ttfont()
    font.subset = SubsetMap(font)
    return font


def face(path, index=0):
    """Return this process's :class:`Face` of a font file, read on first use."""
    path = Path(path)
    key = (str(path), index, _signature(path))
    found = _faces.get(key)
    if found is None:
        with _faces_lock:
            found = _faces.get(key)
            if found is None:
                found = _faces[key] = _read_face(path, index)
    return found


def _read_face(path, face):
    """Read a font for this process: its derived file when it is a CID-keyed CFF."""
    derived = derived_font(path, face) if _is_cid_cff(path, face) else None
    if derived is None:
        return Face(_template(path, face), path, face)
    try:
        return _cid_face(derived)
    except (ttLib.TTLibError, NotStandalone, ValueError, IndexError, KeyError, struct.error) as exc:
        log.warning("PDF font cache %s unreadable (%s): rebuilding it", derived, exc)
        derived.unlink(missing_ok=True)
        return _cid_face(derived_font(path, face))


def _cid_face(derived):
    font = _template(derived, 0)
    glyph_order = font.ttfont.getGlyphOrder()
    font.ttfont.close()
    font.ttfont = None  # the template never embeds: each document has its own
    with open(derived, "rb") as file:
        data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    with ttLib.TTFont(derived, lazy=True) as sfnt:
        entry = sfnt.reader.tables["CFF "]
    cid = CIDFont(memoryview(data)[entry.offset : entry.offset + entry.length])
    if len(cid) != len(glyph_order):
        raise NotStandalone("glyph count differs between the CFF table and the font")
    gid_of = {name: gid for gid, name in enumerate(glyph_order)}
    return Face(font, derived, 0, cid, glyph_order, gid_of)


def _template(path, face):
    return TTFFont(FPDF(), path, "template", "", collection_font_number=face)


def _is_cid_cff(path, face):
    with ttLib.TTFont(path, fontNumber=face, lazy=True) as font:
        if "CFF " not in font:
            return False
        return hasattr(font["CFF "].cff.topDictIndex[0], "ROS")


def _signature(path):
    stat = path.stat()
    return (stat.st_size, stat.st_mtime_ns)


def cache_dir():
    return Path(settings.CSC.get("PDF_FONT_CACHE") or Path(settings.VAR_DIR) / "cache" / "fonts")


def derived_font_path(path, face):
    """Return where the derived copy of a font lives (whether it is made or not)."""
    path = Path(path)
    size, mtime = _signature(path)
    key = hashlib.sha256(f"{path.resolve()}|{face}|{size}|{mtime}|{DERIVED_FORMAT}".encode())
    return cache_dir() / f"{path.stem}-{face}-{key.hexdigest()[:16]}.otf"


def derived_font(path, face):
    """Return the desubroutinized single-face copy of a CID-keyed CFF font, made if missing.

    Two processes may ask at once: one builds under a lock, the other waits and reads it.
    """
    target = derived_font_path(path, face)
    if target.exists():
        return target
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    with _locked(folder / f"{target.stem}.lock"):
        if not target.exists():
            _build(path, face, target)
            for old in folder.glob(f"{path.stem}-{face}-*.otf"):
                if old != target:
                    old.unlink(missing_ok=True)
    return target


def _build(path, face, target):
    log.warning("Preparing the PDF font %s (once per install, about a minute)", target.name)
    font = ttLib.TTFont(path, fontNumber=face, recalcBBoxes=False, recalcTimestamp=False)
    font["CFF "].cff.desubroutinize()
    partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        font.save(partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(lock_path):
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


_warned = set()


def _warn_once(message):
    if message not in _warned:
        _warned.add(message)
        log.warning(message)
