"""Chinese first, English complete: both catalogues cover every string, and the pages use them."""

import re
import shutil
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation.reloader import translation_file_changed

from csc.core.i18n import compile_catalogues
from csc.core.management.commands.update_catalogues import (
    PACKAGE_DIR,
    catalogue,
    extract,
    unfinished,
)


@pytest.fixture(scope="module", autouse=True)
def compiled_catalogues():
    """The .mo files are git-ignored: build them for a plain `pytest` run too."""
    if compile_catalogues():
        # Another test may already have loaded the catalogues as they were; drop that cache.
        translation_file_changed(sender=None, file_path=Path("django.mo"))


def copy_of_package(tmp_path):
    """Copy the package's sources and catalogues; return the copy's directory.

    makemessages scans the current directory and writes to the `locale` folder it finds there
    (it is added ahead of LOCALE_PATHS), so extracting in the repository would rewrite the
    repository's catalogues. Extracting in a copy leaves them alone.
    """
    copy = tmp_path / "csc"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    return copy


def test_every_string_is_translated_in_chinese_and_english(tmp_path, settings):
    package = copy_of_package(tmp_path)
    settings.LOCALE_PATHS = [package / "locale"]

    extract(package)

    problems = [f"zh_Hans: {msgid}" for msgid in unfinished(catalogue(package, "zh_Hans"))]
    problems += [f"en: {msgid}" for msgid in unfinished(catalogue(package, "en"))]
    assert not problems, (
        "Strings missing, untranslated or fuzzy — run `csc update_catalogues`, translate them "
        "in src/csc/locale/zh_Hans/LC_MESSAGES/django.po, then `csc compile_catalogues`:\n  "
        + "\n  ".join(problems)
    )


def test_chinese_catalogue_translates_a_known_string():
    with translation.override("zh-hans"):
        assert gettext("Customer list") == "客户一览表"
    with translation.override("en"):
        assert gettext("Customer list") == "Customer list"


def _table_head(response):
    html = response.content.decode()
    match = re.search(r"<thead>(.*?)</thead>", html, re.S)
    assert match, "the customer list has no table head"
    return match.group(1)


def test_customer_list_speaks_chinese_by_default(client, people):
    client.force_login(people.sales)

    response = client.get("/customers/")

    head = _table_head(response)
    for header in ("客户编号", "名称", "分类", "信用等级", "业务员"):
        assert header in head
    for english in ("Customer no.", "Credit level", "Salesperson", "Status"):
        assert english not in head
    page = response.content.decode()
    assert "客户一览表" in page
    assert "客户编号（降序）" in page


def test_customer_list_speaks_english_when_the_user_chose_it(client, people):
    from csc.core.actions import set_language

    set_language(people.sales, "en")
    client.force_login(people.sales)

    response = client.get("/customers/")

    head = _table_head(response)
    for header in ("Customer no.", "Credit level", "Salesperson"):
        assert header in head
    assert "客户编号" not in head
    page = response.content.decode()
    assert "Customer list" in page
    assert "Customer no. (descending)" in page


@pytest.mark.django_db
def test_a_choice_label_reads_in_the_language_of_each_page_that_shows_it():
    """Choice labels are looked up from a dict kept per field: it must hold the labels still
    untranslated, so the same record reads 已准入 for one reader and Admitted for the next."""
    from csc.testing import make_customer

    customer = make_customer(status="active")
    with translation.override("zh-hans"):
        chinese = customer.get_status_display()
    with translation.override("en"):
        english = customer.get_status_display()
    with translation.override("zh-hans"):
        again = customer.get_status_display()
    assert english == "Admitted"
    assert chinese == again == gettext_in("zh-hans", "Admitted") != english


def gettext_in(language, message):
    with translation.override(language):
        return gettext(message)
