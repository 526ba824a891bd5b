"""Benchmark of the printable forms (REC-1): each single-record PDF as its page serves it.

Budgets: any single-record PDF p95 ≤ 500 ms, the 8D report (nine disciplines, the longest form)
≤ 800 ms. Each operation times the whole view — permission, data fetch, PDF bytes — over up to
``--records`` records of its kind, made by the areas that own them (complaints, orders,
customers, after_sales). The fonts are read once per process, so the first PDF of a process is
slower: ``pdf_cold_first`` times it in a fresh process, and says whether the derived font files
were there already (they are built once per install).
"""

import time
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from csc.aftersales.models import FieldServiceRecord, WarrantyClaim
from csc.complaints.models import Complaint, EightD, Reply
from csc.complaints.pdf import reply_letter
from csc.core import pdffonts
from csc.core.pdf import SC_FACE, font_paths
from csc.customers.models import CustomerAdmission
from csc.orders.models import ReviewVersion

from . import after_sales, complaints, customers, data, orders
from .harness import (
    Operation,
    at_most,
    data_visible_to_child,
    logged_in,
    measure,
    run_in_child,
    summary,
)

DEFAULT_RECORDS = 20
REPLY_SUBJECT = "BENCH 投诉回复"
REPLY_BODY = (
    "贵司反馈的焊点开裂问题，经我司 8D 小组分析，根本原因为焊机参数被误调、点检标准缺项。"
    "已对在库品全数隔离筛选，点检表增加该参数，出货检验增加该特性，连续 10 批无复发。"
)


def foreign_records():
    """The forms print records of other areas; this area makes none of its own but replies."""
    return 0


#: Who prints each form: the role whose page serves it.
PRINTED_BY = {
    "pdf_8d": "quality",
    "pdf_order_review": "sales-1",
    "pdf_proforma_invoice": "sales-1",
    "pdf_customer": "sales-1",
    "pdf_warranty_claim": "quality",
    "pdf_service_receipt": "quality",
}


@dataclass
class Context:
    users: dict
    records: int
    urls: dict
    replies: list


def generate(records, log):
    """Make sure each printed record kind has bench records; return the URLs to print."""
    users = data.bench_users()
    customers.generate(max(records, 20), log)
    orders.generate(records, log)
    complaints.generate(max(records * 4, 40), log)  # about one complaint in three gets an 8D
    after_sales.generate(records, log)
    replies = _replies(records, users["quality"])
    urls = {
        "pdf_8d": [
            reverse("complaints:eightd-pdf", args=[pk])
            for pk in EightD.objects.filter(number__startswith="8DB-")
            .order_by("-pk")
            .values_list("complaint_id", flat=True)[:records]
        ],
        "pdf_order_review": [
            reverse("orders:version-pdf", args=[order, number])
            for order, number in ReviewVersion.objects.filter(
                order__number__startswith=orders.NUMBER_PREFIX
            )
            .order_by("-pk")
            .values_list("order_id", "number")[:records]
        ],
        "pdf_proforma_invoice": [
            reverse("orders:pi", args=[order])
            for order in ReviewVersion.objects.filter(
                order__number__startswith=orders.NUMBER_PREFIX
            )
            .order_by("-pk")
            .values_list("order_id", flat=True)[:records]
        ],
        "pdf_customer": [
            reverse("customers:admission-pdf", args=[pk])
            for pk in CustomerAdmission.objects.order_by("-pk").values_list("pk", flat=True)[
                :records
            ]
        ],
        "pdf_warranty_claim": [
            reverse("aftersales:claim-pdf", args=[pk])
            for pk in WarrantyClaim.objects.filter(number__startswith=after_sales.NUMBER_PREFIX)
            .order_by("-pk")
            .values_list("pk", flat=True)[:records]
        ],
        "pdf_service_receipt": [
            reverse("aftersales:field-pdf", args=[pk])
            for pk in FieldServiceRecord.objects.order_by("-pk").values_list("pk", flat=True)[
                :records
            ]
        ],
    }
    empty = [name for name, found in urls.items() if not found]
    if empty:
        raise RuntimeError(f"no records to print for {', '.join(empty)}")
    return Context(users=users, records=records, urls=urls, replies=replies)


