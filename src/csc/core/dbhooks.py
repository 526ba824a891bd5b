"""Per-connection set-up: the SQLite function the append-only triggers consult."""

import threading

from django.db.backends.signals import connection_created
from django.dispatch import receiver

# Only the test suite's database flush ever unlocks the trail (see conftest).
_state = threading.local()


def trail_locked():
    return 0 if getattr(_state, "unlocked", False) else 1


def unlock_trail_for_flush(unlocked=True):
    _state.unlocked = unlocked


@receiver(connection_created)
def register_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("csc_trail_locked", 0, trail_locked)
