"""Statistics (SUR-6, HT-QR-MA-02) and the report (SUR-8): per class, product line, item and
customer, comments; the report as PDF (rendered to check) and Excel (read back)."""

import io
import subprocess
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import load_workbook

from csc.core.choices import AuditAction
from csc.core.models import AuditEntry, Notification
from csc.surveys import actions, stats
from csc.surveys.models import SurveyInvitation, SurveyRound
from csc.testing import customer_page, system_tool

from . import makers

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round(people):
    """A closed weighted round: A 100 and 80 (line 电机), B 90 (line 泵), C 60 (电机)."""
    makers.customers(a=2, b=1, c=4)
    survey_round = makers.sent_round(people, seed=3)
    lines = {"A": "电机", "B": "泵", "C": "电机"}
    for cls, line in lines.items():
        SurveyInvitation.objects.filter(round=survey_round, abc_class=cls).update(product_line=line)
    a1, a2 = survey_round.invitations.filter(abc_class="A").order_by("pk")
    makers.answer(people, a1, 100)
    makers.answer(people, a2, 80, price=70)
    response = makers.answer(people, survey_round.invitations.get(abc_class="B"), 90)
    answer = response.answers.get(item__key="delivery")
    answer.comment = "交期偶有延误"
    answer.save()
    makers.answer(people, survey_round.invitations.get(abc_class="C"), 60)
    people.mr, people.quality  # noqa: B018  (they exist when the report is announced)
    return actions.close_round(people.sales, SurveyRound.objects.get(pk=survey_round.pk))


def test_figures_by_class(closed_round):
    rows = {row["abc_class"]: row for row in stats.by_class(closed_round)}
    assert (rows["A"]["sent"], rows["A"]["answered"], rows["A"]["index"]) == (2, 2, Decimal("89.6"))
    assert (rows["B"]["rate"], rows["B"]["index"]) == (Decimal("100.0"), Decimal("90.0"))
    assert (rows["C"]["sent"], rows["C"]["answered"]) == (1, 1)


def test_figures_by_product_line(closed_round):
    rows = {row["product_line"]: row for row in stats.by_product_line(closed_round)}
    # 电机: 100, 79.2 (80 with price 70: 80 − 0.08 × 10) and 60 → 79.733… → 79.7
    assert rows["电机"]["answers"] == 3
    assert rows["电机"]["index"] == Decimal("79.7")
    assert rows["泵"]["index"] == Decimal("90.0")


def test_figures_by_item_with_the_items_below_requirement(closed_round):
    rows = {row["item"].key: row for row in stats.by_item(closed_round)}
    assert rows["quality"]["average"] == Decimal("82.5")  # (100 + 80 + 90 + 60) / 4
    assert rows["price"]["average"] == Decimal("80.0")  # (100 + 70 + 90 + 60) / 4
    assert rows["price"]["below"] == 2 and rows["price"]["poor"] == 1
    assert stats.lowest_item(list(rows.values()))["item"].key == "price"


def test_the_round_index_and_response_rate(closed_round):
    table = stats.statistics(closed_round)
    assert table["summary"]["index"] == Decimal("82.3")  # (100 + 79.2 + 90 + 60) / 4 = 82.3
    assert table["validity"].rate == Decimal("100.0")
    assert table["comments"] == 1
    assert SurveyRound.objects.get(pk=closed_round.pk).index == Decimal("82.300")


def test_the_whole_statistics_table_takes_a_fixed_number_of_queries(closed_round, people):
    from csc.testing import count_queries

    _table, few = count_queries(lambda: stats.statistics(closed_round))
    makers.customers(a=3)
    survey_round = makers.sent_round(people, seed=4)
    for invitation in survey_round.invitations.all():
        makers.answer(people, invitation, 90)
    _table, many = count_queries(lambda: stats.statistics(survey_round))
    assert few == many <= 8


def test_the_trend_lists_closed_rounds_oldest_first(closed_round, people):
    later = makers.sent_round(people, period=(makers.PERIOD[1], makers.PERIOD[1]), seed=9)
    makers.answer(people, later.invitations.filter(abc_class="A").first(), 100)
    actions.close_round(people.sales, later)
    rows = stats.trend()
    assert [row["number"] for row in rows] == [closed_round.number, later.number]
    assert rows[-1]["index"] == Decimal("100.0")


def _png_pages(pdf_bytes, tmp_path):
    pdftoppm = system_tool("pdftoppm", "poppler-utils")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf_bytes)
    subprocess.run([pdftoppm, "-r", "50", "-png", str(source), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page*.png"))


def test_the_report_pdf_renders_with_chinese_text(closed_round, people, tmp_path):
    target = io.BytesIO()
    actions.export_report(people.mr, closed_round, target, "pdf")
    data = target.getvalue()
    assert data.startswith(b"%PDF")
    pages = _png_pages(data, tmp_path)
    assert pages and all(page.stat().st_size > 2000 for page in pages)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert closed_round.number in text
    assert "产品质量" in text and "交期偶有延误" in text
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, object_id=str(closed_round.pk)
    ).exists()


def test_the_statistics_workbook_reads_back(closed_round, people):
    target = io.BytesIO()
    with translation.override("en"):
        actions.export_report(people.quality, closed_round, target, "xlsx")
    book = load_workbook(io.BytesIO(target.getvalue()), read_only=True)
    assert {"Summary", "Classes", "Items", "Customers", "Comments"} <= set(book.sheetnames)
    customers = list(book["Customers"].iter_rows(values_only=True))
    assert len(customers) == 5  # header + 4 answers
    header = customers[0]
    quality = header.index("产品质量（符合性）")
    assert sorted(row[quality] for row in customers[1:]) == [60, 80, 90, 100]
    satisfaction = [row[-1] for row in customers[1:]]
    assert "79.2" in [str(v) for v in satisfaction]
    comments = list(book["Comments"].iter_rows(values_only=True))
    assert any("交期偶有延误" in str(row) for row in comments)


def test_reports_are_for_those_allowed_to_export(closed_round, people):
    client = Client()
    client.force_login(people.engineer)
    assert client.get(f"/surveys/rounds/{closed_round.pk}/report.pdf").status_code == 404
    client.force_login(people.mr)
    reply = client.get(f"/surveys/rounds/{closed_round.pk}/report.pdf")
    assert reply.status_code == 200 and reply["Content-Type"] == "application/pdf"


def test_the_management_representative_and_quality_are_told_the_report_is_ready(
    closed_round, people
):
    for persona in (people.mr, people.quality):
        assert Notification.objects.filter(
            user=persona, title__contains=closed_round.number
        ).exists()


def test_the_customer_page_shows_the_customers_scores_over_time(closed_round, people):
    customer = closed_round.responses.get(abc_class="B").customer
    client = Client()
    client.force_login(people.sales)
    page = customer_page(client, customer)
    assert 'id="survey-scores"' in page
    assert closed_round.number in page and "90.0" in page
