"""Fill CSC's bench database with N complaints and print what the timing needs (JSON, last line).

Runs with CSC's Python and ``DJANGO_SETTINGS_MODULE=bench_settings`` (``csc_site/``), set up by
``run.py``. The complaints come from ``csc bench``'s own generator (``csc.bench.complaints``),
so this database is the one ``csc bench --only complaints`` fills and reuses.
"""

import json
import sys
from collections import Counter
from urllib.parse import urlencode

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from csc.bench import complaints  # noqa: E402
from csc.complaints.models import Complaint  # noqa: E402
from csc.customers.models import Customer  # noqa: E402

ASCII_WORD = "salt spray"  # in one of the generator's problems: about 8 % of the records
CJK_WORD = "漏水"  # 1 %, and two characters: the short-word path of the search


def log(message):
    print(message, file=sys.stderr, flush=True)


def main(records, force):
    call_command("migrate", verbosity=0)
    foreign = complaints.foreign_records()
    if foreign and not force:
        sys.exit(
            f"This database holds {foreign:,} complaints the bench did not make: point the run "
            "at a database of its own, or add --force."
        )
    context = complaints.generate(records, log)
    print(json.dumps(plan(context)))


def plan(context):
    """Session cookie, token, and the URLs of each operation."""
    user = context.user
    client = Client()
    client.force_login(user)
    token, _created = Token.objects.get_or_create(user=user)
    # 25 a page, as the peer's list and both ledger pages (the API's own default is 50).
    lists = [
        "/api/v1/complaints/?"
        + urlencode(
            {"status": s, "department": d, "month": m, "ordering": "-received_at", "page_size": 25}
        )
        for s in ("closed", "replied", "accepted")
        for d in context.departments
        for m in context.months[:5]
    ]
    ids = list(
        Complaint.objects.filter(number__startswith=complaints.NUMBER_PREFIX)
        .order_by("?")
        .values_list("pk", flat=True)[:40]
    )
    result = {
        "cookie": {"sessionid": client.cookies["sessionid"].value},
        "token": token.key,
        "customer": Customer.objects.admitted().order_by("pk").values_list("pk", flat=True)[0],
        "complaints": Complaint.objects.count(),
        "list_data": lists,
        "ledger_page": ["/complaints/"],
        "ledger_floor": ["/bench-floor/complaints/"],
        "detail_page": [f"/complaints/{pk}/" for pk in ids],
        "detail_floor": [f"/bench-floor/complaints/{pk}/" for pk in ids],
        "search_ascii": ["/complaints/?" + urlencode({"q": ASCII_WORD})],
        "search_cjk": ["/complaints/?" + urlencode({"q": CJK_WORD})],
        "kpi_page": [f"/complaints/kpis/?year={context.year}"],
        "home": ["/"],
        "problems": complaints.PROBLEMS,
        "search_words": complaints.SEARCH_WORDS,
        "ascii_word": ASCII_WORD,
        "cjk_word": CJK_WORD,
        "django": django.get_version(),
        "database": connection.vendor,
    }
    result["queries"] = same_queries(client, result)
    return result


def same_queries(client, urls, pages=5):
    """Count the queries of each page and of its floor (for up to ``pages`` complaints): the
    floor must send as many. Returns the counts of the first and how many pairs differed."""
    counts, differ = {}, 0
    for page, floor in (("ledger_page", "ledger_floor"), ("detail_page", "detail_floor")):
        for i, (page_url, floor_url) in enumerate(zip(urls[page], urls[floor], strict=True)):
            if i == pages:
                break
            sent = {page: _queries(client, page_url), floor: _queries(client, floor_url)}
            if i == 0:
                counts |= {name: len(queries) for name, queries in sent.items()}
            if len(sent[page]) != len(sent[floor]):
                differ += 1
                log(
                    f"warning: {page_url} sends {len(sent[page])} queries, its floor {len(sent[floor])}"
                )
                for name, other in ((page, floor), (floor, page)):
                    for sql, times in (Counter(sent[name]) - Counter(sent[other])).items():
                        log(f"  {name} once more ({times}×): {sql}")
    return {**counts, "pairs_that_differ": differ}


def _queries(client, url):
    client.get(url)  # once to fill per-process caches, as the warm-ups do before timing
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return [query["sql"][:120] for query in queries]


if __name__ == "__main__":
    main(int(sys.argv[1]), "--force" in sys.argv)
