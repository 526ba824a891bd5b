"""Settings of the action system, with the seed's values as defaults."""

from csc.core.conf import settings_of

DEFAULTS = {
    # An action opened without a due date is due this many calendar days later.
    "CAPA_DEFAULT_DAYS": 30,
}

setting = settings_of(DEFAULTS)
