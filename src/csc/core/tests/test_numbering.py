"""Record numbers per type and year: readable, restarting each year, unique and gap-free (REC-5)."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections, transaction

from csc.core.models import NumberSequence
from csc.core.numbering import next_number, reserve_numbers

SHANGHAI = ZoneInfo("Asia/Shanghai")
IN_2026 = dt.datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI)
IN_2027 = dt.datetime(2027, 1, 4, 9, 0, tzinfo=SHANGHAI)


def test_numbers_read_prefix_year_and_a_padded_counter(db):
    assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-0001"
    assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-0002"


def test_each_record_type_counts_on_its_own(db):
    assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-0001"
    assert next_number("order", "OR", when=IN_2026) == "OR-2026-0001"
    assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-0002"


def test_numbering_restarts_with_the_new_year(db):
    next_number("complaint", "CC", when=IN_2026)
    next_number("complaint", "CC", when=IN_2026)
    assert next_number("complaint", "CC", when=IN_2027) == "CC-2027-0001"
    assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-0003"


def test_the_year_is_the_company_s_local_year(db):
    # 2026-12-31 17:00 UTC is already 1 January 2027 in Shanghai.
    new_year_in_china = dt.datetime(2026, 12, 31, 17, 0, tzinfo=dt.UTC)
    assert next_number("complaint", "CC", when=new_year_in_china) == "CC-2027-0001"


def test_the_counter_grows_beyond_its_padding(db):
    NumberSequence.objects.create(key="complaint", year=2026, last_value=9999)
    assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-10000"


def test_a_bulk_import_reserves_a_consecutive_block(db):
    next_number("customer", "CU", when=IN_2026)
    block = reserve_numbers("customer", "CU", 3, when=IN_2026)
    assert block == ["CU-2026-0002", "CU-2026-0003", "CU-2026-0004"]
    assert next_number("customer", "CU", when=IN_2026) == "CU-2026-0005"


def test_a_rolled_back_creation_gives_its_number_back(db):
    next_number("complaint", "CC", when=IN_2026)
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-0002"
        raise RuntimeError("the record could not be saved")
    assert next_number("complaint", "CC", when=IN_2026) == "CC-2026-0002"


def test_a_rolled_back_first_number_of_a_year_leaves_no_trace(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        next_number("complaint", "CC", when=IN_2027)
        raise RuntimeError("the record could not be saved")
    assert not NumberSequence.objects.filter(year=2027).exists()
    assert next_number("complaint", "CC", when=IN_2027) == "CC-2027-0001"


def test_a_rolled_back_import_gives_its_block_back(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        reserve_numbers("customer", "CU", 50, when=IN_2026)
        raise RuntimeError("one bad row: nothing imported")
    assert next_number("customer", "CU", when=IN_2026) == "CU-2026-0001"


@pytest.mark.django_db(transaction=True)
def test_numbers_are_refused_outside_a_transaction():
    # Outside a transaction the counter would be committed even if the record is never saved.
    with pytest.raises(RuntimeError, match="inside the transaction"):
        next_number("complaint", "CC", when=IN_2026)
    with pytest.raises(RuntimeError, match="inside the transaction"):
        reserve_numbers("complaint", "CC", 2, when=IN_2026)
    assert not NumberSequence.objects.exists()


# --- concurrent creation (PostgreSQL) -----------------------------------------------------

THREADS = 8
PER_THREAD = 10


def _number_in_parallel(key, prepare=None):
    """Let THREADS threads each take PER_THREAD numbers, one transaction per number."""
    start = threading.Barrier(THREADS)
    taken, errors = [], []
    lock = threading.Lock()

    def worker():
        try:
            start.wait(timeout=30)
            for _ in range(PER_THREAD):
                with transaction.atomic():
                    number = next_number(key, "CC", when=IN_2026)
                with lock:
                    taken.append(number)
        except Exception as exc:  # reported below, so a failing thread cannot hide
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return taken


def _assert_gap_free(numbers, count):
    assert len(numbers) == count
    assert len(set(numbers)) == count, "a number was handed out twice"
    expected = {f"CC-2026-{n:04d}" for n in range(1, count + 1)}
    assert set(numbers) == expected, "a number was skipped"


def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("parallel transactions are tested on PostgreSQL")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_creations_get_distinct_consecutive_numbers():
    _needs_postgres()
    with transaction.atomic():
        NumberSequence.objects.create(key="race", year=2026)
    numbers = _number_in_parallel("race")
    _assert_gap_free(numbers, THREADS * PER_THREAD)
    assert NumberSequence.objects.get(key="race", year=2026).last_value == THREADS * PER_THREAD


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_first_numbers_of_a_new_type_do_not_collide():
    _needs_postgres()
    # No counter row yet: every thread races to create it with its first number.
    numbers = _number_in_parallel("brand-new")
    _assert_gap_free(numbers, THREADS * PER_THREAD)
    assert NumberSequence.objects.filter(key="brand-new").count() == 1


def numbering_calls():
    """Yield (key, prefix, file) of every next_number() call with constant arguments in CSC."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in root.rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "next_number"
                and len(node.args) >= 2
                and all(isinstance(arg, ast.Constant) for arg in node.args[:2])
            ):
                yield node.args[0].value, node.args[1].value, path.name


def test_no_two_kinds_of_record_share_a_number_prefix():
    """SR-2026-0001 must name one record: a service request and a survey round (or a property
    receipt and a recall) once numbered alike."""
    owners = {}
    for key, prefix, _file in numbering_calls():
        owners.setdefault(prefix, set()).add(key)
    assert len(owners) > 20  # every area's numbering was found
    assert {prefix: keys for prefix, keys in owners.items() if len(keys) > 1} == {}
