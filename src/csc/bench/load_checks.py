"""What ``csc load`` proves after the run, from the answers it got and the database it left.

Each check returns a ``Check``: its name, whether it held, and a line saying what was found.
They are separate functions so a test can hand one a broken invariant and watch it fail.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from .harness import percentile

# numbering key → (model label, number field, prefix): the sequences the load draws from.
SEQUENCES = {
    "complaint": ("complaints.Complaint", "number", "CC"),
    "service": ("service.ServiceRequest", "number", "SR"),
    "property_receipt": ("property.Lot", "number", "RC"),
    "property_item": ("property.PropertyItem", "number", "CP"),
    "customer": ("customers.Customer", "code", "CU"),
}
# what the contact lists → (model label, path to the owning customer's id)
CONTACT_KINDS = {
    "complaint": ("complaints.Complaint", "customer_id"),
    "service": ("service.ServiceRequest", "customer_id"),
    "item": ("property.PropertyItem", "customer_id"),
}


@dataclass(frozen=True)
class Check:
    name: str
    passed: bool
    detail: str


def all_checks(facts, world):
    """Return every check of a finished run, in the order the report prints them."""
    return [
        no_server_errors(facts),
        only_expected_answers(facts),
        no_lost_requests(facts),
        numbers_gap_free(),
        numbers_handed_out_once(facts),
        stock_never_negative(facts),
        conflicts_were_stale(facts, world),
        contact_saw_only_its_own(facts, world),
    ]


def status_classes(facts):
    """Return {"2xx": n, "4xx": n, …, "none": n} over every request sent."""
    classes = Counter(
        f"{sample.status // 100}xx" if sample.status else "none" for sample in facts.samples
    )
    return dict(sorted(classes.items()))


def no_server_errors(facts):
    errors = Counter(s.operation for s in facts.samples if s.status >= 500)
    detail = ", ".join(f"{op} {n}" for op, n in errors.items()) or "none"
    return Check("no 5xx answer", not errors, f"5xx: {detail}")


def only_expected_answers(facts):
    """Every answer is one its operation may give (201 or a stock refusal for an issue …)."""
    odd = Counter((s.operation, s.status) for s in facts.samples if s.status and not s.expected)
    detail = ", ".join(f"{op} {status}×{n}" for (op, status), n in odd.items()) or "none"
    return Check("every answer expected", not odd, f"unexpected: {detail}")


def no_lost_requests(facts):
    errors = facts.transport_errors
    detail = f"{len(errors)} without an answer" + (f", first: {errors[0]}" if errors else "")
    return Check("every request answered", not errors, detail)


def numbers_gap_free():
    """For every sequence the load drew from: the stored numbers are exactly 1 … last value."""
    from django.apps import apps

    from csc.core.models import NumberSequence

    problems, counted = [], 0
    for sequence in NumberSequence.objects.filter(key__in=SEQUENCES).order_by("key", "year"):
        label, field, prefix = SEQUENCES[sequence.key]
        stem = f"{prefix}-{sequence.year}-"
        model = apps.get_model(label)
        numbers = model.objects.filter(**{f"{field}__startswith": stem})
        values = [int(n.removeprefix(stem)) for n in numbers.values_list(field, flat=True)]
        counted += len(values)
        problems += _sequence_problems(stem, values, sequence.last_value)
    detail = "; ".join(problems) or f"{counted} numbers in order"
    return Check("record numbers gap-free", not problems, detail)


def _sequence_problems(stem, values, last):
    problems = []
    missing = sorted(set(range(1, last + 1)) - set(values))
    if missing:
        problems.append(f"{stem}: {len(missing)} missing, first {missing[0]}")
    twice = [n for n, count in Counter(values).items() if count > 1]
    if twice:
        problems.append(f"{stem}: {len(twice)} used twice, first {min(twice)}")
    beyond = [n for n in values if n > last or n < 1]
    if beyond:
        problems.append(f"{stem}: {len(beyond)} outside 1…{last}")
    return problems


def numbers_handed_out_once(facts):
    twice = [n for n, count in Counter(facts.numbers).items() if count > 1]
    detail = f"{len(facts.numbers)} numbers answered" + (f", twice: {twice[:3]}" if twice else "")
    return Check("no number answered twice", not twice, detail)


def stock_never_negative(facts):
    """No balance read during the run was below zero, nor any running balance of the ledger."""
    negative_reads = [(item, held) for item, held in facts.balances if held < 0]
    below = {"item": _running_below_zero("item_id"), "lot": _running_below_zero("lot_id")}
    found = negative_reads or below["item"] or below["lot"]
    detail = (
        f"{len(facts.balances)} balances read, {len(negative_reads)} negative; ledger entries "
        f"leaving an item below zero: {below['item']}, a lot: {below['lot']}"
    )
    return Check("stock never negative", not found, detail)


def _running_below_zero(partition):
    """Count ledger entries after which the item's (or lot's) running balance is below zero.

    Entries of one item are written under its row lock, so their ids are the order they
    happened in.
    """
    from django.db.models import F, Sum, Window

    from csc.property.models import Movement

    running = Window(Sum("quantity"), partition_by=[F(partition)], order_by=F("id").asc())
    return Movement.objects.annotate(running=running).filter(running__lt=0).count()


def conflicts_were_stale(facts, world):
    """Every 409 came from a version someone else had already saved over; no save was lost.

    Only the load's edits raise an item's version, so for each item: the successful saves
    started from distinct versions, each gave version + 1, the item ends at its opening version
    plus their number, and every refused save had sent a version a successful one consumed.
    """
    from csc.property.models import PropertyItem

    saved, refused = defaultdict(list), defaultdict(list)
    wrong_step = 0
    for item, sent, status, got in facts.edits:
        if status == 200:
            saved[item].append(sent)
            wrong_step += got != sent + 1
        elif status == 409:
            refused[item].append(sent)
    final = dict(PropertyItem.objects.filter(pk__in=world.items).values_list("pk", "version"))
    lost = sum(len(v) - len(set(v)) for v in saved.values())
    false = sum(1 for item, sents in refused.items() for v in sents if v not in saved[item])
    drift = [
        item for item in world.items
        if final[item] != world.opening_versions[item] + len(saved[item])
    ]  # fmt: skip
    passed = not (lost or false or drift or wrong_step)
    detail = (
        f"{sum(map(len, saved.values()))} saved, {sum(map(len, refused.values()))} refused with "
        f"409; false 409: {false}, lost saves: {lost}, versions off: {len(drift) + wrong_step}"
    )
    return Check("every 409 a real stale version", passed, detail)


def contact_saw_only_its_own(facts, world):
    """Every row the contact listed is its customer's; every foreign record it asked for was 404."""
    from django.apps import apps

    foreign_rows = 0
    seen = 0
    for kind, ids in facts.seen_by_contact.items():
        label, owner = CONTACT_KINDS[kind]
        rows = apps.get_model(label).objects.filter(pk__in=ids)
        seen += len(ids)
        foreign_rows += rows.exclude(**{owner: world.contact_customer}).count()
        foreign_rows += len(ids) - rows.count()  # an id that is no row at all is no better
    opened = [probe for probe in facts.probes if probe[2] != 404]
    detail = (
        f"{seen} rows seen, {foreign_rows} of another customer; {len(facts.probes)} foreign "
        f"records asked for, {len(opened)} shown"
    )
    return Check("contact saw only its own customer", not (foreign_rows or opened), detail)


# --- the report ------------------------------------------------------------------------


def latency_table(facts):
    """Return lines: each operation's count, p50/p95 in ms and its answers by status."""
    by_operation = defaultdict(list)
    for sample in facts.samples:
        by_operation[sample.operation].append(sample)
    lines = [f"{'operation':<24}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}  answers"]
    for name in sorted(by_operation):
        samples = by_operation[name]
        times = [s.ms for s in samples]
        answers = Counter(s.status for s in samples)
        shown = " ".join(f"{status or 'none'}×{n}" for status, n in sorted(answers.items()))
        lines.append(
            f"{name:<24}{len(samples):>7}{percentile(times, 0.5):>9.1f}"
            f"{percentile(times, 0.95):>9.1f}  {shown}"
        )
    return lines
