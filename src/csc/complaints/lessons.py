"""Lessons learned (IATF 10.2.3 f, 10.2.6): the earlier cases most like a new problem.

Each complaint whose 8D closed is indexed by the grams of its description: character bigrams
for Chinese (a Chinese word is mostly two characters) and trigrams for other text. A search
counts the grams a new text shares with each indexed case in one grouped SQL query — the same
on SQLite and PostgreSQL, no extension needed — and ranks by the Jaccard similarity of the two
gram sets, preferring cases of the same product or customer. Grams shared by very many cases
(“产品”, “问题”) carry no signal; they are skipped so the query stays small.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count

from .conf import setting
from .models import Complaint, LessonGram, LessonPrint

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[0-9a-z]+")
MAX_GRAMS = 400


def grams(text):
    """Return the set of grams of ``text``: CJK bigrams (or the single character) and
    trigrams of each Latin word or number (or the whole word when shorter)."""
    text = (text or "").lower()
    found = set()
    for run in CJK.findall(text):
        found.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
    for word in WORD.findall(CJK.sub(" ", text)):
        found.update(word[i : i + 3] for i in range(max(len(word) - 2, 1)))
    return set(sorted(found)[:MAX_GRAMS])


def text_of(complaint):
    return f"{complaint.description} {complaint.product.name if complaint.product_id else ''}"


def index(complaint):
    """(Re)index one complaint; call inside the verb that closes its 8D."""
    found = grams(text_of(complaint))
    LessonGram.objects.filter(complaint=complaint).delete()
    LessonGram.objects.bulk_create(LessonGram(complaint=complaint, gram=g) for g in found)
    LessonPrint.objects.update_or_create(complaint=complaint, defaults={"grams": len(found)})


@dataclass
class Case:
    complaint: object
    similarity: float
    same_product: bool
    root_cause: str = ""
    actions: str = ""
    documents: str = ""
    lessons: str = ""


def similar(text, product=None, customer=None, exclude=None, limit=None):
    """Return the earlier cases most like ``text`` (best first), with what was learned."""
    limit = limit or setting("LESSONS_SHOWN")
    wanted = grams(text)
    if not wanted:
        return []
    useful = _without_common(wanted)
    if not useful:
        return []
    shared = (
        LessonGram.objects.filter(gram__in=useful)
        .exclude(complaint=exclude)
        .values("complaint")
        .annotate(n=Count("id"))
        .order_by("-n")[: limit * 10]
    )
    counts = {row["complaint"]: row["n"] for row in shared}
    sizes = dict(LessonPrint.objects.filter(complaint__in=counts).values_list("complaint", "grams"))
    candidates = Complaint.objects.filter(pk__in=counts).select_related("product", "customer", "eightd")  # fmt: skip
    cases = []
    for complaint in candidates:
        score = counts[complaint.pk] / (len(useful) + sizes.get(complaint.pk, 0) - counts[complaint.pk])  # fmt: skip
        same = product is not None and complaint.product_id == getattr(product, "pk", product)
        if same or (customer is not None and complaint.customer_id == getattr(customer, "pk", customer)):  # fmt: skip
            score += setting("LESSONS_SAME_PRODUCT_BONUS")
        if score >= setting("LESSONS_MIN_SIMILARITY"):
            cases.append(_with_lessons(Case(complaint, round(min(score, 1.0), 2), same)))
    cases.sort(key=lambda c: (-c.similarity, -c.complaint.received_at.timestamp()))
    return cases[:limit]


def _without_common(wanted):
    """Drop grams found in more than LESSONS_COMMON_SHARE of the indexed cases."""
    total = LessonPrint.objects.count()
    if total < 20:
        return wanted
    ceiling = max(int(total * setting("LESSONS_COMMON_SHARE")), 5)
    common = set(
        LessonGram.objects.filter(gram__in=wanted)
        .values("gram")
        .annotate(n=Count("id"))
        .filter(n__gt=ceiling)
        .values_list("gram", flat=True)
    )
    return wanted - common


def _with_lessons(case):
    """Fill in the root cause, actions, document updates and lessons of the case's 8D."""
    eightd = getattr(case.complaint, "eightd", None)
    if eightd is None:
        return case
    data = dict(eightd.disciplines.filter(code__in=("D4", "D5", "D7")).values_list("code", "data"))  # fmt: skip
    d4, d5, d7 = data.get("D4", {}), data.get("D5", {}), data.get("D7", {})
    case.root_cause = "；".join(v for v in (d4.get("occ_root_cause"), d4.get("esc_root_cause")) if v)  # fmt: skip
    case.actions = "；".join(v for k, v in sorted(d5.items()) if k.startswith("action_") and v)
    case.documents = "；".join(
        f"{doc.upper()} {d7.get(f'{doc}_reference', '')}".strip()
        for doc in ("wi", "pfmea", "cp")
        if d7.get(f"{doc}_status") == "done"
    )
    case.lessons = d7.get("lessons", "")
    return case


@transaction.atomic
def rebuild():
    """Index every complaint whose 8D is closed (after an upgrade or a bulk load)."""
    LessonGram.objects.all().delete()
    LessonPrint.objects.all().delete()
    count = 0
    for complaint in Complaint.objects.filter(eightd__closed_at__isnull=False).select_related("product").iterator():  # fmt: skip
        index(complaint)
        count += 1
    return count
