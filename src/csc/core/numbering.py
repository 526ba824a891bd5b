"""Record numbers per type and year, unique and gap-free (REC-5).

The counter row is locked and bumped in the caller's transaction, so a rolled-back creation
gives its number back and two concurrent creations queue on the lock instead of colliding.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import NumberSequence


def next_number(key, prefix, when=None, width=4):
    """Return the next number for ``key`` in the year of ``when``: e.g. 'CC-2026-0001'."""
    year = timezone.localdate(when).year if when else timezone.localdate().year
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_number must run inside the transaction that creates the record")
    sequence = _locked_sequence(key, year)
    sequence.last_value += 1
    sequence.save(update_fields=["last_value"])
    return f"{prefix}-{year}-{sequence.last_value:0{width}d}"


def _locked_sequence(key, year):
    queryset = NumberSequence.objects.select_for_update()
    try:
        return queryset.get(key=key, year=year)
    except NumberSequence.DoesNotExist:
        pass
    try:
        # A savepoint, so losing the race to create the row leaves the caller's transaction usable.
        with transaction.atomic():
            return NumberSequence.objects.create(key=key, year=year)
    except IntegrityError:
        return queryset.get(key=key, year=year)


def reserve_numbers(key, prefix, count, when=None, width=4):
    """Return ``count`` consecutive numbers at once (bulk imports), gap-free like next_number."""
    year = timezone.localdate(when).year if when else timezone.localdate().year
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "reserve_numbers must run inside the transaction that creates the records"
        )
    sequence = _locked_sequence(key, year)
    first = sequence.last_value + 1
    sequence.last_value += count
    sequence.save(update_fields=["last_value"])
    return [f"{prefix}-{year}-{n:0{width}d}" for n in range(first, first + count)]
