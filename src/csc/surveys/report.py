"""The round's survey report (客户满意度调查报告, SUR-8) as PDF, and its statistics table
(顾客满意度调查统计表, HT-QR-MA-02) as an Excel workbook. Called by the export verbs."""

from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from csc.core.pdf import FormPDF

from . import rules, stats
from .models import SurveyAnswer, SurveyResponse

LOWEST_SHOWN = 15
COMMENTS_SHOWN = 40


def _facts(survey_round, table):
    validity = table["validity"]
    summary = table["summary"]
    verdict = {True: _("valid"), False: _("NOT valid"), None: _("not judged yet")}
    valid = survey_round.valid if survey_round.valid is not None else None
    return [
        (_("Round no."), survey_round.number),
        (_("Title"), survey_round.title),
        (_("Period"), f"{survey_round.period_start} – {survey_round.period_end}"),
        (_("Questionnaire"), f"{survey_round.template} ({survey_round.template.form_number})"),
        (_("Surveys sent"), validity.invited),
        (_("Answers"), f"{validity.responded} ({validity.rate or '–'}%)"),
        (_("A/B answers"), f"{validity.ab_responded}/{validity.ab_invited} ({validity.ab_rate or '–'}%)"),
        (_("Validity"), verdict[valid]),
        (_("Satisfaction index"), summary["index"] if summary["index"] is not None else "–"),
        (_("Lowest / highest"), f"{summary['lowest'] or '–'} / {summary['highest'] or '–'}"),
        (_("Answer by"), survey_round.due_date or "–"),
        (_("Closed"), timezone.localtime(survey_round.closed_at).strftime("%Y-%m-%d %H:%M") if survey_round.closed_at else "–"),
    ]  # fmt: skip


def _item_rows(survey_round, table):
    weighted = survey_round.template.is_weighted
    return [
        [
            row["item"].text,
            row["item"].get_category_display(),
            row["item"].weight if weighted else row["item"].max_points,
            row["answers"],
            row["average"] if row["average"] is not None else "–",
            row["below"],
            row["poor"],
            _("yes") if row["meets"] else _("NO"),
        ]
        for row in table["items"]
    ]


def _item_headers(survey_round):
    return [
        _("Item"), _("Category"), _("Weight") if survey_round.template.is_weighted else _("Max."),
        _("Answers"), _("Average"), _("Below requirement"), _("Poor answers"), _("Meets"),
    ]  # fmt: skip


def write_pdf(survey_round, target):
    """Write the survey report PDF to ``target`` (a binary file); return its size in bytes."""
    table = stats.statistics(survey_round)
    pdf = FormPDF(
        _("Customer satisfaction survey report"),
        form_number="HT-QR-MA-02",
        subtitle=f"{survey_round.number} · {survey_round.title}",
    )
    pdf.facts(_facts(survey_round, table))
    pdf.paragraph(_("Response rates (SUR-5)"), survey_round.validity_note or table["validity"].note)
    _class_and_line_tables(pdf, table)
    pdf.heading(_("Items"))
    pdf.table(_item_headers(survey_round), _item_rows(survey_round, table),
              widths=[3.2, 1.4, 0.8, 0.9, 0.9, 1.1, 1, 0.8])  # fmt: skip
    _profile(pdf, survey_round, table)
    _lowest_customers(pdf, survey_round)
    _actions(pdf, survey_round)
    _comments(pdf, survey_round)
    pdf.paragraph(_("Note"), str(rules.ROUNDING_RULE))
    pdf.signatures([(_("Prepared (Marketing)"), "", ""), (_("Reviewed (Quality)"), "", ""),
                    (_("Approved (Management Representative)"), "", "")])  # fmt: skip
    data = pdf.render()
    target.write(data)
    return len(data)


def _class_and_line_tables(pdf, table):
    pdf.heading(_("By customer class"))
    pdf.table(
        [_("Class"), _("Sent"), _("Answered"), _("Rate %"), _("Index")],
        [[r["label"], r["sent"], r["answered"], r["rate"] or "–", r["index"] or "–"]
         for r in table["classes"]],
    )  # fmt: skip
    pdf.heading(_("By product line"))
    pdf.table(
        [_("Product line"), _("Answers"), _("Index"), _("Lowest")],
        [[r["product_line"] or _("(none)"), r["answers"], r["index"], r["lowest"]]
         for r in table["product_lines"]],
    )  # fmt: skip


def _profile(pdf, survey_round, table):
    """Draw the item profile: one bar per item, red when below the requirement."""
    template = survey_round.template
    maximum = float(max(template.levels) if template.is_weighted else max(
        (r["item"].max_points or 0 for r in table["items"]), default=20))  # fmt: skip
    pdf.heading(_("Item profile"))
    label_w, bar_w, height = 60, pdf.width - 75, 5
    pdf.set_font("cjk", "", 8)
    for row in table["items"]:
        if pdf.will_page_break(height + 1):
            pdf.add_page()
        x, y = pdf.l_margin, pdf.get_y()
        pdf.set_xy(x, y)
        pdf.cell(label_w, height, row["item"].label[:22])
        pdf.set_fill_color(238, 242, 248)
        pdf.rect(x + label_w, y, bar_w, height - 1, style="F")
        if row["average"] is not None:
            share = min(float(row["average"]) / maximum, 1.0)
            colour = (31, 95, 191) if row["meets"] else (197, 48, 48)
            pdf.set_fill_color(*colour)
            pdf.rect(x + label_w, y, bar_w * share, height - 1, style="F")
            pdf.set_xy(x + label_w + bar_w + 2, y)
            pdf.cell(12, height, str(row["average"]))
        pdf.set_xy(x, y + height + 1)


