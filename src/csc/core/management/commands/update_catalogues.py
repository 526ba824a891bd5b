"""Re-extract the translatable strings, complete the English catalogue, report what zh-Hans lacks."""

import contextlib
import subprocess
from pathlib import Path

import polib
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext_noop

import csc

PACKAGE_DIR = Path(csc.__file__).resolve().parent
LANGUAGES = ["zh_Hans", "en"]
IGNORE = ["*/tests/*", "bench/*", "test_settings.py"]

# Strings that installed packages show on our pages but translate for no zh_Hans (django-filter
# and axes ship no zh_Hans catalogue, Django's admin lacks a few newer ones). Listing them here
# makes makemessages keep them in our catalogue, which Django consults before the packages'.
THIRD_PARTY_STRINGS = [
    gettext_noop("%s (descending)"),
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("Error:"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Account locked: too many login attempts. Please try again later."),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Not set"),
    gettext_noop("POST Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
    gettext_noop("Username"),
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]


def catalogue(package_dir, language):
    """Return the path of one language's django.po under the package's locale folder."""
    return Path(package_dir) / "locale" / language / "LC_MESSAGES" / "django.po"


def extract(package_dir=PACKAGE_DIR):
    """Run makemessages over the package; it scans only the current directory, hence chdir."""
    with contextlib.chdir(package_dir):
        call_command(
            "makemessages",
            locale=LANGUAGES,
            ignore_patterns=IGNORE,
            no_obsolete=True,
            verbosity=0,
        )


def fill_english(po_path):
    """Copy each empty English msgstr from its msgid (the source language); return how many."""
    po = polib.pofile(str(po_path))
    filled = 0
    for entry in po:
        if entry.obsolete or (entry.translated() and "fuzzy" not in entry.flags):
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        # msgmerge's "#|" note of the guessed entry means nothing once the text is the source.
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        filled += 1
    if filled or po.metadata_is_fuzzy:
        po.metadata_is_fuzzy = False
        po.save()
        rewrap(po_path)
    return filled


def rewrap(po_path):
    """Rewrite a catalogue in GNU gettext's layout, so the next makemessages changes no lines."""
    subprocess.run(["msgcat", "--output-file", str(po_path), str(po_path)], check=True)


def unfinished(po_path):
    """Return the msgids that are untranslated or fuzzy in a catalogue."""
    po = polib.pofile(str(po_path))
    return [e.msgid for e in po if not e.obsolete and (not e.translated() or e.fuzzy)]


class Command(BaseCommand):
    help = (
        "Run makemessages for zh_Hans and en, fill the English catalogue from the source "
        "strings and list the zh_Hans entries still untranslated or fuzzy."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="exit with an error if zh_Hans is incomplete"
        )

    def handle(self, *args, check=False, **options):
        extract()
        filled = fill_english(catalogue(PACKAGE_DIR, "en"))
        self.stdout.write(f"en: {filled} entr(y/ies) filled from the source strings.")
        missing = unfinished(catalogue(PACKAGE_DIR, "zh_Hans"))
        self.stdout.write(f"zh_Hans: {len(missing)} entr(y/ies) untranslated or fuzzy.")
        for msgid in missing:
            self.stdout.write(f"  {msgid}")
        if check and missing:
            raise CommandError("The zh_Hans catalogue is incomplete.")
