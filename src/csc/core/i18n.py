"""Compile the translation catalogues without GNU gettext (pure Python, via polib)."""

from pathlib import Path

import polib
from django.conf import settings


def compile_catalogues():
    """Write a .mo next to every .po under LOCALE_PATHS that is newer; return how many."""
    written = 0
    for root in settings.LOCALE_PATHS:
        for po_path in Path(root).glob("*/LC_MESSAGES/*.po"):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            written += 1
    return written