def _lowest_customers(pdf, survey_round):
    rows = (
        SurveyResponse.objects.filter(round=survey_round)
        .order_by("satisfaction", "customer__name")
        .values_list("customer__name", "abc_class", "product_line", "score", "complaint_deduction",
                     "return_deduction", "satisfaction")[:LOWEST_SHOWN]
    )  # fmt: skip
    pdf.heading(_("Lowest satisfaction"))
    pdf.table(
        [_("Customer"), _("Class"), _("Product line"), _("Score"), _("Complaints −"),
         _("Returns −"), _("Satisfaction")],
        [[n, c, p, rules.rounded(s), d1, d2, rules.rounded(v)] for n, c, p, s, d1, d2, v in rows],
        widths=[3, 0.6, 1.4, 0.9, 1, 0.9, 1],
    )  # fmt: skip


def _actions(pdf, survey_round):
    rows = survey_round.actions.select_related("capa__department", "response__customer")
    pdf.heading(_("Corrective actions opened (SUR-7)"))
    pdf.table(
        [_("Action no."), _("Trigger"), _("Responsible"), _("Customer"), _("Status")],
        [[a.capa.number, a.get_kind_display(), str(a.capa.department),
          str(a.response.customer) if a.response else "–", a.capa.get_status_display()]
         for a in rows],
        widths=[1.3, 2.2, 1.2, 2, 1],
    )  # fmt: skip


def _comments(pdf, survey_round):
    answers = (
        SurveyAnswer.objects.filter(round=survey_round)
        .exclude(comment="")
        .order_by("item__position", "response_id")
        .values_list("response__customer__name", "item__text", "value", "comment")[:COMMENTS_SHOWN]
    )
    overall = (
        SurveyResponse.objects.filter(round=survey_round)
        .exclude(comment="")
        .order_by("customer__name")
        .values_list("customer__name", "comment")[:COMMENTS_SHOWN]
    )
    pdf.heading(_("Comments"))
    rows = [[c, f"{i} ({v})", text] for c, i, v, text in answers]
    rows += [[c, _("Overall"), text] for c, text in overall]
    pdf.table([_("Customer"), _("Item"), _("Comment")], rows, widths=[2, 2, 4])


# --- the statistics workbook (HT-QR-MA-02) -----------------------------------------------


def write_workbook(survey_round, target):
    """Write the statistics workbook: summary, classes, lines, items, customers, comments."""
    table = stats.statistics(survey_round)
    book = Workbook(write_only=True)
    _sheet(book, _("Summary"), [_("Figure"), _("Value")],
           [[str(k), str(v)] for k, v in _facts(survey_round, table)])  # fmt: skip
    _sheet(book, _("Classes"), [_("Class"), _("Sent"), _("Answered"), _("Rate %"), _("Index")],
           [[r["abc_class"], r["sent"], r["answered"], r["rate"], r["index"]]
            for r in table["classes"]])  # fmt: skip
    _sheet(book, _("Product lines"), [_("Product line"), _("Answers"), _("Index"), _("Lowest")],
           [[r["product_line"], r["answers"], r["index"], r["lowest"]]
            for r in table["product_lines"]])  # fmt: skip
    _sheet(book, _("Items"), _item_headers(survey_round), _item_rows(survey_round, table))
    items = list(survey_round.template.items.all())
    _sheet(book, _("Customers"), _customer_headers(items), _customer_rows(survey_round, items))
    _sheet(book, _("Comments"), [_("Customer"), _("Item"), _("Value"), _("Comment")],
           _comment_rows(survey_round))  # fmt: skip
    book.save(target)


def _sheet(book, title, headers, rows):
    sheet = book.create_sheet(title=str(title)[:31])
    sheet.append([str(h) for h in headers])
    for row in rows:
        sheet.append([str(v) if v is not None and not isinstance(v, int | float) else v
                      for v in row])  # fmt: skip


def _customer_headers(items):
    return [
        _("Customer no."), _("Customer"), _("Class"), _("Product line"), _("Received by"),
        *[item.text for item in items], _("Score"), _("Complaints"), _("Returns"),
        _("Complaint deduction"), _("Return deduction"), _("Satisfaction"),
    ]  # fmt: skip


def _customer_rows(survey_round, items):
    """Stream one row per answer with each item's value (conditional aggregates in SQL)."""
    per_item = {
        f"i{item.pk}": Max("answers__value", filter=Q(answers__item_id=item.pk)) for item in items
    }
    rows = (
        SurveyResponse.objects.filter(round=survey_round)
        .annotate(**per_item)
        .order_by("customer__name")
        .values_list(
            "customer__code", "customer__name", "abc_class", "product_line", "channel",
            *per_item, "score", "complaints", "returns", "complaint_deduction",
            "return_deduction", "satisfaction",
        )
    )  # fmt: skip
    for row in rows.iterator(chunk_size=2000):
        head, values, tail = row[:5], row[5 : 5 + len(items)], row[5 + len(items) :]
        score, complaints, returns, cd, rd, satisfaction = tail
        yield [*head, *values, rules.rounded(score), complaints, returns, cd, rd,
               rules.rounded(satisfaction)]  # fmt: skip


def _comment_rows(survey_round):
    answers = (
        SurveyAnswer.objects.filter(round=survey_round)
        .exclude(comment="")
        .order_by("item__position", "response__customer__name")
        .values_list("response__customer__name", "item__text", "value", "comment")
    )
    yield from answers.iterator(chunk_size=2000)
    overall = (
        SurveyResponse.objects.filter(round=survey_round)
        .exclude(comment="")
        .order_by("customer__name")
        .values_list("customer__name", "comment")
    )
    for name, comment in overall.iterator(chunk_size=2000):
        yield [name, _("Overall"), None, comment]