def _replies(records, author):
    """Return the pks of bench reply letters (made for complaints with an 8D when missing)."""
    have = list(Reply.objects.filter(subject=REPLY_SUBJECT).values_list("pk", flat=True))
    if len(have) < records:
        taken = Reply.objects.filter(subject=REPLY_SUBJECT).values("complaint_id")
        targets = (
            Complaint.objects.filter(
                number__startswith=complaints.NUMBER_PREFIX, eightd__isnull=False
            )
            .exclude(pk__in=taken)
            .order_by("-pk")[: records - len(have)]
        )
        now = timezone.now()
        with transaction.atomic():
            made = Reply.objects.bulk_create(
                Reply(complaint=c, subject=REPLY_SUBJECT, body=REPLY_BODY, drafted_by=author, drafted_at=now)
                for c in targets
            )  # fmt: skip
        have += [reply.pk for reply in made]
    return have[:records]


# --- operations --------------------------------------------------------------------------


def _get_pdf(client, url):
    response = client.get(url)
    if response.status_code != 200 or not response.content.startswith(b"%PDF"):
        raise RuntimeError(f"GET {url} answered {response.status_code}, not a PDF")
    return response.content


def _time_view(name):
    def run(context, plan):
        client = logged_in(context.users[PRINTED_BY[name]])
        urls = context.urls[name]
        sizes = []
        samples = measure(lambda i: sizes.append(len(_get_pdf(client, urls[i % len(urls)]))), plan)
        return _figures(samples, sizes, len(urls), plan)

    run.__name__ = name
    run.__doc__ = f"The view serving {name[4:].replace('_', ' ')} as PDF, record by record."
    return run


def _figures(samples, sizes, variants, plan):
    return {
        **summary(samples),
        "rows": 1,
        "kb": round(max(sizes) / 1024, 1),
        "variants": variants,
        "runs": plan.runs,
    }


def pdf_reply_letter(context, plan):
    """The reply letter, fetched and rendered as the drafting action does (the page serves
    the stored file)."""
    sizes = []

    def render(i):
        reply = Reply.objects.select_related(
            "complaint__customer",
            "complaint__product",
            "complaint__eightd",
            "drafted_by",
            "sent_by",
        ).get(pk=context.replies[i % len(context.replies)])
        with override(reply.language or "zh-hans"):
            sizes.append(len(reply_letter(reply)))

    samples = measure(render, plan)
    return _figures(samples, sizes, len(context.replies), plan)


def cold_task(username, url):
    """In a fresh process: time the first 8D report, then the second (fonts read once)."""
    from csc.core.models import User

    ready = all(pdffonts.derived_font_path(path, SC_FACE).exists() for path in font_paths())
    client = logged_in(User.objects.get(username=username))
    started = time.perf_counter()
    _get_pdf(client, url)
    first = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    _get_pdf(client, url)
    second = (time.perf_counter() - started) * 1000
    return {"first_ms": round(first, 2), "second_ms": round(second, 2), "cache_ready": ready}


def pdf_cold_first(context, plan):
    """The first 8D report of a fresh process, which reads the fonts (once per process)."""
    user = context.users[PRINTED_BY["pdf_8d"]]
    arguments = {"username": user.username, "url": context.urls["pdf_8d"][0]}
    if not data_visible_to_child():
        # In a test transaction no other process sees the rows, and this one is warm already.
        return {"p50_ms": None, "p95_ms": None, "rows": 1, "fresh_process": False}
    result = run_in_child("csc.bench.documents:cold_task", **arguments)
    return {
        "p50_ms": result["first_ms"],
        "p95_ms": result["first_ms"],
        "rows": 1,
        "second_ms": result["second_ms"],
        "font_cache_ready": result["cache_ready"],
        "peak_mb": result["peak_mb"],
        "fresh_process": True,
    }


PDF_BUDGET = (at_most("p95_ms", 500),)

OPERATIONS = [
    Operation("pdf_cold_first", pdf_cold_first),
    Operation("pdf_8d", _time_view("pdf_8d"), (at_most("p95_ms", 800),)),
    Operation("pdf_reply_letter", pdf_reply_letter, PDF_BUDGET),
    Operation("pdf_order_review", _time_view("pdf_order_review"), PDF_BUDGET),
    Operation("pdf_proforma_invoice", _time_view("pdf_proforma_invoice"), PDF_BUDGET),
    Operation("pdf_customer", _time_view("pdf_customer"), PDF_BUDGET),
    Operation("pdf_warranty_claim", _time_view("pdf_warranty_claim"), PDF_BUDGET),
    Operation("pdf_service_receipt", _time_view("pdf_service_receipt"), PDF_BUDGET),
]
